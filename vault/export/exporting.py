"""Exporting one client's record: gather, render, encrypt, write once, and account for it.

An export is the one moment a record leaves the vault, so it is also a disclosure: the same
transaction that moves the finished file into place records the audit entry
(``export.written``, ids and the format only), the disclosure in the client's log (basis: the
client's own request, or a release in force today, by the rules of
`vault.consent.disclosures`) and, when asked, closes the client's open access request. Every
rule is checked before any work starts, so a refusal costs nothing and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, Literal

from vault.audit.entries import append_entry
from vault.consent.disclosures import check_disclosure_basis, record_disclosure
from vault.consent.releases import get_release
from vault.consent.requests import fulfil_access_request, get_access_request
from vault.export.errors import ExportCancelledError
from vault.export.formats import check_password_for, export_bytes, get_format
from vault.export.gather import Cancel, Progress, gather_record
from vault.export.model import SECTION_TITLES, SECTIONS, ClientRecord, ExportSelection
from vault.export.passwords import protection_password
from vault.export.writing import check_destination, sweep_partials, write_once
from vault.store.errors import ValidationError
from vault.store.vault import Vault

BasisKind = Literal["client_request", "release"]


@dataclass(frozen=True)
class ExportBasis:
    """Why the record is leaving: the client asked for it, or a release authorises it.

    `recipient` is who receives it, for the disclosure log; empty means the client (own
    request) or the release's recipient.
    """

    kind: BasisKind = "client_request"
    release_id: int | None = None
    recipient: str = ""


CLIENT_REQUEST = ExportBasis()


@dataclass(frozen=True)
class ExportResult:
    path: Path
    fmt: str
    encrypted: bool
    bytes_written: int
    notes: int
    disclosure_id: int
    request_closed: int | None


def export_record(
    vault: Vault,
    selection: ExportSelection,
    fmt: str,
    destination: Path,
    *,
    password: str | None,
    encrypt: bool = True,
    basis: ExportBasis = CLIENT_REQUEST,
    close_request: int | None = None,
    paper: str = "A4",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    overwrite: bool = False,
    today: date | None = None,
) -> ExportResult:
    """Write the client's record to `destination` in `fmt`, encrypted with `password`.

    `encrypt=False` (an explicit choice the front end warns about) writes plaintext and
    refuses a password. Cancelling (`cancel()` true between notes) leaves no file.
    """
    today = today or date.today()
    get_format(fmt)
    password = protection_password(password, encrypt)
    if password is not None:
        check_password_for(fmt, password)
    recipient = _check_basis(vault, selection.client_id, basis, today)
    _check_request(vault, selection.client_id, close_request)
    target = check_destination(destination, overwrite=overwrite)
    sweep_partials(target.parent)

    record = gather_record(vault, selection, progress=progress, cancel=cancel, today=today)
    data = export_bytes(record, fmt, paper=paper, password=password)
    require_not_cancelled(cancel)
    disclosure_id = 0

    def produce(handle: BinaryIO) -> None:
        handle.write(data)

    def commit(move: Callable[[], None]) -> None:
        nonlocal disclosure_id
        with vault.db.write() as conn:
            disclosure_id = record_disclosure(
                vault, selection.client_id, disclosed_on=today, recipient=recipient,
                information=_information(record, fmt), basis=basis.kind,
                release_id=basis.release_id,
            ).id  # fmt: skip
            if close_request is not None:
                fulfil_access_request(vault, close_request, fulfilled_on=today, how="export")
            append_entry(
                conn, "export.written", record_kind="client", record_id=selection.client_id,
                client_id=selection.client_id, detail=f"{fmt},{_state(password)}",
            )  # fmt: skip
            move()

    size = write_once(target, produce, overwrite=overwrite, commit=commit)
    return ExportResult(
        target, fmt, password is not None, size, len(record.notes), disclosure_id, close_request
    )


def _state(password: str | None) -> str:
    return "encrypted" if password is not None else "unencrypted"


def _check_basis(vault: Vault, client_id: int, basis: ExportBasis, today: date) -> str:
    """The recipient to record, once the basis is known to be sound."""
    if basis.kind not in ("client_request", "release"):
        raise ValidationError(
            "An export rests on the client's own request or on a release.", field="basis"
        )
    check_disclosure_basis(vault, client_id, today, basis.kind, basis.release_id)
    if basis.recipient.strip():
        return basis.recipient.strip()
    if basis.kind == "release" and basis.release_id is not None:
        release = get_release(vault, basis.release_id)
        org = f", {release.recipient_org}" if release.recipient_org else ""
        return f"{release.recipient_name}{org}"
    return "The client (their own request)"


def _check_request(vault: Vault, client_id: int, request_id: int | None) -> None:
    if request_id is None:
        return
    request = get_access_request(vault, request_id)
    if request.client_id != client_id:
        raise ValidationError("That access request is another client's.", field="close_request")
    if request.fulfilled_on is not None:
        raise ValidationError("That access request was already fulfilled.", field="close_request")


def _information(record: ClientRecord, fmt: str) -> str:
    """What left, in the words the disclosure log keeps: format, range and sections."""
    sections = ", ".join(SECTION_TITLES[s] for s in SECTIONS if record.includes(s))
    process = " (psychotherapy notes included)" if record.selection.include_process_notes else ""
    n = len(record.forms) if fmt != "fhir" else 0  # FHIR carries no form files
    forms = f"; {n} signed form{'s' if n != 1 else ''}" if n else ""
    return (
        f"Copy of the record as {fmt.upper()} export: {record.front_matter.range_text}; "
        f"{sections}{process}; {len(record.notes)} notes{forms}."
    )


def require_not_cancelled(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise ExportCancelledError()
