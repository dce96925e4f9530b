"""Importing a client's JSON export into another vault: a new client with an equal record.

The file is opened within limits (`import_files`, `json_reader`), decrypted in memory, and
read strictly, the signed forms beside it included (`form_import`); everything is written in
one transaction, so a file refused at its last note leaves the vault exactly as it was.
Signed notes keep their signatures: each hash is recomputed from what arrived and a note
that does not match refuses the whole file (`vault.notes.imported`).

A joint-session note arrives as the exporting client's copy: the other participants are not
clients here (they stay roles, with their seal numbers where the export gives them), and a
copy with sections private to them left out is stored as an imported redacted copy, its
original hash kept as provenance and its content sealed again on arrival. See
docs/architecture.md, "Export and import".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from vault.audit.entries import append_entry
from vault.clients.records import ClientProfile, add_client, archive_client
from vault.consent.disclosures import record_disclosure
from vault.consent.form_files import MAX_BYTES as MAX_FORM_BYTES
from vault.consent.model import BASES, EXCEPTION_CODES, AccessRequest, AmendmentRequest
from vault.consent.releases import record_release, revoke_release
from vault.consent.restore import (
    ArrivingConsent,
    policy_for_text,
    restore_access_requests,
    restore_amendment_requests,
    restore_consent,
)
from vault.export import json_reader as jr
from vault.export.errors import ImportRefusedError
from vault.export.form_import import ReadMember, restore_forms
from vault.export.import_files import RECORD_MEMBER, open_archive, read_bounded, read_member
from vault.export.note_reading import ArrivingNote, record_note
from vault.export.record_json import JSON_FORMAT, JSON_VERSION, READABLE_VERSIONS
from vault.notes.imported import insert_signed_note, insert_unsigned_note
from vault.store.errors import ValidationError
from vault.store.vault import Vault

_TOP = frozenset(
    {"format", "version", "generated_at", "app_version", "selection", "front_matter",
     "practice", "client", "consents", "releases", "notes", "diagnoses", "disclosures",
     "access_requests", "amendment_requests", "counts"}
)  # fmt: skip
_PROFILE = frozenset(ClientProfile.__dataclass_fields__)


@dataclass(frozen=True)
class ImportResult:
    client_id: int
    notes: int
    signed_notes: int
    redacted_copies: int
    forms: int = 0  # signed forms attached to the imported consents and releases


def import_record(vault: Vault, path: Path, password: str | None) -> ImportResult:
    """Import the export at `path` (its password, or None for an unencrypted JSON file)."""
    data = read_bounded(Path(path))
    if data[:2] != b"PK":
        return _import_one(vault, _plain_document(data, password), None)
    if password is None:
        raise ImportRefusedError("This export is encrypted: give its password.")
    with open_archive(data, password) as archive:
        document = jr.load_json(read_member(archive, RECORD_MEMBER, password), "export")

        def read_form(name: str) -> bytes:
            return read_member(archive, name, password, limit=MAX_FORM_BYTES)

        return _import_one(vault, document, read_form)


def _import_one(vault: Vault, document: Any, read_form: ReadMember | None) -> ImportResult:
    try:
        with vault.db.write() as conn:
            result = import_document(vault, conn, document, read_form=read_form)
            append_entry(
                conn, "import.done", record_kind="client", record_id=result.client_id,
                client_id=result.client_id, detail="json",
            )  # fmt: skip
    except (ValidationError, ValueError, sqlcipher3.IntegrityError) as exc:
        raise ImportRefusedError(f"The import was refused and nothing was written: {exc}") from None
    return result


def _plain_document(data: bytes, password: str | None) -> Any:
    """An unencrypted JSON export's document; `ImportRefusedError` in one line."""
    if password is not None and data.lstrip()[:1] == b"{":
        raise ImportRefusedError("This file is not encrypted; import it without a password.")
    return jr.load_json(data, "export")


def import_document(
    vault: Vault,
    conn: sqlcipher3.Connection,
    document: Any,
    *,
    client_id: int | None = None,
    skip_notes: frozenset[int] = frozenset(),
    note_ids: dict[int, int] | None = None,
    addendum_ids: dict[int, int] | None = None,
    keep_current_policy: bool = True,
    read_form: ReadMember | None = None,
) -> ImportResult:
    """Write one record document as a new client, in the caller's transaction.

    A practice import creates the client first (`client_id`), passes the joint notes it
    stores itself (`skip_notes`) and the maps it filled for them, so requests about those
    notes link to them too. `read_form` reads a signed form's file beside the JSON.
    """
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise ImportRefusedError("The file is not a Confidant record export.")
    version = document.get("version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise ImportRefusedError(
            f"The export is format version {str(version)[:20]}; this Confidant reads versions "
            f"up to {JSON_VERSION}. Update Confidant to import it."
        )
    d = jr.obj(document, "the file", _TOP if version == 1 else _TOP | {"forms"})
    if client_id is None:
        client_id = _client(vault, d["client"])
    consents = _consents(vault, client_id, d["consents"], keep_current_policy)
    releases = _releases(vault, client_id, d["releases"])
    forms = restore_forms(vault, d.get("forms", []), consents, releases, read_form)
    notes = note_ids if note_ids is not None else {}
    addenda = addendum_ids if addendum_ids is not None else {}
    counts = [0, 0, 0]
    for arriving in _notes(d["notes"], client_id, skip_notes):
        notes[arriving.source_id] = store_note(conn, arriving, addenda)
        counts[0] += 1
        counts[1] += arriving.signed is not None
        counts[2] += arriving.signed is not None and arriving.signed.origin.redacted_copy
    _disclosures(vault, client_id, d["disclosures"], releases)
    restore_access_requests(vault, client_id, _access(d["access_requests"]))
    restore_amendment_requests(
        vault, client_id, _amendments(d["amendment_requests"], notes, addenda)
    )
    return ImportResult(client_id, counts[0], counts[1], counts[2], forms)


def _client(vault: Vault, raw: Any) -> int:
    where = "client"
    c = jr.obj(raw, where, {"id", "display_name", "full_name", "preferred_name", "profile",
                            "archived_at"})  # fmt: skip
    if c["profile"] is None:
        profile = ClientProfile(
            full_name=jr.text(c, "full_name", where),
            preferred_name=jr.text(c, "preferred_name", where),
        )
    else:
        p = jr.obj(c["profile"], "client.profile", _PROFILE)
        profile = ClientProfile(**{k: jr.text(p, k, "client.profile") for k in _PROFILE})
    client_id = add_client(vault, profile).id
    if jr.opt_text(c, "archived_at", where) is not None:
        archive_client(vault, client_id)
    return client_id


def _consents(vault: Vault, client_id: int, raw: Any, keep_current: bool) -> dict[int, int]:
    keys = {
        "id", "policy_version", "policy_text", "given_on", "how", "limits_explained",
        "telehealth", "telehealth_privacy", "review_due", "withdrawn_on", "revisits",
    }  # fmt: skip
    found: dict[int, int] = {}
    for i, item in enumerate(jr.items(raw, "consents", 10_000)):
        at = f"consents[{i}]"
        c = jr.obj(item, at, keys, optional={"withdrawal_reason"})  # since schema 13
        revisits = tuple(
            (jr.day(r, "revisited_on", at), jr.text(r, "discussed", at))
            for r in (
                jr.obj(x, f"{at}.revisits", {"id", "revisited_on", "discussed"})
                for x in jr.items(c["revisits"], f"{at}.revisits", 10_000)
            )
        )
        limits = jr.items(c["limits_explained"], f"{at}.limits_explained", 50)
        consent = ArrivingConsent(
            policy_text=jr.text(c, "policy_text", at),
            given_on=jr.day(c, "given_on", at),
            how=jr.text(c, "how", at),
            limits_explained=tuple(str(x) for x in limits),
            telehealth=jr.boolean(c, "telehealth", at),
            telehealth_privacy=jr.text(c, "telehealth_privacy", at),
            review_due=jr.day(c, "review_due", at),
            withdrawn_on=jr.opt_day(c, "withdrawn_on", at),
            revisits=revisits,
            withdrawal_reason=jr.text(c, "withdrawal_reason", at)
            if "withdrawal_reason" in c
            else "",
        )
        version = policy_for_text(vault, consent.policy_text, keep_current=keep_current)
        found[jr.integer(c, "id", at, low=1)] = restore_consent(vault, client_id, consent, version)
    return found


def _releases(vault: Vault, client_id: int, raw: Any) -> dict[int, int]:
    keys = {"id", "recipient_name", "recipient_org", "recipient_address", "purpose",
            "information", "disclosed_by", "starts_on", "expires_on", "expiry_event",
            "signed_on", "revoked_on"}  # fmt: skip
    found: dict[int, int] = {}
    for i, item in enumerate(jr.items(raw, "releases", 10_000)):
        at = f"releases[{i}]"
        r = jr.obj(item, at, keys)
        release = record_release(
            vault, client_id, recipient_name=jr.text(r, "recipient_name", at),
            purpose=jr.text(r, "purpose", at), information=jr.text(r, "information", at),
            signed_on=jr.day(r, "signed_on", at), starts_on=jr.day(r, "starts_on", at),
            expires_on=jr.opt_day(r, "expires_on", at),
            expiry_event=jr.text(r, "expiry_event", at),
            recipient_org=jr.text(r, "recipient_org", at),
            recipient_address=jr.text(r, "recipient_address", at),
            disclosed_by=jr.text(r, "disclosed_by", at),
        )  # fmt: skip
        revoked = jr.opt_day(r, "revoked_on", at)
        if revoked is not None:
            revoke_release(vault, release.id, revoked_on=revoked)
        found[jr.integer(r, "id", at, low=1)] = release.id
    return found


def _notes(raw: Any, client_id: int, skip: frozenset[int]) -> Iterator[ArrivingNote]:
    for i, item in enumerate(jr.items(raw, "notes")):
        if isinstance(item, dict) and item.get("id") in skip:
            continue
        yield record_note(item, f"notes[{i}]", client_id)


def store_note(conn: sqlcipher3.Connection, note: ArrivingNote, addenda: dict[int, int]) -> int:
    """Store one arriving note; the new ids of its addenda go into `addenda` by source id."""
    if note.signed is None:
        return insert_unsigned_note(conn, note.content, note.is_process_note, note.created_at)
    note_id = insert_signed_note(conn, note.signed)
    new_ids = [
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM note_addenda WHERE note_id = ? ORDER BY id", (note_id,)
        )
    ]
    addenda.update(zip(note.addendum_source_ids, new_ids, strict=True))
    return note_id


def _disclosures(vault: Vault, client_id: int, raw: Any, releases: dict[int, int]) -> None:
    keys = {"id", "disclosed_on", "recipient", "information", "basis", "release_id",
            "exception", "justification"}  # fmt: skip
    for i, item in enumerate(jr.items(raw, "disclosures")):
        at = f"disclosures[{i}]"
        d = jr.obj(item, at, keys)
        basis = jr.choice(d, "basis", at, BASES)
        release = jr.opt_integer(d, "release_id", at)
        if basis == "release" and release not in releases:
            raise jr.refuse(f"{at}.release_id", "names a release the file does not hold")
        exception = jr.opt_text(d, "exception", at)
        if exception is not None and exception not in EXCEPTION_CODES:
            raise jr.refuse(f"{at}.exception", "is not a legal exception Confidant knows")
        record_disclosure(
            vault, client_id, disclosed_on=jr.day(d, "disclosed_on", at),
            recipient=jr.text(d, "recipient", at), information=jr.text(d, "information", at),
            basis=basis, release_id=releases.get(release) if release is not None else None,
            exception=exception, justification=jr.text(d, "justification", at),
        )  # fmt: skip


def _access(raw: Any) -> list[AccessRequest]:
    keys = {"id", "received_on", "due_on", "extended_to", "extension_reason", "fulfilled_on",
            "fulfilled_how"}  # fmt: skip
    found = []
    for i, item in enumerate(jr.items(raw, "access_requests", 10_000)):
        at = f"access_requests[{i}]"
        r = jr.obj(item, at, keys)
        found.append(
            AccessRequest(
                0, 0, jr.day(r, "received_on", at), jr.day(r, "due_on", at),
                jr.opt_day(r, "extended_to", at), jr.text(r, "extension_reason", at),
                jr.opt_day(r, "fulfilled_on", at), jr.text(r, "fulfilled_how", at),
            )
        )  # fmt: skip
    return found


def _amendments(raw: Any, notes: dict[int, int], addenda: dict[int, int]) -> list[AmendmentRequest]:
    keys = {"id", "note_id", "received_on", "what_asked", "due_on", "decision", "decided_on",
            "reason", "amendment_id", "disagreement"}  # fmt: skip
    found = []
    for i, item in enumerate(jr.items(raw, "amendment_requests", 10_000)):
        at = f"amendment_requests[{i}]"
        r = jr.obj(item, at, keys)
        note = jr.opt_integer(r, "note_id", at)
        amendment = jr.opt_integer(r, "amendment_id", at)
        decision = r["decision"]
        if decision not in (None, "accepted", "denied"):
            raise jr.refuse(f"{at}.decision", "should be accepted, denied or null")
        found.append(
            AmendmentRequest(
                0, 0, notes.get(note) if note is not None else None,
                jr.day(r, "received_on", at), jr.text(r, "what_asked", at),
                jr.day(r, "due_on", at), decision, jr.opt_day(r, "decided_on", at),
                jr.text(r, "reason", at),
                addenda.get(amendment) if amendment is not None else None,
                jr.text(r, "disagreement", at),
            )
        )  # fmt: skip
    return found
