"""Signing: the moment a note becomes a final clinical record.

Signing records who signed, when, and a SHA-256 of a canonical serialisation of the content
(JSON, sorted keys, UTF-8), so any later change to the stored note is detectable even if the
database's own refusal (triggers) were bypassed by someone editing the file directly.

One change to a signed note is ever made, and never silently: when a participant's record is
destroyed (`vault.destruction`), a joint note that stays for the others loses that
participant and the sections private to them. The note keeps the hash it was signed with;
a redaction record (`Redaction`) hashes what remained in the same canonical format and seals
itself (`reseal`) to the seal before it, so `check` verifies the chain from the signed hash
to the content as it now stands, and anyone reading the note sees when it was altered and why.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

import sqlcipher3

from vault.audit.entries import append_for_participants
from vault.notes.errors import NoteSignedError
from vault.notes.model import Addendum, Note, Redaction, Signature, validate_note
from vault.notes.provenance import (
    AddendumSeal,
    NoteOrigin,
    addendum_seals_of,
    origins_of,
    sealed_view,
)
from vault.notes.records import get_note, load_notes
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError, ValidationError
from vault.store.text_fields import checked_text, line
from vault.store.vault import Vault

CANONICAL_FORMAT = "confidant.note.v1"
REDACTED_COPY_FORMAT = "confidant.note.redacted-copy.v1"
RESEAL_FORMAT = "confidant.note.reseal.v1"
MAX_SIGNER_CHARS = 300


def canonical_note_bytes(note: Note, signed_by: str, signed_at: str) -> bytes:
    """The exact bytes a note's signature hash covers. Never change: add a new format."""
    content = note.content
    risk = content.risk
    return canonical_json(
        note_document(
            note_id=note.id,
            template_id=content.template_id,
            is_process_note=note.is_process_note,
            session_start=content.session_start,
            duration_minutes=content.duration_minutes,
            modality=content.modality,
            service_type=content.service_type,
            participants=content.participants,
            diagnoses=content.diagnoses,
            risk=risk_document(risk.to_self, risk.to_others, risk.safety_plan_reviewed, risk.notes),
            sections=[
                section_document(s.key, s.title, s.text, s.private_to) for s in content.sections
            ],
            signed_by=signed_by,
            signed_at=signed_at,
        )
    )


def note_document(
    *,
    note_id: int,
    template_id: str,
    is_process_note: bool,
    session_start: str,
    duration_minutes: int | None,
    modality: str,
    service_type: str,
    participants: Sequence[int],
    diagnoses: Sequence[str],
    risk: dict[str, object],
    sections: list[dict[str, object]],
    signed_by: str,
    signed_at: str,
) -> dict[str, object]:
    """The signed document of format v1, from plain values: `canonical_note_bytes` and the bulk
    check (`vault.notes.signature_check`) both build it here, so they cannot drift apart."""
    return {
        "format": CANONICAL_FORMAT,
        "note_id": note_id,
        "template_id": template_id,
        "is_process_note": is_process_note,
        "session_start": session_start,
        "duration_minutes": duration_minutes,
        "modality": modality,
        "service_type": service_type,
        "participants": sorted(participants),
        "diagnoses": list(diagnoses),
        "risk": risk,
        "sections": sections,
        "signed_by": signed_by,
        "signed_at": signed_at,
    }


def risk_document(
    to_self: str, to_others: str, safety_plan_reviewed: bool, notes: str
) -> dict[str, object]:
    """A `RiskAssessment` as the signed document holds it (its fields, by name)."""
    return {
        "to_self": to_self,
        "to_others": to_others,
        "safety_plan_reviewed": safety_plan_reviewed,
        "notes": notes,
    }


def section_document(key: str, title: str, text: str, private_to: int | None) -> dict[str, object]:
    """A `NoteSection` as the signed document holds it (its fields, by name)."""
    return {"key": key, "title": title, "text": text, "private_to": private_to}


def canonical_addendum_bytes(addendum: Addendum, note_sha256: str) -> bytes:
    """What an addendum's hash covers, bound to the signed note it sits under."""
    document = {
        "format": "confidant.addendum.v1",
        "note_sha256": note_sha256,
        "note_id": addendum.note_id,
        "kind": addendum.kind,
        "written_at": addendum.written_at,
        "author": addendum.author,
        "reason": addendum.reason,
        "text": addendum.text,
        "requested_by": addendum.requested_by,
        "request_received_on": addendum.request_received_on,
    }
    return canonical_json(document)


def reseal_bytes(redaction: Redaction) -> bytes:
    """What a redaction's seal covers: every field of the record but its own id and seal."""
    document = {
        "format": RESEAL_FORMAT,
        "note_id": redaction.note_id,
        "redacted_at": redaction.redacted_at,
        "cause": redaction.cause,
        "sections_removed": list(redaction.sections_removed),
        "addenda_removed": list(redaction.addenda_removed),
        "sealed_sha256": redaction.sealed_sha256,
        "prior_sha256": redaction.prior_sha256,
        "remaining_sha256": redaction.remaining_sha256,
    }
    return canonical_json(document)


def reseal(redaction: Redaction) -> str:
    return sha256_hex(reseal_bytes(redaction))


def current_seal(note: Note) -> str | None:
    """The seal the note's content now answers to: the newest reseal, else the signed hash."""
    if note.signature is None:
        return None
    return note.redactions[-1].resealed_sha256 if note.redactions else note.signature.content_sha256


def canonical_copy_bytes(sealed: Note, origin: NoteOrigin) -> bytes:
    """What the seal of an imported redacted copy covers: the note as received (with the ids
    it was signed with), bound to the original signature and to how much was left out.

    The original hash covers sections this vault never received, so it cannot be rechecked;
    this second seal makes any later change to the copy as detectable as to any signed note.
    """
    if sealed.signature is None:
        raise ValueError("only a signed note has a redacted copy")
    sig = sealed.signature
    document = {
        "format": REDACTED_COPY_FORMAT,
        "source_sha256": origin.source_sha256,
        "left_out_sections": origin.left_out_sections,
        "others": [list(pair) for pair in origin.others],
        "note": json.loads(canonical_note_bytes(sealed, sig.signed_by, sig.signed_at)),
    }
    return canonical_json(document)


def canonical_json(document: object) -> bytes:
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sign_note(vault: Vault, note_id: int, signed_by: str) -> Signature:
    """Sign and lock a note; from now on only addenda and amendments can follow it.

    The content is re-read inside the signing transaction, so what is hashed is exactly what
    is stored at the moment of signing (an autosave cannot slip in between).
    """
    return sign_notes(vault, [note_id], signed_by)[0]


def sign_notes(vault: Vault, note_ids: Sequence[int], signed_by: str) -> list[Signature]:
    """Sign several notes in one transaction: all of them, or (on any error) none."""
    signer = _checked_signer(signed_by)
    with vault.db.write() as conn:
        found = load_notes(conn, list(note_ids))
        signatures = [_sign_in(conn, found, note_id, signer) for note_id in note_ids]
    return signatures


def _checked_signer(signed_by: str) -> str:
    signer = checked_text(signed_by, line("The signer's name", MAX_SIGNER_CHARS)).strip()
    if not signer:
        raise ValidationError("Enter the name of the person signing the note.")
    return signer


def _sign_in(
    conn: sqlcipher3.Connection, found: dict[int, Note], note_id: int, signer: str
) -> Signature:
    if note_id not in found:
        raise RecordNotFoundError("note", note_id)
    note = found[note_id]
    if note.signature is not None:
        raise NoteSignedError(note_id, note.signature.signed_at)
    if not any(section.text.strip() for section in note.content.sections):
        raise ValidationError(
            f"Note {note_id} is empty and cannot be signed; write at least one section."
        )
    if validate_note(note.content, is_process_note=note.is_process_note) != note.content:
        raise ValidationError("Save the note once more before signing it.")
    signed_at = now_iso()
    digest = sha256_hex(canonical_note_bytes(note, signer, signed_at))
    conn.execute(
        "UPDATE notes SET signed_at = ?, signed_by = ?, content_sha256 = ?, updated_at = ? "
        "WHERE id = ? AND signed_at IS NULL",
        (signed_at, signer, digest, signed_at, note_id),
    )
    append_for_participants(conn, "note.signed", note_id, note.content.participants)
    return Signature(signer, signed_at, digest)


def signature_problems(
    note: Note,
    origin: NoteOrigin | None = None,
    addendum_seals: Mapping[int, AddendumSeal] | None = None,
) -> list[str]:
    """Plain-language problems with a note's signature and its addenda's hashes; [] if sound.

    An imported note (`origin`) is checked with the ids it was sealed with; an imported
    redacted copy against the seal made over what was received.
    """
    if note.signature is None:
        return redaction_problems(note, "")
    sig = note.signature
    sealed = sealed_view(note, origin, addendum_seals or {})
    problems: list[str] = []
    if origin is not None and origin.source_sha256 != sig.content_sha256:
        problems.append(f"imported note {note.id} no longer carries the hash it was signed with")
    if note.redactions:  # a destroyed participant left: the reseal chain vouches for the rest
        current = sha256_hex(canonical_note_bytes(note, sig.signed_by, sig.signed_at))
        problems.extend(redaction_problems(note, current))
    elif origin is not None and origin.redacted_copy:
        digest = sha256_hex(canonical_copy_bytes(sealed, origin))
        if digest != origin.copy_sha256:
            problems.append(f"imported redacted copy {note.id} no longer matches what was received")
    else:
        expected = sha256_hex(canonical_note_bytes(sealed, sig.signed_by, sig.signed_at))
        if expected != sig.content_sha256:
            problems.append(f"signed note {note.id} no longer matches the content that was signed")
    for addendum in sealed.addenda:
        digest = sha256_hex(canonical_addendum_bytes(addendum, sig.content_sha256))
        if digest != addendum.content_sha256:
            problems.append(f"{addendum.kind} {addendum.id} of note {note.id} has been altered")
    return problems


def redaction_problems(note: Note, content_sha256: str) -> list[str]:
    """Each redaction seals itself, follows the seal before it, and the newest one holds the
    hash of the content as it now stands (`content_sha256`, in the signed format)."""
    if note.signature is None:
        return [f"note {note.id} has redactions but is not signed"] if note.redactions else []
    problems: list[str] = []
    signed = note.signature.content_sha256
    prior = signed
    for redaction in note.redactions:
        if redaction.sealed_sha256 != signed or redaction.prior_sha256 != prior:
            problems.append(
                f"redaction {redaction.id} of note {note.id} does not follow the note's seal"
            )
        if reseal(redaction) != redaction.resealed_sha256:
            problems.append(f"redaction {redaction.id} of note {note.id} has been altered")
        prior = redaction.resealed_sha256
    if note.redactions and note.redactions[-1].remaining_sha256 != content_sha256:
        problems.append(
            f"signed note {note.id} no longer matches the content its last redaction sealed"
        )
    return problems


def note_signature_is_intact(vault: Vault, note_id: int) -> bool:
    note = get_note(vault, note_id)
    with vault.db.read() as conn:
        origin = origins_of(conn, [note_id]).get(note_id)
        seals = addendum_seals_of(conn, [note_id])
    return not signature_problems(note, origin, seals)
