from __future__ import annotations

import pytest

from tests.conftest import PASSPHRASE
from vault import NotAVaultError, Vault
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, list_clients
from vault.store.database import Database
from vault.store.migrations import MIGRATIONS, Migration, from_sql, latest_version, migrate


def test_migrations_are_numbered_one_by_one():
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_reopening_a_current_vault_applies_nothing(vault):
    assert migrate(vault.db) == []


def test_an_older_vault_upgrades_on_open_and_keeps_its_data(vault_dir, fast_kdf, monkeypatch):
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        add_client(v, ClientProfile(full_name="Demo Old Version"))
    future = Migration(
        latest_version() + 1,
        "a column a later version adds",
        from_sql("ALTER TABLE clients ADD COLUMN demo_future TEXT NOT NULL DEFAULT 'x';"),
    )
    monkeypatch.setattr("vault.store.migrations.MIGRATIONS", (*MIGRATIONS, future))
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert v.db.user_version() == future.version
        assert [c.full_name for c in list_clients(v)] == ["Demo Old Version"]
        assert v.db.query("SELECT demo_future FROM clients") == [("x",)]
        assert verify_vault(v) == []


def test_a_failing_migration_leaves_the_previous_version(vault_dir, fast_kdf, monkeypatch):
    Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf).close()
    broken = Migration(
        latest_version() + 1,
        "broken on purpose",
        from_sql("CREATE TABLE demo_half (x);\nSELECT no_such_function();"),
    )
    monkeypatch.setattr("vault.store.migrations.MIGRATIONS", (*MIGRATIONS, broken))
    with pytest.raises(Exception, match="no_such_function"):
        Vault.open(vault_dir, PASSPHRASE)
    monkeypatch.setattr("vault.store.migrations.MIGRATIONS", MIGRATIONS)
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert v.db.user_version() == latest_version()
        assert v.db.query("SELECT name FROM sqlite_master WHERE name = 'demo_half'") == []


def test_vault_from_a_newer_version_is_refused(vault_dir, fast_kdf):
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v, v.db.write() as conn:
        conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    with pytest.raises(NotAVaultError, match="newer Confidant"):
        Vault.open(vault_dir, PASSPHRASE)


def test_migrate_from_empty_database(tmp_path):
    db = Database(tmp_path / "plain.db", b"\x01" * 32)
    try:
        assert migrate(db) == [m.version for m in MIGRATIONS]
    finally:
        db.close()
