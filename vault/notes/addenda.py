"""Addenda and amendments: how a signed note is corrected or extended without being rewritten.

Both are appended under the note, dated, with a reason, and hashed together with the note's own
signature hash. An amendment answers a client's request to correct their record (HIPAA
164.526): it names the client who asked and when the request arrived. The database refuses to
change or delete either once written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import sqlcipher3

from vault.audit.entries import append_for_participants, participants_of
from vault.notes.errors import NoteNotSignedError
from vault.notes.model import MAX_TEXT_CHARS, Addendum
from vault.notes.signing import canonical_addendum_bytes, sha256_hex
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError, ValidationError
from vault.store.text_fields import checked_text, document, line, paragraph
from vault.store.vault import Vault

ADDENDUM = "addendum"
AMENDMENT = "amendment"


def add_addendum(vault: Vault, note_id: int, *, text: str, reason: str, author: str) -> Addendum:
    """Append a dated addendum (a later clarification or addition) under a signed note."""
    return _append(vault, note_id, ADDENDUM, text, reason, author, None, None)


def add_amendment(
    vault: Vault,
    note_id: int,
    *,
    text: str,
    reason: str,
    author: str,
    requested_by: int,
    request_received_on: str,
) -> Addendum:
    """Append an amendment made in answer to a participant's correction request."""
    try:
        date.fromisoformat(request_received_on)
    except ValueError:
        raise ValidationError("The request date must look like 2026-03-02.") from None
    return _append(
        vault, note_id, AMENDMENT, text, reason, author, requested_by, request_received_on
    )


def addenda_for_note(vault: Vault, note_id: int) -> list[Addendum]:
    """A note's addenda and amendments in the order they were written."""
    rows = vault.db.query(
        "SELECT id, note_id, kind, written_at, author, reason, body, requested_by, "
        "request_received_on, content_sha256 FROM note_addenda WHERE note_id = ? ORDER BY id",
        (note_id,),
    )
    return [Addendum(*row) for row in rows]


def _append(
    vault: Vault,
    note_id: int,
    kind: str,
    text: str,
    reason: str,
    author: str,
    requested_by: int | None,
    received_on: str | None,
) -> Addendum:
    text, reason, author = checked_addendum_text(text, reason, author)
    with vault.db.write() as conn:
        row = conn.execute("SELECT content_sha256 FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            raise RecordNotFoundError("note", note_id)
        note_sha256 = row[0]
        if note_sha256 is None:
            raise NoteNotSignedError(note_id)
        if requested_by is not None:
            _require_participant(conn, note_id, requested_by)
        draft = Addendum(
            0, note_id, kind, now_iso(), author, reason, text, requested_by, received_on, ""
        )
        digest = sha256_hex(canonical_addendum_bytes(draft, note_sha256))
        cursor = conn.execute(
            "INSERT INTO note_addenda (note_id, kind, written_at, author, reason, body, "
            "requested_by, request_received_on, content_sha256) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                note_id,
                kind,
                draft.written_at,
                author,
                reason,
                text,
                requested_by,
                received_on,
                digest,
            ),
        )
        addendum_id = int(cursor.lastrowid)
        action = "note.amendment" if kind == "amendment" else "note.addendum"
        append_for_participants(conn, action, note_id, participants_of(conn, note_id))
    return replace(draft, id=addendum_id, content_sha256=digest)


def _require_participant(conn: sqlcipher3.Connection, note_id: int, client_id: int) -> None:
    found = conn.execute(
        "SELECT 1 FROM note_participants WHERE note_id = ? AND client_id = ?", (note_id, client_id)
    ).fetchone()
    if found is None:
        raise ValidationError(
            "An amendment must answer a request from someone who took part in the session."
        )


def checked_addendum_text(text: str, reason: str, author: str) -> tuple[str, str, str]:
    """The addendum's text, reason and author as stored, or `ValidationError` naming the field
    (the same rule for one written here and one that arrives with an import)."""
    checked_text(text, document("The addendum's text", MAX_TEXT_CHARS), field="text")
    checked_text(reason, paragraph("The reason for the addendum"), field="reason")
    checked_text(author, line("The author's name"), field="author")
    if not text.strip():
        raise ValidationError("Write the text of the addendum.", field="text")
    if not reason.strip():
        raise ValidationError("Give the reason for the addendum.", field="reason")
    if not author.strip():
        raise ValidationError("Enter who is writing the addendum.", field="author")
    return text, reason.strip(), author.strip()
