"""A vault whose database is missing, emptied or blank is damaged, never a new empty practice.

And a header with absurd, nested, huge or wrongly typed values is refused with a plain message:
never a hang, a traceback or a vault read with someone else's idea of its settings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from vault import NotAVaultError, Vault, VaultDamagedError
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client
from vault.store.header import MAX_HEADER_BYTES, read_header
from vault.store.kdf import CEILING_MEMORY_KIB, CEILING_PARALLELISM, CEILING_TIME_COST
from vault.store.layout import header_path


@pytest.fixture
def closed_vault(vault_dir: Path, fast_kdf) -> Path:
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        add_client(v, ClientProfile(full_name="Demo Avery"))
    return vault_dir


def _database(vault_dir: Path) -> Path:
    return vault_dir / read_header(vault_dir).database_name


def test_an_emptied_database_is_damage_not_an_empty_vault(closed_vault: Path) -> None:
    _database(closed_vault).write_bytes(b"")
    with pytest.raises(VaultDamagedError, match="empty"):
        Vault.open(closed_vault, PASSPHRASE)
    assert _database(closed_vault).stat().st_size == 0, "nothing was written into it"


def test_a_database_replaced_by_a_blank_one_is_damage(closed_vault: Path) -> None:
    db = _database(closed_vault)
    db.unlink()
    # A blank SQLCipher file under the right key: opens, but holds no vault.
    import sqlcipher3

    from vault.store.database import raw_key_pragma
    from vault.store.kdf import derive_key

    key = derive_key(PASSPHRASE, read_header(closed_vault).kdf)
    conn = sqlcipher3.connect(str(db))
    conn.execute(raw_key_pragma(key))
    conn.execute("CREATE TABLE demo_unrelated (x)")
    conn.commit()
    conn.close()
    with pytest.raises(VaultDamagedError, match="holds no vault data"):
        Vault.open(closed_vault, PASSPHRASE)


def test_a_missing_database_is_damage(closed_vault: Path) -> None:
    _database(closed_vault).unlink()
    with pytest.raises(VaultDamagedError, match="missing"):
        Vault.open(closed_vault, PASSPHRASE)


def test_a_sound_vault_still_opens_and_verifies(closed_vault: Path) -> None:
    with Vault.open(closed_vault, PASSPHRASE) as v:
        assert verify_vault(v) == []


def _edit_header(vault_dir: Path, edit) -> None:
    path = header_path(vault_dir)
    document = json.loads(path.read_text())
    edit(document)
    path.write_text(json.dumps(document))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_cost", 2**31),
        ("time_cost", CEILING_TIME_COST + 1),
        ("memory_kib", CEILING_MEMORY_KIB * 2),
        ("memory_kib", 2**40),
        ("parallelism", CEILING_PARALLELISM + 1),
        ("parallelism", 2**24),
    ],
)
def test_kdf_settings_above_the_ceiling_are_refused_at_once(closed_vault, field, value) -> None:
    _edit_header(closed_vault, lambda d: d["kdf"].__setitem__(field, value))
    with pytest.raises(VaultDamagedError, match="more memory or time"):
        Vault.open(closed_vault, PASSPHRASE)


def test_too_much_work_in_total_is_refused(closed_vault) -> None:
    def edit(d):
        d["kdf"]["memory_kib"] = CEILING_MEMORY_KIB
        d["kdf"]["time_cost"] = 100

    _edit_header(closed_vault, edit)
    with pytest.raises(VaultDamagedError, match="more memory or time"):
        Vault.open(closed_vault, PASSPHRASE)


def test_deeply_nested_json_header_is_unreadable_not_a_recursion_error(closed_vault) -> None:
    header_path(closed_vault).write_text("[" * 20_000 + "]" * 20_000)
    with pytest.raises(VaultDamagedError, match="unreadable"):
        read_header(closed_vault)


def test_a_huge_header_is_refused_without_reading_it_whole(closed_vault) -> None:
    path = header_path(closed_vault)
    with open(path, "r+b") as handle:
        handle.seek(300 * 1024 * 1024)
        handle.write(b" ")
    with pytest.raises(VaultDamagedError, match="too large"):
        read_header(closed_vault)
    assert MAX_HEADER_BYTES < 1024 * 1024


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.__setitem__("generation", "1"),
        lambda d: d.__setitem__("generation", True),
        lambda d: d.__setitem__("generation", 0),
        lambda d: d.__setitem__("format_version", 0),
        lambda d: d.__setitem__("format_version", "1"),
        lambda d: d.__setitem__("format_version", None),
        lambda d: d.pop("generation"),
        lambda d: d.pop("key_check"),
        lambda d: d.__setitem__("key_check", 12),
        lambda d: d.__setitem__("key_check", "not base64 !!"),
        lambda d: d.__setitem__("key_check", "AAAA"),
        lambda d: d.__setitem__("kdf", "argon2id"),
        lambda d: d["kdf"].__setitem__("salt", ["x"]),
        lambda d: d["kdf"].__setitem__("time_cost", 3.5),
        lambda d: d["kdf"].__setitem__("time_cost", {"nested": [1, 2, {"deeper": []}]}),
        lambda d: d["kdf"].__setitem__("name", ["argon2id"]),
        lambda d: d.__setitem__("database", None),
    ],
)
def test_every_wrongly_typed_or_missing_header_field_is_damage(closed_vault, edit) -> None:
    _edit_header(closed_vault, edit)
    with pytest.raises(VaultDamagedError):
        Vault.open(closed_vault, PASSPHRASE)


def test_a_header_that_is_not_an_object_is_not_a_vault(closed_vault) -> None:
    header_path(closed_vault).write_text("[1, 2, 3]")
    with pytest.raises(NotAVaultError):
        Vault.open(closed_vault, PASSPHRASE)


def test_a_passphrase_with_a_lone_surrogate_is_simply_wrong(closed_vault) -> None:
    from vault import WrongPassphraseError

    with pytest.raises(WrongPassphraseError):
        Vault.open(closed_vault, "demo \udc80 passphrase")
