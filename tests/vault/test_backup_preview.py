"""Previewing a backup: counts and dates without restoring, the backup left byte for byte."""

from __future__ import annotations

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import flip_byte, snapshot
from vault import BackupError, WrongPassphraseError
from vault.backup_preview import BackupPreviewer
from vault.clients.records import ClientProfile, add_client
from vault.store.backup import backup_vault
from vault.store.backup_catalog import list_backups


def test_preview_counts_clients_and_leaves_the_backup_untouched(vault, tmp_path):
    for i in range(3):
        add_client(vault, ClientProfile(full_name=f"Demo Preview {i}"))
    backup_vault(vault, tmp_path)
    (entry,) = list_backups(tmp_path)
    before = snapshot(entry.path)
    preview = BackupPreviewer(PASSPHRASE).preview(entry)
    assert preview.verified and preview.clients == 3 and preview.notes == 0
    assert preview.commit_counter is not None
    assert snapshot(entry.path) == before


def test_preview_with_the_wrong_passphrase_is_refused(vault, tmp_path):
    backup_vault(vault, tmp_path)
    (entry,) = list_backups(tmp_path)
    with pytest.raises(WrongPassphraseError):
        BackupPreviewer("not the demo phrase").preview(entry)


def test_a_damaged_backup_previews_as_not_verified(vault, tmp_path):
    for i in range(40):
        add_client(vault, ClientProfile(full_name=f"Demo Damage {i}", notes="demo " * 200))
    backup_vault(vault, tmp_path)
    (entry,) = list_backups(tmp_path)
    db = entry.path / "data-1.db"
    # Inside a page of client rows, wherever the schema's own pages fall (a byte in those, as
    # the middle of the file may be, refuses the backup outright, as the next test allows).
    row = vault.db.query_one("SELECT rootpage FROM sqlite_master WHERE name = 'clients'")
    assert row is not None
    flip_byte(db, (int(row[0]) - 1) * 4096 + 2048)
    preview = BackupPreviewer(PASSPHRASE).preview(entry)
    assert not preview.verified


def test_a_truncated_backup_previews_as_not_verified(vault, tmp_path):
    for i in range(40):
        add_client(vault, ClientProfile(full_name=f"Demo Short {i}", notes="demo " * 200))
    backup_vault(vault, tmp_path)
    (entry,) = list_backups(tmp_path)
    db = entry.path / "data-1.db"
    with open(db, "r+b") as handle:
        handle.truncate(db.stat().st_size - 8192)
    try:
        preview = BackupPreviewer(PASSPHRASE).preview(entry)
    except BackupError:
        return  # refused outright: it cannot even be read
    assert not preview.verified
