"""The unlock screen: success, and the right message for each way opening can fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.ui.conftest import Answers, unlock
from ui.shell.controller import AppController
from ui.shell.main_window import LOCKED_TITLE, TITLE
from ui.shell.settings_store import AppSettings
from vault import Vault
from vault.clients.records import ClientProfile, add_client, list_clients
from vault.store.backup import backup_vault
from vault.store.kdf import floor_params


def start_on(
    make_controller: Callable[[], AppController], settings: AppSettings, path: Path
) -> AppController:
    settings.last_vault_path = path
    controller = make_controller()
    controller.start()
    return controller


def test_right_passphrase_opens_the_workspace(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> None:
    controller = start_on(make_controller, app_settings, existing_vault)
    assert controller.window.windowTitle() == LOCKED_TITLE
    assert controller.wizard is None  # a known vault goes straight to unlocking
    screen = controller.window.unlock_screen
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.vault is not None, timeout=15_000)
    assert controller.window.workspace is not None
    assert controller.window.windowTitle() == TITLE
    assert screen.passphrase.text() == ""


def test_wrong_passphrase_says_so_and_stays_locked(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> None:
    controller = start_on(make_controller, app_settings, existing_vault)
    unlock(qtbot, controller, "not the passphrase at all")
    screen = controller.window.unlock_screen
    assert controller.vault is None
    assert "not correct" in screen.message.text()
    assert not screen.restore_button.isVisibleTo(controller.window)
    unlock(qtbot, controller)  # and the right one still works afterwards
    assert controller.vault is not None


def test_vault_in_use_elsewhere_is_explained(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> None:
    other_window = Vault.open(existing_vault, PASSPHRASE)
    try:
        controller = start_on(make_controller, app_settings, existing_vault)
        unlock(qtbot, controller)
        assert controller.vault is None
        assert "already open in another Confidant window" in (
            controller.window.unlock_screen.message.text()
        )
    finally:
        other_window.close()


def test_damaged_vault_offers_restore_from_backup(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
    tmp_path: Path,
    answers: Answers,
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    with Vault.open(existing_vault, PASSPHRASE) as v:
        add_client(v, ClientProfile(full_name="Demo Restored Person"))
        backup = backup_vault(v, backups)
    (existing_vault / "confidant-vault.json").write_text("{ damaged")
    controller = start_on(make_controller, app_settings, existing_vault)
    unlock(qtbot, controller)
    screen = controller.window.unlock_screen
    assert controller.vault is None
    assert "damaged" in screen.message.text()
    assert screen.restore_button.isVisibleTo(controller.window)

    answers.folder = backup
    screen.passphrase.setText(PASSPHRASE)
    screen.restore_button.click()
    qtbot.waitUntil(lambda: controller.vault is not None, timeout=15_000)
    assert [c.full_name for c in list_clients(controller.vault)] == ["Demo Restored Person"]


def test_missing_vault_offers_open_another_or_create(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
    tmp_path: Path,
    answers: Answers,
) -> None:
    controller = start_on(make_controller, app_settings, tmp_path / "gone.vault")
    screen = controller.window.unlock_screen
    assert "No vault was found" in screen.message.text()
    assert screen.open_button.isVisibleTo(controller.window)
    assert screen.create_button.isVisibleTo(controller.window)
    unlock(qtbot, controller)
    assert "No vault was found" in screen.message.text()

    answers.folder = existing_vault
    screen.open_button.click()
    assert screen.vault_path == existing_vault
    unlock(qtbot, controller)
    assert controller.vault is not None
    assert app_settings.last_vault_path == existing_vault


def test_opening_a_folder_that_is_not_a_vault_is_refused(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
    tmp_path: Path,
    answers: Answers,
) -> None:
    controller = start_on(make_controller, app_settings, existing_vault)
    answers.folder = tmp_path
    controller.open_other_vault()
    screen = controller.window.unlock_screen
    assert "is not a Confidant vault" in screen.message.text()
    assert screen.vault_path == existing_vault


@pytest.mark.usefixtures("uncached_key_derivation")
def test_event_loop_keeps_running_during_key_derivation(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    tmp_path: Path,
) -> None:
    slow = floor_params()
    slow = type(slow)(slow.memory_kib, slow.time_cost * 4, slow.parallelism, slow.salt)
    path = tmp_path / "slow.vault"
    Vault.create(path, PASSPHRASE, kdf_params=slow).close()
    controller = start_on(make_controller, app_settings, path)
    ticks: list[int] = []
    timer = QTimer(controller.window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    screen = controller.window.unlock_screen
    screen.passphrase.setText(PASSPHRASE)
    screen.attempt_unlock()
    assert screen.busy and screen.busy_bar.isVisibleTo(controller.window)
    qtbot.waitUntil(lambda: controller.vault is not None, timeout=30_000)
    timer.stop()
    assert len(ticks) >= 5, "the GUI thread was blocked while Argon2 ran"


def test_settings_file_holds_paths_and_numbers_only(
    qtbot: QtBot,
    unlocked: AppController,
    settings_path: Path,
) -> None:
    workspace = unlocked.window.workspace
    assert workspace is not None
    workspace.new_client()
    workspace.form.widgets["full_name"].setText("Demo Settingsprobe")
    assert workspace.save()
    workspace.focus_filter()
    qtbot.keyClicks(workspace.list_panel.filter_edit, "Settingsprobe")
    unlocked.lock()
    unlocked.settings.sync()
    text = settings_path.read_text()
    assert "vault" in text.lower()
    assert "Settingsprobe" not in text
