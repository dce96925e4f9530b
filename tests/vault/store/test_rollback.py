"""A vault older than it should be is noticed and said; a restore made on purpose is not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import snapshot
from vault import Vault, WrongPassphraseError
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, list_clients
from vault.store.backup import backup_vault, restore_backup
from vault.store.header import read_header


def _add(vault_dir: Path, name: str) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as v:
        add_client(v, ClientProfile(full_name=name))


@pytest.fixture
def closed_vault(vault_dir: Path, fast_kdf) -> Path:
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        add_client(v, ClientProfile(full_name="Demo Avery"))
    return vault_dir


def test_a_sound_vault_opens_without_a_warning(closed_vault: Path) -> None:
    _add(closed_vault, "Demo Blake")
    with Vault.open(closed_vault, PASSPHRASE) as v:
        assert v.rollback_warning == ""


def test_the_counter_is_sealed_into_the_header_at_lock(closed_vault: Path) -> None:
    before = read_header(closed_vault).sealed_counter
    _add(closed_vault, "Demo Blake")
    after = read_header(closed_vault).sealed_counter
    assert before is not None and after is not None and after > before


def test_an_older_database_under_a_newer_header_is_noticed(closed_vault: Path, tmp_path) -> None:
    db = closed_vault / read_header(closed_vault).database_name
    old = tmp_path / "old.db"
    shutil.copyfile(db, old)
    _add(closed_vault, "Demo Blake")
    shutil.copyfile(old, db)  # the data file alone put back
    with Vault.open(closed_vault, PASSPHRASE) as v:
        assert "older than its own header" in v.rollback_warning
        # Every page is intact, but the audit trail ends before the head sealed at the last lock.
        assert [p for p in verify_vault(v) if "audit entries" in p and "removed" in p]
        assert [c.full_name for c in list_clients(v, "all")] == ["Demo Avery"]


def test_a_whole_vault_put_back_from_an_older_copy_is_noticed_on_this_computer(
    closed_vault: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old-copy"
    shutil.copytree(closed_vault, old)
    _add(closed_vault, "Demo Blake")
    shutil.rmtree(closed_vault)
    shutil.copytree(old, closed_vault)  # header and all, as a sync client might
    with Vault.open(closed_vault, PASSPHRASE) as v:
        assert "older than when it was last open on this computer" in v.rollback_warning


def test_the_warning_is_given_once(closed_vault: Path, tmp_path: Path) -> None:
    old = tmp_path / "old-copy"
    shutil.copytree(closed_vault, old)
    _add(closed_vault, "Demo Blake")
    shutil.rmtree(closed_vault)
    shutil.copytree(old, closed_vault)
    with Vault.open(closed_vault, PASSPHRASE) as v:
        assert v.rollback_warning
    with Vault.open(closed_vault, PASSPHRASE) as v:
        assert v.rollback_warning == ""


def test_a_restore_made_by_confidant_is_not_a_rollback(closed_vault: Path, tmp_path: Path) -> None:
    with Vault.open(closed_vault, PASSPHRASE) as v:
        made = backup_vault(v, tmp_path)
    _add(closed_vault, "Demo Blake")
    restore_backup(made, closed_vault, PASSPHRASE)
    with Vault.open(closed_vault, PASSPHRASE) as v:
        assert v.rollback_warning == ""
        assert [c.full_name for c in list_clients(v, "all")] == ["Demo Avery"]


def test_checking_a_backup_is_not_a_rollback(closed_vault, tmp_path) -> None:
    with Vault.open(closed_vault, PASSPHRASE) as v:
        made = backup_vault(v, tmp_path)
    _add(closed_vault, "Demo Blake")
    for _ in range(2):  # opening a copy is an access, recorded in its own trail; never a warning
        with Vault.open(made, PASSPHRASE) as copy:
            assert copy.rollback_warning == ""
            assert verify_vault(copy) == []
            assert [c.full_name for c in list_clients(copy, "all")] == ["Demo Avery"]


def test_a_wrong_passphrase_never_changes_the_vault_and_is_counted_only_here(
    closed_vault: Path, machine_state: Path
) -> None:
    vault_before = snapshot(closed_vault)
    with pytest.raises(WrongPassphraseError):
        Vault.open(closed_vault, "not the demo passphrase")
    assert snapshot(closed_vault) == vault_before
    memory = b"".join(p.read_bytes() for p in machine_state.iterdir())
    assert b'"count": 1' in memory
    assert str(closed_vault).encode() not in memory and b"Demo" not in memory
