"""The store's own checks of an open vault: its files, its key, every page, its schema.

`vault.checks.verify_vault` runs these, and each record package's check beside them. The two
costly ones, every page's HMAC and SQLite's structural check, are C code that lets go of
Python's lock, so they run on two read-only connections of their own (`snapshot.open_reader`),
on worker threads, while the record checks (Python: hashing every signed note, walking the audit
chain) run on the vault's own connection. Both readers open together under the vault
connection's lock, so they share one view; no other process may write while the vault is open
here, and the command line's ``check`` writes nothing meanwhile, so the record checks see it too
(a writer in the same process would only make each check see a consistent state of its own).
Nothing is checked less than when they ran one after the other; they only overlap.

The structural check's reader gets a page cache as large as the vault (up to
`_STRUCTURE_CACHE_MAX`): `integrity_check` reads each table against its indexes and the search
index against itself, and with SQLite's default cache the same pages were decrypted again and
again (8.2 s of processor time against 5.5 s for the 100,000-note benchmark vault).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from vault.store.database import check_integrity, page_problems, structure_problems
from vault.store.errors import VaultError
from vault.store.header import key_matches
from vault.store.migrations import latest_version
from vault.store.snapshot import Snapshot, open_reader
from vault.store.vault import Vault

_STRUCTURE_CACHE_MAX = 512 * 1024 * 1024


def store_checks() -> tuple[Callable[[Vault], list[str]], ...]:
    """The store's own checks, in order: key-check, every page and the structure, schema."""
    return (_files_in_place, _header_matches_key, _pages_and_structure, _schema_current)


@dataclass
class StoreChecksRunning:
    """The store's checks under way beside the caller (`start_store_checks`)."""

    first: list[str]  # files and key: found before the others started
    running: list[Future[list[str]]]  # pages, then structure; [] when run in `result`
    readers: list[Snapshot]
    pool: ThreadPoolExecutor | None
    vault: Vault

    def result(self) -> list[str]:
        """Wait for them; every problem, in `store_checks` order. A page that cannot be read
        at all raises `VaultDamagedError`, as on the vault's own connection."""
        try:
            if self.running:
                pages = [problem for job in self.running for problem in job.result()]
            else:
                pages = _pages_and_structure(self.vault)
        finally:
            self.close()
        return self.first + pages + _schema_current(self.vault)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        for reader in self.readers:
            reader.close()
        self.readers = []


def start_store_checks(vault: Vault) -> StoreChecksRunning:
    """Run the quick checks now and start the page and structure checks on worker threads;
    `result()` waits for them. Without readers (the files are gone) they run in `result`."""
    first = _files_in_place(vault) + _header_matches_key(vault)
    try:
        size = vault.db.path.stat().st_size
        with vault.db.holding():  # both views from the same moment
            structure = open_reader(
                vault.db, vault.key(), cache_bytes=min(size, _STRUCTURE_CACHE_MAX)
            )
            try:
                pages = open_reader(vault.db, vault.key())
            except BaseException:
                structure.close()
                raise
    except (VaultError, OSError):
        return StoreChecksRunning(first, [], [], None, vault)
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="vault-check")
    running = [
        pool.submit(pages.run, page_problems),
        pool.submit(structure.run, structure_problems),
    ]
    return StoreChecksRunning(first, running, [structure, pages], pool, vault)


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


def _pages_and_structure(vault: Vault) -> list[str]:
    return check_integrity(vault.db)


def _schema_current(vault: Vault) -> list[str]:
    version = vault.db.user_version()
    if version != latest_version():
        return [f"schema version is {version}, expected {latest_version()}"]
    return []
