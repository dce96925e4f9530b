"""Joint-session notes of a whole practice, each once, whole, with every participant.

Inside one client's record a joint note is that client's copy (`vault.export.joint`): the
others are roles and what they said in confidence is left out. A practice archive must
round-trip losslessly, so it also carries every joint note once in this practice-level form:
all participants by their client id in the archive, every section with its owner, every
addendum with its requester, and the ids each seal covers. An import takes joint notes from
here and skips the redacted copies in the client records.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict
from typing import Any

from vault.notes.model import Note
from vault.notes.provenance import AddendumSeal, NoteOrigin, addendum_seals_of, origins_of
from vault.notes.records import load_notes
from vault.store.vault import Vault

PRACTICE_NOTES_FORMAT = "confidant.practice-notes"
CHUNK = 500  # notes per archive member, so neither side holds them all at once


def joint_note_ids(vault: Vault) -> list[int]:
    """Notes with more than one participant in this vault, oldest first."""
    rows = vault.db.query(
        "SELECT n.id FROM notes n WHERE (SELECT count(*) FROM note_participants p "
        "WHERE p.note_id = n.id) > 1 ORDER BY n.session_start, n.id"
    )
    return [int(r[0]) for r in rows]


def joint_note_chunks(vault: Vault, ids: list[int]) -> Iterator[list[dict[str, Any]]]:
    """The joint notes in practice form, `CHUNK` at a time."""
    for start in range(0, len(ids), CHUNK):
        batch = ids[start : start + CHUNK]
        with vault.db.read() as conn:
            notes = load_notes(conn, batch)
            origins = origins_of(conn, batch)
            seals = addendum_seals_of(conn, batch) if origins else {}
        yield [practice_note_json(notes[i], origins.get(i), seals) for i in batch]


def practice_note_json(
    note: Note, origin: NoteOrigin | None, seals: Mapping[int, AddendumSeal]
) -> dict[str, Any]:
    content = note.content
    seal_ids = dict(origin.seal_ids) if origin else {}
    return {
        "id": note.id,
        "seal_note_id": origin.source_note_id if origin else note.id,
        "template_id": content.template_id,
        "is_process_note": note.is_process_note,
        "session_start": content.session_start,
        "duration_minutes": content.duration_minutes,
        "modality": content.modality,
        "service_type": content.service_type,
        "participants": [
            {"client_id": p, "seal_id": seal_ids.get(p, p)} for p in content.participants
        ],
        "others": [
            {"label": label, "seal_id": seal_id}
            for label, seal_id in (origin.others if origin else ())
        ],
        "sections": [asdict(s) for s in content.sections],
        "diagnoses": list(content.diagnoses),
        "risk": asdict(content.risk),
        "created_at": note.created_at,
        "updated_at": note.updated_at,
        "signature": asdict(note.signature) if note.signature else None,
        "addenda": [
            {
                "id": a.id,
                "kind": a.kind,
                "written_at": a.written_at,
                "author": a.author,
                "reason": a.reason,
                "text": a.text,
                "requested_by": a.requested_by,
                "request_received_on": a.request_received_on,
                "content_sha256": a.content_sha256,
                "seal_note_id": seals[a.id].note_id if a.id in seals else note.id,
                "seal_requested_by": seals[a.id].requested_by if a.id in seals else a.requested_by,
            }
            for a in note.addenda
        ],
        "imported_from": _imported(origin),
    }


def _imported(origin: NoteOrigin | None) -> dict[str, Any] | None:
    if origin is None:
        return None
    return {
        "source_note_id": origin.source_note_id,
        "source_sha256": origin.source_sha256,
        "redacted_copy": origin.redacted_copy,
        "imported_at": origin.imported_at,
        "left_out_sections": origin.left_out_sections,
        "left_out_amendments": origin.left_out_amendments,
    }
