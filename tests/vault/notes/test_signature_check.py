"""The bulk check of signed notes hashes exactly what signing hashed, and still finds every
change made behind the triggers, whatever was written into the row."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, replace

import pytest

from tests.vault.note_helpers import demo_client, soap, stored
from vault.notes.model import Note, RiskAssessment
from vault.notes.records import get_note
from vault.notes.signature_check import check_signed_notes
from vault.notes.signing import canonical_note_bytes, sign_note

SIGNER = "Demo Clinician, LCSW"
AWKWARD = 'Demo "quoted" \\ back\tslash\nnew line \x01 ctrl, é, 日本, 🙂, \u202eRTL\u202c'


def _reference_bytes(note: Note, signed_by: str, signed_at: str) -> bytes:
    """The canonical form as first written (json.dumps of asdict, sorted keys): frozen here."""
    c = note.content
    document = {
        "format": "confidant.note.v1",
        "note_id": note.id,
        "template_id": c.template_id,
        "is_process_note": note.is_process_note,
        "session_start": c.session_start,
        "duration_minutes": c.duration_minutes,
        "modality": c.modality,
        "service_type": c.service_type,
        "participants": sorted(c.participants),
        "diagnoses": list(c.diagnoses),
        "risk": asdict(c.risk),
        "sections": [asdict(s) for s in c.sections],
        "signed_by": signed_by,
        "signed_at": signed_at,
    }
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


@pytest.fixture
def awkward(vault) -> int:
    """A signed joint note with every kind of value: odd text, a private section, diagnoses,
    no duration, a risk statement."""
    a, b = demo_client(vault, "Demo Ada Example"), demo_client(vault, "Demo Bo Example")
    content = soap((b, a), subjective=AWKWARD, plan='Demo plan with "quotes"')
    sections = (replace(content.sections[0], private_to=a), *content.sections[1:])
    content = replace(
        content,
        sections=sections,
        diagnoses=("F41.1", "F43.10"),
        duration_minutes=None,
        risk=RiskAssessment("low", "none", True, AWKWARD),
    )
    note_id = stored(vault, content)
    sign_note(vault, note_id, SIGNER + " 🙂")
    return note_id


def test_the_canonical_form_is_unchanged_by_the_faster_code(vault, awkward):
    note = get_note(vault, awkward)
    assert note.signature is not None
    sig = note.signature
    assert canonical_note_bytes(note, sig.signed_by, sig.signed_at) == _reference_bytes(
        note, sig.signed_by, sig.signed_at
    )
    assert hashlib.sha256(_reference_bytes(note, sig.signed_by, sig.signed_at)).hexdigest() == (
        sig.content_sha256
    )


def test_the_bulk_check_accepts_every_kind_of_signed_note(vault, awkward):
    client = demo_client(vault, "Demo Cy Example")
    for template in ("soap", "dap", "birp", "process"):
        sign_note(vault, stored(vault, soap((client,), template_id=template)), SIGNER)
    stored(vault, soap((client,)))  # an unsigned draft among them
    assert check_signed_notes(vault) == []


@pytest.mark.parametrize(
    ("table", "change"),
    [
        ("note_sections", "body = body || ' '"),
        ("note_sections", "title = 'Demo'"),
        ("note_sections", "section_key = 'demo'"),
        ("note_sections", "private_to = NULL"),
        ("note_diagnoses", "code = 'F32.0'"),
        ("note_participants", "client_id = client_id"),  # no change: must stay clean
        ("notes", "risk_notes = 'Demo'"),
        ("notes", "risk_to_self = 'high'"),
        ("notes", "safety_plan_reviewed = 0"),
        ("notes", "duration_minutes = 50"),
        ("notes", "modality = 'video'"),
        ("notes", "session_start = '2020-01-01T09:00'"),
        ("notes", "signed_by = 'Demo Someone Else'"),
        ("notes", "duration_minutes = 50.0"),  # a type the app never writes
        ("notes", "risk_notes = x'00ff'"),  # a blob where text belongs
        ("note_sections", "body = x'c3'"),
        ("note_sections", "body = 12"),
    ],
)
def test_a_change_behind_the_triggers_is_found_whatever_was_written(vault, awkward, table, change):
    with vault.db.write() as conn:
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
        ).fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        column = "id" if table == "notes" else "note_id"
        conn.execute(f"UPDATE {table} SET {change} WHERE {column} = ?", (awkward,))
    problems = check_signed_notes(vault)
    if change == "client_id = client_id":
        assert problems == []
    else:
        assert problems == [f"signed note {awkward} no longer matches the content that was signed"]
