"""Start from the previous note: fill a new note's sections from the client's last note of the
same kind, and remember which sections are copies until the therapist edits them.

Cloned notes are a known documentation risk, so a copy is never silent: every copied section
is recorded in ``note_copied_sections`` (schema 10, never in the note's text) and the editor
marks it until it is edited; signing with copies left unedited is confirmed first. Sections
private to one participant of a joint session are never copied into another note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import sqlcipher3

from vault.notes.model import Note, NoteContent
from vault.notes.records import load_notes
from vault.store.vault import Vault


@dataclass(frozen=True)
class CopiedFrom:
    """Where a copied section came from: the note and its session start (for the mark)."""

    note_id: int
    session_start: str


@dataclass(frozen=True)
class FilledFromPrevious:
    """A new note's content with copied sections; `copied` maps section position -> source.
    `private_left_out` and `typed_kept` count the sections not copied, so the editor can say
    why."""

    content: NoteContent
    copied: dict[int, CopiedFrom]
    private_left_out: int
    typed_kept: int


def previous_note(
    vault: Vault,
    client_id: int,
    template_id: str,
    *,
    before: str,
    excluding: int | None = None,
) -> Note | None:
    """The client's newest note of `template_id` whose session started no later than `before`
    (signed or draft), leaving out `excluding` (the note being written); None if there is none."""
    row = vault.db.query_one(
        "SELECT n.id FROM note_participants p JOIN notes n ON n.id = p.note_id "
        "WHERE p.client_id = ? AND n.kind = ? AND n.session_start <= ? AND n.id IS NOT ? "
        "ORDER BY n.session_start DESC, n.id DESC LIMIT 1",
        (client_id, template_id, before, excluding),
    )
    if row is None:
        return None
    with vault.db.read() as conn:
        return load_notes(conn, [int(row[0])]).get(int(row[0]))


def fill_from_previous(content: NoteContent, previous: Note) -> FilledFromPrevious:
    """`content` with each empty section filled from the section of the same key in
    `previous`. Sections already typed in are kept; private sections are never copied."""
    source = CopiedFrom(previous.id, previous.content.session_start)
    shared: dict[str, str] = {}
    private = 0
    for section in previous.content.sections:
        if not section.text.strip():
            continue
        if section.private_to is not None:
            private += 1
        else:
            shared.setdefault(section.key, section.text)
    sections = list(content.sections)
    copied: dict[int, CopiedFrom] = {}
    typed = 0
    for position, section in enumerate(sections):
        text = shared.get(section.key)
        if text is None:
            continue
        if section.text.strip():
            typed += 1
            continue
        sections[position] = replace(section, text=text, private_to=None)
        copied[position] = source
    return FilledFromPrevious(replace(content, sections=tuple(sections)), copied, private, typed)


def copied_sections(vault: Vault, note_id: int) -> dict[int, CopiedFrom]:
    """Which sections of a note are still copies (position -> source)."""
    rows = vault.db.query(
        "SELECT position, source_note_id, source_session_start FROM note_copied_sections "
        "WHERE note_id = ? ORDER BY position",
        (note_id,),
    )
    return {int(r[0]): CopiedFrom(int(r[1]), str(r[2])) for r in rows}


def replace_copied_sections(
    conn: sqlcipher3.Connection, note_id: int, copied: Mapping[int, CopiedFrom]
) -> None:
    """Make a note's copy marks exactly `copied` (the caller holds the transaction), touching
    only the rows that changed."""
    current = {
        int(r[0]): CopiedFrom(int(r[1]), str(r[2]))
        for r in conn.execute(
            "SELECT position, source_note_id, source_session_start FROM note_copied_sections "
            "WHERE note_id = ?",
            (note_id,),
        )
    }
    if current == dict(copied):
        return
    conn.executemany(
        "DELETE FROM note_copied_sections WHERE note_id = ? AND position = ?",
        [(note_id, p) for p in current if current[p] != copied.get(p)],
    )
    conn.executemany(
        "INSERT INTO note_copied_sections (note_id, position, source_note_id, "
        "source_session_start) VALUES (?, ?, ?, ?)",
        [
            (note_id, p, source.note_id, source.session_start)
            for p, source in copied.items()
            if current.get(p) != source
        ],
    )
