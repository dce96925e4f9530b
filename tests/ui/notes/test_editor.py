"""Writing a note in the window: autosave, lock, signing, addenda, joint and process notes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers, unlock
from tests.ui.notes_support import NotesApp, start_notes_app, write_note
from ui.notes import editor as note_editor
from ui.notes import signer
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault.clients.practice import PracticeDetails, load_practice_details, save_practice_details
from vault.notes.records import get_note, note_body
from vault.notes.signing import note_signature_is_intact
from vault.notes.unsigned import list_unsigned_notes


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> NotesApp:
    return start_notes_app(qtbot, make_controller, app_settings, existing_vault)


def _new_note(app: NotesApp, template: str = "soap") -> int:
    client = app.add_client("Demo Writer Person")
    app.show_client(client)
    app.tab.start_note(template)
    return client


def test_a_new_note_autosaves_after_typing_stops_and_survives_closing(
    qtbot: QtBot, app: NotesApp
) -> None:
    _new_note(app)
    editor = app.tab.editor
    assert app.tab.currentWidget() is editor
    assert editor.note_id is None  # nothing stored before the first keystroke
    qtbot.keyClicks(editor.sections.edits[0], "Demo said the week went well")
    assert editor.status.text() == "Saving…"
    qtbot.waitUntil(lambda: editor.note_id is not None, timeout=3000)
    assert editor.status.text().startswith("Saved")
    note_id = editor.note_id
    assert note_id is not None
    assert "Demo said the week went well" in (note_body(app.vault, note_id) or "")
    assert editor.close_editor()
    assert app.tab.currentWidget() is app.tab.timeline_page
    assert app.tab.model.note_id_at(0) == note_id
    assert app.tab.model.index(0, 3).data() == "Demo said the week went well"


def test_steady_typing_is_still_saved_within_two_seconds(qtbot: QtBot, app: NotesApp) -> None:
    _new_note(app)
    editor = app.tab.editor
    for _ in range(8):  # a keystroke every 300 ms never lets the one-second pause happen
        qtbot.keyClicks(editor.sections.edits[0], "x")
        qtbot.wait(300)
        if editor.note_id is not None:
            break
    assert editor.note_id is not None


def test_locking_while_typing_keeps_the_text(qtbot: QtBot, app: NotesApp) -> None:
    client = _new_note(app)
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[1], "Demo observed calm affect")
    app.controller.lock()  # before the autosave delay has passed
    assert app.controller.vault is None
    unlock(qtbot, app.controller)
    app.show_client(client)
    note_id = app.tab.model.note_id_at(0)
    assert note_id is not None
    assert get_note(app.vault, note_id).content.sections[1].text == "Demo observed calm affect"


def test_signing_shows_the_note_as_a_document_with_its_signature(
    qtbot: QtBot, app: NotesApp, answers: Answers
) -> None:
    save_practice_details(app.vault, PracticeDetails(clinician="Demo Clinician"))
    _new_note(app)
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[0], "Demo content to sign")
    editor.sign()
    assert "Sign Note" in answers.asked
    assert editor.is_signed and editor.note_id is not None
    assert editor.body.currentWidget() is editor.signed_view
    assert not editor.bar.sign_button.isVisibleTo(editor)
    assert editor.bar.addendum_button.isVisibleTo(editor)
    signature = editor.signed_view.plain_text()
    assert "Demo Clinician" in signature
    assert get_note(app.vault, editor.note_id).signature.content_sha256 in signature  # type: ignore[union-attr]
    assert note_signature_is_intact(app.vault, editor.note_id)


def test_without_a_clinician_name_signing_asks_for_one(
    qtbot: QtBot, app: NotesApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signer, "ask_signer_name", lambda _parent: "Demo Asked Name")
    _new_note(app)
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[0], "Demo text")
    editor.sign()
    assert editor.note is not None and editor.note.signature is not None
    assert editor.note.signature.signed_by == "Demo Asked Name"
    assert load_practice_details(app.vault).clinician == "Demo Asked Name"  # asked only once


def test_a_declined_confirmation_leaves_the_note_unsigned(
    qtbot: QtBot, app: NotesApp, answers: Answers
) -> None:
    save_practice_details(app.vault, PracticeDetails(clinician="Demo Clinician"))
    answers.confirm = False
    _new_note(app)
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[0], "Demo text")
    editor.sign()
    assert not editor.is_signed and not editor.sections.edits[0].isReadOnly()


def test_the_vaults_refusal_to_sign_is_shown_in_its_words(qtbot: QtBot, app: NotesApp) -> None:
    save_practice_details(app.vault, PracticeDetails(clinician="Demo Clinician"))
    _new_note(app)
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[0], "Demo text")
    qtbot.keyClicks(editor.details.diagnoses, "not a code")
    editor.sign()
    assert not editor.is_signed
    assert "ICD-10-CM" in editor.error.text() and editor.error.isVisibleTo(editor)


def _signed_note(qtbot: QtBot, app: NotesApp) -> int:
    save_practice_details(app.vault, PracticeDetails(clinician="Demo Clinician"))
    _new_note(app)
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[0], "Demo signed text")
    editor.sign()
    assert editor.note_id is not None
    return editor.note_id


def test_an_addendum_written_in_the_dialog_shows_under_the_note(
    qtbot: QtBot, app: NotesApp
) -> None:
    note_id = _signed_note(qtbot, app)
    editor = app.tab.editor
    editor.write_addendum(amendment=False)
    dialog = editor.addendum_dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.text, "Demo later clarification")
    ok.click()  # no reason yet: the vault refuses, the dialog stays
    assert dialog.isVisible() and "reason" in dialog.error.text()
    qtbot.keyClicks(dialog.reason, "Demo remembered a detail")
    ok.click()
    assert "Demo later clarification" in editor.signed_view.plain_text()
    assert [a.reason for a in get_note(app.vault, note_id).addenda] == ["Demo remembered a detail"]


def test_an_amendment_names_who_asked_and_when(qtbot: QtBot, app: NotesApp) -> None:
    note_id = _signed_note(qtbot, app)
    editor = app.tab.editor
    editor.write_addendum(amendment=True)
    dialog = editor.addendum_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.text, "Demo corrected date of onset")
    qtbot.keyClicks(dialog.reason, "Client's correction request")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    amendment = get_note(app.vault, note_id).addenda[0]
    assert amendment.kind == "amendment"
    assert amendment.requested_by == get_note(app.vault, note_id).content.participants[0]
    assert amendment.request_received_on is not None


def test_a_joint_note_shows_under_both_clients(qtbot: QtBot, app: NotesApp) -> None:
    first = app.add_client("Demo Partner Alpha")
    second = app.add_client("Demo Partner Beta")
    app.show_client(first)
    app.tab.start_note("soap")
    editor = app.tab.editor
    editor.details.service_type.setCurrentIndex(editor.details.service_type.findData("couples"))
    editor.details.participants.add_participant(second)
    assert all(combo.isVisibleTo(editor) for combo in editor.sections.privacy)
    qtbot.keyClicks(editor.sections.edits[0], "Demo joint session")
    assert editor.save_now()
    note_id = editor.note_id
    app.show_client(second)
    assert app.tab.currentWidget() is app.tab.timeline_page
    assert app.tab.model.note_id_at(0) == note_id
    assert get_note(app.vault, note_id).content.participants == (first, second)  # type: ignore[arg-type]


def test_adding_a_second_participant_makes_the_session_a_couples_one(
    qtbot: QtBot, app: NotesApp
) -> None:
    first = app.add_client("Demo Pair Gamma")
    second = app.add_client("Demo Pair Delta")
    app.show_client(first)
    app.tab.start_note("soap")
    details = app.tab.editor.details
    assert details.service_type.currentData() == "individual"
    details.participants.add_participant(second)
    assert details.service_type.currentData() == "couples"
    details.participants.list.setCurrentRow(1)
    details.participants.remove_button.click()
    assert details.service_type.currentData() == "individual"


def test_a_section_can_be_private_to_one_participant(qtbot: QtBot, app: NotesApp) -> None:
    first = app.add_client("Demo Private One")
    second = app.add_client("Demo Private Two")
    note_id = write_note(app.vault, (first, second), "Demo shared", service="couples")
    app.show_client(first)
    assert app.tab.open_note(note_id)
    combo = app.tab.editor.sections.privacy[1]
    combo.setCurrentIndex(combo.findData(second))
    combo.activated.emit(combo.currentIndex())
    assert app.tab.editor.save_now()
    assert get_note(app.vault, note_id).content.sections[1].private_to == second


def test_a_process_note_is_visibly_marked(qtbot: QtBot, app: NotesApp) -> None:
    _new_note(app, "process")
    banner = app.tab.editor.banner
    assert banner.isVisibleTo(app.tab.editor)
    assert banner.text().startswith("Psychotherapy note — kept apart from the clinical record")


def test_unsigned_notes_are_listed_oldest_first_and_open_for_editing(
    qtbot: QtBot, app: NotesApp
) -> None:
    first = app.add_client("Demo Backlog One")
    second = app.add_client("Demo Backlog Two")
    older = write_note(app.vault, (second,), "Demo older draft", when="2026-01-05T09:00")
    write_note(app.vault, (first,), "Demo newer draft", when="2026-02-05T09:00")
    app.show_client(first)
    app.feature.actions["unsigned_notes"].trigger()
    dialog = app.feature.unsigned
    assert dialog is not None and dialog.tree.topLevelItemCount() == 2
    assert dialog.tree.topLevelItem(0).text(3) == "Demo older draft"  # type: ignore[union-attr]
    dialog.open_selected()
    assert app.workspace.current_client is not None
    assert app.workspace.current_client.id == second
    assert app.tab.currentWidget() is app.tab.editor and app.tab.editor.note_id == older
    assert app.tab.editor.sections.edits[0].toPlainText() == "Demo older draft"


def test_switching_client_saves_the_note_being_written(qtbot: QtBot, app: NotesApp) -> None:
    _new_note(app)
    other = app.add_client("Demo Someone Else")
    qtbot.keyClicks(app.tab.editor.sections.edits[0], "Demo unsaved words")
    app.show_client(other)
    assert app.tab.currentWidget() is app.tab.timeline_page
    drafts = [s.first_line for s in list_unsigned_notes(app.vault)]
    assert drafts == ["Demo unsaved words"]


def _make_saves_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    from vault import DiskFullError

    def full_disk(*_args: object, **_kwargs: object) -> int:
        raise DiskFullError("the vault folder")

    monkeypatch.setattr(note_editor, "autosave_note", full_disk)


def test_a_note_that_cannot_be_saved_keeps_the_therapist_on_it_when_switching_client(
    qtbot: QtBot, app: NotesApp, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    _new_note(app)
    other = app.add_client("Demo Other Person")
    editor = app.tab.editor
    _make_saves_fail(monkeypatch)
    qtbot.keyClicks(editor.sections.edits[0], "Demo text that cannot be saved")
    answers.confirm = False  # "cancel, stay with it"
    assert not app.workspace.go_to_client(other)
    assert "Note not saved" in answers.asked
    assert app.tab.currentWidget() is editor
    assert editor.sections.edits[0].toPlainText() == "Demo text that cannot be saved"


def test_locking_when_the_note_cannot_be_saved_says_so_on_the_lock_screen(
    qtbot: QtBot, app: NotesApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    _new_note(app)
    editor = app.tab.editor
    _make_saves_fail(monkeypatch)
    qtbot.keyClicks(editor.sections.edits[0], "Demo text that cannot be saved")
    app.controller.lock()
    assert app.controller.vault is None
    message = app.controller.window.unlock_screen.message.text()
    assert "could not be saved" in message and "full" in message
