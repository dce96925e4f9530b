"""Every signed note's canonical bytes, spelled out by SQLite, for the bulk check of their hashes.

`vault.notes.signature_check` hashes every signed note on each `check`. Building the canonical
JSON in Python (`_fast_note_bytes` there: a call per value, Python quoting 212 MB of section
text) took 2.4 s of processor time for the benchmark's 97,440 signed notes on a warm reader;
here SQLite writes the JSON and Python only joins seven pieces per note and hashes them:
1.4 s, hashing included, most of it in SQLite, which lets go of Python's lock meanwhile.
SQLite's ``json_quote`` escapes text exactly as ``json.dumps(ensure_ascii=False)`` does (the
same bytes for every character: tests/vault/notes/test_signed_documents.py).

The pieces come from four queries in note order, merged here: the note's own row (three
pieces around the lists) and each of its diagnoses, participants and sections as JSON, each
table read in the order of its primary key (an ORDER BY, which SQLite keeps to the letter),
the keys of every object in sorted order, as `canonical_json` writes them.

Only the values the app writes take this road: text, integers and NULL where `_scalar` in
`signature_check` takes them, integer or NULL flags, integer participants, text diagnoses,
sections of text with an integer or NULL private_to. Anything else (a hand-edited row) makes
the note's bytes ``None``, and the caller builds them from its rows the slow way, as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import sqlcipher3

from vault.notes.signing import CANONICAL_FORMAT

Row = tuple[Any, ...]


def _value(column: str) -> str:
    """A column's JSON when it holds text, an integer or NULL; else NULL."""
    return (
        f"CASE typeof({column}) WHEN 'text' THEN json_quote({column}) "
        f"WHEN 'integer' THEN CAST({column} AS TEXT) WHEN 'null' THEN 'null' END"
    )


def _flag(column: str) -> str:
    """``bool(value)`` as JSON when the column holds an integer or NULL; else NULL."""
    return (
        f"CASE typeof({column}) WHEN 'integer' THEN CASE WHEN {column} THEN 'true' "
        f"ELSE 'false' END WHEN 'null' THEN 'false' END"
    )


def _blob(*parts: str) -> str:
    """SQL text pieces joined with ``||`` (NULL if any is NULL), as the bytes they are."""
    return "CAST(" + " || ".join(parts) + " AS BLOB)"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_FORMAT = _literal(f',"format":{json.dumps(CANONICAL_FORMAT)},"is_process_note":')

# The note's row: what comes after its diagnoses, after its participants, after its sections.
NOTE_PARTS = (
    "SELECT id, content_sha256, "
    + _blob(
        _literal('],"duration_minutes":'),
        _value("duration_minutes"),
        _FORMAT,
        _flag("is_process_note"),
        _literal(',"modality":'),
        _value("modality"),
        _literal(',"note_id":'),
        _value("id"),
        _literal(',"participants":['),
    )
    + ", "
    + _blob(
        _literal('],"risk":{"notes":'),
        _value("risk_notes"),
        _literal(',"safety_plan_reviewed":'),
        _flag("safety_plan_reviewed"),
        _literal(',"to_others":'),
        _value("risk_to_others"),
        _literal(',"to_self":'),
        _value("risk_to_self"),
        _literal('},"sections":['),
    )
    + ", "
    + _blob(
        _literal('],"service_type":'),
        _value("service_type"),
        _literal(',"session_start":'),
        _value("session_start"),
        _literal(',"signed_at":'),
        _value("signed_at"),
        _literal(',"signed_by":'),
        _value("signed_by"),
        _literal(',"template_id":'),
        _value("kind"),
        _literal("}"),
    )
    + " FROM notes WHERE signed_at IS NOT NULL ORDER BY id"
)
START = b'{"diagnoses":['


def _elements(table: str, element: str, order: str) -> str:
    """Each row of `table` as (note id, its JSON as bytes or NULL for a value of a type the
    app never writes), in note order and then `order`: SQLite keeps an ORDER BY to the letter,
    not the order inside an aggregate unless told, and sorting there cost more than the rest."""
    return (
        f"SELECT note_id, CAST({element} AS BLOB) FROM {table} "
        f"WHERE typeof(note_id) = 'integer' ORDER BY note_id, {order}"
    )


DIAGNOSES = _elements(
    "note_diagnoses", "CASE typeof(code) WHEN 'text' THEN json_quote(code) END", "position"
)
PARTICIPANTS = _elements(
    "note_participants",
    "CASE typeof(client_id) WHEN 'integer' THEN client_id END",
    "client_id",
)
SECTIONS = _elements(
    "note_sections",
    "CASE WHEN typeof(section_key) = 'text' AND typeof(title) = 'text' "
    "AND typeof(body) = 'text' AND typeof(private_to) IN ('integer', 'null') "
    """THEN concat('{"key":', json_quote(section_key), ',"private_to":', """
    """coalesce(private_to, 'null'), ',"text":', json_quote(body), ',"title":', """
    """json_quote(title), '}') END""",
    "position",
)


class _ListsByNote:
    """One table's elements in note order, handed out a list per note (a merge join)."""

    def __init__(self, rows: Iterator[Row]) -> None:
        self._rows = rows
        self._next: Row | None = next(rows, None)

    def take(self, note_id: int) -> bytes | None:
        """This note's elements joined with commas (b"" when it has none); None when one of
        them holds a value of a type the app never writes."""
        row, rows = self._next, self._rows
        while row is not None and row[0] < note_id:
            row = next(rows, None)
        found: list[bytes] = []
        while row is not None and row[0] == note_id:
            found.append(row[1])
            row = next(rows, None)
        self._next = row
        if None in found:
            return None
        return b",".join(found)


def signed_documents(conn: sqlcipher3.Connection) -> Iterator[tuple[int, str, bytes | None]]:
    """(note id, stored hash, the canonical bytes its hash covers or None) for every signed
    note, in id order. None: a value the app never writes; build that one from its rows."""
    diagnoses = _ListsByNote(iter(conn.execute(DIAGNOSES)))
    participants = _ListsByNote(iter(conn.execute(PARTICIPANTS)))
    sections = _ListsByNote(iter(conn.execute(SECTIONS)))
    for note_id, stored, after_diagnoses, after_participants, after_sections in conn.execute(
        NOTE_PARTS
    ):
        pieces = (
            START,
            diagnoses.take(note_id),
            after_diagnoses,
            participants.take(note_id),
            after_participants,
            sections.take(note_id),
            after_sections,
        )
        if None in pieces:
            yield note_id, stored, None
        else:
            yield note_id, stored, b"".join(pieces)  # type: ignore[arg-type]
