"""What a signed form's file may be: its type told by its bytes, its size, its name.

The type is read from the bytes' opening "magic", never from the name, so a text file named
``form.pdf`` is refused, and only the four kinds a scanner or a PDF printer makes are taken:
PDF, PNG, JPEG and TIFF. A PDF must also carry its end marker, so a file cut short by a failed
download or copy is refused rather than kept as the evidence. The name is the therapist's
label for the file, made safe to show and to suggest when a copy is saved: one line, no path,
no control or direction-changing characters, at most 120 characters.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import BinaryIO

from vault.store.errors import ValidationError
from vault.store.fsio import translate_os_errors

MAX_BYTES = 20 * 1024 * 1024  # a multi-page scan at 300 dpi fits; a film does not
MAX_NAME_CHARS = 120
MAX_NAME_BYTES = 240  # below the 255-byte limit of common file systems, with room to spare

# media type -> (what a therapist calls it, the file name endings it goes by)
MEDIA_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "application/pdf": ("PDF document", (".pdf",)),
    "image/png": ("PNG image", (".png",)),
    "image/jpeg": ("JPEG image", (".jpg", ".jpeg")),
    "image/tiff": ("TIFF image", (".tif", ".tiff")),
}
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"II+\x00", "image/tiff"),  # BigTIFF, as large scans are saved
    (b"MM\x00+", "image/tiff"),
)
# Kinds a therapist may pick by mistake, named so the message says what to do instead.
_NOT_TAKEN: tuple[tuple[int, bytes, str], ...] = (
    (0, b"PK\x03\x04", "a Word document or another ZIP file: save or print it as PDF first"),
    (0, b"\xd0\xcf\x11\xe0", "an old Word or Excel document: save or print it as PDF first"),
    (0, b"GIF8", "a GIF image: save it as PNG or JPEG first"),
    (8, b"WEBP", "a WebP image: save it as PNG or JPEG first"),
    (4, b"ftypheic", "an iPhone HEIC photo: export it as JPEG first"),
    (4, b"ftypheix", "an iPhone HEIC photo: export it as JPEG first"),
    (4, b"ftypmif1", "a HEIF photo: export it as JPEG first"),
)
_FORBIDDEN_IN_NAME = set('/\\:*?"<>|')  # path separators, and what Windows refuses in a name
_LINE_BREAKS = set("\n\r\v\f\x85\u2028\u2029\t")
_PDF_TAIL = 1024


def media_type_of(data: bytes) -> str:
    """The media type `data` is, from its opening bytes; `ValidationError` for any other kind."""
    if not data:
        raise ValidationError("The file is empty: there is no form in it.", field="file")
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            if media_type == "application/pdf" and b"%%EOF" not in data[-_PDF_TAIL:]:
                raise ValidationError(
                    "This PDF is cut short (it has no end marker): the copy or download may "
                    "have failed. Save or scan it again, then attach it.",
                    field="file",
                )
            return media_type
    what = next(
        (text for at, magic, text in _NOT_TAKEN if data[at : at + len(magic)] == magic),
        "plain text" if _looks_like_text(data[:512]) else "not a kind Confidant keeps",
    )
    raise ValidationError(
        f"A signed form must be a PDF, PNG, JPEG or TIFF file; this file is {what}.",
        field="file",
    )


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(char.isprintable() or char in "\n\r\t" for char in text)


def check_size(size: int) -> None:
    """Refuse an empty file or one over `MAX_BYTES`, naming its size."""
    if size <= 0:
        raise ValidationError("The file is empty: there is no form in it.", field="file")
    if size > MAX_BYTES:
        raise ValidationError(
            f"The file is {size_text(size)}; a signed form may be at most "
            f"{size_text(MAX_BYTES)}. Scan it at a lower resolution or in black and white, "
            "then attach it again.",
            field="file",
        )


def size_text(size: int) -> str:
    """``812 bytes``, ``48 KB``, ``3.4 MB``: sizes as a file manager shows them (1 KB = 1024)."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def type_label(media_type: str) -> str:
    return MEDIA_TYPES.get(media_type, (media_type, ()))[0]


def safe_file_name(name: object, media_type: str) -> str:
    """`name` as a label that is safe to show and to suggest for a saved copy.

    Only the last part of a path is kept; NUL, control and format characters (the
    right-to-left override that makes ``fdp.exe`` read as ``exe.pdf``) go, line breaks
    become spaces, path separators and characters Windows refuses become ``_``, leading dots
    go (no hidden file), and the name ends in its type's usual ending. Never empty.
    """
    text = name if isinstance(name, str) else ""
    text = text.encode("utf-8", errors="replace").decode("utf-8")  # a lone surrogate -> "?"
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = unicodedata.normalize("NFC", text)
    kept: list[str] = []
    for char in text:
        if char in _LINE_BREAKS:
            kept.append(" ")
        elif char in _FORBIDDEN_IN_NAME:
            kept.append("_")
        elif unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            kept.append(char)
    text = " ".join("".join(kept).split()).lstrip(".").rstrip(". ")
    endings = MEDIA_TYPES[media_type][1]
    stem, dot, ending = text.rpartition(".")
    if dot and "." + ending.lower() in endings:
        text, suffix = stem.rstrip(". "), "." + ending
    else:
        suffix = endings[0]
    return _shortened(text or "signed form", suffix)


def _shortened(stem: str, suffix: str) -> str:
    """`stem` + `suffix` within the character and byte limits, cutting the stem only."""
    stem = stem[: MAX_NAME_CHARS - len(suffix)]
    while len((stem + suffix).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return (stem.rstrip(". ") or "signed form") + suffix


def read_form_file(path: Path | str) -> bytes:
    """The bytes of the file at `path`, its size checked before it is read whole.

    The size is checked from the file system first, then again while reading (a file still
    being written by a scanner may grow), so at most `MAX_BYTES` + 1 bytes are ever read.
    """
    path = Path(path)
    with translate_os_errors(path):
        if not path.is_file():
            raise ValidationError(f"{path.name} is not a file that can be attached.", field="file")
        with open(path, "rb") as handle:
            check_size(os.fstat(handle.fileno()).st_size)
            data = _read_at_most(handle, MAX_BYTES + 1)
    check_size(len(data))
    return data


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = handle.read(min(1024 * 1024, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
