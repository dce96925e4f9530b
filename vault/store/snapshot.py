"""The second connection of an open vault: a read-only snapshot that a backup copies from.

See `vault.store.database` for the decision: the main connection's lock is held only while the
snapshot opens, its one WAL read transaction fixes the view, and the main connection goes on
reading and committing while the copy runs.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import sqlcipher3

from vault.store import database
from vault.store.database import Database, raw_key_pragma, vault_error_from_sqlite


def open_snapshot(db: Database, key: bytes, *, stops_at_close: bool = True) -> Snapshot:
    """A read-only view of `db` as committed now, on a connection of its own.

    With `stops_at_close` (a backup taken while unlocked) a copy from it gives up as soon as the
    vault is locked. Without it (the backup taken at lock) it outlives the main connection, so
    the copy finishes after the window has locked.
    """
    with db.read():  # the vault is open, and no write of this process is half-way
        return Snapshot(db.path, key, db.copy_progress(stops_at_close))


class Snapshot:
    """A second, read-only connection holding one read transaction: a fixed view for a copy."""

    def __init__(self, path: Path, key: bytes, progress: Any) -> None:
        self.path = path
        self._progress = progress
        try:
            self._conn = sqlcipher3.connect(
                str(path), check_same_thread=False, isolation_level=None
            )
        except sqlcipher3.Error as exc:
            raise vault_error_from_sqlite(exc, path) or exc from exc
        try:
            self._conn.execute("PRAGMA cipher_log_level = NONE")
            self._conn.execute(raw_key_pragma(key))
            self._conn.execute("PRAGMA query_only = ON")
            self._conn.execute("PRAGMA busy_timeout = 2000")
            self._conn.execute("BEGIN")
            # The first read starts the WAL read transaction: from here on this is the view.
            self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.Error as exc:
            self._conn.close()
            raise vault_error_from_sqlite(exc, path) or exc from exc

    def meta(self, key: str) -> str | None:
        """One `vault_meta` value as of the snapshot (the commit counter a backup holds)."""
        try:
            row = self._conn.execute(
                "SELECT value FROM vault_meta WHERE key = ?", (key,)
            ).fetchone()
        except sqlcipher3.Error as exc:
            raise vault_error_from_sqlite(exc, self.path) or exc from exc
        return str(row[0]) if row else None

    def user_version(self) -> int:
        row = self._conn.execute("PRAGMA user_version").fetchone()
        return int(row[0]) if row else 0

    def copy_to(self, target: Path, key: bytes) -> None:
        """Every page of the snapshot into a new database at `target`, encrypted under `key`."""
        dest = sqlcipher3.connect(str(target), isolation_level=None)
        try:
            dest.execute("PRAGMA cipher_log_level = NONE")
            dest.execute(raw_key_pragma(key))
            self._conn.backup(dest, pages=database._COPY_PAGES_PER_STEP, progress=self._progress)
            dest.execute("PRAGMA journal_mode = DELETE").fetchall()
        except sqlcipher3.Error as exc:
            mapped = vault_error_from_sqlite(exc, target)
            if mapped is None:
                raise
            raise mapped from exc
        finally:
            dest.close()

    def close(self) -> None:
        with contextlib.suppress(sqlcipher3.Error):
            self._conn.execute("COMMIT")
        self._conn.close()

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def check_copy(db: Database) -> list[str]:
    """The checks a freshly written copy needs: every page's HMAC, and the structure.

    `quick_check` walks every b-tree and overflow page, and SQLCipher verifies each page's HMAC as
    it is read, so damage anywhere in the written file is found. What it leaves out, matching
    each index entry to its row and the foreign keys, are facts about the content, which a page
    copy cannot change: `check` (`check_integrity`) still verifies those on the vault itself.
    """
    with db.read() as conn:
        results = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    return [] if results == ["ok"] else [f"structure check: {m}" for m in results]
