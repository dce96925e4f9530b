"""The note editor expands the vault's snippets in every section, and notices new ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.notes_support import NotesApp, start_notes_app
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault.notes.records import get_note
from vault.notes.snippets import add_snippet

PHRASE = "Demo client denied suicidal ideation, intent or plan."


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> NotesApp:
    return start_notes_app(qtbot, make_controller, app_settings, existing_vault)


def test_a_snippet_expands_in_a_section_and_is_saved_expanded(qtbot: QtBot, app: NotesApp) -> None:
    add_snippet(app.vault, ";si", PHRASE)
    app.show_client(app.add_client("Demo Snippet Client"))
    app.tab.start_note("soap")
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[0], "Risk: ;si ")
    assert editor.sections.edits[0].toPlainText() == f"Risk: {PHRASE} "
    assert editor.status.text() == ";si expanded; Ctrl+Z puts the code back"
    assert editor.save_now() and editor.note_id is not None
    assert get_note(app.vault, editor.note_id).content.sections[0].text == f"Risk: {PHRASE} "


def test_a_snippet_added_while_a_note_is_open_works_once_the_section_has_focus_again(
    qtbot: QtBot, app: NotesApp
) -> None:
    app.show_client(app.add_client("Demo Snippet Client"))
    app.tab.start_note("soap")
    edit = app.tab.editor.sections.edits[1]
    qtbot.keyClicks(edit, ";pl ")
    assert edit.toPlainText() == ";pl "
    add_snippet(app.vault, ";pl", "Demo plan: weekly sessions.")  # as Settings would
    edit.focused.emit()  # what focusing the section again does
    qtbot.keyClicks(edit, ";pl ")
    assert edit.toPlainText() == ";pl Demo plan: weekly sessions. "
