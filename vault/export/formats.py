"""The export formats and how each is protected: one registry, read by the CLI and the window.

A renderer turns a `ClientRecord` into plaintext bytes in memory; `export_bytes` encrypts
them before anything touches a disk. JSON and FHIR travel inside an AES-256 encrypted ZIP (WinZip
AE-2, which 7-Zip, WinZip, macOS Archive Utility with Keka, and most archive tools open);
a PDF is encrypted by the PDF's own standard security handler, revision 6 (AES-256), so any
PDF reader asks for the password. The PDF and FHIR renderers live in their own modules and
are imported only when used.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

import pyzipper

from vault.export.errors import ExportError
from vault.export.model import ClientRecord
from vault.export.record_json import forms_beside_json, record_json_bytes

# (record, paper, zipped): `zipped` says whether files may travel beside the document
Renderer = Callable[[ClientRecord, str, bool], bytes]
Beside = Callable[[ClientRecord], list[tuple[str, bytes]]]
PAPER_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class Format:
    """One way out. `member` is the file's name inside the encrypted ZIP (None: not zipped)."""

    name: str
    title: str
    media_type: str
    extension: str  # of the file as written, encrypted
    plain_extension: str  # of the file as written when the therapist chose no encryption
    member: str | None
    render: Renderer
    beside: Beside | None = None  # the members written beside `member` in the ZIP


def _json(record: ClientRecord, paper: str, zipped: bool) -> bytes:
    return record_json_bytes(record, forms_beside=zipped)


def _fhir(record: ClientRecord, paper: str, zipped: bool) -> bytes:
    try:
        from vault.export.fhir import record_bundle  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise ExportError("FHIR export is not available in this build.") from None
    bundle = record_bundle(record, vault_id=record.vault_id)
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _pdf(record: ClientRecord, paper: str, zipped: bool) -> bytes:
    try:
        from vault.export.pdf_record import record_pdf  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise ExportError("PDF export is not available in this build.") from None
    data: bytes = record_pdf(record, paper=paper, practice=record.practice)
    return data


FHIR_MEDIA_TYPE = "application/fhir+json; fhirVersion=4.0"
FORMATS: dict[str, Format] = {
    "json": Format("json", "JSON (Confidant record, for import)", "application/json",
                   ".zip", ".json", "record.json", _json, forms_beside_json),
    "fhir": Format("fhir", "FHIR R4 bundle (JSON, for other systems)", FHIR_MEDIA_TYPE,
                   ".zip", ".json", "fhir-bundle.json", _fhir),
    "pdf": Format("pdf", "PDF (to read and print)", "application/pdf", ".pdf", ".pdf", None, _pdf),
}  # fmt: skip


def pdf_renderer(paper: str = "A4") -> Callable[[ClientRecord], bytes] | None:
    """The PDF renderer for a practice archive's one PDF per client, or None in a build
    without PDF export."""
    try:
        from vault.export.pdf_record import record_pdf  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None

    def pdf(record: ClientRecord) -> bytes:
        data: bytes = record_pdf(record, paper=paper, practice=record.practice)
        return data

    return pdf


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except (KeyError, TypeError):
        raise ExportError(
            f"There is no export format {name!r}; choose one of: {', '.join(FORMATS)}.",
            field="format",
        ) from None


def available_formats() -> tuple[str, ...]:
    return tuple(FORMATS)


def render(record: ClientRecord, fmt: str, *, paper: str = "A4", zipped: bool = False) -> bytes:
    """The record in `fmt`, as plaintext bytes in memory (never on disk); `zipped` when it
    goes into a ZIP with its `Format.beside` members, so it may refer to them."""
    if paper not in PAPER_SIZES:
        raise ExportError(f"Paper size must be one of: {', '.join(PAPER_SIZES)}.", field="paper")
    return get_format(fmt).render(record, paper, zipped)


def export_bytes(record: ClientRecord, fmt: str, *, paper: str, password: str | None) -> bytes:
    """The file as it is written: the record in `fmt` encrypted with `password`, or as it is
    when None (the therapist chose an unencrypted export: one file, nothing beside it)."""
    spec = get_format(fmt)
    zipped = password is not None and spec.member is not None
    data = render(record, fmt, paper=paper, zipped=zipped)
    if password is None:
        return data
    if spec.member is None:
        return _encrypt_pdf(data, password)
    beside = spec.beside(record) if spec.beside is not None else []
    return encrypted_zip([(spec.member, data), *beside], password)


def check_password_for(fmt: str, password: str) -> str:
    """A password this format can carry whole: a PDF's revision-6 handler holds at most 127
    UTF-8 bytes (`pdf_security.pdf_password` refuses longer ones rather than truncate)."""
    if get_format(fmt).member is not None:
        return password
    try:
        from vault.export.pdf_security import pdf_password  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise ExportError("PDF export is not available in this build.") from None
    pdf_password(password)
    return password


def _encrypt_pdf(data: bytes, password: str) -> bytes:
    try:
        from vault.export.pdf_security import encrypt_pdf  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise ExportError("PDF export is not available in this build.") from None
    encrypted: bytes = encrypt_pdf(data, password)
    return encrypted


def open_zip_for_writing(target: BinaryIO, password: str) -> pyzipper.AESZipFile:
    """An AES-256 (WinZip AE-2) ZIP writer on `target`: every member is encrypted as written,
    and AE-2 stores no CRC, so not even a checksum of the plaintext is left readable."""
    archive = pyzipper.AESZipFile(
        target, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    )
    archive.setpassword(password.encode("utf-8"))
    archive.setencryption(pyzipper.WZ_AES, nbits=256)
    return archive


def encrypted_zip(members: list[tuple[str, bytes]], password: str) -> bytes:
    buffer = io.BytesIO()
    with open_zip_for_writing(buffer, password) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()
