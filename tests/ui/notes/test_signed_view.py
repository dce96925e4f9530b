"""A signed note as a document: escaped, findable, copyable, printable, reachable by menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from tests.ui.notes_support import NotesApp, start_notes_app, write_note
from ui.kit import prompts
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault.clients.practice import PracticeDetails, save_practice_details
from vault.notes.signing import sign_note


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> NotesApp:
    return start_notes_app(qtbot, make_controller, app_settings, existing_vault)


def _open_signed(app: NotesApp, text: str) -> int:
    save_practice_details(app.vault, PracticeDetails(clinician="Demo Clinician"))
    client = app.add_client("Demo Reader Person")
    note_id = write_note(app.vault, (client,), text)
    sign_note(app.vault, note_id, "Demo Clinician")
    app.show_client(client)
    assert app.tab.open_note(note_id)
    return note_id


def test_a_signed_note_is_a_document_with_its_text_escaped(app: NotesApp) -> None:
    _open_signed(app, "Demo wrote <b>not bold</b> & more")
    view = app.tab.editor.signed_view
    assert app.tab.editor.body.currentWidget() is view
    assert "Demo wrote <b>not bold</b> & more" in view.plain_text()
    assert "Signed by Demo Clinician" in view.plain_text()


def test_find_highlights_every_match_and_counts_them(app: NotesApp) -> None:
    _open_signed(app, "Demo anxious at work. Less anxious at home.")
    view = app.tab.editor.signed_view
    assert view.highlight("anxious") == 2
    assert view.find_count.text() == "2 matches"


def test_ctrl_f_inside_a_signed_note_opens_find_not_note_search(
    qtbot: QtBot, app: NotesApp
) -> None:
    _open_signed(app, "Demo findable words")
    app.controller.window.show()
    editor = app.tab.editor
    editor.signed_view.document_view.setFocus()
    qtbot.waitUntil(editor.signed_view.document_view.hasFocus)
    qtbot.keyClick(
        editor.signed_view.document_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
    )
    assert editor.signed_view.find_bar.isVisible()
    assert app.search.dialog is None or not app.search.dialog.isVisible()


def test_opening_a_search_hit_highlights_the_match(app: NotesApp) -> None:
    note_id = _open_signed(app, "Demo spoke of the gannet colony")
    client = app.vault.db.query_one(
        "SELECT client_id FROM note_participants WHERE note_id = ?", (note_id,)
    )
    assert client is not None
    assert app.feature.open_note(note_id, (int(client[0]),), "gannet")
    view = app.tab.editor.signed_view
    assert view.find_bar.isVisibleTo(app.tab.editor)
    assert view.document_view.textCursor().selectedText() == "gannet"


def test_copy_puts_the_whole_note_on_the_clipboard(app: NotesApp) -> None:
    _open_signed(app, "Demo copied words")
    app.feature.actions["copy_note"].trigger()
    assert "Demo copied words" in QGuiApplication.clipboard().text()


def test_print_sends_the_document_to_the_chosen_printer(
    app: NotesApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open_signed(app, "Demo printed words")
    target = tmp_path / "printed.pdf"

    def printer(_parent: object, _title: str) -> QPrinter:
        chosen = QPrinter()
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(target))
        return chosen

    monkeypatch.setattr(prompts, "choose_printer", printer)
    app.feature.actions["print_note"].trigger()
    assert target.stat().st_size > 0


def test_addendum_and_amendment_are_in_the_note_menu_with_shortcuts(app: NotesApp) -> None:
    menu = app.controller.window.note_menu
    shortcuts = {a.text(): a.shortcut().toString() for a in menu.actions()}
    assert shortcuts["&Add Addendum…"] == "Ctrl+Shift+D"
    assert shortcuts["&Record Amendment…"] == "Ctrl+Shift+M"
    assert shortcuts["&Print Note…"] == "Ctrl+P"


def test_the_addendum_command_opens_the_dialog_for_the_signed_note(app: NotesApp) -> None:
    _open_signed(app, "Demo text")
    app.feature.actions["add_addendum"].trigger()
    assert app.tab.editor.addendum_dialog is not None
