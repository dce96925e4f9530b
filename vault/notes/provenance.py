"""Where an imported signed note came from, and the note as it was when it was signed.

A signature hash covers ids (the note's, its participants', a private section's owner, an
amendment's requester). Imported into another vault a note gets new ids, so the ids it was
sealed with are kept beside it (schema 11, ``imported_notes``) and `sealed_view` puts them
back, giving the exact note whose canonical bytes the hash covers. Pure values and reads:
signing verifies with them, `vault.notes.imported` writes them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import sqlcipher3

from vault.notes.model import Addendum, Note

_BATCH = 500


@dataclass(frozen=True)
class NoteOrigin:
    """The ids an imported note was sealed with, and what kind of copy it is.

    `seal_ids` pairs each local participant's client id with the id the seal used; `others`
    pairs a role label with the seal id of each participant who is not a client here (None
    when the export left it out: a redacted copy's hash covers no other participant's id). A
    `redacted_copy` lacks sections private to someone else; `copy_sha256` seals what was
    received, since the original hash (`source_sha256`) covers what was not.
    """

    source_note_id: int
    source_sha256: str
    seal_ids: tuple[tuple[int, int], ...]
    others: tuple[tuple[str, int | None], ...]
    redacted_copy: bool
    left_out_sections: int
    copy_sha256: str | None
    imported_at: str
    left_out_amendments: int = 0  # amendments another participant asked for, never received

    def seal_id_of(self, client_id: int | None) -> int | None:
        """The id the seal used for a local client (None stays None, an unknown id too)."""
        if client_id is None:
            return None
        return dict(self.seal_ids).get(client_id, client_id)


@dataclass(frozen=True)
class AddendumSeal:
    """The note id and requester id an imported addendum was hashed with."""

    note_id: int
    requested_by: int | None


def sealed_view(
    note: Note, origin: NoteOrigin | None, addendum_seals: Mapping[int, AddendumSeal]
) -> Note:
    """`note` with the ids it had when sealed: its own id, every participant's (other
    participants' included), private sections' owners, and each imported addendum's own.

    Addenda written in this vault after the import keep their local ids: they were sealed
    here. Without an origin the note is returned as it is.
    """
    if origin is None:
        return note
    content = note.content
    local = {dict(origin.seal_ids).get(p, p) for p in content.participants}
    others = {seal_id for _, seal_id in origin.others if seal_id is not None}
    participants = tuple(sorted(local | others))
    sections = tuple(
        replace(s, private_to=origin.seal_id_of(s.private_to)) for s in content.sections
    )
    addenda = tuple(_sealed_addendum(a, addendum_seals.get(a.id)) for a in note.addenda)
    return replace(
        note,
        id=origin.source_note_id,
        content=replace(content, participants=participants, sections=sections),
        addenda=addenda,
    )


def _sealed_addendum(addendum: Addendum, seal: AddendumSeal | None) -> Addendum:
    if seal is None:
        return addendum
    return replace(addendum, note_id=seal.note_id, requested_by=seal.requested_by)


def origins_of(conn: sqlcipher3.Connection, note_ids: Sequence[int]) -> dict[int, NoteOrigin]:
    """The origin of each imported note among `note_ids` (notes written here have none)."""
    found: dict[int, NoteOrigin] = {}
    for start in range(0, len(note_ids), _BATCH):
        batch = list(note_ids[start : start + _BATCH])
        marks = ", ".join("?" * len(batch))
        for row in conn.execute(
            "SELECT note_id, source_note_id, source_sha256, seal_ids, others, redacted_copy, "
            "left_out_sections, copy_sha256, imported_at, left_out_amendments FROM imported_notes "
            f"WHERE note_id IN ({marks})",
            tuple(batch),
        ):
            found[int(row[0])] = NoteOrigin(
                source_note_id=int(row[1]),
                source_sha256=str(row[2]),
                seal_ids=tuple((int(k), int(v)) for k, v in json.loads(row[3])),
                others=tuple(
                    (str(label), None if i is None else int(i)) for label, i in json.loads(row[4])
                ),
                redacted_copy=bool(row[5]),
                left_out_sections=int(row[6]),
                copy_sha256=row[7],
                imported_at=str(row[8]),
                left_out_amendments=int(row[9]),
            )
    return found


def addendum_seals_of(
    conn: sqlcipher3.Connection, note_ids: Sequence[int]
) -> dict[int, AddendumSeal]:
    """The seal ids of each addendum among these notes' that came in with an import."""
    found: dict[int, AddendumSeal] = {}
    for start in range(0, len(note_ids), _BATCH):
        batch = list(note_ids[start : start + _BATCH])
        marks = ", ".join("?" * len(batch))
        for addendum_id, seal_note_id, requested_by in conn.execute(
            "SELECT i.addendum_id, i.seal_note_id, i.seal_requested_by FROM imported_addenda i "
            f"JOIN note_addenda a ON a.id = i.addendum_id WHERE a.note_id IN ({marks})",
            tuple(batch),
        ):
            found[int(addendum_id)] = AddendumSeal(
                int(seal_note_id), None if requested_by is None else int(requested_by)
            )
    return found


def origin_json(origin: NoteOrigin) -> tuple[str, str]:
    """`seal_ids` and `others` as stored (JSON lists of pairs)."""
    return (
        json.dumps([list(p) for p in origin.seal_ids]),
        json.dumps([list(p) for p in origin.others], ensure_ascii=False),
    )
