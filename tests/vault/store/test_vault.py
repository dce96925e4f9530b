from __future__ import annotations

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import snapshot
from vault import (
    LocationError,
    NotAVaultError,
    Vault,
    VaultDamagedError,
    VaultExistsError,
    VaultLockedError,
    VaultMissingError,
    WrongPassphraseError,
)
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, get_client, list_clients
from vault.store.migrations import latest_version


def test_data_survives_close_and_reopen(vault_dir, fast_kdf):
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as vault:
        client = add_client(vault, ClientProfile(full_name="Demo Kalo Renvo", pronouns="they/them"))
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        again = get_client(vault, client.id)
    assert again.profile.full_name == "Demo Kalo Renvo"
    assert again.profile.pronouns == "they/them"


def test_new_vault_is_at_the_latest_schema_and_verifies(vault):
    assert vault.db.user_version() == latest_version()
    assert verify_vault(vault) == []


def test_wrong_passphrase_is_refused_and_changes_no_byte(vault_dir, fast_kdf):
    Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf).close()
    before = snapshot(vault_dir)
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_dir, PASSPHRASE + "x")
    assert snapshot(vault_dir) == before


def test_closed_vault_refuses_access(vault):
    vault.close()
    assert not vault.is_open
    with pytest.raises(VaultLockedError):
        list_clients(vault)
    with pytest.raises(VaultLockedError):
        vault.key()


def test_close_twice_is_harmless(vault):
    vault.close()
    vault.close()


def test_create_refuses_a_folder_with_files(tmp_path, fast_kdf):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "something.txt").write_text("x")
    with pytest.raises(VaultExistsError):
        Vault.create(tmp_path / "busy", PASSPHRASE, kdf_params=fast_kdf)
    assert (tmp_path / "busy" / "something.txt").read_text() == "x"


def test_create_accepts_an_empty_folder(tmp_path, fast_kdf):
    (tmp_path / "empty").mkdir()
    Vault.create(tmp_path / "empty", PASSPHRASE, kdf_params=fast_kdf).close()
    Vault.open(tmp_path / "empty", PASSPHRASE).close()


def test_create_in_missing_parent_is_a_location_error(tmp_path, fast_kdf):
    with pytest.raises(LocationError, match="does not exist"):
        Vault.create(tmp_path / "no" / "such" / "v", PASSPHRASE, kdf_params=fast_kdf)


def test_create_leaves_no_staging_folder_behind(tmp_path, fast_kdf):
    Vault.create(tmp_path / "v", PASSPHRASE, kdf_params=fast_kdf).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v"]


def test_open_missing_vault(tmp_path):
    with pytest.raises(VaultMissingError):
        Vault.open(tmp_path / "absent", PASSPHRASE)


def test_open_plain_folder_is_not_a_vault(tmp_path):
    with pytest.raises(NotAVaultError):
        Vault.open(tmp_path, PASSPHRASE)


def test_missing_database_file_is_damage(vault_dir, fast_kdf):
    Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf).close()
    (vault_dir / "data-1.db").unlink()
    with pytest.raises(VaultDamagedError, match="missing"):
        Vault.open(vault_dir, PASSPHRASE)


def test_truncated_database_is_damage_and_left_as_is(vault_dir, fast_kdf):
    Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf).close()
    db = vault_dir / "data-1.db"
    db.write_bytes(db.read_bytes()[:5000])
    before = snapshot(vault_dir)
    with pytest.raises(VaultDamagedError), Vault.open(vault_dir, PASSPHRASE) as v:
        verify_vault(v)
        list_clients(v)
    assert snapshot(vault_dir) == before


def test_vault_files_are_private_to_the_user(vault):
    assert vault.directory.stat().st_mode & 0o077 == 0
