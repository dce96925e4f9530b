"""Rewriting the database so that no page, free or in the log, keeps what was deleted.

`secure_delete` zeroes deleted content where it lay, but a page's older versions can still sit
in the write-ahead log (readable with the key until the log is rewritten), and free pages and
index structure outlive what they held. After a destruction (`vault.destruction`) the whole
file is rebuilt (``VACUUM``) and the log is folded in and cut to nothing
(``wal_checkpoint(TRUNCATE)``), holding the connection's lock so no other call runs meanwhile.

The transaction that deletes sets `SCRUB_PENDING`; only a finished scrub clears it. A vault
killed between the two is scrubbed at its next unlock (`finish_interrupted_scrub`), so a crash
can never leave the deleted text behind for good.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass

import sqlcipher3

from vault.store.database import Database
from vault.store.errors import VaultError

SCRUB_PENDING = "scrub_pending"
_CHECKPOINT_ATTEMPTS = 8
_CHECKPOINT_PAUSE_S = 0.25


@dataclass(frozen=True)
class ScrubResult:
    """`log_cleared` is False when a reader (a backup being written) kept the log in use; the
    log is then cleared when the vault locks, and the scrub runs again at the next unlock."""

    log_cleared: bool
    file_bytes: int


def mark_scrub_pending(conn: sqlcipher3.Connection) -> None:
    """Inside the deleting transaction: the file must be scrubbed before this is forgotten."""
    conn.execute(
        "INSERT INTO vault_meta (key, value) VALUES (?, '1') "
        "ON CONFLICT (key) DO UPDATE SET value = '1'",
        (SCRUB_PENDING,),
    )


def scrub_pending(db: Database) -> bool:
    return db.query_one("SELECT 1 FROM vault_meta WHERE key = ?", (SCRUB_PENDING,)) is not None


def scrub(db: Database) -> ScrubResult:
    """VACUUM, then clear the pending mark, then fold the log in and cut it to zero bytes."""
    with db.holding(), db.read() as conn:
        conn.execute("VACUUM")
    cleared = _checkpoint_truncate(db)
    if cleared:
        with db.write(counts_as_change=False) as conn:
            conn.execute("DELETE FROM vault_meta WHERE key = ?", (SCRUB_PENDING,))
        cleared = _checkpoint_truncate(db)
    return ScrubResult(cleared, os.path.getsize(db.path))


def finish_interrupted_scrub(db: Database) -> bool:
    """At unlock: finish a scrub a crash (or a full disk) interrupted; True when it finished.

    Best effort: a scrub that fails again (the disk still full) never stops the unlock; the
    mark stays, and the next unlock tries again.
    """
    if not scrub_pending(db):
        return False
    with contextlib.suppress(VaultError, sqlcipher3.Error):
        scrub(db)
        return True
    return False


def _checkpoint_truncate(db: Database) -> bool:
    """True once every frame is in the file and the log is empty; a reader may hold it up."""
    wal = db.path.with_name(db.path.name + "-wal")
    for attempt in range(_CHECKPOINT_ATTEMPTS):
        with db.read() as conn:
            busy, _in_log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy == 0 and (not wal.exists() or wal.stat().st_size == 0):
            return True
        if attempt + 1 < _CHECKPOINT_ATTEMPTS:
            time.sleep(_CHECKPOINT_PAUSE_S)
    return False
