"""Signing refused: every wrong field of the note is listed and marked, the cursor in the first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.notes_support import NotesApp, start_notes_app
from ui.kit.field_marks import is_marked_invalid
from ui.notes.editor import NoteEditor
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault.clients.practice import PracticeDetails, save_practice_details


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> NotesApp:
    notes_app = start_notes_app(qtbot, make_controller, app_settings, existing_vault)
    save_practice_details(notes_app.vault, PracticeDetails(clinician="Demo Clinician"))
    return notes_app


def _note_with_two_mistakes(qtbot: QtBot, app: NotesApp) -> NoteEditor:
    first = app.add_client("Demo Partner Alpha")
    second = app.add_client("Demo Partner Beta")
    app.controller.window.show()
    app.show_client(first)
    app.tab.start_note("soap")
    editor = app.tab.editor
    editor.details.participants.add_participant(second)
    service = editor.details.service_type
    service.setCurrentIndex(service.findData("individual"))  # wrong for two people
    qtbot.keyClicks(editor.details.diagnoses, "F41.1, nonsense")
    qtbot.keyClicks(editor.sections.edits[0], "Demo joint session text")
    return editor


def test_every_wrong_field_is_listed_and_marked(qtbot: QtBot, app: NotesApp) -> None:
    editor = _note_with_two_mistakes(qtbot, app)
    editor.sign()
    assert not editor.is_signed
    lines = editor.error.text().splitlines()
    assert lines[0] == "Not signed: 2 fields to correct"
    assert "individual session has one participant" in lines[1]
    assert "nonsense" in lines[2]
    details = editor.details
    assert is_marked_invalid(details.service_type) and is_marked_invalid(details.diagnoses)
    assert not is_marked_invalid(details.modality)
    assert editor.focusWidget() is details.service_type  # the first of them


def test_the_note_does_not_move_when_the_list_appears(qtbot: QtBot, app: NotesApp) -> None:
    editor = _note_with_two_mistakes(qtbot, app)
    qtbot.wait(20)
    top = editor.details.mapTo(editor, editor.details.rect().topLeft()).y()
    editor.sign()
    qtbot.waitUntil(editor.error.isVisible)
    qtbot.wait(20)
    assert editor.details.mapTo(editor, editor.details.rect().topLeft()).y() == top


def test_correcting_the_fields_clears_the_marks_and_signs(qtbot: QtBot, app: NotesApp) -> None:
    editor = _note_with_two_mistakes(qtbot, app)
    editor.sign()
    details = editor.details
    details.service_type.setCurrentIndex(details.service_type.findData("couples"))
    assert not is_marked_invalid(details.service_type)
    details.diagnoses.clear()
    qtbot.keyClicks(details.diagnoses, "F41.1")
    assert not is_marked_invalid(details.diagnoses)
    editor.sign()
    assert editor.is_signed and not editor.error.isVisible()
