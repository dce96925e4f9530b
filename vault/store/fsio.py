"""Durable file operations: atomic replace with fsync, and OS errors turned into vault errors."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from vault.store.errors import DiskFullError, DiskIOError, LocationError


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in `directory` survive a power cut (no-op where unsupported)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


FILE_MODE = 0o600  # vault and backup files: readable by their owner only (folders are 700)


def owner_only(path: Path) -> None:
    """Make a file Confidant created readable and writable by its owner only."""
    if path.exists():
        os.chmod(path, FILE_MODE)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new content, whole."""
    tmp = path.with_name(path.name + ".tmp")
    with translate_os_errors(path):
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        fsync_dir(path.parent)


@contextlib.contextmanager
def translate_os_errors(path: Path) -> Iterator[None]:
    """Turn the OS errors a user can fix into named vault errors with a plain message."""
    try:
        yield
    except OSError as exc:
        raise os_error_to_vault_error(exc, path) from exc


def os_error_to_vault_error(exc: OSError, path: Path) -> Exception:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return LocationError(f"Confidant may not write to {path}: the folder is read-only.")
    if exc.errno == errno.ENOENT:
        return LocationError(f"The folder for {path} does not exist.")
    if exc.errno == errno.ENOTDIR:
        return LocationError(f"{path} is inside something that is not a folder.")
    # EIO and anything else the OS reports: a disk (or its connection) failing, never tampering.
    return DiskIOError(path)


def sweep_write_probes(directory: Path) -> None:
    """Remove the empty probe files of processes killed inside `require_writable_dir`."""
    with contextlib.suppress(OSError):
        for probe in directory.glob(".confidant-write-probe-*"):
            pid = probe.name.rsplit("-", 1)[-1]
            if pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
                with contextlib.suppress(OSError):
                    probe.unlink()


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists (a dead one's leftovers may be swept)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but not ours to signal
    return True


def require_writable_dir(directory: Path) -> None:
    """Fail early and clearly when `directory` is missing or read-only."""
    if not directory.exists():
        raise LocationError(f"The folder {directory} does not exist.")
    if not directory.is_dir():
        raise LocationError(f"{directory} is not a folder.")
    probe = directory / f"{_PROBE_PREFIX}{os.getpid()}"
    with translate_os_errors(directory):
        probe.write_bytes(b"")
        probe.unlink()


_PROBE_PREFIX = ".confidant-write-probe-"
