"""Deciding an amendment request in its dialog: a statement of disagreement typed before the
decision became Accepted stays editable, and the vault's refusal shows under it; the reason,
kept with either decision, is never greyed out."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.notes_support import NotesApp
from ui.consent.request_dialogs import DecideDialog
from vault.consent.requests import get_amendment_request, receive_amendment_request
from vault.notes.addenda import add_amendment
from vault.notes.model import NoteInput
from vault.notes.records import create_note_from_text
from vault.notes.signing import sign_note


def test_a_statement_with_an_acceptance_is_refused_under_it_and_can_be_cleared(
    qtbot: QtBot, app: NotesApp
) -> None:
    client = app.add_client("Demo Asking Client")
    request = receive_amendment_request(
        app.vault, client, received_on=date.today(), what_asked="Demo: fix the date"
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = DecideDialog(app.vault, request, parent)
    dialog.decision.setCurrentIndex(dialog.decision.findData("denied"))
    dialog.disagreement.setPlainText("Demo: I see it otherwise")
    dialog.decision.setCurrentIndex(dialog.decision.findData("accepted"))
    assert dialog.disagreement.isEnabled()  # it holds text, so it can still be cleared
    assert dialog.reason.isEnabled()  # saved with an acceptance too, as a note on it
    assert dialog.reason.placeholderText() == "A note on the decision, if any"
    dialog.disagreement.clear()
    assert not dialog.disagreement.isEnabled()  # empty and not applicable: greyed


def test_the_refusal_shows_under_the_statement_and_nothing_is_written(
    qtbot: QtBot, app: NotesApp
) -> None:
    client = app.add_client("Demo Asking Client")
    note = create_note_from_text(
        app.vault,
        NoteInput(
            kind="free", session_start="2026-03-02T14:00", participants=(client,), body="Demo"
        ),
    )
    sign_note(app.vault, note, "Demo Clinician")
    request = receive_amendment_request(
        app.vault, client, received_on=date(2026, 3, 3), what_asked="Demo: fix", note_id=note
    )
    add_amendment(
        app.vault, note, text="Demo fix", reason="Demo asked", author="Demo",
        requested_by=client, request_received_on="2026-03-03",
    )  # fmt: skip
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = DecideDialog(app.vault, request, parent)
    dialog.decision.setCurrentIndex(dialog.decision.findData("accepted"))
    assert dialog.amendment.count() == 1
    dialog.disagreement.setPlainText("Demo: I see it otherwise")
    dialog.accept()
    error = dialog.field_errors["disagreement"]
    assert not error.isHidden() and "goes with a denial" in error.text()
    assert dialog.disagreement.toPlainText() == "Demo: I see it otherwise"  # nothing lost
    assert get_amendment_request(app.vault, request.id).decision is None
    dialog.disagreement.clear()
    qtbot.keyClicks(dialog.reason, "Demo: <b>agreed</b> the date was wrong")
    dialog.accept()
    decided = get_amendment_request(app.vault, request.id)
    assert decided.decision == "accepted"
    assert decided.reason == "Demo: <b>agreed</b> the date was wrong"
