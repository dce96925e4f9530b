"""Encrypted backups and restore.

A backup is a complete vault folder (header and database, same passphrase as when it was made),
so it can be opened, checked or restored anywhere. Both directions verify before they finish:
a backup is reopened and checked before success is reported, and a restore puts nothing in place
until the copy has passed the same checks.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from vault.store import layout
from vault.store.backup_outcomes import outcome, parse_head_seq, record_now
from vault.store.clock import stamp_for_filename
from vault.store.database import Database, check_integrity
from vault.store.errors import (
    BackupAbandonedError,
    BackupError,
    NotAVaultError,
    VaultDamagedError,
    VaultError,
    VaultMissingError,
    WrongPassphraseError,
)
from vault.store.events import announce
from vault.store.fsio import (
    fsync_dir,
    fsync_file,
    require_writable_dir,
    sweep_write_probes,
    translate_os_errors,
)
from vault.store.header import VaultHeader, key_matches, read_header, write_header
from vault.store.kdf import derive_key
from vault.store.lockfile import VaultLock
from vault.store.rollback import (
    AUDIT_HEAD_KEY,
    COUNTER_KEY,
    EPOCH_KEY,
    Position,
    read_position,
    seal,
)
from vault.store.snapshot import Snapshot, check_copy, open_snapshot
from vault.store.staging import PARTIAL, RESTORING, staging_folder, sweep_abandoned
from vault.store.vault import Vault

BACKUP_PREFIX = "confidant-backup-"


@dataclass
class PreparedBackup:
    """A backup whose view of the vault is fixed, ready to be written (on a worker thread).

    Holds a read-only snapshot connection and its own copy of the key, so a backup prepared at
    lock can be written after the vault closed; `write_into` wipes that key copy when done.
    """

    snapshot: Snapshot
    header: VaultHeader
    key: bytearray
    schema_version: int
    holds: int | None = None  # the newest audit entry the backup holds (None: no trail)

    def write_into(self, dest_dir: Path | str) -> BackupResult:
        """Write, verify and commit the backup into `dest_dir`; the snapshot closes either way."""
        try:
            return self.write(dest_dir)
        finally:
            self.discard()

    def write(self, dest_dir: Path | str) -> BackupResult:
        """As `write_into`, but the snapshot and the key copy are kept until `discard`."""
        return _write_backup(self, Path(dest_dir).absolute())

    def discard(self) -> None:
        """Give up without writing: close the snapshot and wipe the key copy."""
        self.snapshot.close()
        self.key[:] = bytes(len(self.key))


@dataclass(frozen=True)
class BackupResult:
    """Where a verified backup went and the vault's commit counter it holds (None: pre-4)."""

    path: Path
    counter: int | None


def prepare_backup(vault: Vault, *, stops_at_lock: bool = True) -> PreparedBackup:
    """Fix the backup's view of `vault` now (a WAL snapshot): cheap, on the calling thread.

    Every note committed before this call is in the backup; nothing committed after is. With
    `stops_at_lock` (a backup while unlocked) locking abandons the copy; without it (the backup
    taken at lock, prepared just before the vault closes) the copy finishes after the lock.
    """
    key = vault.key()
    snapshot = open_snapshot(vault.db, key, stops_at_close=stops_at_lock)
    header = VaultHeader(kdf=vault.header.kdf, key_check=vault.header.key_check, generation=1)
    try:
        holds, _ = parse_head_seq(snapshot.meta(AUDIT_HEAD_KEY))
        version = snapshot.user_version()
    except BaseException:
        snapshot.close()
        raise
    return PreparedBackup(snapshot, header, bytearray(key), version, holds)


def backup_vault(vault: Vault, dest_dir: Path | str) -> Path:
    """Write a verified encrypted copy of `vault` into `dest_dir`; returns the backup's folder.

    Back Up Now and the CLI's ``backup``. Its audit entry (`vault.store.backup_outcomes`) is
    written once the outcome is known: ``backup.written`` after the copy verified,
    ``backup.failed`` when it did not; a copy abandoned because the vault locked is neither.
    """
    dest_dir = Path(dest_dir).absolute()
    if not dest_dir.is_dir():  # before the snapshot: a missing drive is said at once
        require_writable_dir(dest_dir)
    prepared = prepare_backup(vault)
    try:
        written = prepared.write_into(dest_dir).path
    except BackupAbandonedError:
        raise
    except Exception as exc:
        record_now(vault.db, outcome("manual", prepared.holds, failure=exc))
        raise
    record_now(vault.db, outcome("manual", prepared.holds))
    return written


def _write_backup(prepared: PreparedBackup, dest_dir: Path) -> BackupResult:
    """The copy is verified before it gets its header, so a copy cut short (a kill, a pulled
    drive) is never a vault anyone can open; abandoned copies are swept on the next backup.

    The copy is fsynced and the system's cached copy of it dropped before it is checked, so
    the check reads what the drive holds (a drive that lost writes, a fake-capacity stick),
    not what was handed to it; see `_verify_copy` for what the check proves.
    """
    require_writable_dir(dest_dir)
    sweep_abandoned_backups(dest_dir)
    final = _unique(dest_dir / f"{BACKUP_PREFIX}{stamp_for_filename()}")
    key = bytes(prepared.key)
    header = prepared.header
    counter_text = prepared.snapshot.meta(COUNTER_KEY)
    with staging_folder(final, PARTIAL) as staging:
        db_path = staging / header.database_name
        with translate_os_errors(staging):
            prepared.snapshot.copy_to(db_path, key)
            position = _start_new_epoch(db_path, key)
            fsync_file(db_path)
            _drop_cached_pages(db_path)
        _verify_copy(db_path, key, expected_version=prepared.schema_version, thorough=False)
        if position is not None:
            header = replace(
                header,
                sealed_counter=position.counter,
                counter_mac=seal(key, position),
                sealed_audit_head=position.audit_head or None,
            )
        with translate_os_errors(final):
            write_header(staging, header)
            os.rename(staging, final)
            fsync_dir(dest_dir)
    counter = int(counter_text) if counter_text and counter_text.isdigit() else None
    return BackupResult(final, counter)


def sweep_abandoned_backups(dest_dir: Path | str) -> list[Path]:
    """Remove unfinished copies a killed backup left in `dest_dir` (never a live one)."""
    sweep_write_probes(Path(dest_dir))
    return sweep_abandoned(Path(dest_dir), PARTIAL)


def restore_backup(backup_dir: Path | str, vault_dir: Path | str, passphrase: str) -> Path | None:
    """Replace the vault at `vault_dir` with the backup, once the backup has been verified.

    The restored vault opens with the passphrase the backup was made under. When a vault already
    exists there, its files are first copied aside to a ``<name>.before-restore-<time>`` folder
    (returned), so a restore never destroys anything.
    """
    backup_dir = Path(backup_dir).absolute()
    vault_dir = Path(vault_dir).absolute()
    try:
        backup_header = read_header(backup_dir)
    except (VaultDamagedError, NotAVaultError, VaultMissingError) as exc:
        # Name the backup as the bad one: the vault being restored over is not touched.
        raise BackupError(
            f"The backup at {backup_dir} cannot be used ({exc.why}). "
            f"The vault at {vault_dir} was not touched.",
            path=backup_dir,
        ) from exc
    key = derive_key(passphrase, backup_header.kdf)
    if not key_matches(backup_header, key):
        raise WrongPassphraseError()
    backup_db = backup_dir / backup_header.database_name
    if not backup_db.is_file():
        raise BackupError(f"The backup at {backup_dir} has no database file.")
    if backup_db.stat().st_size == 0:
        raise BackupError(f"The backup at {backup_dir} is empty.")
    if vault_dir.exists() and layout.is_vault_dir(vault_dir):
        return _restore_over(vault_dir, backup_header, backup_db, key)
    _restore_fresh(vault_dir, backup_header, backup_db, key)
    return None


def _restore_over(vault_dir: Path, backup_header: VaultHeader, backup_db: Path, key: bytes) -> Path:
    lock = VaultLock(vault_dir)
    lock.acquire()
    try:
        generation = _current_generation(vault_dir) + 1
        new_header = VaultHeader(
            kdf=backup_header.kdf, key_check=backup_header.key_check, generation=generation
        )
        staged = vault_dir / new_header.database_name
        try:
            with translate_os_errors(staged):
                shutil.copyfile(backup_db, staged)
                _start_new_epoch(staged, key, "vault.restored")
                fsync_file(staged)
            _verify_copy(staged, key, expected_version=None)
            kept = _keep_copy_aside(vault_dir)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                staged.unlink()
            raise
        write_header(vault_dir, new_header)
        for path in vault_dir.glob(f"{layout.DB_PREFIX}*{layout.DB_SUFFIX}"):
            if path != staged:
                for companion in layout.database_files(path):
                    companion.unlink()
        return kept
    finally:
        lock.release()


def _restore_fresh(
    vault_dir: Path, backup_header: VaultHeader, backup_db: Path, key: bytes
) -> None:
    if vault_dir.exists() and (not vault_dir.is_dir() or any(vault_dir.iterdir())):
        raise BackupError(f"{vault_dir} exists and is not a vault; choose an empty location.")
    require_writable_dir(vault_dir.parent)
    sweep_abandoned(vault_dir.parent, RESTORING)
    header = VaultHeader(kdf=backup_header.kdf, key_check=backup_header.key_check, generation=1)
    with staging_folder(vault_dir, RESTORING) as staging:
        staged = staging / header.database_name
        with translate_os_errors(staging):
            shutil.copyfile(backup_db, staged)
            _start_new_epoch(staged, key, "vault.restored")
            fsync_file(staged)
        _verify_copy(staged, key, expected_version=None)
        with translate_os_errors(vault_dir):
            write_header(staging, header)
            if vault_dir.exists():
                vault_dir.rmdir()
            os.rename(staging, vault_dir)
            fsync_dir(vault_dir.parent)


def _start_new_epoch(db_path: Path, key: bytes, announce_as: str = "") -> Position | None:
    """Give a copy its own history, so neither it nor a restore of it reads as a rollback.

    A copy that cannot even be opened is left for `_verify_copy` to report.
    """
    try:
        db = Database(db_path, key, journal_mode="DELETE")
    except VaultError:
        return None
    try:
        with db.write() as conn:
            conn.execute(
                "UPDATE vault_meta SET value = lower(hex(randomblob(16))) WHERE key = ?",
                (EPOCH_KEY,),
            )
            if announce_as:
                announce(conn, announce_as)
        return read_position(db)
    except VaultError:
        return None
    finally:
        db.close()


def _drop_cached_pages(path: Path) -> None:
    """Ask the system to forget its cached pages of `path` (written and fsynced: clean), so the
    next read comes from the drive. Linux (``posix_fadvise``); elsewhere, and if refused, the
    check reads what the system cached, as before."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def _verify_copy(
    db_path: Path, key: bytes, *, expected_version: int | None, thorough: bool = True
) -> None:
    """Prove the copy opens and is sound.

    A backup just made (`thorough=False`) is a page-for-page copy of a committed view of the
    vault: `check_copy` proves every page is intact where it belongs, and the copy then has
    exactly the vault's structure and records; whether those are sound (structure, signed-note
    hashes, the audit chain) is a fact about the vault, which `check` verifies on the vault.
    A restore (`thorough=True`), whose file has lain on a drive and is about to become the
    vault, gets the structural checks too (`check_integrity`)."""
    try:
        probe = Database(db_path, key, journal_mode="DELETE")
    except VaultDamagedError as exc:
        raise BackupError(f"The copy at {db_path.parent} is damaged: {exc}") from exc
    try:
        problems = check_integrity(probe) if thorough else check_copy(probe)
        version = probe.user_version()
    except VaultError as exc:
        raise BackupError(f"The copy at {db_path.parent} is damaged: {exc}") from exc
    finally:
        probe.close()
    if problems:
        raise BackupError(
            f"The copy at {db_path.parent} failed verification: " + "; ".join(problems[:5])
        )
    if expected_version is not None and version != expected_version:
        raise BackupError(f"The copy at {db_path.parent} has the wrong schema version.")


def _keep_copy_aside(vault_dir: Path) -> Path:
    """Copy the vault's files as they are (even if damaged) to a sibling folder, untouched."""
    aside = _unique(vault_dir.with_name(f"{vault_dir.name}.before-restore-{stamp_for_filename()}"))
    with translate_os_errors(aside):
        aside.mkdir(mode=0o700)
        for path in vault_dir.iterdir():
            if path.is_file() and path.name != layout.LOCK_NAME:
                shutil.copyfile(path, aside / path.name)
                fsync_file(aside / path.name)
        fsync_dir(aside)
        fsync_dir(aside.parent)
    return aside


def _current_generation(vault_dir: Path) -> int:
    numbers = [1]
    for path in vault_dir.glob(f"{layout.DB_PREFIX}*{layout.DB_SUFFIX}"):
        middle = path.name[len(layout.DB_PREFIX) : -len(layout.DB_SUFFIX)]
        if middle.isdigit():
            numbers.append(int(middle))
    with contextlib.suppress(VaultError):
        numbers.append(read_header(vault_dir).generation)
    return max(numbers)


def _unique(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate
