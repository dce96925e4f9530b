"""The backups found in a folder, and removing the ones rotation no longer keeps.

Reads only the plaintext a backup folder shows anyone (its name, its header, its file sizes),
so listing needs no passphrase. A backup is "complete" when its header is there and readable:
`backup_vault` writes the header only after the copy verified, so a complete backup was
verified when it was written. Nothing here deletes a folder that is not, beyond doubt, a
complete Confidant backup holding only a backup's own files.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from vault.store import layout
from vault.store.backup import BACKUP_PREFIX
from vault.store.backup_rotation import RotationPolicy, backups_to_remove
from vault.store.errors import VaultError
from vault.store.header import VaultHeader, read_header
from vault.store.staging import REMOVING, staging_name

_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupEntry:
    """One backup folder as it looks from outside: no passphrase needed."""

    path: Path
    made_at: datetime | None  # from the folder's name (UTC); None when the name was changed
    size_bytes: int
    header: VaultHeader | None  # None: incomplete or damaged

    @property
    def complete(self) -> bool:
        return self.header is not None

    @property
    def sealed_counter(self) -> int | None:
        """The backup's own commit counter, sealed in its header (plaintext, not secret)."""
        return self.header.sealed_counter if self.header is not None else None


def made_at_from_name(name: str) -> datetime | None:
    """``confidant-backup-20261125-143000`` (or ``...-2``) -> that UTC time; else None."""
    if not name.startswith(BACKUP_PREFIX):
        return None
    stamp = name[len(BACKUP_PREFIX) : len(BACKUP_PREFIX) + 15]
    try:
        return datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def list_backups(folder: Path | str) -> list[BackupEntry]:
    """Every ``confidant-backup-*`` folder in `folder`, newest first (unfinished copies, which
    are hidden staging folders, are not backups and are not listed)."""
    folder = Path(folder)
    entries: list[BackupEntry] = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if path.name.startswith(BACKUP_PREFIX) and path.is_dir():
                entries.append(_entry(path))
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(entries, key=lambda e: (e.made_at or oldest, e.path.name), reverse=True)


def newest_complete(entries: Sequence[BackupEntry], key_check: bytes) -> BackupEntry | None:
    """The newest complete backup made under this key (this vault and passphrase)."""
    for entry in entries:
        if entry.header is not None and entry.header.key_check == key_check:
            return entry
    return None


def rotate_backups(
    folder: Path | str, key_check: bytes, policy: RotationPolicy, now: datetime
) -> list[Path]:
    """Remove the backups of this vault that `policy` no longer keeps; returns what went.

    Only complete backups made under `key_check` (the same vault and passphrase) take part:
    another vault's backups in the same folder, backups from before a passphrase change,
    incomplete or renamed folders are never touched. The newest complete one always stays.
    """
    ours = [
        e
        for e in list_backups(folder)
        if e.header is not None and e.header.key_check == key_check and e.made_at is not None
    ]
    if len(ours) <= 1:
        return []
    by_time: dict[datetime, list[BackupEntry]] = {}
    for entry in ours:
        assert entry.made_at is not None
        by_time.setdefault(entry.made_at, []).append(entry)
    newest = ours[0].path
    removed: list[Path] = []
    for made_at in backups_to_remove(by_time, now, policy):
        for entry in by_time[made_at]:
            if entry.path != newest and _only_backup_files(entry) and _remove(entry.path):
                removed.append(entry.path)
    return removed


def sweep_abandoned_removals(folder: Path | str) -> list[Path]:
    """Finish removals a kill interrupted (hidden ``.<name>.removing-*`` folders).

    No lock is needed: such a folder is only ever being deleted, so two processes finishing
    the same removal do no harm.
    """
    try:  # listed first: deleting while the folder is being read may skip entries
        found = [p for p in Path(folder).iterdir() if p.name.startswith(".")]
    except OSError:
        return []
    removed: list[Path] = []
    for path in found:
        if f".{REMOVING}-" in path.name and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _remove(path: Path) -> bool:
    """Rename aside first (one atomic step), then delete: a kill mid-way leaves a hidden folder
    that is swept later, never a backup folder with some of its files gone."""
    aside = staging_name(path, REMOVING)
    try:
        path.rename(aside)
    except OSError:
        return False
    shutil.rmtree(aside, ignore_errors=True)
    return True


def _entry(path: Path) -> BackupEntry:
    header: VaultHeader | None = None
    with contextlib.suppress(VaultError, OSError):
        header = read_header(path)
        if not (path / header.database_name).is_file():
            header = None
    size = 0
    with contextlib.suppress(OSError):
        size = sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return BackupEntry(path, made_at_from_name(path.name), size, header)


def _only_backup_files(entry: BackupEntry) -> bool:
    """True when the folder holds a backup's files and nothing else (no user's own file)."""
    assert entry.header is not None
    db = entry.header.database_name
    allowed = {layout.HEADER_NAME, layout.LOCK_NAME, db} | {
        db + s for s in layout.SQLITE_COMPANIONS
    }
    try:
        return all(p.is_file() and p.name in allowed for p in entry.path.iterdir())
    except OSError:
        return False
