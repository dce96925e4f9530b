"""Session notes: write, read and replace the content of unsigned notes.

Four ways in, each for its caller:
- `create_note`: one note from the editor's structured content, validated strictly, returned
  as stored;
- `create_note_from_text`: one note given as a single block of text (scripts, tests);
- `create_notes_together`: many structured notes in one transaction, all or none (demo, import);
- `vault.notes.unsigned.autosave_note`: the editor's autosave, lenient with half-typed fields.

A note is one session, linked to every client who took part. Until it is signed a note is a
draft and may be replaced wholesale (see `unsigned` for autosave); once signed the database
itself refuses changes (`signing`, and the triggers of ``0002_notes.sql``). Participants come
back in client-id order.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator, Sequence

import sqlcipher3

from vault.audit.entries import append_for_participants
from vault.notes.errors import SIGNED_NOTE_TRIGGER_MESSAGE, NoteSignedError
from vault.notes.model import (
    Addendum,
    Note,
    NoteContent,
    NoteInput,
    NoteSection,
    Redaction,
    RiskAssessment,
    Signature,
    validate_note,
)
from vault.notes.templates import get_template
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError, ValidationError
from vault.store.ids import next_id
from vault.store.vault import Vault

_NOTE_COLUMNS = (
    "id, kind, session_start, duration_minutes, modality, service_type, is_process_note, "
    "risk_to_self, risk_to_others, safety_plan_reviewed, risk_notes, "
    "signed_at, signed_by, content_sha256, created_at, updated_at"
)
_BATCH = 500


def validated_for_template(
    content: NoteContent, *, strict: bool = True
) -> tuple[NoteContent, bool]:
    """The validated content and whether its template makes it a psychotherapy note."""
    template = get_template(content.template_id)
    checked = validate_note(content, is_process_note=template.process_note, strict=strict)
    return checked, template.process_note


def create_note(vault: Vault, content: NoteContent) -> Note:
    """Store a new, unsigned note in one durable transaction and return it as stored."""
    content, is_process = validated_for_template(content)
    with vault.db.write() as conn:
        note_id = insert_note(conn, content, is_process, now_iso())
    return get_note(vault, note_id)


def create_notes_together(vault: Vault, contents: Iterable[NoteContent]) -> list[int]:
    """Store many unsigned notes in one transaction (demo data, imports): all or none."""
    prepared = [validated_for_template(c) for c in contents]
    stamp = now_iso()
    with vault.db.write() as conn:
        return [insert_note(conn, content, is_process, stamp) for content, is_process in prepared]


def update_note(vault: Vault, note_id: int, content: NoteContent) -> Note:
    """Replace an unsigned note's content; `NoteSignedError` if it has been signed."""
    content, is_process = validated_for_template(content)
    with vault.db.write() as conn:
        replace_note(conn, note_id, content, is_process, now_iso())
    return get_note(vault, note_id)


def get_note(vault: Vault, note_id: int) -> Note:
    with vault.db.read() as conn:
        found = load_notes(conn, [note_id])
    if note_id not in found:
        raise RecordNotFoundError("note", note_id)
    return found[note_id]


def create_note_from_text(vault: Vault, note: NoteInput) -> int:
    """Store a note written as one block of text (scripts, imports, tests); returns its id."""
    template = get_template(note.kind)
    first = template.sections[0]
    content = NoteContent(
        template_id=note.kind,
        session_start=note.session_start,
        participants=note.participants,
        sections=(NoteSection(first.id, first.title, note.body),),
        duration_minutes=note.duration_minutes,
        modality=note.modality,
        service_type=note.service_type,
    )
    content, is_process = validated_for_template(content)
    with vault.db.write() as conn:
        return insert_note(conn, content, is_process, now_iso())


def note_body(vault: Vault, note_id: int) -> str | None:
    """A note's section texts joined by blank lines; None when there is no such note."""
    with vault.db.read() as conn:
        found = load_notes(conn, [note_id])
    if note_id not in found:
        return None
    return "\n\n".join(s.text for s in found[note_id].content.sections)


def count_notes(vault: Vault) -> int:
    row = vault.db.query_one("SELECT count(*) FROM notes")
    return int(row[0]) if row else 0


# ----- building blocks shared by drafts, signing and imports (callers hold the transaction) --


@contextlib.contextmanager
def refusing_signed(note_id: int) -> Iterator[None]:
    """Turn the database's refusal to change a signed note into `NoteSignedError`."""
    try:
        yield
    except sqlcipher3.IntegrityError as exc:
        if SIGNED_NOTE_TRIGGER_MESSAGE in str(exc):
            raise NoteSignedError(note_id) from None
        raise


# The note's own columns, written alike by insert and replace (risk_notes apart: see replace).
_FACT_COLUMNS = (
    "kind",
    "session_start",
    "duration_minutes",
    "modality",
    "service_type",
    "is_process_note",
    "risk_to_self",
    "risk_to_others",
    "safety_plan_reviewed",
)


def _fact_values(content: NoteContent, is_process: bool) -> tuple[object, ...]:
    risk = content.risk
    return (
        content.template_id,
        content.session_start,
        content.duration_minutes,
        content.modality,
        content.service_type,
        int(is_process),
        risk.to_self,
        risk.to_others,
        int(risk.safety_plan_reviewed),
    )


def insert_note(
    conn: sqlcipher3.Connection,
    content: NoteContent,
    is_process: bool,
    stamp: str,
    *,
    action: str = "note.created",
) -> int:
    """Insert an unsigned note in the caller's transaction; `action` names it in the audit
    trail (``note.imported`` when it came from an export)."""
    _require_clients(conn, content)
    columns = ("id", *_FACT_COLUMNS, "risk_notes", "created_at", "updated_at")
    cursor = conn.execute(
        f"INSERT INTO notes ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        (
            next_id(conn, "notes"),
            *_fact_values(content, is_process),
            content.risk.notes,
            stamp,
            stamp,
        ),
    )
    note_id = int(cursor.lastrowid)
    conn.executemany(
        "INSERT INTO note_participants (note_id, client_id) VALUES (?, ?)",
        [(note_id, client_id) for client_id in content.participants],
    )
    conn.executemany(
        "INSERT INTO note_sections (note_id, position, section_key, title, body, private_to) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(note_id, i, *_section_row(s)) for i, s in enumerate(content.sections)],
    )
    conn.executemany(
        "INSERT INTO note_diagnoses (note_id, position, code) VALUES (?, ?, ?)",
        [(note_id, i, code) for i, code in enumerate(content.diagnoses)],
    )
    append_for_participants(conn, action, note_id, content.participants)
    return note_id


def replace_note(
    conn: sqlcipher3.Connection, note_id: int, content: NoteContent, is_process: bool, stamp: str
) -> None:
    """Rewrite only what changed, so an autosave touches (and re-indexes) as little as it can."""
    row = conn.execute("SELECT signed_at FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise RecordNotFoundError("note", note_id)
    if row[0] is not None:
        raise NoteSignedError(note_id, row[0])
    _require_clients(conn, content)
    risk = content.risk
    assignments = ", ".join(f"{column} = ?" for column in _FACT_COLUMNS)
    with refusing_signed(note_id):
        conn.execute(
            f"UPDATE notes SET {assignments}, updated_at = ? WHERE id = ?",
            (*_fact_values(content, is_process), stamp, note_id),
        )
        conn.execute(
            "UPDATE notes SET risk_notes = ? WHERE id = ? AND risk_notes IS NOT ?",
            (risk.notes, note_id, risk.notes),
        )
        _replace_participants(conn, note_id, content.participants)
        _replace_sections(conn, note_id, content.sections)
        _replace_diagnoses(conn, note_id, content.diagnoses)


def _require_clients(conn: sqlcipher3.Connection, content: NoteContent) -> None:
    wanted = set(content.participants)
    marks = ", ".join("?" * len(wanted))
    found = {
        int(r[0])
        for r in conn.execute(f"SELECT id FROM clients WHERE id IN ({marks})", tuple(wanted))
    }
    missing = sorted(wanted - found)
    if missing:
        raise ValidationError(f"No client with id {missing[0]} exists to take part in this note.")


def _section_row(section: NoteSection) -> tuple[str, str, str, int | None]:
    return (section.key, section.title, section.text, section.private_to)


def _replace_participants(
    conn: sqlcipher3.Connection, note_id: int, participants: Sequence[int]
) -> None:
    current = {
        int(r[0])
        for r in conn.execute(
            "SELECT client_id FROM note_participants WHERE note_id = ?", (note_id,)
        )
    }
    wanted = set(participants)
    conn.executemany(
        "DELETE FROM note_participants WHERE note_id = ? AND client_id = ?",
        [(note_id, c) for c in sorted(current - wanted)],
    )
    conn.executemany(
        "INSERT INTO note_participants (note_id, client_id) VALUES (?, ?)",
        [(note_id, c) for c in sorted(wanted - current)],
    )


def _replace_sections(
    conn: sqlcipher3.Connection, note_id: int, sections: Sequence[NoteSection]
) -> None:
    current = {
        int(r[0]): tuple(r[1:])
        for r in conn.execute(
            "SELECT position, section_key, title, body, private_to FROM note_sections "
            "WHERE note_id = ?",
            (note_id,),
        )
    }
    for position, section in enumerate(sections):
        row = _section_row(section)
        if position not in current:
            conn.execute(
                "INSERT INTO note_sections (note_id, position, section_key, title, body, "
                "private_to) VALUES (?, ?, ?, ?, ?, ?)",
                (note_id, position, *row),
            )
        elif current[position] != row:
            conn.execute(
                "UPDATE note_sections SET section_key = ?, title = ?, body = ?, private_to = ? "
                "WHERE note_id = ? AND position = ?",
                (*row, note_id, position),
            )
    conn.execute(
        "DELETE FROM note_sections WHERE note_id = ? AND position >= ?", (note_id, len(sections))
    )


def _replace_diagnoses(conn: sqlcipher3.Connection, note_id: int, diagnoses: Sequence[str]) -> None:
    current = [
        str(r[0])
        for r in conn.execute(
            "SELECT code FROM note_diagnoses WHERE note_id = ? ORDER BY position", (note_id,)
        )
    ]
    if current == list(diagnoses):
        return
    conn.execute("DELETE FROM note_diagnoses WHERE note_id = ?", (note_id,))
    conn.executemany(
        "INSERT INTO note_diagnoses (note_id, position, code) VALUES (?, ?, ?)",
        [(note_id, i, code) for i, code in enumerate(diagnoses)],
    )


def load_notes(conn: sqlcipher3.Connection, note_ids: Sequence[int]) -> dict[int, Note]:
    """Whole notes by id (missing ids are left out), a few queries per batch of 500."""
    notes: dict[int, Note] = {}
    for start in range(0, len(note_ids), _BATCH):
        notes.update(_load_batch(conn, list(note_ids[start : start + _BATCH])))
    return notes


def _load_batch(conn: sqlcipher3.Connection, ids: list[int]) -> dict[int, Note]:
    marks = ", ".join("?" * len(ids))
    args = tuple(ids)
    participants: dict[int, list[int]] = {i: [] for i in ids}
    for note_id, client_id in conn.execute(
        f"SELECT note_id, client_id FROM note_participants WHERE note_id IN ({marks}) "
        "ORDER BY note_id, client_id",
        args,
    ):
        participants[note_id].append(int(client_id))
    sections: dict[int, list[NoteSection]] = {i: [] for i in ids}
    for note_id, key, title, body, private_to in conn.execute(
        "SELECT note_id, section_key, title, body, private_to FROM note_sections "
        f"WHERE note_id IN ({marks}) ORDER BY note_id, position",
        args,
    ):
        sections[note_id].append(NoteSection(key, title, body, private_to))
    diagnoses: dict[int, list[str]] = {i: [] for i in ids}
    for note_id, code in conn.execute(
        f"SELECT note_id, code FROM note_diagnoses WHERE note_id IN ({marks}) "
        "ORDER BY note_id, position",
        args,
    ):
        diagnoses[note_id].append(str(code))
    addenda: dict[int, list[Addendum]] = {i: [] for i in ids}
    for row in conn.execute(
        "SELECT id, note_id, kind, written_at, author, reason, body, requested_by, "
        f"request_received_on, content_sha256 FROM note_addenda WHERE note_id IN ({marks}) "
        "ORDER BY id",
        args,
    ):
        addenda[row[1]].append(Addendum(*row))
    redactions = _load_redactions(conn, marks, args)
    notes: dict[int, Note] = {}
    for row in conn.execute(f"SELECT {_NOTE_COLUMNS} FROM notes WHERE id IN ({marks})", args):
        note_id = int(row[0])
        content = NoteContent(
            template_id=row[1],
            session_start=row[2],
            participants=tuple(participants[note_id]),
            sections=tuple(sections[note_id]),
            duration_minutes=row[3],
            modality=row[4],
            service_type=row[5],
            diagnoses=tuple(diagnoses[note_id]),
            risk=RiskAssessment(row[7], row[8], bool(row[9]), row[10]),
        )
        signature = Signature(row[12], row[11], row[13]) if row[11] is not None else None
        notes[note_id] = Note(
            id=note_id,
            content=content,
            is_process_note=bool(row[6]),
            created_at=row[14],
            updated_at=row[15],
            signature=signature,
            addenda=tuple(addenda[note_id]),
            redactions=tuple(redactions.get(note_id, ())),
        )
    return notes


def _load_redactions(
    conn: sqlcipher3.Connection, marks: str, args: tuple[int, ...]
) -> dict[int, list[Redaction]]:
    """Each note's redactions, oldest first (none before schema 8 made the table)."""
    found: dict[int, list[Redaction]] = {}
    for row in conn.execute(
        "SELECT id, note_id, redacted_at, cause, sections_removed, addenda_removed, "
        "sealed_sha256, prior_sha256, remaining_sha256, resealed_sha256 FROM note_redactions "
        f"WHERE note_id IN ({marks}) ORDER BY note_id, id",
        args,
    ):
        found.setdefault(int(row[1]), []).append(
            Redaction(
                id=int(row[0]),
                note_id=int(row[1]),
                redacted_at=str(row[2]),
                cause=str(row[3]),
                sections_removed=tuple(str(k) for k in _json_list(row[4])),
                addenda_removed=tuple(
                    i for i in _json_list(row[5]) if isinstance(i, int) and not isinstance(i, bool)
                ),
                sealed_sha256=str(row[6]),
                prior_sha256=str(row[7]),
                remaining_sha256=str(row[8]),
                resealed_sha256=str(row[9]),
            )
        )
    return found


def _json_list(text: object) -> list[object]:
    """A stored JSON list; anything else reads as empty (the seal check then notices)."""
    try:
        value = json.loads(str(text))
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def blank_note(
    template_id: str,
    session_start: str,
    participants: tuple[int, ...],
    *,
    service_type: str = "individual",
    modality: str = "in_person",
    duration_minutes: int | None = 50,
) -> NoteContent:
    """A new note with the template's sections, empty, for the editor to fill in."""
    template = get_template(template_id)
    return NoteContent(
        template_id=template_id,
        session_start=session_start,
        participants=participants,
        sections=tuple(NoteSection(s.id, s.title) for s in template.sections),
        duration_minutes=duration_minutes,
        modality=modality,
        service_type=service_type,
    )
