"""The JSON export: valid against docs/export-schema.json, with hashes anyone can recompute."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.vault.export.builders import MARKER_B, NAME_B, Practice
from vault import Vault
from vault.export.gather import gather_record
from vault.export.model import ExportSelection
from vault.export.record_json import JSON_FORMAT, record_json_bytes, record_to_json
from vault.notes.signing import canonical_addendum_bytes, sha256_hex

SCHEMA_PATH = Path(__file__).parents[3] / "docs" / "export-schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _json(vault: Vault, selection: ExportSelection) -> dict:  # type: ignore[type-arg]
    return json.loads(record_json_bytes(gather_record(vault, selection)))


def test_the_schema_is_2020_12() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(
    "selection",
    [
        {},
        {"include_process_notes": True},
        {"sections": frozenset({"notes"})},
        {"sections": frozenset({"profile"})},
    ],
)
def test_every_export_validates_against_the_schema(
    vault: Vault,
    practice: Practice,
    validator,
    selection,  # type: ignore[no-untyped-def]
) -> None:
    document = _json(vault, ExportSelection(practice.a, **selection))
    validator.validate(document)
    assert document["format"] == JSON_FORMAT and document["version"] == 2


def test_a_document_that_breaks_the_schema_is_caught(vault, practice, validator) -> None:  # type: ignore[no-untyped-def]
    document = _json(vault, ExportSelection(practice.a))
    document["notes"][0]["participants"][0]["name"] = "Someone"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(document)


def _rehash(note: dict) -> str:  # type: ignore[type-arg]
    """The note's hash recomputed from the file alone, as the schema's description says."""
    own = next(p["seal_id"] for p in note["participants"] if p["is_record_client"])
    document = {
        "format": "confidant.note.v1",
        "note_id": note["seal_note_id"],
        "template_id": note["template_id"],
        "is_process_note": note["is_process_note"],
        "session_start": note["session_start"],
        "duration_minutes": note["duration_minutes"],
        "modality": note["modality"],
        "service_type": note["service_type"],
        "participants": sorted(
            p["seal_id"] for p in note["participants"] if p["seal_id"] is not None
        ),
        "diagnoses": note["diagnoses"],
        "risk": note["risk"],
        "sections": [
            {
                "key": s["key"],
                "title": s["title"],
                "text": s["text"],
                "private_to": own if s["private_to_client"] else None,
            }
            for s in note["sections"]
        ],
        "signed_by": note["signature"]["signed_by"],
        "signed_at": note["signature"]["signed_at"],
    }
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return sha256_hex(text.encode("utf-8"))


def test_every_signed_note_can_be_rechecked_from_the_file(vault, practice) -> None:  # type: ignore[no-untyped-def]
    """A complete note carries its signature hash; a redacted copy the hash of itself as shown."""
    notes = _json(vault, ExportSelection(practice.a))["notes"]
    signed = [n for n in notes if n["signature"]]
    assert len(signed) == 3 and any(n["redacted"] for n in signed)
    for note in signed:
        assert _rehash(note) == note["signature"]["content_sha256"], note["id"]


def test_a_redacted_copy_never_carries_the_hash_of_what_it_leaves_out(vault, practice) -> None:  # type: ignore[no-untyped-def]
    """The original hash covers the partner's private section: with it, a guess of that
    section could be tested offline. It appears nowhere in the client's export, nor any hash
    of an addendum bound to it."""
    from vault.notes.records import get_note

    text = json.dumps(_json(vault, ExportSelection(practice.a, sections=frozenset({"notes"}))))
    checked = 0
    for note_id in {int(r[0]) for r in vault.db.query("SELECT id FROM notes")}:
        note = get_note(vault, note_id)
        hidden = any(s.private_to not in (None, practice.a) for s in note.content.sections)
        if note.signature is None or practice.a not in note.content.participants:
            continue
        if not (hidden or note.content.diagnoses):  # complete in A's copy: its hash is shown
            continue
        assert note.signature.content_sha256 not in text
        for addendum in note.addenda:
            assert addendum.content_sha256 not in text
        checked += 1
    assert checked >= 2  # the couples note (a private section) and a note with diagnoses


def test_addenda_hashes_can_be_rechecked_from_the_file(vault, practice) -> None:  # type: ignore[no-untyped-def]
    from vault.notes.model import Addendum

    for note in _json(vault, ExportSelection(practice.a))["notes"]:
        for a in note["addenda"]:
            addendum = Addendum(
                0,
                a["seal_note_id"],
                a["kind"],
                a["written_at"],
                a["author"],
                a["reason"],
                a["text"],
                a["seal_requested_by"],
                a["request_received_on"],
                "",
            )
            digest = sha256_hex(
                canonical_addendum_bytes(addendum, note["signature"]["content_sha256"])
            )
            assert digest == a["content_sha256"]


def test_the_redacted_couples_note_says_so_and_hides_the_partner(vault, practice) -> None:  # type: ignore[no-untyped-def]
    raw = record_json_bytes(gather_record(vault, ExportSelection(practice.a))).decode()
    assert MARKER_B not in raw and NAME_B not in raw
    couples = next(n for n in json.loads(raw)["notes"] if n["id"] == practice.couples)
    assert couples["redacted"] and couples["left_out_sections"] == 1
    assert [p["label"] for p in couples["participants"]] == ["Client", "Partner"]


def test_a_complete_joint_note_carries_the_seal_ids_its_hash_needs(vault, practice) -> None:  # type: ignore[no-untyped-def]
    """Nothing of the family session is private: its signed hash is shown, and it cannot be
    recomputed without every participant's seal id (each other one is needed)."""
    family = next(
        n for n in _json(vault, ExportSelection(practice.a))["notes"] if n["id"] == practice.family
    )
    assert not family["redacted"]
    seals = {p["label"]: p["seal_id"] for p in family["participants"]}
    assert seals == {"Client": practice.a, "Family member 1": practice.c,
                     "Family member 2": practice.d}  # fmt: skip
    assert _rehash(family) == family["signature"]["content_sha256"]
    for other in ("Family member 1", "Family member 2"):
        without = {
            **family,
            "participants": [
                {**p, "seal_id": None} if p["label"] == other else p for p in family["participants"]
            ],
        }
        assert _rehash(without) != family["signature"]["content_sha256"]


def test_a_redacted_copy_leaves_out_every_other_participants_seal_id(vault, practice) -> None:  # type: ignore[no-untyped-def]
    """The partner's seal id is their client number: the same in every note, so it would tell
    which sessions they attended. The copy's own hash covers only the client's, so it goes."""
    document = _json(vault, ExportSelection(practice.a))
    couples = next(n for n in document["notes"] if n["id"] == practice.couples)
    assert couples["redacted"]
    assert [(p["label"], p["seal_id"]) for p in couples["participants"]] == [
        ("Client", practice.a),
        ("Partner", None),
    ]
    assert _rehash(couples) == couples["signature"]["content_sha256"]
    b_copy = next(
        n for n in _json(vault, ExportSelection(practice.b))["notes"] if n["id"] == practice.couples
    )
    assert [(p["label"], p["seal_id"]) for p in b_copy["participants"]] == [
        ("Partner", None),
        ("Client", practice.b),
    ]


def test_record_to_json_is_plain_json(vault, practice) -> None:  # type: ignore[no-untyped-def]
    document = record_to_json(gather_record(vault, ExportSelection(practice.a)))
    assert json.loads(json.dumps(document)) == document
