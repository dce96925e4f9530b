"""Session notes: one note per session, linked to every client who took part."""

from __future__ import annotations

from dataclasses import dataclass

from .clock import now_iso
from .errors import ValidationError
from .vault import Vault

MODALITIES = ("in_person", "video", "phone")
SERVICE_TYPES = ("individual", "couples", "family", "group")


@dataclass(frozen=True)
class NoteInput:
    kind: str
    session_start: str
    participants: tuple[int, ...]
    body: str
    duration_minutes: int | None = 50
    modality: str = "in_person"
    service_type: str = "individual"


@dataclass(frozen=True)
class NoteSummary:
    id: int
    kind: str
    session_start: str
    first_line: str


def add_note(vault: Vault, note: NoteInput) -> int:
    if not note.participants:
        raise ValidationError("A note needs at least one participant.")
    if note.modality not in MODALITIES:
        raise ValidationError(f"Modality must be one of: {', '.join(MODALITIES)}.")
    if note.service_type not in SERVICE_TYPES:
        raise ValidationError(f"Service type must be one of: {', '.join(SERVICE_TYPES)}.")
    stamp = now_iso()
    with vault.db.write() as conn:
        cursor = conn.execute(
            "INSERT INTO notes (kind, session_start, duration_minutes, modality, service_type, "
            "body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                note.kind,
                note.session_start,
                note.duration_minutes,
                note.modality,
                note.service_type,
                note.body,
                stamp,
                stamp,
            ),
        )
        note_id = int(cursor.lastrowid)
        conn.executemany(
            "INSERT INTO note_participants (note_id, client_id) VALUES (?, ?)",
            [(note_id, client_id) for client_id in dict.fromkeys(note.participants)],
        )
    return note_id


def notes_for_client(vault: Vault, client_id: int) -> list[NoteSummary]:
    rows = vault.db.query(
        "SELECT n.id, n.kind, n.session_start, n.body FROM notes n "
        "JOIN note_participants p ON p.note_id = n.id WHERE p.client_id = ? "
        "ORDER BY n.session_start, n.id",
        (client_id,),
    )
    return [NoteSummary(int(r[0]), r[1], r[2], (r[3] or "").split("\n", 1)[0][:200]) for r in rows]


def note_body(vault: Vault, note_id: int) -> str | None:
    row = vault.db.query_one("SELECT body FROM notes WHERE id = ?", (note_id,))
    return str(row[0]) if row else None


def count_notes(vault: Vault) -> int:
    row = vault.db.query_one("SELECT count(*) FROM notes")
    return int(row[0]) if row else 0
