"""Snippets expand as they are typed in a section, and Ctrl+Z gives the typed code back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.notes.section_edit import SectionEdit

PHRASE = "Demo client denied suicidal ideation, intent or plan."


def _edit(qtbot: QtBot) -> SectionEdit:
    edit = SectionEdit()
    qtbot.addWidget(edit)
    edit.snippets = {";si": PHRASE, ";pl": "Demo plan: weekly sessions."}
    return edit


def test_a_code_expands_when_a_space_follows_it(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    with qtbot.waitSignal(edit.snippet_expanded) as expanded:
        qtbot.keyClicks(edit, "Risk: ;si ")
    assert expanded.args == [";si"]
    assert edit.toPlainText() == f"Risk: {PHRASE} "
    qtbot.keyClicks(edit, "today.")
    assert edit.toPlainText() == f"Risk: {PHRASE} today."


def test_a_full_stop_or_enter_expands_too(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    qtbot.keyClicks(edit, ";pl.")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, ";si")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.toPlainText() == f"Demo plan: weekly sessions..\n{PHRASE}\n"


def test_undo_right_after_restores_exactly_what_was_typed(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    qtbot.keyClicks(edit, "Risk: ;si ")
    edit.undo()
    assert edit.toPlainText() == "Risk: ;si "
    qtbot.keyClicks(edit, "x")  # typing on after the undo leaves the code as typed
    assert edit.toPlainText() == "Risk: ;si x"


def test_ctrl_z_is_the_undo_and_does_not_expand_again(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    qtbot.keyClicks(edit, ";si ")
    # as X11 delivers it: Ctrl+Z carries the control character "\x1a" as its text
    ctrl_z = QKeyEvent(
        QEvent.Type.KeyPress, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, "\x1a"
    )
    QApplication.sendEvent(edit, ctrl_z)
    assert edit.toPlainText() == ";si "


def test_codes_inside_words_or_unknown_codes_stay_as_typed(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    qtbot.keyClicks(edit, "x;si ;sip ;zz ")
    assert edit.toPlainText() == "x;si ;sip ;zz "


def test_a_read_only_section_never_expands(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    edit.setPlainText(";si")
    edit.setReadOnly(True)
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, " ")
    assert edit.toPlainText() == ";si"
