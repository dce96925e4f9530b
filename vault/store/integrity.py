"""The store's own checks of an open vault: its files, its key, every page, its structure, its
schema; and the lanes that run them, with each record package's check, side by side.

`vault.checks.verify_vault` runs these. Nearly all of a check's time is SQLite and SQLCipher
(C code that lets go of Python's lock), and on the benchmark vault (99,434 notes, 537 MB) it
adds up to 9-11 s of processor time, more than one core can do in the 5 s `check` is given.
So the work is split into *lanes*: each lane is a read-only connection of its own
(`snapshot.open_reader`) that runs its jobs one after another on a worker thread, every lane
at once. The readers open together under the vault connection's lock, so all see one view; no
other process may write while the vault is open here, and the command line's ``check`` writes
nothing meanwhile.

What the store checks, and where:
- every page of the file against its HMAC (``cipher_integrity_check``, free pages included):
  tampering, bit rot, a page misplaced or from another vault. Its own lane: it reads the file
  directly, past the page cache.
- SQLite's ``integrity_check`` table by table (`database.table_structure_problems`): each
  b-tree and its indexes, each row's constraints, each index against its table; the schema's
  b-tree and the free list (``sqlite_schema``); each virtual table's own check (the search
  index). And each table's references (``foreign_key_check``).
- Not checked here: that every page of the file is used exactly once across all b-trees and
  the free list (a page leaked, or claimed by two tables, or both free and in use). SQLite does
  that only in its whole-file statement, which also runs the search index's check (2.9 s of
  its 5-5.5 s on the benchmark vault) and cannot be split; it would be the floor of `check`'s
  time on its own. `structure_problems` (restore, passphrase change) still runs it, and so does
  `check --full` (``full=True`` here). What it guards against is SQLite's bookkeeping going
  wrong (a bug, or a drive that lost writes it had acknowledged); tampering is the HMAC's, and
  a page put back from an older copy is found by the per-table checks and the record checks as
  often as before (tests/security/test_tamper.py measures it).

Why lanes, not one connection per check: pages are decrypted (and their HMAC checked) whenever
they enter a connection's page cache. A record check runs on the lane that has just checked the
structure and references of the tables it reads (`RecordStep.tables`), with a cache as large as
the vault (up to `_CACHE_MAX`, allocated only as pages are read), so those pages are decrypted
once, not three times: on the benchmark vault the signed-note hashes took 3.2 s of processor
time on a cold connection and 2.4 s behind the structure check, the reference check 0.94 s and
0.13 s.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import sqlcipher3

from vault.store.database import (
    page_problems,
    structure_problems,
    table_reference_problems,
    table_structure_problems,
)
from vault.store.errors import VaultError
from vault.store.header import key_matches
from vault.store.migrations import latest_version
from vault.store.snapshot import Snapshot, open_reader
from vault.store.vault import Vault

_CACHE_MAX = 512 * 1024 * 1024

Step = Callable[[sqlcipher3.Connection], list[str]]
# Where a job's problems go in the report: pages, structure (schema first), references,
# records; within each, by table name or record check, never by which lane finished first.
Order = tuple[int, int, str]
_PAGES: Order = (0, 0, "")
_SCHEMA: Order = (1, 0, "")


@dataclass(frozen=True)
class RecordStep:
    """A record package's check as the lanes run it: `run` on the reader of the lane that
    checks the structure of `tables` (those it reads most), after those checks."""

    tables: tuple[str, ...]
    run: Step


@dataclass(frozen=True)
class Job:
    """One step of a lane: what it is (for the benchmark), where its problems go, the step."""

    label: str
    order: Order
    run: Step


@dataclass
class Lane:
    """Jobs run in turn on one read-only connection; `cached`: a page cache as large as the
    vault (its jobs read the same pages again), else SQLite's default."""

    jobs: list[Job] = field(default_factory=list)
    cached: bool = True

    def run(self, conn: sqlcipher3.Connection) -> list[tuple[Order, list[str]]]:
        return [(job.order, job.run(conn)) for job in self.jobs]


def plan_lanes(
    tables: Sequence[tuple[str, bool]], records: Sequence[RecordStep], *, full: bool = False
) -> list[Lane]:
    """The lanes for a vault whose tables are `tables` ((name, is_virtual), as in its schema):
    the pages; one lane per record check, with the tables it claims (first claim wins); one per
    virtual table, with its shadow tables (``notes_fts_data`` for ``notes_fts``); the rest with
    the schema and the free list. `full`: SQLite's whole-file statement instead of the tables
    one by one (every page accounted for; one lane of its own, the longest)."""
    ordinary = [name for name, virtual in tables if not virtual]
    claimed: set[str] = set()

    def claim(names: Sequence[str]) -> list[str]:
        mine = [name for name in names if name in ordinary and name not in claimed]
        claimed.update(mine)
        return mine

    lanes = [Lane([Job("every page's HMAC", _PAGES, page_problems)], cached=False)]
    record_lanes = []
    for index, record in enumerate(records):
        lane = Lane([] if full else _table_jobs(claim(record.tables)))
        lane.jobs.append(Job(f"record check {index + 1}", (4, index, ""), record.run))
        record_lanes.append(lane)
    if full:
        return [*lanes, Lane([Job("whole file", _SCHEMA, structure_problems)]), *record_lanes]
    for name, virtual in tables:
        if virtual:
            shadows = claim([t for t in ordinary if t.startswith(name + "_")])
            job = Job(f"structure of {name}", (1, 1, name), _structure_of(name))
            lanes.append(Lane([job, *_table_jobs(shadows)]))
    rest = _table_jobs([t for t in ordinary if t not in claimed])
    schema = Job("structure of sqlite_schema, free list", _SCHEMA, _structure_of("sqlite_schema"))
    return [*lanes, *record_lanes, Lane([schema, *rest])]


def _table_jobs(tables: Sequence[str]) -> list[Job]:
    """Structure first (it reads every page of the table into the cache), then references."""
    return [Job(f"structure of {t}", (1, 1, t), _structure_of(t)) for t in tables] + [
        Job(f"references of {t}", (2, 0, t), _references_of(t)) for t in tables
    ]


def _structure_of(table: str) -> Step:
    return functools.partial(table_structure_problems, table=table)


def _references_of(table: str) -> Step:
    return functools.partial(table_reference_problems, table=table)


@dataclass
class StoreChecksRunning:
    """The store's checks and the record checks under way on their lanes (`start_store_checks`)."""

    first: list[str]  # files and key: found before the lanes started
    lanes: list[Lane]
    running: list[Future[list[tuple[Order, list[str]]]]]  # one per lane; [] when run in `result`
    readers: list[Snapshot]
    pool: ThreadPoolExecutor | None
    vault: Vault

    def result(self) -> tuple[list[str], list[list[str]]]:
        """Wait for the lanes: the store's problems (files, key, pages, structure, references,
        schema version) and each record check's, in that order. A page that cannot be read at
        all raises `VaultDamagedError`, as on the vault's own connection."""
        try:
            if self.running:
                found = [pair for job in self.running for pair in job.result()]
            else:  # no readers: every lane in turn on the vault's own connection
                with self.vault.db.read() as conn:
                    found = [pair for lane in self.lanes for pair in lane.run(conn)]
        finally:
            self.close()
        found.sort(key=lambda pair: pair[0])
        store = [p for order, problems in found if order[0] < 4 for p in problems]
        records = [problems for order, problems in found if order[0] == 4]
        return self.first + store + _schema_current(self.vault), records

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        for reader in self.readers:
            reader.close()
        self.readers = []


def start_store_checks(
    vault: Vault,
    records: Sequence[RecordStep] = (),
    *,
    full: bool = False,
    in_turn: bool = False,
) -> StoreChecksRunning:
    """Check the files and the key now and start every lane on a worker thread of its own;
    `result()` waits for them. `in_turn` runs the lanes one after another on their readers (the
    tests compare the two). Without readers (the files are gone) the lanes run in `result`, in
    turn, on the vault's own connection."""
    first = _files_in_place(vault) + _header_matches_key(vault)
    with vault.db.read():  # the schema and every reader: one moment
        lanes = plan_store_lanes(vault, records, full=full)
        try:
            readers = lane_readers(vault, lanes)
        except (VaultError, OSError):
            return StoreChecksRunning(first, lanes, [], [], None, vault)
    running = StoreChecksRunning(first, lanes, [], readers, None, vault)
    if in_turn:
        for lane, reader in zip(lanes, readers, strict=True):
            done: Future[list[tuple[Order, list[str]]]] = Future()
            try:
                done.set_result(reader.run(lane.run))
            except BaseException as exc:  # raised by result(), as a worker's would be
                done.set_exception(exc)
            running.running.append(done)
        return running
    running.pool = ThreadPoolExecutor(max_workers=len(lanes), thread_name_prefix="vault-check")
    running.running = [
        running.pool.submit(reader.run, lane.run)
        for lane, reader in zip(lanes, readers, strict=True)
    ]
    return running


def plan_store_lanes(
    vault: Vault, records: Sequence[RecordStep] = (), *, full: bool = False
) -> list[Lane]:
    """`plan_lanes` for this vault's schema as it stands."""
    with vault.db.read() as conn:
        return plan_lanes(_tables(conn), records, full=full)


def lane_readers(vault: Vault, lanes: Sequence[Lane]) -> list[Snapshot]:
    """A reader for each lane, all on the view the vault has committed now; a cached lane's
    page cache may grow to the vault's size (at most `_CACHE_MAX`)."""
    readers: list[Snapshot] = []
    with vault.db.read():
        try:
            cache = min(vault.db.path.stat().st_size, _CACHE_MAX)
            for lane in lanes:
                size = cache if lane.cached else 0
                readers.append(open_reader(vault.db, vault.key(), cache_bytes=size))
        except BaseException:
            for reader in readers:
                reader.close()
            raise
    return readers


def _tables(conn: sqlcipher3.Connection) -> list[tuple[str, bool]]:
    """Every table in the schema, in schema order; virtual tables have no b-tree (root 0)."""
    rows = conn.execute(
        "SELECT name, rootpage = 0 FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
    ).fetchall()
    return [(str(name), bool(virtual)) for name, virtual in rows]


def _files_in_place(vault: Vault) -> list[str]:
    if vault.files_present():
        return []
    return [
        f"the vault's files are no longer at {vault.directory} (a drive removed, or the folder "
        "moved or deleted); what is checked is only what this session still holds open"
    ]


def _header_matches_key(vault: Vault) -> list[str]:
    if key_matches(vault.header, vault.key()):
        return []
    return ["the header's key-check does not match the key this vault was unlocked with"]


def _schema_current(vault: Vault) -> list[str]:
    version = vault.db.user_version()
    if version != latest_version():
        return [f"schema version is {version}, expected {latest_version()}"]
    return []
