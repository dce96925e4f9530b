"""SQLite spells out each signed note's canonical bytes exactly as signing wrote them, and
leaves any note holding a value the app never writes to Python."""

from __future__ import annotations

import json
from dataclasses import replace

from tests.vault.note_helpers import demo_client, soap, stored
from vault.notes.model import RiskAssessment
from vault.notes.records import get_note
from vault.notes.signature_check import check_signed_notes
from vault.notes.signed_documents import signed_documents
from vault.notes.signing import canonical_note_bytes, sign_note

SIGNER = "Demo Clinician, LCSW 🙂"
AWKWARD = (
    'Demo "quoted" \\ back\tslash\nnew line \x01 \x7f ctrl, é, 日本, 🙂, \u2028, \u202eRTL\u202c'
)


def _drop_triggers(conn, table: str) -> None:
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
    ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")


def _signed_notes(vault) -> list[int]:
    a, b = demo_client(vault, "Demo Ada Example"), demo_client(vault, "Demo Bo Example")
    awkward = soap((b, a), subjective=AWKWARD, plan="Demo plan with \"quotes\" and 'apostrophes'")
    awkward = replace(
        awkward,
        sections=(replace(awkward.sections[0], private_to=a), *awkward.sections[1:]),
        diagnoses=("F41.1", "F43.10"),
        duration_minutes=None,
        risk=RiskAssessment("low", "none", True, AWKWARD),
    )
    contents = [awkward, soap((a,), diagnoses=(), duration_minutes=0)]
    contents += [soap((b,), template_id=t) for t in ("dap", "birp", "process")]
    ids = [stored(vault, content) for content in contents]
    for note_id in ids:
        sign_note(vault, note_id, SIGNER)
    stored(vault, soap((a,)))  # an unsigned draft between them
    return ids


def test_sqlite_quotes_every_character_as_python_does(vault):
    """`json_quote` against `json.dumps(ensure_ascii=False)`, every code point but surrogates,
    256 at a time (escaping never looks at a character's neighbours)."""
    different = []
    with vault.db.read() as conn:
        for start in range(0, 0x110000, 256):
            text = "".join(chr(c) for c in range(start, start + 256) if not 0xD800 <= c < 0xE000)
            if not text:
                continue
            (quoted,) = conn.execute("SELECT json_quote(?)", (text,)).fetchone()
            if quoted != json.dumps(text, ensure_ascii=False):
                different.append(hex(start))
    assert different == []


def test_the_bytes_are_those_signing_hashed(vault):
    ids = _signed_notes(vault)
    with vault.db.read() as conn:
        documents = {note_id: document for note_id, _, document in signed_documents(conn)}
    assert sorted(documents) == ids  # signed notes only, in id order
    for note_id in ids:
        note = get_note(vault, note_id)
        assert note.signature is not None
        expected = canonical_note_bytes(note, note.signature.signed_by, note.signature.signed_at)
        assert documents[note_id] == expected


def test_a_value_the_app_never_writes_leaves_that_note_to_python(vault):
    ids = _signed_notes(vault)
    with vault.db.write() as conn:
        _drop_triggers(conn, "notes")
        _drop_triggers(conn, "note_sections")
        conn.execute("UPDATE notes SET duration_minutes = 50.5 WHERE id = ?", (ids[0],))
        conn.execute("UPDATE note_sections SET body = x'00ff' WHERE note_id = ?", (ids[1],))
    with vault.db.read() as conn:
        documents = {note_id: document for note_id, _, document in signed_documents(conn)}
    assert documents[ids[0]] is None and documents[ids[1]] is None
    assert all(documents[note_id] is not None for note_id in ids[2:])
    problems = check_signed_notes(vault)
    assert problems == [
        f"signed note {note_id} no longer matches the content that was signed"
        for note_id in ids[:2]
    ]


def test_sections_put_in_another_order_are_found(vault):
    """The sections are read in the order of their positions: swapping two is a change."""
    note_id = _signed_notes(vault)[2]
    with vault.db.write() as conn:
        _drop_triggers(conn, "note_sections")
        for old, new in ((0, 100), (1, 0), (100, 1)):
            conn.execute(
                "UPDATE note_sections SET position = ? WHERE note_id = ? AND position = ?",
                (new, note_id, old),
            )
    assert check_signed_notes(vault) == [
        f"signed note {note_id} no longer matches the content that was signed"
    ]
