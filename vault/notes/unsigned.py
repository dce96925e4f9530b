"""Autosave for the note editor: unsigned notes are drafts, saved into the encrypted vault.

The editor calls `autosave_note` about a second after typing stops. Each call is one durable
commit (WAL, synchronous=FULL), so a crash or kill loses at most the typing since the last
call, and the draft is there on the next unlock. Nothing is ever written outside the vault.
Drafts are checked leniently (half-typed fields are kept); signing checks strictly.
"""

from __future__ import annotations

from collections.abc import Mapping

from vault.audit.entries import append_for_participants, participants_of
from vault.notes.errors import NoteSignedError
from vault.notes.model import NoteContent, NoteSummary
from vault.notes.previous import CopiedFrom, replace_copied_sections
from vault.notes.records import insert_note, refusing_signed, replace_note, validated_for_template
from vault.notes.summaries import SUMMARY_COLUMNS, summary_from_row
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError
from vault.store.vault import Vault


def autosave_note(
    vault: Vault,
    note_id: int | None,
    content: NoteContent,
    *,
    copied: Mapping[int, CopiedFrom] | None = None,
) -> int:
    """Create (``note_id=None``) or overwrite an unsigned note; returns its id.

    `copied` (section position -> source) is which sections are still copies of the previous
    note (`vault.notes.previous`); it is saved in the same transaction as the text, so a
    crash never leaves a copy unmarked. None leaves the marks as they are.
    Cheap by design: only changed rows are rewritten and nothing is read back.
    Raises `NoteSignedError` if the note was signed meanwhile.
    """
    content, is_process = validated_for_template(content, strict=False)
    stamp = now_iso()
    with vault.db.write() as conn:
        if note_id is None:
            note_id = insert_note(conn, content, is_process, stamp)
        else:
            replace_note(conn, note_id, content, is_process, stamp)
        if copied is not None:
            replace_copied_sections(conn, note_id, copied)
        return note_id


def list_unsigned_notes(vault: Vault) -> list[NoteSummary]:
    """Every unsigned note (draft), oldest session first: the therapist's signing backlog."""
    rows = vault.db.query(
        f"SELECT {SUMMARY_COLUMNS} FROM notes n INDEXED BY notes_unsigned_by_session "
        "WHERE n.signed_at IS NULL ORDER BY n.session_start, n.id"
    )
    return [summary_from_row(r) for r in rows]


def count_unsigned_notes(vault: Vault) -> int:
    """How many notes wait to be signed (the Today view's line), without reading them."""
    row = vault.db.query_one("SELECT count(*) FROM notes WHERE signed_at IS NULL")
    return int(row[0]) if row else 0


def discard_unsigned_note(vault: Vault, note_id: int) -> None:
    """Delete a draft the therapist chose to throw away. Signed notes refuse."""
    with vault.db.write() as conn:
        row = conn.execute("SELECT signed_at FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            raise RecordNotFoundError("note", note_id)
        if row[0] is not None:
            raise NoteSignedError(note_id, row[0])
        taking_part = participants_of(conn, note_id)
        with refusing_signed(note_id):
            conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
        append_for_participants(conn, "note.discarded", note_id, taking_part)
