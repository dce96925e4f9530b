"""No table that can hold a client's rows is forgotten by destruction.

A table with a ``client_id`` column, a reference to ``clients``, or a reference to a table that
holds a client's rows must be named in `plan.CLIENT_TABLES` with how its rows leave. A new
migration that adds one fails here until destruction handles it.
"""

from __future__ import annotations

import sqlcipher3

from vault import Vault
from vault.destruction.destroy import client_references
from vault.destruction.plan import CLIENT_TABLES, UNRELATED_TABLES


def _tables(conn: sqlcipher3.Connection) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]


def client_linked_tables(conn: sqlcipher3.Connection) -> set[str]:
    """Tables that refer to a client, directly or through the tables that do (fixed point)."""
    linked = {table for table, _ in client_references(conn)} | {"clients"}
    references = {
        table: {str(r[2]) for r in conn.execute(f'PRAGMA foreign_key_list("{table}")')}
        for table in _tables(conn)
    }
    while True:
        more = {t for t, targets in references.items() if targets & linked} - linked
        if not more:
            return linked
        linked |= more


def _search_index_tables(table: str) -> bool:
    return table.startswith("notes_fts")


def test_every_table_that_can_hold_a_clients_rows_is_handled(vault: Vault) -> None:
    with vault.db.read() as conn:
        linked = client_linked_tables(conn)
    assert linked - set(CLIENT_TABLES) == set(), "name the new table in plan.CLIENT_TABLES"


def test_every_table_is_either_handled_or_known_to_hold_no_client(vault: Vault) -> None:
    with vault.db.read() as conn:
        tables = [t for t in _tables(conn) if not _search_index_tables(t)]
    unknown = set(tables) - set(CLIENT_TABLES) - UNRELATED_TABLES
    assert unknown == set(), "say in plan.py how destruction treats each new table"


def test_a_future_table_with_a_client_id_would_fail_the_check(vault: Vault) -> None:
    with vault.db.write() as conn:
        conn.execute("CREATE TABLE demo_future (id INTEGER PRIMARY KEY, client_id INTEGER)")
        conn.execute(
            "CREATE TABLE demo_future_child (id INTEGER PRIMARY KEY, "
            "consent_id INTEGER REFERENCES consents (id))"
        )
        conn.execute(
            "CREATE TABLE demo_future_ref (id INTEGER PRIMARY KEY, "
            "person INTEGER REFERENCES clients (id))"
        )
    with vault.db.read() as conn:
        missing = client_linked_tables(conn) - set(CLIENT_TABLES)
        references = client_references(conn)
    assert missing == {"demo_future", "demo_future_child", "demo_future_ref"}
    assert ("demo_future_ref", "person") in references


def test_the_reserved_attachment_tables_of_schema_nine_are_already_handled() -> None:
    assert {"consent_attachments", "consent_attachment_bytes"} <= set(CLIENT_TABLES)
