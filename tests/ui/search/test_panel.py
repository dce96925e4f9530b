"""Note search in the window: as-you-type, escaped snippets, hostile input, Ctrl+F, opening."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers
from tests.ui.notes_support import NotesApp, start_notes_app, write_note
from ui.kit.background import jobs_pending
from ui.search.panel import SearchDialog
from ui.search.results_model import HTML_ROLE
from ui.search.snippet_html import snippet_html
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault.search.engine import DEFAULT_LIMIT
from vault.search.snippets import SnippetSegment


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> NotesApp:
    return start_notes_app(qtbot, make_controller, app_settings, existing_vault)


def _search(app: NotesApp) -> SearchDialog:
    app.search.actions["search_notes"].trigger()
    dialog = app.search.dialog
    assert dialog is not None
    return dialog


def _settle(qtbot: QtBot, dialog: SearchDialog) -> None:
    qtbot.wait(200)  # past the debounce
    qtbot.waitUntil(lambda: jobs_pending() == 0, timeout=5000)
    qtbot.wait(10)


def test_snippets_escape_everything_but_the_highlight() -> None:
    segments = (SnippetSegment("<b>x</b><script>", False), SnippetSegment("match&", True))
    assert snippet_html(segments) == "&lt;b&gt;x&lt;/b&gt;&lt;script&gt;<b>match&amp;</b>"


def test_typing_shows_hits_with_the_note_text_as_literal_text(qtbot: QtBot, app: NotesApp) -> None:
    client = app.add_client("Demo Searchable Person")
    write_note(app.vault, (client,), "Demo marker <b>x</b><script>alert(1)</script> here")
    dialog = _search(app)
    qtbot.keyClicks(dialog.query, "mark")  # a prefix, still being typed
    _settle(qtbot, dialog)
    assert dialog.model.rowCount() == 1
    html = dialog.model.index(0, 0).data(HTML_ROLE)
    assert "<b>marker</b>" in html
    assert "&lt;b&gt;x&lt;/b&gt;&lt;script&gt;" in html and "<script>" not in html
    assert "Demo Searchable Person" in dialog.model.index(0, 0).data()


def test_a_stale_answer_never_replaces_a_newer_one(qtbot: QtBot, app: NotesApp) -> None:
    client = app.add_client("Demo Stale Person")
    write_note(app.vault, (client,), "Demo alpha words")
    write_note(app.vault, (client,), "Demo bravo words")
    dialog = _search(app)
    dialog.query.setText("alpha")
    dialog.run_search()
    dialog.query.setText("bravo")
    dialog.run_search()
    _settle(qtbot, dialog)
    assert dialog.model.rowCount() == 1
    assert "bravo" in dialog.model.index(0, 0).data()


@pytest.mark.parametrize("query", ['"', "NEAR(", "*", "(", 'demo" OR NEAR(a b', "-"])
def test_hostile_queries_show_a_message_never_an_error_dialog(
    qtbot: QtBot, app: NotesApp, answers: Answers, query: str
) -> None:
    client = app.add_client("Demo Hostile Person")
    write_note(app.vault, (client,), "Demo ordinary text")
    dialog = _search(app)
    dialog.query.setText(query)
    _settle(qtbot, dialog)
    assert answers.notices == []
    assert not any(
        isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
    assert dialog.message.text() or dialog.model.rowCount() == 0


def test_filters_narrow_the_results(qtbot: QtBot, app: NotesApp) -> None:
    first = app.add_client("Demo Filter One")
    second = app.add_client("Demo Filter Two")
    write_note(app.vault, (first,), "Demo sleep diary")
    write_note(app.vault, (second,), "Demo sleep hygiene")
    write_note(app.vault, (second,), "Demo sleep thoughts", template="process")
    dialog = _search(app)
    dialog.query.setText("sleep")
    _settle(qtbot, dialog)
    assert dialog.model.rowCount() == 2  # process notes only when asked for
    dialog.include_process.setChecked(True)
    _settle(qtbot, dialog)
    assert dialog.model.rowCount() == 3
    dialog.client.setCurrentIndex(dialog.client.findData(first))
    _settle(qtbot, dialog)
    assert dialog.model.rowCount() == 1


def test_ctrl_f_focuses_search_from_anywhere(qtbot: QtBot, app: NotesApp) -> None:
    window = app.controller.window
    window.activateWindow()
    app.workspace.list_panel.view.setFocus()
    qtbot.keyClick(app.workspace.list_panel.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = app.search.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: dialog.query.hasFocus(), timeout=2000)


def test_opening_a_result_opens_the_note_for_its_client(qtbot: QtBot, app: NotesApp) -> None:
    other = app.add_client("Demo Elsewhere Person")
    target = app.add_client("Demo Target Person")
    note_id = write_note(app.vault, (target,), "Demo unusualword in the note")
    app.show_client(other)
    dialog = _search(app)
    dialog.query.setText("unusualword")
    _settle(qtbot, dialog)
    dialog.results.activated.emit(dialog.model.index(0, 0))
    assert app.workspace.current_client is not None
    assert app.workspace.current_client.id == target
    assert app.workspace.detail.tabs.currentWidget() is app.tab
    assert app.tab.currentWidget() is app.tab.editor and app.tab.editor.note_id == note_id
    assert not dialog.isVisible()


def test_locking_forgets_the_search(qtbot: QtBot, app: NotesApp) -> None:
    dialog = _search(app)
    dialog.query.setText("anything")
    app.controller.lock()
    assert app.search.dialog is None
    assert not app.search.actions["search_notes"].isEnabled()


def test_scrolling_to_the_end_brings_the_next_page(qtbot: QtBot, app: NotesApp) -> None:
    client = app.add_client("Demo Paging Person")
    for n in range(DEFAULT_LIMIT + 5):
        write_note(app.vault, (client,), f"Demo pelican number {n}")
    dialog = _search(app)
    qtbot.keyClicks(dialog.query, "pelican")
    _settle(qtbot, dialog)
    assert dialog.model.rowCount() == DEFAULT_LIMIT
    assert dialog.model.canFetchMore(QModelIndex())
    dialog.results.scrollToBottom()
    dialog.model.fetchMore(QModelIndex())
    _settle(qtbot, dialog)
    assert dialog.model.rowCount() == DEFAULT_LIMIT + 5
    assert not dialog.model.canFetchMore(QModelIndex())
    assert dialog.shown_text == "pelican"


def test_a_short_first_page_is_followed_by_older_notes_at_once(
    qtbot: QtBot, app: NotesApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("vault.search.candidates.RANK_WINDOW", 2)
    client = app.add_client("Demo Short Page Person")
    for n in range(5):
        write_note(app.vault, (client,), f"Demo cormorant {n}")
    dialog = _search(app)
    qtbot.keyClicks(dialog.query, "cormorant")
    _settle(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 5, timeout=5000)
