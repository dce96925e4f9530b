"""Checking every signed note and addendum against its hash: one pass over the note tables.

`check` (``vault.checks.verify_vault``) hashes every signed note of the vault. Loading each as a
whole `Note` (five queries per batch of 500, a dataclass per section) was 40% of a verify of
100,000 notes; here each table is read once, in note order, and SQLite spells out each note's
canonical bytes (`vault.notes.signed_documents`). A note holding a value the app never writes
is built from its rows by the same functions that signing uses
(`vault.notes.signing.note_document`), so what is hashed is byte for byte what
`canonical_note_bytes` hashes either way.

Two kinds of signed note answer to more than their own hash, and take the slow road through
`signature_problems` (they are few): a note a destroyed participant left (a reseal chain,
schema 8) and a note imported from another vault (sealed with that vault's ids, schema 11).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import sqlcipher3

from vault.notes.model import Addendum
from vault.notes.provenance import addendum_seals_of, origins_of
from vault.notes.records import load_notes
from vault.notes.signed_documents import signed_documents
from vault.notes.signing import (
    canonical_addendum_bytes,
    canonical_json,
    note_document,
    risk_document,
    section_document,
    signature_problems,
)
from vault.store.vault import Vault

Row = tuple[Any, ...]

# One note's rows, for a note that holds a value `signed_documents` leaves to Python.
_SIGNED_NOTE = (
    "SELECT id, kind, session_start, duration_minutes, modality, service_type, is_process_note, "
    "risk_to_self, risk_to_others, safety_plan_reviewed, risk_notes, signed_by, signed_at, "
    "content_sha256 FROM notes WHERE id = ?"
)
_PARTICIPANTS = (
    "SELECT note_id, client_id FROM note_participants WHERE note_id = ? ORDER BY client_id"
)
_SECTIONS = (
    "SELECT note_id, section_key, title, body, private_to FROM note_sections WHERE note_id = ? "
    "ORDER BY position"
)
_DIAGNOSES = "SELECT note_id, code FROM note_diagnoses WHERE note_id = ? ORDER BY position"
_ADDENDA = (
    "SELECT id, note_id, kind, written_at, author, reason, body, requested_by, "
    "request_received_on, content_sha256 FROM note_addenda ORDER BY note_id, id"
)
# Addenda are only ever written under signed notes; one under an unsigned (or missing) note
# means the note lost its signature by a path the triggers did not guard.
_ORPHANED_ADDENDA = (
    "SELECT DISTINCT a.note_id FROM note_addenda a LEFT JOIN notes n ON n.id = a.note_id "
    "WHERE n.signed_at IS NULL ORDER BY a.note_id"
)
# Notes whose seal is more than their own hash: redacted (schema 8) or imported (schema 11).
_SPECIAL = "SELECT note_id FROM note_redactions UNION SELECT note_id FROM imported_notes"
# An origin row is only ever written for a signed note it came with.
_STRAY_ORIGINS = (
    "SELECT i.note_id FROM imported_notes i LEFT JOIN notes n ON n.id = i.note_id "
    "WHERE n.signed_at IS NULL ORDER BY i.note_id"
)
_PENDING_DESTRUCTION = "SELECT client_id FROM destruction_in_progress"


class _ByNote:
    """Rows of one table in note order, handed out a note at a time (a merge join)."""

    def __init__(self, rows: Iterator[Row], note_column: int = 0) -> None:
        self._rows = rows
        self._column = note_column
        self._next: Row | None = next(rows, None)

    def take(self, note_id: int) -> list[Row]:
        """This note's rows; rows of notes before it (unsigned ones) are passed over."""
        row, column = self._next, self._column
        while row is not None and row[column] < note_id:
            row = next(self._rows, None)
        found: list[Row] = []
        while row is not None and row[column] == note_id:
            found.append(row)
            row = next(self._rows, None)
        self._next = row
        return found


class _UnusualValueError(Exception):
    """A stored value of a type the app never writes (a hand-edited row): take the slow road."""


_quoted = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) quotes with


def _scalar(value: object) -> str:
    kind = type(value)
    if kind is str:
        return _quoted(value)  # type: ignore[arg-type]
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    raise _UnusualValueError


def _fast_note_bytes(
    row: Row, participants: list[Row], diagnoses: list[Row], sections: list[Row]
) -> bytes:
    """`canonical_json(note_document(...))` for the values the app writes, spelled out in
    sorted-key order: the same bytes, several times faster (tests compare the two)."""
    parts = sorted(int(p[1]) for p in participants)
    section_text = ",".join(
        f'{{"key":{_scalar(s[1])},"private_to":{_scalar(s[4])},"text":{_scalar(s[3])},'
        f'"title":{_scalar(s[2])}}}'
        for s in sections
    )
    text = (
        f'{{"diagnoses":[{",".join(_scalar(str(d[1])) for d in diagnoses)}],'
        f'"duration_minutes":{_scalar(row[3])},"format":"confidant.note.v1",'
        f'"is_process_note":{_scalar(bool(row[6]))},"modality":{_scalar(row[4])},'
        f'"note_id":{_scalar(row[0])},"participants":[{",".join(map(str, parts))}],'
        f'"risk":{{"notes":{_scalar(row[10])},"safety_plan_reviewed":{_scalar(bool(row[9]))},'
        f'"to_others":{_scalar(row[8])},"to_self":{_scalar(row[7])}}},'
        f'"sections":[{section_text}],"service_type":{_scalar(row[5])},'
        f'"session_start":{_scalar(row[2])},"signed_at":{_scalar(row[12])},'
        f'"signed_by":{_scalar(row[11])},"template_id":{_scalar(row[1])}}}'
    )
    return text.encode("utf-8", errors="strict")


def _note_bytes(
    row: Row, participants: list[Row], diagnoses: list[Row], sections: list[Row]
) -> bytes:
    """The bytes a signed note's hash covers, from its rows."""
    try:
        return _fast_note_bytes(row, participants, diagnoses, sections)
    except (_UnusualValueError, UnicodeEncodeError):
        pass
    document = note_document(
        note_id=row[0],
        template_id=row[1],
        is_process_note=bool(row[6]),
        session_start=row[2],
        duration_minutes=row[3],
        modality=row[4],
        service_type=row[5],
        participants=[int(p[1]) for p in participants],
        diagnoses=[str(d[1]) for d in diagnoses],
        risk=risk_document(row[7], row[8], bool(row[9]), row[10]),
        sections=[section_document(*s[1:]) for s in sections],
        signed_by=row[11],
        signed_at=row[12],
    )
    return canonical_json(document)


# The tables this check reads (`vault.checks` runs it beside their structure checks, so their
# pages are decrypted once): the biggest first.
SIGNED_NOTE_TABLES = (
    "note_sections",
    "notes",
    "note_participants",
    "note_diagnoses",
    "note_addenda",
    "note_redactions",
    "imported_notes",
    "imported_addenda",
    "destruction_in_progress",
)


def check_signed_notes(vault: Vault) -> list[str]:
    """Every signed note still matches its hash, every addendum matches its own (bound to the
    note's), and no addendum sits under a note that is no longer signed. Plain-language
    problems, naming notes by id; [] if all match."""
    with vault.db.read() as conn:
        return signed_note_problems(conn)


def signed_note_problems(conn: sqlcipher3.Connection) -> list[str]:
    """`check_signed_notes` on a connection of the caller's (a reader of `vault.checks`)."""
    problems: list[str] = []
    special = {int(r[0]) for r in conn.execute(_SPECIAL)}
    problems += _signed_note_problems(conn, special)
    problems += _special_note_problems(conn, sorted(special))
    orphans = conn.execute(_ORPHANED_ADDENDA).fetchall()
    strays = conn.execute(_STRAY_ORIGINS).fetchall()
    pending = conn.execute(_PENDING_DESTRUCTION).fetchall()
    problems.extend(
        f"note {note_id} has addenda but is no longer signed: its signature was removed"
        for (note_id,) in orphans
    )
    problems.extend(
        f"imported note {note_id} is no longer signed: its signature was removed"
        for (note_id,) in strays
    )
    problems.extend(
        f"a destruction of client {client_id} was left open: signed notes are unguarded"
        for (client_id,) in pending
    )
    return problems


def _special_note_problems(conn: sqlcipher3.Connection, ids: list[int]) -> list[str]:
    """Redacted and imported notes, each loaded whole and checked by `signature_problems`."""
    problems: list[str] = []
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        origins = origins_of(conn, batch)
        seals = addendum_seals_of(conn, batch)
        for note in load_notes(conn, batch).values():
            problems.extend(signature_problems(note, origins.get(note.id), seals))
    return problems


def _signed_note_problems(conn: sqlcipher3.Connection, special: set[int]) -> list[str]:
    """Every signed note but the special ones against its hash (`signed_documents` spells out
    the bytes; a note holding a value the app never writes is built from its rows here), and
    every addendum against its own."""
    addenda = _ByNote(iter(conn.execute(_ADDENDA)), note_column=1)
    problems: list[str] = []
    for note_id, stored, document in signed_documents(conn):
        if note_id in special:
            continue  # checked whole by _special_note_problems
        content = _bytes_from_rows(conn, note_id) if document is None else document
        if hashlib.sha256(content).hexdigest() != stored:
            problems.append(f"signed note {note_id} no longer matches the content that was signed")
        for addendum_row in addenda.take(note_id):
            addendum = Addendum(*addendum_row)
            digest = hashlib.sha256(canonical_addendum_bytes(addendum, stored)).hexdigest()
            if digest != addendum.content_sha256:
                problems.append(f"{addendum.kind} {addendum.id} of note {note_id} has been altered")
    return problems


def _bytes_from_rows(conn: sqlcipher3.Connection, note_id: int) -> bytes:
    """The bytes a signed note's hash covers, from its rows through Python (`_note_bytes`);
    b"" for a stored value no signed note could hold, which then cannot match."""
    row = conn.execute(_SIGNED_NOTE, (note_id,)).fetchone()
    try:
        return _note_bytes(
            row,
            conn.execute(_PARTICIPANTS, (note_id,)).fetchall(),
            conn.execute(_DIAGNOSES, (note_id,)).fetchall(),
            conn.execute(_SECTIONS, (note_id,)).fetchall(),
        )
    except (TypeError, ValueError, UnicodeEncodeError, sqlcipher3.OperationalError):
        return b""
