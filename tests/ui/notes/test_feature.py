"""After unlock the window is back where it was: the same client, the same open note."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from tests.ui.notes_support import NotesApp, start_notes_app, write_note
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> NotesApp:
    return start_notes_app(qtbot, make_controller, app_settings, existing_vault)


def test_the_open_note_is_reopened_after_unlock(qtbot: QtBot, app: NotesApp) -> None:
    app.controller.window.show()
    client = app.add_client("Demo Return Person")
    note_id = write_note(app.vault, (client,), "Demo where I was")
    app.show_client(client)
    assert app.tab.open_note(note_id)
    app.controller.lock()
    unlock(qtbot, app.controller)
    assert app.feature.tab is not None
    assert app.workspace.current_client is not None
    assert app.workspace.current_client.id == client
    assert app.tab.currentWidget() is app.tab.editor and app.tab.editor.note_id == note_id


def test_the_client_is_reopened_even_without_a_note(qtbot: QtBot, app: NotesApp) -> None:
    app.controller.window.show()
    client = app.add_client("Demo Return Person")
    app.show_client(client)
    app.controller.lock()
    unlock(qtbot, app.controller)
    assert app.workspace.current_client is not None
    assert app.workspace.current_client.id == client


def test_what_to_reopen_is_forgotten_once_used(qtbot: QtBot, app: NotesApp) -> None:
    app.controller.window.show()
    client = app.add_client("Demo Return Person")
    app.show_client(client)
    app.controller.lock()
    assert app.feature.resume is not None
    unlock(qtbot, app.controller)
    assert app.feature.resume is None
