"""The second connection of an open vault: a read-only snapshot that a backup copies from.

See `vault.store.database` for the decision: the main connection's lock is held only while the
snapshot opens, its one WAL read transaction fixes the view, and the main connection goes on
reading and committing while the copy runs.

The fast path: when every commit is already in the database file (a passive checkpoint just
before the snapshot backfilled the whole WAL), the snapshot reads the file alone, and while it
holds that read no checkpoint may write into the file (SQLite's WAL read-lock 0). The file is
then copied as it is, already encrypted, with no page decrypted or re-encrypted: that was most
of a backup's time. Otherwise (another reader held the checkpoint back) the pages go through
SQLite's backup API.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import Any

import sqlcipher3

from vault.store import database
from vault.store.database import Database, raw_key_pragma, vault_error_from_sqlite
from vault.store.errors import BackupError

_FILE_SLICE = 4 * 1024 * 1024  # short kernel calls; between them, a look at whether the vault locks
# copy_file_range cannot copy here: across file systems, unsupported, or not at all.
_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL, errno.ENOTSUP}


def open_snapshot(db: Database, key: bytes, *, stops_at_close: bool = True) -> Snapshot:
    """A read-only view of `db` as committed now, on a connection of its own.

    With `stops_at_close` (a backup taken while unlocked) a copy from it gives up as soon as the
    vault is locked. Without it (the backup taken at lock) it outlives the main connection, so
    the copy finishes after the window has locked.
    """
    with db.read() as conn:  # the vault is open, and no write of this process is half-way
        busy, in_log, backfilled = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        file_only = busy == 0 and in_log == backfilled
        return Snapshot(db.path, key, db.copy_progress(stops_at_close), file_only=file_only)


def open_reader(db: Database, key: bytes, *, cache_bytes: int = 0) -> Snapshot:
    """A read-only connection on the view `db` has committed now, for checks that run beside
    the vault's own connection (`vault.store.integrity`). `cache_bytes` sizes its page cache."""
    with db.read():  # no commit of this process lands between two readers' views
        return Snapshot(db.path, key, database.copy_never_stops, cache_bytes=cache_bytes)


class Snapshot:
    """A second, read-only connection holding one read transaction: a fixed view for a copy."""

    def __init__(
        self,
        path: Path,
        key: bytes,
        progress: Any,
        *,
        file_only: bool = False,
        cache_bytes: int = 0,
    ) -> None:
        self.path = path
        self._progress = progress
        self.file_only = file_only
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
            if cache_bytes:
                self._conn.execute(f"PRAGMA cache_size = -{max(1, cache_bytes // 1024)}")
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

    def run(self, check: Any) -> Any:
        """`check(connection)` on this view, SQLite's failures as the vault's own errors."""
        try:
            return check(self._conn)
        except sqlcipher3.Error as exc:
            raise vault_error_from_sqlite(exc, self.path) or exc from exc

    def user_version(self) -> int:
        row = self._conn.execute("PRAGMA user_version").fetchone()
        return int(row[0]) if row else 0

    def copy_to(self, target: Path, key: bytes) -> None:
        """Every page of the snapshot into a new database at `target`, encrypted under `key`
        (the vault's own key: the fast path copies its pages as they are)."""
        if self.file_only:
            self._copy_file(target)
        else:
            self._copy_pages(target, key)

    def _copy_file(self, target: Path) -> None:
        """The file's pages as they are, in slices of `_FILE_SLICE` bytes, kernel to kernel
        where the system can (``copy_file_range``: no byte passes through Python; 0.4 s
        instead of 4 s for the benchmark's 537 MB on this machine), else read and written."""
        page_size = int(self._conn.execute("PRAGMA page_size").fetchone()[0])
        pages = int(self._conn.execute("PRAGMA page_count").fetchone()[0])
        total = pages * page_size
        with open(self.path, "rb") as source, open(target, "xb") as dest:
            copied, in_kernel = 0, hasattr(os, "copy_file_range")
            while copied < total:
                step = min(_FILE_SLICE, total - copied)
                done = 0
                if in_kernel:
                    try:
                        done = os.copy_file_range(
                            source.fileno(), dest.fileno(), step, copied, copied
                        )
                    except OSError as exc:
                        if exc.errno not in _NO_KERNEL_COPY:
                            raise
                        in_kernel = False  # another file system, an old kernel: plain copy
                if not in_kernel:
                    source.seek(copied)
                    dest.seek(copied)
                    done = dest.write(source.read(step))
                if not done:
                    raise BackupError(f"The vault's file {self.path.name} ended early.")
                copied += done
                self._progress(0, (total - copied) // page_size, pages)
            dest.flush()
            if os.fstat(dest.fileno()).st_size != total:
                raise BackupError(f"The copy at {target.parent} is short.")

    def _copy_pages(self, target: Path, key: bytes) -> None:
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
    """The check a fresh copy needs: every page's HMAC (SQLCipher's `cipher_integrity_check`),
    and that its schema reads under the key.

    What it proves: each page's HMAC covers its number, its content and the key, so a page
    that was not written, was written wrong (a flipped bit, a drive that dropped a write) or
    landed in the wrong place fails; the length was proved by the copy (`_copy_file`) and the
    page count by SQLite opening it. A copy whose every page is, byte for byte, a page of one
    committed view of the vault (the snapshot's read transaction fixed it) has that view's
    structure and records; SQLite's own writes to it (the new epoch) are covered by the same
    check. What it does not prove, and why it need not: that the vault itself is structurally
    sound, that its signed notes match their hashes, that its audit chain is whole. Those are
    facts about the vault, unchanged by copying; `check` verifies them on the vault, and a
    restore runs the structural checks on the copy it puts in place. A structural check here
    (even ``quick_check``, 5 s of processor time on the benchmark vault, nearly all of it the
    search index's own check) would only find again what the vault already had.
    """
    with db.read() as conn:
        problems = [
            f"encryption check: {m}"
            for (m,) in conn.execute("PRAGMA cipher_integrity_check").fetchall()
        ]
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the schema reads
    return problems
