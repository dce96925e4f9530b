"""Bringing a note signed in another vault into this one, with its signature intact.

The note arrives with its signature (signer, time, hash), its addenda and the ids it was
sealed with. Nothing is taken on trust: the hash is recomputed from the content received and
the note is refused when they differ, so an altered export can never become a signed record
here. A redacted copy of a joint note (sections private to another participant left out)
cannot be rechecked against its original hash; it is kept with that hash as provenance, marked
as an imported redacted copy, and sealed again over exactly what was received
(`signing.canonical_copy_bytes`), so `check` verifies it like any other signed note.
The caller holds the transaction: a whole import is one transaction, all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sqlcipher3

from vault.notes.addenda import AMENDMENT, checked_addendum_text
from vault.notes.model import Addendum, Note, NoteContent, Signature, validate_note
from vault.notes.provenance import AddendumSeal, NoteOrigin, origin_json, sealed_view
from vault.notes.records import insert_note
from vault.notes.signing import (
    MAX_SIGNER_CHARS,
    canonical_addendum_bytes,
    canonical_copy_bytes,
    canonical_note_bytes,
    sha256_hex,
)
from vault.store.errors import ValidationError
from vault.store.text_fields import checked_text, line

_HASH_CHARS = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class SignedNoteImport:
    """A signed note as received, with local client ids (`content`, addenda's requesters)
    and the ids it was sealed with (`origin`, and one `AddendumSeal` per addendum, in order).
    Addenda ids and note ids are ignored."""

    content: NoteContent
    is_process_note: bool
    signature: Signature
    addenda: tuple[Addendum, ...]
    addendum_seals: tuple[AddendumSeal, ...]
    origin: NoteOrigin
    created_at: str


def insert_signed_note(conn: sqlcipher3.Connection, item: SignedNoteImport) -> int:
    """Store a signed note from another vault; `ValidationError` when any hash disagrees."""
    origin = verified(item)
    note_id = insert_note(
        conn, item.content, item.is_process_note, item.created_at, action="note.imported"
    )
    sig = item.signature
    conn.execute(
        "UPDATE notes SET signed_at = ?, signed_by = ?, content_sha256 = ?, updated_at = ? "
        "WHERE id = ? AND signed_at IS NULL",
        (sig.signed_at, sig.signed_by, sig.content_sha256, sig.signed_at, note_id),
    )
    for addendum, seal in zip(item.addenda, item.addendum_seals, strict=True):
        cursor = conn.execute(
            "INSERT INTO note_addenda (note_id, kind, written_at, author, reason, body, "
            "requested_by, request_received_on, content_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                note_id,
                addendum.kind,
                addendum.written_at,
                addendum.author,
                addendum.reason,
                addendum.text,
                addendum.requested_by,
                addendum.request_received_on,
                addendum.content_sha256,
            ),
        )
        conn.execute(
            "INSERT INTO imported_addenda (addendum_id, seal_note_id, seal_requested_by) "
            "VALUES (?, ?, ?)",
            (cursor.lastrowid, seal.note_id, seal.requested_by),
        )
    seal_ids, others = origin_json(origin)
    conn.execute(
        "INSERT INTO imported_notes (note_id, source_note_id, source_sha256, seal_ids, others, "
        "redacted_copy, left_out_sections, copy_sha256, imported_at, left_out_amendments) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            note_id,
            origin.source_note_id,
            origin.source_sha256,
            seal_ids,
            others,
            int(origin.redacted_copy),
            origin.left_out_sections,
            origin.copy_sha256,
            origin.imported_at,
            origin.left_out_amendments,
        ),
    )
    return note_id


def insert_unsigned_note(
    conn: sqlcipher3.Connection, content: NoteContent, is_process_note: bool, created_at: str
) -> int:
    """Store an imported draft as a draft here (checked as leniently as an autosave)."""
    checked = validate_note(content, is_process_note=is_process_note, strict=False)
    return insert_note(conn, checked, is_process_note, created_at, action="note.imported")


def verified(item: SignedNoteImport) -> NoteOrigin:
    """The note's origin, with the copy's seal made when it is a redacted copy;
    `ValidationError` when the note, or any addendum, is not what was signed."""
    sig = item.signature
    _check_signature_fields(sig, item.origin)
    content = validate_note(item.content, is_process_note=item.is_process_note)
    if content != item.content:
        raise ValidationError(_not_as_signed(sig))
    if len(item.addendum_seals) != len(item.addenda):
        raise ValidationError("Every imported addendum needs the ids it was sealed with.")
    for position, addendum in enumerate(item.addenda):
        _check_addendum(addendum, item.content.participants, position)
    numbered = tuple(replace(a, id=i + 1) for i, a in enumerate(item.addenda))
    seals = {a.id: seal for a, seal in zip(numbered, item.addendum_seals, strict=True)}
    note = Note(
        id=0,
        content=item.content,
        is_process_note=item.is_process_note,
        created_at=item.created_at,
        updated_at=sig.signed_at,
        signature=sig,
        addenda=numbered,
    )
    sealed = sealed_view(note, item.origin, seals)
    origin = item.origin
    # A redacted copy's export carries the hash of the copy as shown (never the original's,
    # see vault.export.joint), so every note that arrives, copy or not, must match its hash:
    # claiming to be a redacted copy switches off no check.
    if sha256_hex(canonical_note_bytes(sealed, sig.signed_by, sig.signed_at)) != (
        sig.content_sha256
    ):
        raise ValidationError(_not_as_signed(sig))
    if origin.redacted_copy:
        origin = replace(origin, copy_sha256=sha256_hex(canonical_copy_bytes(sealed, origin)))
    for addendum in sealed.addenda:
        if sha256_hex(canonical_addendum_bytes(addendum, sig.content_sha256)) != (
            addendum.content_sha256
        ):
            raise ValidationError(
                f"An {addendum.kind} written {addendum.written_at} under the note signed "
                f"{sig.signed_at} does not match its hash: it was altered after it was written."
            )
    return origin


def _check_signature_fields(sig: Signature, origin: NoteOrigin) -> None:
    checked_text(sig.signed_by, line("The signer's name", MAX_SIGNER_CHARS), field="signed_by")
    if not sig.signed_by.strip():
        raise ValidationError("A signed note names who signed it.", field="signed_by")
    for digest in (sig.content_sha256, origin.source_sha256):
        if len(digest) != 64 or not set(digest) <= _HASH_CHARS:
            raise ValidationError("A signature hash is 64 hexadecimal characters.")
    if origin.source_sha256 != sig.content_sha256:
        raise ValidationError("The note's origin names another hash than its signature.")


def _check_addendum(addendum: Addendum, participants: tuple[int, ...], position: int) -> None:
    if addendum.kind not in ("addendum", AMENDMENT):
        raise ValidationError("An addendum is an addendum or an amendment.")
    text, reason, author = checked_addendum_text(addendum.text, addendum.reason, addendum.author)
    if (text, reason, author) != (addendum.text, addendum.reason, addendum.author):
        raise ValidationError(f"Addendum {position + 1} is not as it was written.")
    if addendum.kind == AMENDMENT and addendum.requested_by not in participants:
        raise ValidationError("An amendment names the participant who asked for it.")
    if addendum.kind != AMENDMENT and addendum.requested_by is not None:
        raise ValidationError("Only an amendment names who asked for it.")


def _not_as_signed(sig: Signature) -> str:
    return (
        f"The note signed by {sig.signed_by} on {sig.signed_at} does not match its signature "
        "hash: it was altered after it was signed, so it cannot be imported."
    )
