"""Staging folders: work in progress beside its destination, never mistaken for the real thing.

Creating a vault, writing a backup and restoring one each build a hidden folder next to where
the result will appear, then rename it into place: the rename is the commit. A process killed
half-way leaves the hidden folder behind. Each staging folder holds an OS lock for as long as
its writer lives, so a later sweep removes exactly the folders whose writer is dead, and never
one that another process is still writing.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from vault.store.errors import VaultError
from vault.store.fsio import translate_os_errors
from vault.store.layout import LOCK_NAME
from vault.store.lockfile import VaultLock

# What each kind of staging folder is for: ``.<final name>.<purpose>-<random>``.
CREATING = "creating"  # a vault being created
PARTIAL = "partial"  # a backup being written: .confidant-backup-*.partial-*
RESTORING = "restoring"  # a restore into a new location
REMOVING = "removing"  # a backup rotation no longer keeps, renamed aside before deletion


def staging_name(final: Path, purpose: str) -> Path:
    """``.<final name>.<purpose>-<random>`` beside `final`: hidden, and never a vault name."""
    return final.with_name(f".{final.name}.{purpose}-{uuid.uuid4().hex[:8]}")


@contextlib.contextmanager
def staging_folder(final: Path, purpose: str) -> Iterator[Path]:
    """A new locked staging folder for `final`; removed on any failure, kept only on success.

    The caller renames it into place inside the block. The folder is made and locked under a
    claim name first and only then given its staging name, so a sweep never sees a staging
    folder whose writer has not yet taken its lock.
    """
    staging = staging_name(final, purpose)
    claim = final.with_name(f"{_CLAIM}{uuid.uuid4().hex[:8]}")
    lock = VaultLock(claim)
    try:
        with translate_os_errors(staging):
            claim.mkdir(mode=0o700)
            lock.acquire()
            claim.rename(staging)  # the lock file moves with it, still held
        yield staging
    except BaseException:
        lock.release()
        shutil.rmtree(claim, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    lock.release()


def sweep_abandoned(parent: Path, purpose: str) -> list[Path]:
    """Remove every staging folder for `purpose` in `parent` whose writer has died.

    Returns what was removed. Only a folder whose name is exactly a staging name, that is not
    a link, and that holds nothing but a vault's own files is ever touched; one whose lock is
    still held belongs to a live writer (in this or another process) and is left alone. A
    sweep never creates a lock file in a folder that has none.
    """
    try:
        candidates = [p for p in parent.iterdir() if _is_abandonable(p, purpose)]
    except OSError:
        return []
    removed: list[Path] = []
    for folder in candidates:
        if not _holds_only_vault_files(folder):
            continue
        has_lock = (folder / LOCK_NAME).is_file()
        if not has_lock and _CLAIM_NAME.match(folder.name):
            with contextlib.suppress(OSError):
                folder.rmdir()  # a claim killed before it took its lock: empty, or not removed
                removed.append(folder)
            continue
        if not has_lock and not _LEGACY_PARTIAL.match(folder.name):
            continue  # every staging folder made by this version holds its lock file
        lock = VaultLock(folder)
        if has_lock:
            try:
                lock.acquire()
            except (VaultError, OSError):
                continue  # a live writer holds it, or we may not touch it
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            lock.release()
        if not folder.exists():
            removed.append(folder)
    return removed


_CLAIM = ".confidant-claim-"
_STAGING = re.compile(r"^\.(?P<final>.+)\.(?P<purpose>creating|partial|restoring)-[0-9a-f]{8}$")
_CLAIM_NAME = re.compile(r"^\.confidant-claim-[0-9a-f]{8}$")
# Unfinished backups from before staging folders had locks: still swept, by their exact name.
_LEGACY_PARTIAL = re.compile(r"^\.confidant-backup-[0-9-]+(-\d+)?\.partial-[0-9a-f]{8}$")
_VAULT_FILE = re.compile(
    r"^(confidant-vault\.json(\.tmp)?|\.lock|data-\d+\.db(-wal|-shm|-journal)?)$"
)


def _is_abandonable(path: Path, purpose: str) -> bool:
    if path.is_symlink() or not path.is_dir():
        return False
    if _CLAIM_NAME.match(path.name):
        return True
    match = _STAGING.match(path.name)
    return match is not None and match["purpose"] == purpose


def _holds_only_vault_files(folder: Path) -> bool:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return False
    return all(e.is_file() and not e.is_symlink() and _VAULT_FILE.match(e.name) for e in entries)
