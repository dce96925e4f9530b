"""Filling the search index in bulk: thousands of imported notes in one transaction.

Every row of a note (each section, participant and diagnosis) re-indexes the note, and with
FTS5's secure-delete each of those removals rewrites the index pages it touches, more of them
the larger the index: importing a practice of 2,000 notes took 53 s (26 ms a note, growing).
Inside `bulk_indexing` secure-delete is off; at its end it is on again and the whole index is
made afresh from the notes (`reindex_all`: 'delete-all', whose freed pages the database's own
secure_delete zeroes, then every note once), 3 s for the same import. Merging the index
instead ('optimize') was not enough: a word later edited out of a note indexed that way stayed
readable in the index. The switch is a row of the index's config written inside the caller's
transaction, so an import that fails leaves it on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlcipher3


@contextlib.contextmanager
def bulk_indexing(conn: sqlcipher3.Connection) -> Iterator[None]:
    """For a block of one write transaction that adds many notes; see the module docstring."""
    if not conn.in_transaction:
        raise RuntimeError("bulk_indexing belongs inside a write transaction")
    set_secure_delete(conn, on=False)
    yield
    reindex_all(conn)


def reindex_all(conn: sqlcipher3.Connection) -> None:
    """Secure-delete on, and every note's entry made afresh (in a write transaction)."""
    set_secure_delete(conn, on=True)
    conn.execute("INSERT INTO notes_fts (notes_fts) VALUES ('delete-all')")
    conn.execute(
        "INSERT INTO notes_fts (rowid, body, names, meta) "
        "SELECT note_id, body, names, meta FROM note_search_source"
    )


def set_secure_delete(conn: sqlcipher3.Connection, *, on: bool) -> None:
    """FTS5's own secure-delete switch, a row of the index's config (in a write transaction)."""
    conn.execute("INSERT INTO notes_fts (notes_fts, rank) VALUES ('secure-delete', ?)", (int(on),))


def secure_delete_is_on(conn: sqlcipher3.Connection) -> bool:
    """What the index's config says (FTS5 keeps it in notes_fts_config)."""
    row = conn.execute("SELECT v FROM notes_fts_config WHERE k = 'secure-delete'").fetchone()
    return row is not None and int(row[0]) == 1
