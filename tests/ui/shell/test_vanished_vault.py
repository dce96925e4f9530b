"""The vault's folder vanishing while the window is open: said at once, and no typing is lost."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers, unlock
from tests.ui.notes_support import NotesApp, start_notes_app
from ui.kit import held_edits
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault.notes.records import note_body
from vault.notes.unsigned import list_unsigned_notes

TYPED = "Demo words typed while the drive was out"


@pytest.fixture(autouse=True)
def no_held_edits() -> Iterator[None]:
    held_edits.forget_all()
    yield
    held_edits.forget_all()


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> NotesApp:
    return start_notes_app(qtbot, make_controller, app_settings, existing_vault)


def _type_a_note(qtbot: QtBot, app: NotesApp) -> None:
    client = app.add_client("Demo Drive Person")
    app.show_client(client)
    app.tab.start_note("soap")
    qtbot.keyClicks(app.tab.editor.sections.edits[0], TYPED)


def test_a_vanished_folder_is_said_at_once(
    qtbot: QtBot, app: NotesApp, answers: Answers, tmp_path: Path
) -> None:
    vault_dir = app.vault.directory
    vault_dir.rename(tmp_path / "drive-pulled")
    app.controller._check_vault_present()
    assert any("folder is gone" in n for n in answers.notices)
    app.controller._check_vault_present()  # said once, not every few seconds
    assert len([n for n in answers.notices if "folder is gone" in n]) == 1


def test_a_note_that_could_not_be_saved_at_lock_is_kept_and_saved_at_the_next_unlock(
    qtbot: QtBot, app: NotesApp, answers: Answers, tmp_path: Path
) -> None:
    _type_a_note(qtbot, app)
    vault_dir = app.vault.directory
    away = tmp_path / "drive-pulled"
    vault_dir.rename(away)
    app.controller.lock()
    screen = app.controller.window.unlock_screen
    assert "kept in memory" in screen.message.text()
    assert [e.what for e in held_edits.held()] == ["the note being written"]
    away.rename(vault_dir)  # the drive is back
    unlock(qtbot, app.controller)
    assert app.controller.vault is not None
    assert held_edits.held() == ()
    assert any("Unsaved work saved" in n for n in answers.notices)
    bodies = [note_body(app.controller.vault, s.id) or "" for s in list_unsigned_notes(app.vault)]
    assert any(TYPED in body for body in bodies)


def test_quitting_with_held_work_asks_first(
    qtbot: QtBot, app: NotesApp, answers: Answers, tmp_path: Path
) -> None:
    _type_a_note(qtbot, app)
    app.vault.directory.rename(tmp_path / "drive-pulled")
    app.controller.lock()  # the note could not be saved: it is held in memory
    answers.confirm = False
    assert not app.controller._may_close()
    assert "Unsaved work would be lost" in answers.asked
    assert held_edits.held() != ()
