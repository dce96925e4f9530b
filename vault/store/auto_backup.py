"""Automatic backups: when one is due, writing it with rotation, and what the status bar says.

When: at lock and at quit whenever something was committed since the last backup (the vault's
commit counter moved), and while the vault stays unlocked at most once a day. What this computer
remembers for it lives in its own state folder (`vault.store.machine_state`), keyed by the
vault's random id and epoch: a commit counter and two times, nothing named. Every automatic
backup ends in the audit trail, written or failed (`vault.store.backup_outcomes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from vault.store import clock
from vault.store.backup import BackupResult, PreparedBackup, prepare_backup
from vault.store.backup_catalog import (
    list_backups,
    newest_complete,
    rotate_backups,
    sweep_abandoned_removals,
)
from vault.store.backup_outcomes import defer, outcome, record_deferred, record_now
from vault.store.backup_rotation import RotationPolicy
from vault.store.database import Database
from vault.store.errors import BackupAbandonedError, VaultError
from vault.store.machine_state import read_state, write_state
from vault.store.rollback import read_position
from vault.store.vault import Vault

DAILY = timedelta(days=1)
DEFAULT_WARN_AFTER_DAYS = 7
_STATE = "backups"


@dataclass(frozen=True)
class BackupMemory:
    """What this computer remembers about one vault's automatic backups."""

    counter: int | None = None  # the commit counter the last verified backup holds
    verified_at: datetime | None = None
    failed_at: datetime | None = None  # set when the newest attempt failed
    failure: str = ""  # the failure's kind (an error class name), never its message


@dataclass(frozen=True)
class AutoBackupSettings:
    """The therapist's choices, from the window's settings: a folder and numbers."""

    folder: Path | None
    policy: RotationPolicy = field(default_factory=RotationPolicy)
    warn_after: timedelta = timedelta(days=DEFAULT_WARN_AFTER_DAYS)


def memory_key(vault: Vault) -> str | None:
    position = read_position(vault.db)
    return position.memory_key if position is not None else None


def recall(key: str | None) -> BackupMemory:
    entry = read_state(_STATE).get(key or "")
    if not isinstance(entry, dict):
        return BackupMemory()
    counter = entry.get("counter")
    return BackupMemory(
        counter if isinstance(counter, int) else None,
        _time(entry.get("verified_at")),
        _time(entry.get("failed_at")),
        str(entry.get("failure", "")),
    )


def changed_since_last_backup(vault: Vault) -> bool:
    position = read_position(vault.db)
    if position is None:
        return True
    return recall(position.memory_key).counter != position.counter


def backup_due(vault: Vault, *, at_lock: bool) -> bool:
    """At lock (and quit): whenever something changed. Otherwise: changed, and a day passed."""
    if not changed_since_last_backup(vault):
        return False
    if at_lock:
        return True
    verified = recall(memory_key(vault)).verified_at
    return verified is None or clock.now_utc() - verified >= DAILY


@dataclass
class AutomaticBackup:
    """A prepared automatic backup: its snapshot is fixed; `run` writes it (on a worker).

    `db` is the open vault's connection for a backup taken while unlocked (its audit entry is
    written there at once), None for the backup at lock (its entry waits for the next unlock,
    see `vault.store.backup_outcomes`).
    """

    prepared: PreparedBackup
    key: str | None
    settings: AutoBackupSettings
    db: Database | None = None

    def run(self) -> BackupResult:
        """Write, verify, record in the trail, remember and rotate; the snapshot and its key
        copy are let go whatever happens."""
        folder = self.settings.folder
        try:
            try:
                if folder is None:
                    raise VaultError("No backup folder is set.")
                result = self.prepared.write(folder)
            except BackupAbandonedError:
                raise  # the vault locked: not a failure, and the backup at lock takes over
            except Exception as exc:
                if isinstance(exc, VaultError):
                    _remember(self.key, failed_at=clock.now_utc(), failure=type(exc).__name__)
                self._record(exc)
                raise
            self._record(None)
        finally:
            self.prepared.discard()
        assert folder is not None
        _remember(self.key, counter=result.counter, verified_at=clock.now_utc())
        sweep_abandoned_removals(folder)  # what a kill mid-rotation left
        rotate_backups(
            folder, self.prepared.header.key_check, self.settings.policy, clock.now_utc()
        )
        return result

    def _record(self, failure: BaseException | None) -> None:
        """The audit entry: into the open vault if there is one, else kept for the next unlock
        with an HMAC under the key copy (before `discard` wipes it)."""
        holds, at_lock = self.prepared.holds, self.db is None
        if self.db is not None and record_now(self.db, outcome("auto", holds, failure=failure)):
            return
        entry = outcome("auto", holds, failure=failure, at_lock=at_lock, deferred=True)
        defer(self.key, bytes(self.prepared.key), entry)

    def discard(self) -> None:
        self.prepared.discard()


def prepare_automatic(
    vault: Vault, settings: AutoBackupSettings, *, at_lock: bool
) -> AutomaticBackup:
    """Fix the view of `vault` for an automatic backup (the vault must be open: at lock, call
    this before it closes). The copy is written later by `AutomaticBackup.run`."""
    prepared = prepare_backup(vault, stops_at_lock=not at_lock)
    return AutomaticBackup(prepared, memory_key(vault), settings, None if at_lock else vault.db)


def record_waiting_outcomes(vault: Vault) -> None:
    """Write into the open vault the entries of backups that ended while it was locked (the
    backup at lock finishing after the next unlock); the unlock itself writes the others."""
    record_deferred(vault.db, vault.key())


@dataclass(frozen=True)
class BackupStatus:
    """One line for the status bar, and whether it is a warning."""

    text: str
    warning: bool


def backup_status(
    settings: AutoBackupSettings, key_check: bytes, memory: BackupMemory, *, changed: bool
) -> BackupStatus:
    """What the status bar says; reads the folder's listing (plaintext only), so run it off the
    GUI thread: a sleeping USB drive can take a moment to answer."""
    folder = settings.folder
    if folder is None:
        return BackupStatus("No backup folder is set: choose one in Settings.", True)
    if not folder.is_dir():
        return BackupStatus(
            f"Backup folder {folder.name} is missing: is the drive plugged in?", True
        )
    newest = newest_complete(list_backups(folder), key_check)
    made_at = newest.made_at if newest is not None else None
    if memory.failed_at is not None and (made_at is None or memory.failed_at > made_at):
        why = _FAILURE_WORDS.get(memory.failure, "see the message it gave")
        return BackupStatus(f"Last backup to {folder.name} failed: {why}.", True)
    if made_at is None:
        return BackupStatus(f"No verified backup on {folder.name} yet.", True)
    now = clock.now_utc()
    text = f"Last verified backup: {_ago(now - made_at)}, on {folder.name}"
    if changed and now - made_at > settings.warn_after:
        return BackupStatus(text + f" (older than {settings.warn_after.days} days)", True)
    return BackupStatus(text, False)


_FAILURE_WORDS = {
    "DiskFullError": "the drive is full",
    "LocationError": "the folder cannot be written to",
    "DiskIOError": "the drive reported an error (was it unplugged?)",
    "BackupError": "the copy did not verify",
    "VaultGoneError": "the vault's own folder went away",
}


def _ago(age: timedelta) -> str:
    seconds = max(0, int(age.total_seconds()))
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"


def _remember(key: str | None, **fields: object) -> None:
    if key is None:
        return
    state = read_state(_STATE)
    entry = state.get(key) if isinstance(state.get(key), dict) else {}
    assert isinstance(entry, dict)
    if "verified_at" in fields:
        entry.pop("failed_at", None)
        entry.pop("failure", None)
    for name, value in fields.items():
        entry[name] = value.isoformat() if isinstance(value, datetime) else value
    state[key] = entry
    write_state(_STATE, state)


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
