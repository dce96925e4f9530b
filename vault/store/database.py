"""The SQLCipher connections of an open vault, their pragmas, and how threads share them.

Decision kept here and nowhere else: an open vault has one connection for everything it reads
and writes, shared by all threads and serialised by a re-entrant lock. The GUI runs vault calls
on worker threads; the lock makes those calls take turns, so no two threads ever use it at once.

One exception, made openly (issue 15): a backup copies through a second, read-only connection
(`vault.store.snapshot`), opened with the same key, holding one WAL read transaction throughout.
Holding the main connection's lock for a multi-second copy made every read on the GUI thread
wait (1.5 s of a 2.7 s backup of a 118 MB vault); the snapshot needs that lock only for the
moment it opens, WAL lets the main connection keep committing meanwhile, and the copy is exactly
the vault as it stood when the snapshot began. It never writes (``query_only``).

And a second use of the same kind of connection: `check` (`vault.store.integrity`) runs all
its checks, the record checks too, on such read-only connections, one per "lane" of checks,
opened under this one's lock so all see one view, each on a worker thread of its own.
Read-only, short-lived and never shared, they change nothing about how the vault's own
connection is serialised.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from vault.store.errors import (
    BackupAbandonedError,
    DiskFullError,
    DiskIOError,
    LocationError,
    VaultDamagedError,
    VaultError,
    VaultGoneError,
    VaultInUseError,
    VaultLockedError,
)
from vault.store.fsio import owner_only

_COPY_PAGES_PER_STEP = 256  # 1 MiB of 4 KiB pages between checks for a pending close

# SQLite result codes (primary codes: extended codes carry these in their low byte).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

Row = tuple[Any, ...]

# Every write transaction moves the vault's commit counter on (see `vault.store.rollback`);
# a vault from before schema 4 has no counter row, and the statement changes nothing.
_COUNT_COMMIT = (
    "UPDATE vault_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'commit_counter'"
)


def raw_key_pragma(key: bytes) -> str:
    """SQLCipher's raw-key form: the Argon2 output is the key; SQLCipher's PBKDF2 is skipped."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


# Each pragma with the reason it is set. Applied on every open, before any table is touched.
_PRAGMAS: tuple[tuple[str, str], ...] = (
    # Committed transactions survive a power cut: WAL appends and fsyncs the log on commit...
    ("journal_mode", "WAL"),
    # ...and FULL makes that commit-time fsync happen (NORMAL would only fsync at checkpoints).
    ("synchronous", "FULL"),
    # Sorts and temporary tables stay in memory, never in plaintext temp files on disk.
    ("temp_store", "MEMORY"),
    # Deleted content is overwritten with zeros instead of lingering in free pages.
    ("secure_delete", "ON"),
    # References between records (a note's participants, say) are checked by the database.
    ("foreign_keys", "ON"),
    # Rows removed by INSERT OR REPLACE fire delete triggers too, so a signed note's seal
    # (a BEFORE DELETE trigger) cannot be bypassed by replacing the row.
    ("recursive_triggers", "ON"),
    # Another connection to the same file waits briefly instead of failing at once.
    ("busy_timeout", "2000"),
    # 64 MiB of pages kept decrypted between statements (SQLCipher's default is 8 MB): a search
    # typed letter by letter walks the same index pages again and again, and decrypting them
    # each time made search 1.4-2x slower than unencrypted SQLite on 100,000 notes (the
    # benchmark's encrypted/plain ratio). The cache is freed when the vault locks.
    ("cache_size", "-65536"),
)


def vault_error_from_sqlite(exc: Exception, path: Path) -> VaultError | None:
    """The named vault error for an SQLite failure, or None when it is a programming error."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        # The backup API raises without a result code; its message is SQLite's standard text.
        if "database or disk is full" in str(exc):
            return DiskFullError(path)
        return None
    primary = code & 0xFF
    if primary in (_SQLITE_NOTADB, _SQLITE_CORRUPT):
        return VaultDamagedError(path.parent, "an encrypted page failed its integrity check")
    if primary == _SQLITE_FULL:
        return DiskFullError(path)
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return VaultInUseError(path.parent)
    if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN):
        return LocationError(f"Confidant cannot write to {path.parent}: is it read-only?")
    if primary == _SQLITE_IOERR:
        return DiskIOError(path)
    return None


class Database:
    """A keyed SQLCipher connection. Use `read()` for queries and `write()` for transactions."""

    def __init__(
        self, path: Path, key: bytes, *, journal_mode: str = "WAL", read_only: bool = False
    ) -> None:
        """`read_only` opens the file so that not one byte of it can change (a backup being
        previewed); it must already be in `journal_mode`."""
        self._init_state(path)
        with self.translating_errors():
            target, uri = (f"{path.as_uri()}?mode=ro", True) if read_only else (str(path), False)
            self._conn = sqlcipher3.connect(
                target, check_same_thread=False, isolation_level=None, uri=uri
            )
        try:
            with self.translating_errors():
                owner_only(path)  # SQLite gives its -wal and -shm files the same mode
                self._conn.execute("PRAGMA cipher_log_level = NONE")
                self._conn.execute(raw_key_pragma(key))
                # The first read of page 1 is what proves the key; fail here, not later.
                self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                for name, value in _PRAGMAS:
                    if name == "journal_mode":
                        if read_only:
                            continue
                        value = journal_mode
                    self._conn.execute(f"PRAGMA {name} = {value}").fetchall()
        except BaseException:
            self._conn.close()
            raise
        self._identity = _file_identity(path)

    def _init_state(self, path: Path) -> None:
        """The state every connection wrapper starts with (the benchmark's plain twin too)."""
        self.path = path
        self._lock = threading.RLock()
        self._close_requested = False
        self._closed = False

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        """Hold the connection for a multi-step change no other call may interleave with."""
        with self._lock:
            self._require_open()
            yield

    def request_close(self) -> None:
        """Ask a copy in progress to stop, without waiting for the connection's lock."""
        self._close_requested = True

    def _require_open(self) -> None:
        """A call that waited for the lock while the vault locked gets the plain answer."""
        if self._closed:
            raise VaultLockedError()

    def files_present(self) -> bool:
        """True while the database file opened is still at its path (same file, not a copy).

        An open connection keeps writing into a file that was deleted or whose drive was pulled,
        and every commit "succeeds" into nothing; this is how that is noticed.
        """
        try:
            return _file_identity(self.path) == self._identity
        except OSError:
            return False

    def require_files_present(self) -> None:
        if not self.files_present():
            raise VaultGoneError(self.path.parent)

    @contextlib.contextmanager
    def translating_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlcipher3.ProgrammingError as exc:
            if self._closed:  # the vault locked while this call waited for the connection
                raise VaultLockedError() from exc
            raise
        except sqlcipher3.Error as exc:
            mapped = vault_error_from_sqlite(exc, self.path)
            if mapped is None:
                raise
            raise mapped from exc

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlcipher3.Connection]:
        """The connection for queries, held for this thread until the block ends."""
        with self._lock, self.translating_errors():
            self._require_open()
            yield self._conn

    @contextlib.contextmanager
    def write(
        self, *, counts_as_change: bool = True, durable: bool = True
    ) -> Iterator[sqlcipher3.Connection]:
        """One durable transaction: committed and fsynced when the block ends, else rolled back.

        Each moves the commit counter on, except the vault's own session bookkeeping (the
        audit entries of an unlock or a lock, `counts_as_change=False`): a lock and an unlock
        with nothing done in between is not a change a backup needs to follow.

        `durable=False` commits without waiting for the disk (`synchronous = NORMAL` for this
        one commit): the transaction is atomic and survives the app crashing, and the next
        durable commit (or checkpoint) carries it to the disk, but a power cut before then may
        drop it. Only for best-effort records whose fsync would cost more than the work they
        describe: that a search ran, which must not add a disk flush to every answer.

        Nested use (a bulk import calling `create_note_from_text` many times inside one outer
        `write()`) becomes a savepoint: the inner block rolls back alone on error, and only the
        outermost block commits, so thousands of records cost one fsync.
        """
        with self._lock, self.translating_errors():
            self._require_open()
            if self._conn.in_transaction:
                self._conn.execute("SAVEPOINT nested_write")
                try:
                    yield self._conn
                except BaseException:
                    self._conn.execute("ROLLBACK TO nested_write")
                    self._conn.execute("RELEASE nested_write")
                    raise
                self._conn.execute("RELEASE nested_write")
                return
            self.require_files_present()
            if not durable:
                self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self.require_files_present()  # never report a commit into a vanished file
                if counts_as_change:
                    self._conn.execute(_COUNT_COMMIT)
                self._conn.execute("COMMIT")
            except BaseException:
                # Also after a failed COMMIT: a transaction left open would swallow every later
                # write() as a savepoint that never commits.
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            finally:
                if not durable:
                    self._conn.execute("PRAGMA synchronous = FULL")

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Row]:
        with self.read() as conn:
            return list(conn.execute(sql, params).fetchall())

    def query_one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Row | None:
        with self.read() as conn:
            row: Row | None = conn.execute(sql, params).fetchone()
            return row

    def user_version(self) -> int:
        row = self.query_one("PRAGMA user_version")
        return int(row[0]) if row else 0

    def copy_to(self, target: Path, key: bytes) -> None:
        """Copy every page into a new database file at `target`, encrypted under `key`.

        The copy goes a few hundred pages at a time and gives up (`BackupError`) as soon as
        `close()` is asked for, so locking the vault never waits for a long backup.
        """
        with self._lock:
            self._require_open()
            dest = sqlcipher3.connect(str(target), isolation_level=None)
            try:
                dest.execute("PRAGMA cipher_log_level = NONE")
                dest.execute(raw_key_pragma(key))
                self._conn.backup(dest, pages=_COPY_PAGES_PER_STEP, progress=self._stop_if_closing)
                dest.execute("PRAGMA journal_mode = DELETE").fetchall()
            except sqlcipher3.Error as exc:
                mapped = vault_error_from_sqlite(exc, target)
                if mapped is None:
                    raise
                raise mapped from exc
            finally:
                dest.close()

    def copy_progress(self, stops_at_close: bool) -> Any:
        """The progress callback for a copy (`vault.store.snapshot`): with `stops_at_close` it
        gives up as soon as `close()` is asked for, as `copy_to` does; else it never stops."""
        return self._stop_if_closing if stops_at_close else copy_never_stops

    def checkpoint(self) -> None:
        """Fold the WAL into the database file so the file alone holds every commit."""
        with self.read() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def _stop_if_closing(self, _status: int, _remaining: int, _total: int) -> None:
        if self._close_requested:
            raise BackupAbandonedError(
                "The vault was locked before the copy finished; it was not kept."
            )

    def close(self) -> None:
        self.request_close()
        with self._lock:
            if self._closed:
                return
            # A checkpoint that fails (a full disk, say) loses nothing: the WAL keeps the commits.
            # It never waits: a backup's snapshot still reading (the backup at lock) would
            # otherwise hold the lock up for the whole busy timeout; the WAL then stays whole.
            with contextlib.suppress(sqlcipher3.Error, VaultError):
                self._conn.execute("PRAGMA busy_timeout = 0").fetchall()
                self.checkpoint()
            self._conn.close()
            self._closed = True


def copy_never_stops(_status: int, _remaining: int, _total: int) -> None:
    """The progress callback of a copy that nothing but its own failure stops."""


def _file_identity(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return (info.st_dev, info.st_ino)


def rekey_file(path: Path, old_key: bytes, new_key: bytes) -> None:
    """Re-encrypt a closed database file in place under `new_key` (used on a staged copy only)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(raw_key_pragma(old_key))
        conn.execute("PRAGMA journal_mode = DELETE").fetchall()
        conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    finally:
        conn.close()


def check_integrity(db: Database) -> list[str]:
    """Problems found by SQLCipher's page HMAC check and SQLite's structural check."""
    with db.read() as conn:
        return page_problems(conn) + structure_problems(conn)


def page_problems(conn: sqlcipher3.Connection) -> list[str]:
    """Every page of the file against its HMAC (SQLCipher's ``cipher_integrity_check``): a page
    changed, damaged, swapped or from another vault fails, free pages included, each named."""
    return [
        f"encryption check: {message}"
        for (message,) in conn.execute("PRAGMA cipher_integrity_check").fetchall()
    ]


def structure_problems(conn: sqlcipher3.Connection) -> list[str]:
    """SQLite's full ``integrity_check`` (every b-tree, the free list, every page accounted
    for, every index against its table, the search index's own check) and every reference
    between records (``foreign_key_check``)."""
    problems = _integrity_rows(conn, "PRAGMA integrity_check")
    for row in conn.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(_broken_reference(row))
    return problems


def table_structure_problems(conn: sqlcipher3.Connection, table: str) -> list[str]:
    """SQLite's ``integrity_check`` of one table (`vault.store.integrity` runs them side by
    side): its b-tree and its indexes' (every page, cell and overflow chain), each row's NOT
    NULL, type and CHECK constraints, each index against the table. Named ``sqlite_schema``:
    the schema's b-tree and the free list. A virtual table: its own check (FTS5: the search
    index's structure). What only the whole-file statement does is in `structure_problems`:
    every page accounted for once across all b-trees and the free list."""
    return _integrity_rows(conn, f"PRAGMA integrity_check({_quoted_name(table)})")


def table_reference_problems(conn: sqlcipher3.Connection, table: str) -> list[str]:
    """Every reference from `table`'s rows to another record (``foreign_key_check``)."""
    rows = conn.execute(f"PRAGMA foreign_key_check({_quoted_name(table)})").fetchall()
    return [_broken_reference(row) for row in rows]


def _integrity_rows(conn: sqlcipher3.Connection, pragma: str) -> list[str]:
    results = [row[0] for row in conn.execute(pragma).fetchall()]
    return [] if results == ["ok"] else [f"structure check: {message}" for message in results]


def _broken_reference(row: Row) -> str:
    return f"broken reference in table {row[0]} row {row[1]}"


def _quoted_name(name: str) -> str:
    """A schema name as a pragma's argument (a string literal: never read as a number)."""
    if name.isdigit():
        raise ValueError(f"a table named {name!r} would be read as a count")
    return "'" + name.replace("'", "''") + "'"
