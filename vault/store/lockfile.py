"""One process at a time: an OS-level lock on the vault folder's lock file.

The OS drops the lock when the process dies, so a crash never leaves a vault stuck "in use".
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from vault.store.errors import VaultInUseError
from vault.store.fsio import FILE_MODE, translate_os_errors
from vault.store.layout import lock_path


class VaultLock:
    def __init__(self, vault_dir: Path) -> None:
        self._vault_dir = vault_dir
        self._lock = FileLock(
            str(lock_path(vault_dir)),
            timeout=0,
            mode=FILE_MODE,
            is_singleton=False,
            thread_local=False,
        )

    def acquire(self) -> None:
        # filelock's Timeout is an OSError: it must mean "in use", never "disk error".
        with translate_os_errors(self._vault_dir):
            try:
                self._lock.acquire()
            except Timeout as exc:
                raise VaultInUseError(self._vault_dir) from exc

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)
