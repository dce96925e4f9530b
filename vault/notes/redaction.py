"""A departing participant leaves a signed joint note: the one change a sealed note ever takes.

Called only by `vault.destruction` inside the transaction that destroys that participant's
record (the database refuses it otherwise: schema 8). What leaves: the participant, the
sections private to them, the amendments made at their request, and, for a note that came in
through an import, their pair among the ids it was sealed with. What stays: everything
the other participants' record holds, the signer, the time of signing and the hash the note was
signed with. The redaction record is written before any row leaves (the database lets a row of
a sealed note go only once it exists) and the note is verified against it before the
transaction may commit.
"""

from __future__ import annotations

import json
from dataclasses import replace

import sqlcipher3

from vault.notes.model import Note, Redaction
from vault.notes.provenance import addendum_seals_of, origins_of
from vault.notes.records import load_notes
from vault.notes.signing import (
    canonical_note_bytes,
    current_seal,
    reseal,
    sha256_hex,
    signature_problems,
)
from vault.store.errors import VaultError

PARTICIPANT_DESTROYED = "participant_destroyed"


def without_participant(note: Note, client_id: int) -> Note:
    """The note as it stays for the others: `client_id`'s participation, private sections and
    requested amendments gone, everything else exactly as it was."""
    content = note.content
    return replace(
        note,
        content=replace(
            content,
            participants=tuple(p for p in content.participants if p != client_id),
            sections=tuple(s for s in content.sections if s.private_to != client_id),
        ),
        addenda=tuple(a for a in note.addenda if a.requested_by != client_id),
    )


def redact_participant(
    conn: sqlcipher3.Connection, note: Note, client_id: int, stamp: str
) -> Redaction:
    """Remove `client_id` from the signed joint `note`, in the caller's destruction transaction.

    Raises `VaultError` (and the caller rolls back) if the note then fails its seal check.
    """
    signature = note.signature
    seal = current_seal(note)
    if signature is None or seal is None:
        raise VaultError(f"Note {note.id} is not signed; only signed notes are redacted.")
    remaining = without_participant(note, client_id)
    draft = Redaction(
        id=0,
        note_id=note.id,
        redacted_at=stamp,
        cause=PARTICIPANT_DESTROYED,
        sections_removed=tuple(s.key for s in note.content.sections if s.private_to == client_id),
        addenda_removed=tuple(a.id for a in note.addenda if a.requested_by == client_id),
        sealed_sha256=signature.content_sha256,
        prior_sha256=seal,
        remaining_sha256=sha256_hex(
            canonical_note_bytes(remaining, signature.signed_by, signature.signed_at)
        ),
        resealed_sha256="",
    )
    redaction = replace(draft, resealed_sha256=reseal(draft))
    cursor = conn.execute(
        "INSERT INTO note_redactions (note_id, redacted_at, cause, sections_removed, "
        "addenda_removed, sealed_sha256, prior_sha256, remaining_sha256, resealed_sha256) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            redaction.note_id,
            redaction.redacted_at,
            redaction.cause,
            json.dumps(list(redaction.sections_removed)),
            json.dumps(list(redaction.addenda_removed)),
            redaction.sealed_sha256,
            redaction.prior_sha256,
            redaction.remaining_sha256,
            redaction.resealed_sha256,
        ),
    )
    conn.execute(  # an imported amendment's origin (schema 11) goes with it
        "DELETE FROM imported_addenda WHERE addendum_id IN "
        "(SELECT id FROM note_addenda WHERE note_id = ? AND requested_by = ?)",
        (note.id, client_id),
    )
    conn.execute(
        "DELETE FROM note_addenda WHERE note_id = ? AND requested_by = ?", (note.id, client_id)
    )
    conn.execute(
        "DELETE FROM note_sections WHERE note_id = ? AND private_to = ?", (note.id, client_id)
    )
    conn.execute(  # a copied-section mark never outlives its section
        "DELETE FROM note_copied_sections WHERE note_id = ? AND position NOT IN "
        "(SELECT position FROM note_sections WHERE note_id = ?)",
        (note.id, note.id),
    )
    conn.execute(
        "DELETE FROM note_participants WHERE note_id = ? AND client_id = ?", (note.id, client_id)
    )
    _unlink_origin(conn, note.id, client_id)
    _require_sealed(conn, note.id)
    return replace(redaction, id=int(cursor.lastrowid))


def _unlink_origin(conn: sqlcipher3.Connection, note_id: int, client_id: int) -> None:
    """An imported note's origin forgets the departing client (schema 12 allows exactly this):
    their pair in `seal_ids` is the one place that would still tie their id to the note. The
    redacted note no longer needs it: its content is vouched for by the redaction chain, its
    remaining addenda by their own seals."""
    conn.execute(
        "UPDATE imported_notes SET seal_ids = ("
        "SELECT json_group_array(json(pair.value)) FROM json_each(imported_notes.seal_ids) AS pair "
        "WHERE json_extract(pair.value, '$[0]') <> ?) "
        "WHERE note_id = ? AND EXISTS (SELECT 1 FROM json_each(imported_notes.seal_ids) AS pair "
        "WHERE json_extract(pair.value, '$[0]') = ?)",
        (client_id, note_id, client_id),
    )


def _require_sealed(conn: sqlcipher3.Connection, note_id: int) -> None:
    stored = load_notes(conn, [note_id]).get(note_id)
    # An imported note's addenda were hashed with the ids of the vault they came from.
    origin = origins_of(conn, [note_id]).get(note_id)
    seals = addendum_seals_of(conn, [note_id])
    if stored is None or signature_problems(stored, origin, seals):
        raise VaultError(
            f"Note {note_id} would not verify after its redaction, so nothing was removed."
        )
