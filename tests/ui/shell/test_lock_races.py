"""The idle lock landing while vault work is in flight: no error surfaces, nothing is lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.ui.conftest import Answers, unlock
from tests.ui.notes_support import NotesApp, start_notes_app, write_note
from ui.kit.background import jobs_pending
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault import Vault
from vault.notes.records import count_notes


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> NotesApp:
    return start_notes_app(qtbot, make_controller, app_settings, existing_vault)


def _settle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: jobs_pending() == 0, timeout=15_000)
    qtbot.wait(20)


def test_idle_lock_during_a_search_shows_nothing_and_raises_nothing(
    qtbot: QtBot, app: NotesApp, answers: Answers
) -> None:
    client = app.add_client("Demo Race Person")
    for n in range(30):
        write_note(app.vault, (client,), f"Demo gannet words {n}")
    app.search.actions["search_notes"].trigger()
    dialog = app.search.dialog
    assert dialog is not None
    with qtbot.captureExceptions() as raised:
        dialog.query.setText("gannet")
        dialog.run_search()
        app.controller.lock("idle")
        _settle(qtbot)
    assert raised == []
    assert answers.notices == []  # a search cut short by the lock is not an error to report
    assert app.controller.vault is None


def test_idle_lock_during_a_backup_says_it_was_not_kept_and_loses_nothing(
    qtbot: QtBot, app: NotesApp, answers: Answers, tmp_path: Path, app_settings: AppSettings
) -> None:
    client = app.add_client("Demo Backup Race Person")
    for n in range(50):
        write_note(app.vault, (client,), "Demo long words " * 200 + str(n))
    backups = tmp_path / "race-backups"
    backups.mkdir()
    app_settings.backup_folder = backups
    vault_dir = app.vault.directory
    with qtbot.captureExceptions() as raised:
        app.controller.back_up_now()
        app.controller.lock("idle")
        _settle(qtbot)
    assert raised == []
    finished = [p for p in backups.iterdir() if not p.name.startswith(".")]
    if not finished:  # the lock stopped the copy: the therapist is told
        assert any("not finished" in n or "not kept" in n for n in answers.notices)
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert count_notes(again) == 50


def test_a_save_racing_the_lock_is_kept(qtbot: QtBot, app: NotesApp) -> None:
    client = app.add_client("Demo Save Race Person")
    app.show_client(client)
    app.tab.start_note("soap")
    qtbot.keyClicks(app.tab.editor.sections.edits[0], "Demo typed just before the idle lock")
    with qtbot.captureExceptions() as raised:
        app.controller.lock("idle")  # the autosave has not fired yet: the lock saves it
        _settle(qtbot)
    assert raised == []
    unlock(qtbot, app.controller)
    assert app.controller.vault is not None
    assert count_notes(app.controller.vault) == 1
