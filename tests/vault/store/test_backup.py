from __future__ import annotations

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import flip_byte, snapshot
from vault import BackupError, LocationError, Vault, WrongPassphraseError
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, list_clients
from vault.store.backup import backup_vault, restore_backup


def _names(vault: Vault) -> list[str]:
    return [c.full_name for c in list_clients(vault, "all")]


@pytest.fixture
def backups(tmp_path):
    path = tmp_path / "backups"
    path.mkdir()
    return path


def test_backup_is_a_vault_that_opens_with_the_same_passphrase(vault, backups):
    add_client(vault, ClientProfile(full_name="Demo Backed Up"))
    target = backup_vault(vault, backups)
    assert target.parent == backups and target.name.startswith("confidant-backup-")
    with Vault.open(target, PASSPHRASE) as copy:
        assert _names(copy) == ["Demo Backed Up"]
        assert verify_vault(copy) == []


def test_two_backups_in_the_same_second_get_distinct_folders(vault, backups):
    first = backup_vault(vault, backups)
    second = backup_vault(vault, backups)
    assert first != second and first.exists() and second.exists()


def test_backup_to_missing_folder_is_a_location_error(vault, tmp_path):
    with pytest.raises(LocationError):
        backup_vault(vault, tmp_path / "nope")


def test_backup_then_restore_round_trips(vault, vault_dir, backups):
    add_client(vault, ClientProfile(full_name="Demo Before"))
    target = backup_vault(vault, backups)
    add_client(vault, ClientProfile(full_name="Demo After"))
    vault.close()
    kept = restore_backup(target, vault_dir, PASSPHRASE)
    with Vault.open(vault_dir, PASSPHRASE) as restored:
        assert _names(restored) == ["Demo Before"]
        assert verify_vault(restored) == []
    assert kept is not None
    with Vault.open(kept, PASSPHRASE) as previous:
        assert _names(previous) == ["Demo After", "Demo Before"]


def test_restore_into_a_new_location(vault, tmp_path, backups):
    add_client(vault, ClientProfile(full_name="Demo Elsewhere"))
    target = backup_vault(vault, backups)
    assert restore_backup(target, tmp_path / "fresh", PASSPHRASE) is None
    with Vault.open(tmp_path / "fresh", PASSPHRASE) as restored:
        assert _names(restored) == ["Demo Elsewhere"]


def test_damaged_backup_is_refused_and_vault_untouched(vault, vault_dir, backups):
    for i in range(30):
        add_client(vault, ClientProfile(full_name=f"Demo Many {i}"))
    target = backup_vault(vault, backups)
    vault.close()
    db = target / "data-1.db"
    flip_byte(db, db.stat().st_size - 100)
    before = snapshot(vault_dir)
    with pytest.raises(BackupError):
        restore_backup(target, vault_dir, PASSPHRASE)
    assert snapshot(vault_dir) == before
    assert not list(vault_dir.parent.glob("*.before-restore-*"))


def test_restore_with_wrong_passphrase_changes_nothing(vault, vault_dir, backups):
    target = backup_vault(vault, backups)
    vault.close()
    before = snapshot(vault_dir)
    with pytest.raises(WrongPassphraseError):
        restore_backup(target, vault_dir, "wrong demo phrase")
    assert snapshot(vault_dir) == before


def test_restore_refuses_while_the_vault_is_open(vault, vault_dir, backups):
    from vault import VaultInUseError

    target = backup_vault(vault, backups)
    with pytest.raises(VaultInUseError):
        restore_backup(target, vault_dir, PASSPHRASE)


def test_backup_keeps_its_passphrase_after_the_vault_changes_its_own(vault, vault_dir, backups):
    target = backup_vault(vault, backups)
    vault.change_passphrase(PASSPHRASE, "another demo passphrase 9")
    vault.close()
    Vault.open(target, PASSPHRASE).close()


def test_locking_during_a_backup_stops_the_copy_instead_of_waiting(vault, backups, monkeypatch):
    """Auto-lock may fire mid-backup: the lock must not wait for the copy to finish."""
    import threading
    import time

    from vault.store import database

    for i in range(200):
        add_client(vault, ClientProfile(full_name=f"Demo Bulk {i:03d}", notes="demo " * 400))
    monkeypatch.setattr(database, "_COPY_PAGES_PER_STEP", 1)  # many small steps
    copying = threading.Event()
    original = database.Database._stop_if_closing

    def signal_then_check(self, *args):
        copying.set()
        time.sleep(0.002)
        original(self, *args)

    monkeypatch.setattr(database.Database, "_stop_if_closing", signal_then_check)
    outcome: list[BaseException] = []

    def run_backup() -> None:
        try:
            backup_vault(vault, backups)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run_backup)
    worker.start()
    assert copying.wait(10)
    started = time.perf_counter()
    vault.close()
    waited = time.perf_counter() - started
    worker.join(10)
    assert waited < 0.5
    assert len(outcome) == 1 and isinstance(outcome[0], BackupError)
    assert list(backups.iterdir()) == []
