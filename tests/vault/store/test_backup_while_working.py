"""Backups taken while the vault is in use, at lock, onto a drive that goes away."""

from __future__ import annotations

import shutil
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import snapshot
from tests.vault.note_helpers import demo_client, soap, stored
from vault import BackupError, Vault, VaultError
from vault.checks import verify_vault
from vault.store import clock, database
from vault.store.auto_backup import (
    AutoBackupSettings,
    backup_due,
    backup_status,
    prepare_automatic,
    recall,
)
from vault.store.backup import backup_vault, prepare_backup, restore_backup
from vault.store.backup_catalog import list_backups


@pytest.fixture
def backups(tmp_path):
    path = tmp_path / "backups"
    path.mkdir()
    return path


def _note_ids(vault: Vault) -> set[int]:
    return {int(r[0]) for r in vault.db.query("SELECT id FROM notes")}


def test_a_backup_during_saves_holds_every_note_committed_before_it_began(vault, backups):
    client = demo_client(vault)
    stop = threading.Event()
    saved: list[int] = []

    def keep_saving() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            saved.append(stored(vault, soap((client,), subjective=f"Demo busy week {n}.")))

    writer = threading.Thread(target=keep_saving)
    writer.start()
    try:
        while len(saved) < 20:
            time.sleep(0.01)
        committed_before = set(saved)  # every id in the list has committed
        prepared = prepare_backup(vault)
        assert prepared.snapshot.file_only in (True, False)
        target = prepared.write_into(backups).path
        saves_during = len(saved) - len(committed_before)
    finally:
        stop.set()
        writer.join(10)
    with Vault.open(target, PASSPHRASE) as copy:
        assert committed_before <= _note_ids(copy)
        assert verify_vault(copy) == []
    assert saves_during >= 0


def test_the_gui_thread_can_read_while_a_backup_copies(vault, backups, monkeypatch):
    """The freeze: a copy no longer holds the connection's lock."""
    demo_client(vault)
    monkeypatch.setattr(database, "_COPY_PAGES_PER_STEP", 1)
    copying, release = threading.Event(), threading.Event()
    prepared = prepare_backup(vault)
    original = prepared.snapshot._progress

    def slow(*args: int) -> None:
        copying.set()
        release.wait(5)
        original(*args)

    prepared.snapshot._progress = slow
    worker = threading.Thread(target=lambda: prepared.write_into(backups))
    worker.start()
    assert copying.wait(5)
    started = time.perf_counter()
    assert vault.db.query_one("SELECT count(*) FROM clients") == (1,)
    waited = time.perf_counter() - started
    release.set()
    worker.join(10)
    assert waited < 0.2
    assert len(list_backups(backups)) == 1


def test_a_backup_prepared_at_lock_is_written_after_the_vault_closed(vault, vault_dir, backups):
    client = demo_client(vault)
    note = stored(vault, soap((client,)))
    backup = prepare_automatic(vault, AutoBackupSettings(backups), at_lock=True)
    started = time.perf_counter()
    vault.close()
    assert time.perf_counter() - started < 0.5  # the lock does not wait for the copy
    result = backup.run()
    with Vault.open(result.path, PASSPHRASE) as copy:
        assert note in _note_ids(copy)
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert not backup_due(again, at_lock=True)  # nothing changed since
        stored(again, soap((client,), subjective="Demo a later change."))
        assert backup_due(again, at_lock=True)


def test_while_unlocked_a_backup_is_due_at_most_daily(vault, backups, monkeypatch):
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "now_utc", lambda: now)
    prepare_automatic(vault, AutoBackupSettings(backups), at_lock=False).run()
    demo_client(vault)
    assert not backup_due(vault, at_lock=False)
    assert backup_due(vault, at_lock=True)
    monkeypatch.setattr(clock, "now_utc", lambda: now + timedelta(days=1, minutes=1))
    assert backup_due(vault, at_lock=False)


def test_pulling_the_backup_drive_mid_copy_leaves_no_backup_and_a_warning(
    vault, tmp_path, monkeypatch
):
    drive = tmp_path / "DEMO-DRIVE"
    drive.mkdir()
    for _ in range(30):
        demo_client(vault, "Demo Bulk " + "x" * 50)
    monkeypatch.setattr(database, "_COPY_PAGES_PER_STEP", 1)
    settings = AutoBackupSettings(drive)
    backup = prepare_automatic(vault, settings, at_lock=False)
    original = backup.prepared.snapshot._progress
    pulled: list[bool] = []

    def pull_drive(*args: int) -> None:
        if not pulled:
            pulled.append(True)
            shutil.rmtree(drive)  # the drive is gone, staging folder and all
        original(*args)

    backup.prepared.snapshot._progress = pull_drive
    with pytest.raises(VaultError):
        backup.run()
    assert not drive.exists() or list_backups(drive) == []
    status = backup_status(settings, vault.header.key_check, recall(None), changed=True)
    assert status.warning and "missing" in status.text
    drive.mkdir()  # plugged back in, empty
    status = backup_status(settings, vault.header.key_check, recall(backup.key), changed=True)
    assert status.warning and "failed" in status.text


def test_status_names_the_folder_and_how_long_ago(vault, tmp_path, monkeypatch):
    drive = tmp_path / "DEMO-DRIVE"
    drive.mkdir()
    made = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "now_utc", lambda: made)
    backup_vault(vault, drive)
    monkeypatch.setattr(clock, "now_utc", lambda: made + timedelta(hours=2))
    settings = AutoBackupSettings(drive, warn_after=timedelta(days=7))
    status = backup_status(settings, vault.header.key_check, recall(None), changed=True)
    assert status == status.__class__("Last verified backup: 2 hours ago, on DEMO-DRIVE", False)
    monkeypatch.setattr(clock, "now_utc", lambda: made + timedelta(days=8))
    status = backup_status(settings, vault.header.key_check, recall(None), changed=True)
    assert status.warning and "8 days ago" in status.text
    no_folder = backup_status(AutoBackupSettings(None), b"", recall(None), changed=True)
    assert no_folder.warning and "No backup folder" in no_folder.text


def test_a_truncated_backup_is_refused_at_restore_and_the_vault_untouched(
    vault, vault_dir, backups
):
    for _ in range(20):
        demo_client(vault, "Demo Truncated " + "y" * 200)
    target = backup_vault(vault, backups)
    vault.close()
    db = target / "data-1.db"
    with open(db, "r+b") as handle:
        handle.truncate(db.stat().st_size - 4096)
    before = snapshot(vault_dir)
    with pytest.raises(BackupError):
        restore_backup(target, vault_dir, PASSPHRASE)
    assert snapshot(vault_dir) == before
    assert not list(vault_dir.parent.glob("*.before-restore-*"))
