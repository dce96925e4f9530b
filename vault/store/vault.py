"""The vault: create, unlock, lock, change passphrase. One open `Vault` is one unlocked session.

Promises kept here:
- nothing in the vault folder changes unless the passphrase was right;
- creation is atomic (a half-made vault never appears under the chosen name);
- changing the passphrase is crash-safe: the header is the single commit point, so killed at any
  instant the vault opens with either the old or the new passphrase;
- locking drops the connection and the key.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from vault.store import layout
from vault.store.backup_outcomes import deferred_outcomes
from vault.store.clock import now_iso
from vault.store.compaction import finish_interrupted_scrub
from vault.store.database import Database, check_integrity, rekey_file
from vault.store.errors import (
    LocationError,
    VaultDamagedError,
    VaultError,
    VaultExistsError,
    VaultLockedError,
    WrongPassphraseError,
)
from vault.store.events import announce
from vault.store.failed_unlocks import note_failure, take_failures
from vault.store.fsio import fsync_dir, fsync_file, require_writable_dir, translate_os_errors
from vault.store.header import VaultHeader, key_check_for, key_matches, read_header, write_header
from vault.store.kdf import Argon2Params, calibrate, derive_key
from vault.store.lockfile import VaultLock
from vault.store.migrations import migrate
from vault.store.rollback import read_position, remember, seal, warning_for
from vault.store.staging import CREATING, RESTORING, staging_folder, sweep_abandoned

# Called with a step name at each stage of a multi-step change; tests inject failures here.
StepHook = Callable[[str], None]


def _no_hook(step: str) -> None:
    del step


class Vault:
    """An unlocked vault. Use `Vault.create` or `Vault.open`; `close()` locks it again."""

    def __init__(self, directory: Path, header: VaultHeader, key: bytes, lock: VaultLock) -> None:
        self.directory = directory
        self._header = header
        self._key: bytearray | None = bytearray(key)
        self._lock = lock
        self._db: Database | None = Database(directory / header.database_name, key)
        # Set at unlock when the vault is older than it should be (see `vault.store.rollback`).
        self.rollback_warning = ""
        self._sealable = False  # only a vault that unlocked fully is sealed at lock
        self.vault_id = ""  # the random id in vault_meta, read at unlock

    # ----- life cycle -------------------------------------------------------------------------

    @classmethod
    def create(
        cls, directory: Path | str, passphrase: str, *, kdf_params: Argon2Params | None = None
    ) -> Vault:
        """Make a new, empty vault at `directory` (which must not exist yet, or be empty)."""
        directory = Path(directory).absolute()
        _require_free_location(directory)
        params = kdf_params or calibrate()
        _require_sane(params)
        key = derive_key(passphrase, params)
        sweep_abandoned(directory.parent, CREATING)
        header = VaultHeader(kdf=params, key_check=key_check_for(key), generation=1)
        with staging_folder(directory, CREATING) as staging, translate_os_errors(staging):
            db = Database(staging / header.database_name, key)
            try:
                migrate(db)
                with db.write() as conn:
                    conn.executemany(
                        "INSERT INTO vault_meta (key, value) VALUES (?, ?)",
                        [("vault_id", uuid.uuid4().hex), ("created_at", now_iso())],
                    )
                    announce(conn, "vault.created")
            finally:
                db.close()
            fsync_file(staging / header.database_name)
            write_header(staging, header)
            if directory.exists():
                directory.rmdir()  # empty, checked above; rename needs it gone
            os.rename(staging, directory)
            fsync_dir(directory.parent)
        return cls._unlock_with_key(directory, header, key)

    @classmethod
    def open(cls, directory: Path | str, passphrase: str) -> Vault:
        """Unlock: derive the key (slow, Argon2), prove it, open the database, migrate."""
        directory = Path(directory).absolute()
        header = read_header(directory)
        key = derive_key(passphrase, header.kdf)
        if not key_matches(header, key):
            note_failure(
                header, directory
            )  # on this computer only: the vault itself is never touched
            raise WrongPassphraseError()
        return cls._unlock_with_key(directory, header, key)

    @classmethod
    def _unlock_with_key(cls, directory: Path, header: VaultHeader, key: bytes) -> Vault:
        lock = VaultLock(directory)
        lock.acquire()
        try:
            header = read_header(directory)  # re-read under the lock: it may have just changed
            if not key_matches(header, key):
                raise WrongPassphraseError()
            db_path = directory / header.database_name
            if not db_path.is_file():
                raise VaultDamagedError(directory, f"its database file {db_path.name} is missing")
            if db_path.stat().st_size == 0:
                raise VaultDamagedError(directory, f"its database file {db_path.name} is empty")
            vault = cls(directory, header, key, lock)
        except BaseException:
            lock.release()
            raise
        try:
            _require_vault_schema(vault)
            migrate(vault.db)
            finish_interrupted_scrub(vault.db)  # a destruction killed before its VACUUM
            _remove_stale_generations(directory, header)
            for purpose in (CREATING, RESTORING):  # what a killed create or restore left beside
                sweep_abandoned(directory.parent, purpose)
            vault._announce_unlock(header)
            position = read_position(vault.db)
            if position is not None:
                vault.rollback_warning = warning_for(position, header, key)
            elif header.sealed_counter is not None:
                vault.rollback_warning = (
                    "This vault's record of its own history is missing although it was there at "
                    "the last lock: its data may have been altered or replaced. Check it, and "
                    "restore your newest backup if anything is missing."
                )
            vault._sealable = True
        except BaseException:
            vault.close()
            raise
        return vault

    def close(self, reason: str = "manual") -> None:
        """Lock the vault: record why (``manual``, ``idle``, ``quit``...), seal the commit
        counter, close the connection, forget the key, release the folder lock."""
        if self._db is not None:
            self._db.request_close()  # a backup copy stops now, not after the seal waited for it
            if self._sealable:
                self._announce_lock(reason)
                self._seal_counter()
            self._db.close()
            self._db = None
        if self._key is not None:
            self._key[:] = bytes(len(self._key))
            self._key = None
        self._lock.release()

    def _announce_unlock(self, header: VaultHeader) -> None:
        """The unlock's entries, after what happened while the vault was locked: wrong
        passphrases tried, and backups taken at the last lock (`backup_outcomes`)."""
        failures = take_failures(header, self.directory)
        backups = deferred_outcomes(self.db, self.key())
        with self.db.write(counts_as_change=bool(failures)) as conn:
            backups.announce(conn)
            if failures:
                announce(conn, "vault.unlock_failed", f"count={failures}")
            announce(conn, "vault.unlocked")
        backups.forget()

    def _announce_lock(self, reason: str) -> None:
        db = self._db
        if db is None or not db.files_present():
            return
        with contextlib.suppress(VaultError), db.write(counts_as_change=False) as conn:
            announce(conn, "vault.locked", reason)

    def _seal_counter(self) -> None:
        """Write the commit counter into the header (HMAC'd) and this computer's memory.

        Best effort: a full disk or a vanished folder skips it, which only weakens a later
        rollback warning, never the data.
        """
        db, key = self._db, self._key
        if db is None or key is None or not db.files_present():
            return
        with contextlib.suppress(VaultError, OSError):
            position = read_position(db)
            if position is None:
                return
            on_disk = read_header(self.directory)
            if (on_disk.generation, on_disk.key_check) != (
                self._header.generation,
                self._header.key_check,
            ):
                return  # the header names another database now (a passphrase change committed)
            remember(position)
            if (on_disk.sealed_counter, on_disk.sealed_audit_head or "") == (
                position.counter,
                position.audit_head,
            ):
                return
            sealed = replace(
                on_disk,
                sealed_counter=position.counter,
                counter_mac=seal(bytes(key), position),
                sealed_audit_head=position.audit_head or None,
            )
            write_header(self.directory, sealed)
            self._header = sealed

    def __enter__(self) -> Vault:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ----- access -----------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._db is not None

    @property
    def db(self) -> Database:
        if self._db is None:
            raise VaultLockedError()
        return self._db

    @property
    def header(self) -> VaultHeader:
        return self._header

    def key(self) -> bytes:
        """The raw database key, for backup copies in the same folder format. Never log it."""
        if self._key is None:
            raise VaultLockedError()
        return bytes(self._key)

    def files_present(self) -> bool:
        """False once the vault's database file is gone from where it was opened (a pulled drive,
        a deleted or moved folder); every later save then fails with `VaultGoneError`."""
        db = self._db
        return db is not None and db.files_present()

    def meta(self, name: str) -> str | None:
        row = self.db.query_one("SELECT value FROM vault_meta WHERE key = ?", (name,))
        return str(row[0]) if row else None

    # ----- passphrase ---------------------------------------------------------------------------

    def check_passphrase(self, passphrase: str) -> bool:
        return key_matches(self._header, derive_key(passphrase, self._header.kdf))

    def change_passphrase(
        self,
        current: str,
        new: str,
        *,
        kdf_params: Argon2Params | None = None,
        step_hook: StepHook = _no_hook,
    ) -> None:
        """Re-encrypt every page under a key from `new` (with a fresh salt), crash-safely.

        Steps: copy the database to the next generation's file, re-key that copy, prove it opens,
        then atomically replace the header (the commit point), then switch and delete the old file.
        """
        if not self.check_passphrase(current):
            raise WrongPassphraseError()
        params = (kdf_params or self._header.kdf).with_new_salt()
        _require_sane(params)
        new_key = derive_key(new, params)
        old_key = self.key()
        new_header = VaultHeader(
            kdf=params, key_check=key_check_for(new_key), generation=self._header.generation + 1
        )
        staged = self.directory / new_header.database_name
        old_db = self.db
        # No save may land in the old file between the copy and the switch (it would be lost
        # with it): the connection's lock is held from the copy until the old file is closed.
        with old_db.holding():
            try:
                with translate_os_errors(staged):
                    self._stage_new_generation(staged, old_key, new_key, step_hook)
            except BaseException:
                _remove_database_files(staged)
                raise
            with translate_os_errors(self.directory):
                write_header(self.directory, new_header)
            step_hook("switch")
            self._db = Database(staged, new_key)
            self._header = new_header
            self._key = bytearray(new_key)
            old_db.close()  # still held: a waiting call gets VaultLockedError, not the old file
        _remove_stale_generations(self.directory, new_header)
        with contextlib.suppress(VaultError), self.db.write() as conn:
            announce(conn, "vault.passphrase_changed")

    def _stage_new_generation(
        self, staged: Path, old_key: bytes, new_key: bytes, step_hook: StepHook
    ) -> None:
        """The re-keyed copy, proven to open, beside the live file; the header is untouched."""
        _remove_database_files(staged)
        step_hook("copy")
        self.db.checkpoint()
        self.db.copy_to(staged, old_key)
        step_hook("rekey")
        rekey_file(staged, old_key, new_key)
        fsync_file(staged)
        fsync_dir(self.directory)
        step_hook("prove")
        _prove_opens(staged, new_key)
        step_hook("header")


def _require_vault_schema(vault: Vault) -> None:
    """An existing vault always has its schema: a blank database is damage, never a new vault.

    SQLCipher opens an emptied or zeroed file as a fresh database; written into, it would look
    like an empty practice. Only `Vault.create` ever gives a database its first schema.
    """
    row = vault.db.query_one(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'vault_meta'"
    )
    has_meta = bool(row and row[0])
    vault_id = vault.meta("vault_id") if has_meta else None
    if vault.db.user_version() < 1 or vault_id is None:
        raise VaultDamagedError(
            vault.directory,
            f"its database file {vault.header.database_name} holds no vault data "
            "(emptied or replaced?)",
        )
    vault.vault_id = vault_id


def _prove_opens(db_path: Path, key: bytes) -> None:
    probe = Database(db_path, key, journal_mode="DELETE")
    try:
        problems = check_integrity(probe)
    finally:
        probe.close()
    if problems:
        raise VaultDamagedError(db_path.parent, "the re-encrypted copy failed its check")


def _require_sane(params: Argon2Params) -> None:
    if not params.meets_floor():
        raise ValueError("key-derivation parameters below the RFC 9106 floor")
    if not params.within_ceiling():
        raise ValueError("key-derivation parameters above what a laptop can unlock with")


def _require_free_location(directory: Path) -> None:
    parent = directory.parent
    if not parent.is_dir():
        raise LocationError(f"The folder {parent} does not exist.")
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise VaultExistsError(directory)
    require_writable_dir(parent)


def _remove_database_files(db_path: Path) -> None:
    for path in layout.database_files(db_path):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _remove_stale_generations(directory: Path, header: VaultHeader) -> None:
    """Delete database files an interrupted passphrase change or restore left behind."""
    for path in directory.glob(f"{layout.DB_PREFIX}*{layout.DB_SUFFIX}"):
        if path.name != header.database_name:
            _remove_database_files(path)
    stale_header = layout.header_path(directory).with_suffix(".json.tmp")
    with contextlib.suppress(FileNotFoundError):
        stale_header.unlink()
