"""Record ids are never given twice, even after the newest records were destroyed.

SQLite gives a new row the largest id in its table plus one, so destroying the newest client
would hand their id to the next one added, and with it every audit entry that names that id
(the trail keeps ids after a destruction, by design). Destruction records the highest id it
removed from a table (`retire_ids`); inserts that matter take `next_id`, which stays above it.
"""

from __future__ import annotations

import sqlcipher3

# The tables whose ids the window and the audit trail navigate by; inserts use `next_id`.
GUARDED_TABLES = ("clients", "notes")


def _key(table: str) -> str:
    if table not in GUARDED_TABLES:
        raise ValueError(f"ids of {table!r} are not guarded")
    return f"id_floor.{table}"


def retire_ids(conn: sqlcipher3.Connection, table: str, highest: int) -> None:
    """Never give an id up to `highest` in `table` again (in the caller's transaction)."""
    conn.execute(
        "INSERT INTO vault_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
        "value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))",
        (_key(table), str(int(highest))),
    )


def next_id(conn: sqlcipher3.Connection, table: str) -> int:
    """The id the next row of `table` gets: above every id it holds or ever held."""
    key = _key(table)
    row = conn.execute(
        f"SELECT max(coalesce((SELECT max(id) FROM {table}), 0), "
        "coalesce((SELECT CAST(value AS INTEGER) FROM vault_meta WHERE key = ?), 0)) + 1",
        (key,),
    ).fetchone()
    return int(row[0])
