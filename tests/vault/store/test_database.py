from __future__ import annotations

import pytest

from vault.clients.records import ClientProfile, add_client, list_clients


class DemoFailureError(Exception):
    pass


def test_nested_writes_commit_together(vault):
    with vault.db.write():
        for i in range(3):
            add_client(vault, ClientProfile(full_name=f"Demo Bulk {i}"))
    assert len(list_clients(vault)) == 3


def test_failed_inner_write_rolls_back_alone(vault):
    with vault.db.write():
        add_client(vault, ClientProfile(full_name="Demo Kept"))
        with pytest.raises(DemoFailureError), vault.db.write() as conn:
            conn.execute(
                "INSERT INTO clients (full_name, created_at, updated_at) "
                "VALUES ('Demo Lost', 'x', 'x')"
            )
            raise DemoFailureError
    assert [c.full_name for c in list_clients(vault)] == ["Demo Kept"]


def test_failed_outer_write_rolls_back_everything(vault):
    with pytest.raises(DemoFailureError), vault.db.write():
        add_client(vault, ClientProfile(full_name="Demo Gone"))
        raise DemoFailureError
    assert list_clients(vault) == []


def test_pragmas_for_durability_and_secrecy(vault):
    assert vault.db.query_one("PRAGMA journal_mode") == ("wal",)
    assert vault.db.query_one("PRAGMA synchronous") == (2,)  # FULL
    assert vault.db.query_one("PRAGMA temp_store") == (2,)  # MEMORY
    assert vault.db.query_one("PRAGMA secure_delete") == (1,)
    assert vault.db.query_one("PRAGMA foreign_keys") == (1,)
    assert vault.db.query_one("PRAGMA cache_size") == (-65536,)  # 64 MiB: search re-reads pages


def test_a_failed_commit_is_rolled_back_so_later_writes_still_commit(vault, vault_dir):
    from tests.conftest import PASSPHRASE
    from vault import Vault

    with pytest.raises(Exception, match="FOREIGN KEY"), vault.db.write() as conn:
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("INSERT INTO drafts (key, payload, updated_at) VALUES ('k', 'p', 'x')")
        conn.execute("INSERT INTO note_participants (note_id, client_id) VALUES (999, 999)")
    assert not vault.db.query("SELECT key FROM drafts")
    add_client(vault, ClientProfile(full_name="Demo After Failure"))
    vault.close()
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert [c.full_name for c in list_clients(again)] == ["Demo After Failure"]


class _FakeSqliteError(Exception):
    def __init__(self, code: int) -> None:
        super().__init__("disk I/O error")
        self.sqlite_errorcode = code


def test_a_disk_read_error_is_not_reported_as_tampering(tmp_path):
    from vault import DiskIOError
    from vault.store.database import vault_error_from_sqlite

    error = vault_error_from_sqlite(_FakeSqliteError(10 | (1 << 8)), tmp_path / "data-1.db")
    assert isinstance(error, DiskIOError)
    assert "tampered" not in str(error)


def test_a_write_that_need_not_wait_for_the_disk_leaves_later_ones_durable(vault):
    """`durable=False` (that a search ran) commits, and every later write is FULL again,
    whether the quick one committed or failed."""
    with vault.db.write(durable=False) as conn:
        assert conn.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
        add_client(vault, ClientProfile(full_name="Demo Quick"))
    assert vault.db.query_one("PRAGMA synchronous") == (2,)
    with pytest.raises(DemoFailureError), vault.db.write(durable=False):
        raise DemoFailureError
    assert vault.db.query_one("PRAGMA synchronous") == (2,)
    assert [c.full_name for c in list_clients(vault)] == ["Demo Quick"]
