from __future__ import annotations

import pytest

from vault.clients import ClientProfile, add_client, list_clients


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
