"""Printing a form to sign: made in memory, encrypted by default, written once, recorded.

A form holds little of the record, but not nothing: the client's name and the practice's
confidentiality policy as agreed with them. So it follows the rule every file leaving the
vault follows (`passwords.protection_password`, as an export does): AES-256 with a password
typed or generated, and plain only when the therapist chooses `encrypt=False`, which front
ends warn about (`PrintedForm.encrypted`). Either way the file is written once, whole or not
at all, as exports are, and the audit trail gets ``form.printed`` naming the client by id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from vault.audit.entries import append_entry
from vault.clients.practice import load_practice_details
from vault.clients.records import get_client
from vault.consent.policy import current_policy
from vault.export.passwords import protection_password
from vault.export.pdf_forms import FORM_KINDS, FormKind, consent_form_pdf, release_form_pdf
from vault.export.pdf_security import encrypt_pdf, pdf_password
from vault.export.writing import check_destination, sweep_partials, write_once
from vault.store.errors import ValidationError
from vault.store.vault import Vault


@dataclass(frozen=True)
class PrintedForm:
    path: Path
    form: FormKind
    encrypted: bool
    bytes_written: int


def form_pdf(vault: Vault, client_id: int, form: FormKind, *, paper: str = "A4") -> bytes:
    """The plain PDF of `form` for the client, with the practice's details (and for the
    consent form the current policy version), in memory."""
    if form not in FORM_KINDS:
        raise ValidationError(f"There is no form called {form!r}.", field="form")
    client = get_client(vault, client_id)
    practice = load_practice_details(vault)
    if form == "consent":
        return consent_form_pdf(client.display_name, current_policy(vault), practice, paper=paper)
    return release_form_pdf(client.display_name, practice, paper=paper)


def write_form(
    vault: Vault,
    client_id: int,
    form: FormKind,
    destination: Path,
    *,
    password: str | None,
    encrypt: bool = True,
    paper: str = "A4",
    overwrite: bool = False,
) -> PrintedForm:
    """Write `form` for the client to `destination`, AES-256 with `password`.

    `encrypt=False` (a deliberate choice the front end warns about) writes a plain PDF and
    refuses a password. As an export is written (`vault.export.writing`): checked first,
    built beside the destination, renamed into place inside the transaction that records
    ``form.printed``, so there is a file and an audit entry, or neither. An existing file is
    replaced only with `overwrite`.
    """
    password = protection_password(password, encrypt, what="form")
    if password is not None:
        pdf_password(password)  # refuse a bad password before any work
    destination = check_destination(destination, overwrite=overwrite)
    sweep_partials(destination.parent)
    data = form_pdf(vault, client_id, form, paper=paper)
    if password is not None:
        data = encrypt_pdf(data, password)
    encrypted = password is not None

    def commit(move: Callable[[], None]) -> None:
        with vault.db.write() as conn:
            append_entry(
                conn,
                "form.printed",
                record_kind="client",
                record_id=client_id,
                client_id=client_id,
                detail=f"form={form},{'encrypted' if encrypted else 'plain'}",
            )
            move()

    def produce(handle: BinaryIO) -> None:
        handle.write(data)

    size = write_once(destination, produce, overwrite=overwrite, commit=commit)
    return PrintedForm(destination, form, encrypted, size)
