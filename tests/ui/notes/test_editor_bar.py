"""The row above a note: a long message is elided, so it never widens (or squeezes) the window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.notes.editor_bar import EditorBar


def test_a_long_status_message_does_not_widen_the_bar(qtbot: QtBot) -> None:
    bar = EditorBar()
    qtbot.addWidget(bar)
    bar.show_for(signed=False)
    narrow = bar.minimumSizeHint().width()
    message = "Copied 4 sections from the note of 1 Dec: edit each to confirm (1 section kept)."
    bar.status.setText(message)
    assert bar.minimumSizeHint().width() == narrow
    assert bar.status.toolTip() == message  # the whole text is still there to read


def test_draft_and_signed_notes_get_their_own_buttons(qtbot: QtBot) -> None:
    bar = EditorBar()
    qtbot.addWidget(bar)
    bar.show_for(signed=True)
    assert not bar.previous_button.isVisibleTo(bar) and bar.print_button.isVisibleTo(bar)
    bar.show_for(signed=False)
    assert bar.previous_button.isVisibleTo(bar) and not bar.print_button.isVisibleTo(bar)
