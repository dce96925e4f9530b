"""Writing an export once, atomically, to the folder the therapist chose.

The bytes given here are already encrypted (or plaintext because the therapist chose an
unencrypted export on purpose): nothing is ever written to a temporary folder. The file is
built as a hidden partial file beside the destination (owner-only), fsynced, then renamed
into place, so the destination either does not exist or is whole. A failure or a cancel
removes the partial; one left by a killed process (still encrypted) is swept by the next
export into that folder. An existing destination is refused unless `overwrite` is asked.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from vault.export.errors import ExportError
from vault.store.fsio import (
    FILE_MODE,
    fsync_dir,
    process_alive,
    require_writable_dir,
    translate_os_errors,
)

PARTIAL_MARK = ".confidant-partial-"
_PARTIAL = re.compile(r"^\..+\.confidant-partial-(\d+)-[0-9a-f]{8}$")


def check_destination(destination: Path, *, overwrite: bool = False) -> Path:
    """The destination as an absolute path, or `ExportError` before any work is done."""
    destination = Path(destination).expanduser().absolute()
    if destination.is_dir():
        raise ExportError(f"{destination} is a folder; choose a file name.", path=destination)
    if destination.exists() and not overwrite:
        raise ExportError(
            f"{destination} already exists; choose another name or allow replacing it.",
            path=destination,
        )
    if destination.name.startswith(".") and PARTIAL_MARK in destination.name:
        raise ExportError("Choose another file name.", path=destination)
    require_writable_dir(destination.parent)
    return destination


def sweep_partials(folder: Path) -> None:
    """Remove partial exports left by processes that were killed while writing them."""
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = _PARTIAL.match(entry.name)
            if match and int(match[1]) != os.getpid() and not process_alive(int(match[1])):
                with contextlib.suppress(OSError):
                    entry.unlink()


@contextlib.contextmanager
def partial_file(destination: Path) -> Iterator[tuple[BinaryIO, Path]]:
    """A new owner-only partial file beside `destination`; removed if the block fails."""
    name = f".{destination.name}{PARTIAL_MARK}{os.getpid()}-{secrets.token_hex(4)}"
    partial = destination.with_name(name)
    with translate_os_errors(destination):
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle, translate_os_errors(destination):
            yield handle, partial
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


def move_into_place(partial: Path, destination: Path, *, overwrite: bool) -> None:
    """Rename the finished partial to `destination` (never over a file unless `overwrite`)."""
    with translate_os_errors(destination):
        if overwrite:
            os.replace(partial, destination)
        else:
            _rename_no_clobber(partial, destination)
        fsync_dir(destination.parent)


def _rename_no_clobber(partial: Path, destination: Path) -> None:
    try:
        os.link(partial, destination)  # fails, atomically, if the destination appeared
    except FileExistsError:
        raise ExportError(
            f"{destination} appeared while the export was written; nothing was replaced.",
            path=destination,
        ) from None
    except OSError:
        # Some file systems (FAT, exFAT on USB sticks) have no hard links.
        if destination.exists():
            raise ExportError(f"{destination} already exists.", path=destination) from None
        os.rename(partial, destination)
        return
    partial.unlink()


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def write_once(
    destination: Path,
    produce: Callable[[BinaryIO], None],
    *,
    overwrite: bool = False,
    commit: Callable[[Callable[[], None]], None] | None = None,
) -> int:
    """Write what `produce` writes to `destination`, whole or not at all; the bytes written.

    `commit(move)` lets the caller put the final rename inside its own transaction (the
    export's audit entry and disclosure): it must call `move()`; if it raises, before or after
    moving, no file is left at the destination.
    """
    with partial_file(destination) as (handle, partial):
        produce(handle)
        size = handle.tell()
    moved = False

    def move() -> None:
        nonlocal moved
        move_into_place(partial, destination, overwrite=overwrite)
        moved = True

    try:
        if commit is None:
            move()
        else:
            commit(move)
        if not moved:
            raise RuntimeError("the export's commit did not move the file into place")
    except BaseException:
        remove_quietly(partial)
        if moved:
            remove_quietly(destination)
        raise
    return size
