"""The backups feature in the window: the status line's states, backups at lock, restore."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.ui.conftest import unlock
from ui.backups.feature import BackupsFeature
from ui.backups.restore_dialog import RestoreDialog
from ui.kit.background import wait_for_workers
from ui.shell.app import register_features
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault.clients.records import ClientProfile, add_client, list_clients
from vault.store.backup import backup_vault
from vault.store.backup_catalog import list_backups


@pytest.fixture
def drive(tmp_path: Path) -> Path:
    path = tmp_path / "DEMO-DRIVE"
    path.mkdir()
    return path


@pytest.fixture
def start_app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> Iterator[Callable[[Path | None], tuple[AppController, BackupsFeature]]]:
    def start(folder: Path | None) -> tuple[AppController, BackupsFeature]:
        app_settings.last_vault_path = existing_vault
        app_settings.backup_folder = folder
        controller = make_controller()
        features = register_features(controller)
        controller.start()
        unlock(qtbot, controller)
        assert controller.vault is not None
        return controller, features.backups

    yield start
    wait_for_workers()  # no backup of this test outlives it


def _complete(folder: Path) -> list[Path]:
    return [e.path for e in list_backups(folder) if e.complete]


def test_without_a_folder_the_status_bar_warns(qtbot, start_app):
    _controller, feature = start_app(None)
    qtbot.waitUntil(lambda: "No backup folder is set" in feature.label.text(), timeout=10_000)
    assert feature.label.warning


def test_before_any_unlock_the_status_bar_says_nothing_of_backups(
    qtbot, make_controller, app_settings, existing_vault
):
    """The unlock screen (and the first-run wizard) come before there is a vault to back up."""
    app_settings.last_vault_path = existing_vault
    app_settings.backup_folder = None
    controller = make_controller()
    features = register_features(controller)
    controller.start()
    features.backups.refresh_status()
    assert features.backups.label.text() == "" and not features.backups.label.warning
    unlock(qtbot, controller)
    qtbot.waitUntil(
        lambda: "No backup folder is set" in features.backups.label.text(), timeout=10_000
    )


def test_a_missing_drive_is_said_in_the_status_bar(qtbot, start_app, tmp_path):
    _controller, feature = start_app(tmp_path / "UNPLUGGED")
    qtbot.waitUntil(lambda: "is missing" in feature.label.text(), timeout=10_000)
    assert "UNPLUGGED" in feature.label.text() and feature.label.warning


def test_unlock_then_lock_back_up_and_the_status_says_when_and_where(qtbot, start_app, drive):
    controller, feature = start_app(drive)
    qtbot.waitUntil(lambda: len(_complete(drive)) == 1, timeout=15_000)  # none yet: due
    assert controller.vault is not None
    add_client(controller.vault, ClientProfile(full_name="Demo Locked Away"))
    controller.lock()
    qtbot.waitUntil(lambda: len(_complete(drive)) == 2, timeout=15_000)
    qtbot.waitUntil(
        lambda: feature.label.text() == "Last verified backup: just now, on DEMO-DRIVE",
        timeout=10_000,
    )
    assert not feature.label.warning


def test_locking_with_nothing_changed_writes_no_second_backup(qtbot, start_app, drive):
    controller, _feature = start_app(drive)
    qtbot.waitUntil(lambda: len(_complete(drive)) == 1, timeout=15_000)
    qtbot.wait(200)  # the answer reaches the feature
    controller.lock()
    wait_for_workers()
    assert len(_complete(drive)) == 1


def test_the_restore_dialog_lists_previews_and_a_restore_reopens_the_window(
    qtbot, start_app, drive, existing_vault
):
    controller, feature = start_app(drive)
    vault = controller.vault
    assert vault is not None
    wait_for_workers()
    add_client(vault, ClientProfile(full_name="Demo In The Backup"))
    made = backup_vault(vault, drive)
    add_client(vault, ClientProfile(full_name="Demo After The Backup"))
    dialog = RestoreDialog(drive, controller.window)
    qtbot.addWidget(dialog)
    assert dialog.table.topLevelItemCount() == len(list_backups(drive))
    row = [e.path for e in list_backups(drive)].index(made)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.preview_all()
    item = dialog.table.topLevelItem(row)
    assert item is not None
    qtbot.waitUntil(lambda: item.text(3) != "", timeout=15_000)
    assert (item.text(2), item.text(3), item.text(4)) == ("verified now", "1", "0")
    dialog.table.setCurrentItem(item)
    dialog.accept()
    assert dialog.chosen == made
    feature._restore(made, existing_vault, PASSPHRASE)
    qtbot.waitUntil(lambda: controller.vault is not None, timeout=20_000)
    names = [c.full_name for c in list_clients(controller.vault, "all")]
    assert names == ["Demo In The Backup"]
    assert list(existing_vault.parent.glob("*.before-restore-*"))  # the old one kept aside


def test_a_wrong_passphrase_is_said_per_backup_in_the_dialog(qtbot, start_app, drive):
    controller, _feature = start_app(drive)
    qtbot.waitUntil(lambda: len(_complete(drive)) == 1, timeout=15_000)
    dialog = RestoreDialog(drive, controller.window)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("not the demo passphrase")
    dialog.preview_all()
    item = dialog.table.topLevelItem(0)
    assert item is not None
    qtbot.waitUntil(lambda: "does not open" in item.text(2), timeout=15_000)


def test_every_automatic_backup_reaches_the_audit_trail(qtbot, start_app, drive):
    """The daily one at once; the one at lock at the next unlock (the vault was closed)."""
    controller, _feature = start_app(drive)
    qtbot.waitUntil(lambda: len(_complete(drive)) == 1, timeout=15_000)
    wait_for_workers()
    assert controller.vault is not None
    add_client(controller.vault, ClientProfile(full_name="Demo Trail Of Backups"))
    controller.lock()
    qtbot.waitUntil(lambda: len(_complete(drive)) == 2, timeout=15_000)
    wait_for_workers()
    unlock(qtbot, controller)
    assert controller.vault is not None
    rows = controller.vault.db.query(
        "SELECT detail FROM audit_log WHERE action = 'backup.written' ORDER BY seq"
    )
    details = [str(r[0]) for r in rows]
    assert len(details) == 2
    assert details[0].startswith("auto,holds=")
    assert details[1].startswith("auto,at_lock,holds=") and ",made=" in details[1]
