"""Reading an import file: what kind it is, its bytes within limits, an encrypted ZIP's members.

Nothing here is trusted: a file is read only up to `json_reader.MAX_FILE_BYTES`, a member
only up to its limit (no ZIP bomb gets far), a member that is not encrypted was not made by
Confidant, and every failure is one line a therapist can act on (`ImportRefusedError`).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any, Literal

import pyzipper

from vault.export import json_reader as jr
from vault.export.errors import ImportRefusedError
from vault.store.fsio import translate_os_errors

RECORD_MEMBER = "record.json"


FileKind = Literal["record", "practice", "plain"]


def export_file_kind(path: Path) -> FileKind:
    """What an import file is, told from what can be read without its password: an encrypted
    client record, an encrypted practice archive, or an unencrypted JSON record."""
    path = Path(path)
    with translate_os_errors(path):
        if not path.is_file():
            raise ImportRefusedError(f"{path} is not a file.", path=path)
        with path.open("rb") as handle:
            start = handle.read(2)
    if not start:
        raise ImportRefusedError(f"{path.name} is empty.")
    if start != b"PK":
        return "plain"
    try:  # the central directory only: a large archive is not read into memory here
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportRefusedError("The file is damaged or incomplete (not a whole ZIP).") from None
    if "manifest.json" in names:
        return "practice"
    if RECORD_MEMBER in names:
        return "record"
    raise ImportRefusedError("The file is a ZIP, but not one Confidant wrote.")


def read_bounded(path: Path) -> bytes:
    """The whole file, or a refusal when it is missing, empty or larger than any export."""
    with translate_os_errors(path):
        if not path.is_file():
            raise ImportRefusedError(f"{path} is not a file.", path=path)
        with path.open("rb") as handle:
            data = handle.read(jr.MAX_FILE_BYTES + 1)
    if len(data) > jr.MAX_FILE_BYTES:
        raise ImportRefusedError(f"{path.name} is larger than any export Confidant reads.")
    if not data:
        raise ImportRefusedError(f"{path.name} is empty.")
    return data


class _Archive:
    def __init__(self, archive: pyzipper.AESZipFile) -> None:
        self.zip = archive

    def __enter__(self) -> pyzipper.AESZipFile:
        return self.zip

    def __exit__(self, *exc: object) -> None:
        self.zip.close()


def open_archive(source: bytes | Path, password: str) -> _Archive:
    """An encrypted ZIP opened for reading, or a one-line refusal when it is no ZIP at all."""
    try:
        handle: Any = io.BytesIO(source) if isinstance(source, bytes) else source
        archive = pyzipper.AESZipFile(handle)
    except (pyzipper.BadZipFile, zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportRefusedError("The file is damaged or incomplete (not a whole ZIP).") from None
    archive.setpassword(password.encode("utf-8"))
    return _Archive(archive)


def read_member(
    archive: pyzipper.AESZipFile, name: str, password: str, *, limit: int = jr.MAX_JSON_BYTES
) -> bytes:
    """One member, decrypted and decompressed within `limit` bytes (no ZIP bomb gets far)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise ImportRefusedError(
            f"The file holds no {name}: it is not this kind of export."
        ) from None
    if info.file_size > limit:
        raise ImportRefusedError(f"{name} in the file is larger than any export holds.")
    if not info.flag_bits & 0x1:
        raise ImportRefusedError(f"{name} in the file is not encrypted; it was not made here.")
    try:
        with archive.open(name) as member:
            data: bytes = member.read(limit + 1)
    except RuntimeError as exc:
        if "password" in str(exc).lower():
            raise ImportRefusedError(
                "The password is not correct for this export (or the file is damaged). "
                "Nothing was imported."
            ) from None
        raise ImportRefusedError("The file is damaged and cannot be decrypted.") from None
    except (pyzipper.BadZipFile, zipfile.BadZipFile, zlib.error, struct.error, EOFError,
            OSError, ValueError, NotImplementedError):  # fmt: skip
        # A flipped byte may break the compressed stream before the HMAC at its end is read.
        raise ImportRefusedError(
            "The file is damaged or incomplete: it fails its integrity check."
        ) from None
    if len(data) > limit:
        raise ImportRefusedError(f"{name} in the file is larger than any export holds.")
    return data
