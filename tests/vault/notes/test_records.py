from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.vault.note_helpers import demo_client, section, soap, stored
from vault import RecordNotFoundError, ValidationError
from vault.notes.errors import UnknownTemplateError
from vault.notes.model import NoteInput, RiskAssessment
from vault.notes.records import (
    blank_note,
    count_notes,
    create_note,
    create_note_from_text,
    get_note,
    note_body,
    update_note,
)
from vault.notes.unsigned import autosave_note
from vault.store.errors import InvalidFieldsError


def test_a_new_note_is_stored_unsigned_with_its_sections(vault):
    client = demo_client(vault)
    note = create_note(vault, soap((client,), subjective="Demo slept better."))
    assert note.signature is None
    assert note.content.sections[0].text == "Demo slept better."
    assert [s.title for s in note.content.sections][:2] == ["Subjective", "Objective"]


def test_blank_note_has_the_templates_empty_sections():
    note = blank_note("birp", "2026-03-02T14:00", (1,))
    assert [(s.key, s.text) for s in note.sections] == [
        ("behavior", ""),
        ("intervention", ""),
        ("response", ""),
        ("plan", ""),
    ]


def test_fields_of_the_session_are_kept(vault):
    client = demo_client(vault)
    content = soap(
        (client,),
        duration_minutes=45,
        modality="video",
        diagnoses=("F41.1", "Z63.0"),
        risk=RiskAssessment("low", "none", True, "Demo safety plan reviewed."),
    )
    assert get_note(vault, stored(vault, content)).content == content


def test_a_process_note_is_marked_as_such(vault):
    client = demo_client(vault)
    note = create_note(vault, soap((client,), template_id="process"))
    assert note.is_process_note


def test_diagnosis_codes_are_normalised(vault):
    client = demo_client(vault)
    note = create_note(vault, soap((client,), diagnoses=(" f411", "F43.10")))
    assert note.content.diagnoses == ("F41.1", "F43.10")


@pytest.mark.parametrize("code", ["41.1", "F4", "F41.12345", "FF1.1", "F41..1", "F41-1"])
def test_malformed_diagnosis_codes_are_refused(vault, code):
    client = demo_client(vault)
    with pytest.raises(ValidationError, match="ICD-10-CM"):
        create_note(vault, soap((client,), diagnoses=(code,)))


def test_process_notes_refuse_diagnoses(vault):
    client = demo_client(vault)
    with pytest.raises(ValidationError, match="progress note"):
        create_note(vault, soap((client,), template_id="process", diagnoses=("F41.1",)))


def test_a_note_needs_a_participant(vault):
    with pytest.raises(ValidationError, match="participant"):
        create_note(vault, soap(()))


def test_participants_must_be_clients_of_the_vault(vault):
    with pytest.raises(ValidationError, match="No client with id 999"):
        create_note(vault, soap((999,)))


def test_an_individual_session_has_one_participant(vault):
    a, b = demo_client(vault), demo_client(vault, "Demo Bo Example")
    with pytest.raises(ValidationError, match="individual"):
        create_note(vault, soap((a, b), service_type="individual"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("modality", "carrier pigeon", "Modality"),
        ("service_type", "retreat", "Service type"),
        ("session_start", "next Tuesday", "Session date"),
        ("duration_minutes", -5, "Duration"),
    ],
)
def test_session_fields_are_checked(vault, field, value, message):
    client = demo_client(vault)
    with pytest.raises(ValidationError, match=message):
        create_note(vault, soap((client,), **{field: value}))


def test_private_content_must_belong_to_a_participant(vault):
    a, b = demo_client(vault), demo_client(vault, "Demo Bo Example")
    content = soap((a,), sections=(section("note", "Demo private words", private_to=b),))
    with pytest.raises(ValidationError, match="private"):
        create_note(vault, content)


def test_a_joint_note_keeps_content_private_to_one_participant(vault):
    a, b = demo_client(vault), demo_client(vault, "Demo Bo Example")
    content = soap(
        (a, b),
        sections=(section("shared", "Demo both"), section("private", "Demo alone", b)),
    )
    note = get_note(vault, stored(vault, content))
    assert [s.private_to for s in note.content.sections] == [None, b]


def test_unknown_kind_is_refused(vault):
    client = demo_client(vault)
    with pytest.raises(UnknownTemplateError):
        create_note(vault, soap((client,), template_id="no_such_kind"))


def test_update_replaces_an_unsigned_notes_content(vault):
    client = demo_client(vault)
    note_id = stored(vault, soap((client,)))
    updated = soap((client,), subjective="Demo rewritten.", modality="phone")
    assert update_note(vault, note_id, updated).content == updated


def test_update_can_drop_sections(vault):
    client = demo_client(vault)
    note_id = stored(vault, soap((client,)))
    shorter = soap((client,), sections=(section("note", "Demo only one"),))
    assert get_note(vault, note_id).content != shorter
    assert update_note(vault, note_id, shorter).content.sections == shorter.sections


def test_missing_note_is_a_named_error(vault):
    with pytest.raises(RecordNotFoundError, match="note"):
        get_note(vault, 12345)


def test_text_that_cannot_be_stored_is_refused(vault):
    client = demo_client(vault)
    with pytest.raises(ValidationError, match="cannot be stored"):
        create_note(vault, soap((client,), subjective="Demo \ud800 lone surrogate"))


def test_one_block_of_text_can_be_added_as_a_note(vault):
    client = demo_client(vault)
    note_id = create_note_from_text(
        vault, NoteInput("free", "2026-03-02T14:00", (client,), "Demo block of text")
    )
    assert note_body(vault, note_id) == "Demo block of text"


def test_note_body_of_a_missing_note_is_none(vault):
    assert note_body(vault, 777) is None


# Any text that can be stored: NUL is refused by the one text rule (vault.store.text_fields),
# because SQLite's text functions stop at it; that refusal is tested there.
_ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=300
)

# Each example adds fresh notes, so sharing the vault between examples is fine.
_FIXTURE_REUSE = HealthCheck.function_scoped_fixture


@settings(max_examples=60, deadline=None, suppress_health_check=[_FIXTURE_REUSE])
@given(text=_ANY_TEXT, title=_ANY_TEXT, risk_notes=_ANY_TEXT)
def test_any_unicode_text_round_trips_exactly(vault, text, title, risk_notes):
    client = demo_client(vault)
    content = soap((client,), subjective=text)
    content = replace(
        content,
        sections=(replace(content.sections[0], title=title), *content.sections[1:]),
        risk=RiskAssessment(notes=risk_notes),
    )
    assert get_note(vault, stored(vault, content)).content == content


def test_a_10_mb_note_is_refused_clearly_and_nothing_is_stored(vault):
    client = demo_client(vault)
    huge = "Demo words of a pasted document. " * 320_000  # about 10 MB
    with pytest.raises(ValidationError, match="too long"):
        stored(vault, soap((client,), subjective=huge))
    with pytest.raises(ValidationError, match="too long"):
        autosave_note(vault, None, soap((client,), subjective=huge))
    assert count_notes(vault) == 0


def test_a_long_note_under_the_limit_round_trips(vault):
    client = demo_client(vault)
    long_text = "Demo line with <markup> & ünïcödé.\n" * 25_000  # about 900 KB
    note_id = stored(vault, soap((client,), subjective=long_text))
    assert get_note(vault, note_id).content.sections[0].text == long_text


def test_every_invalid_field_of_a_note_is_reported_at_once(vault):
    client, other = demo_client(vault), demo_client(vault, "Demo Other")
    sections = soap((client,)).sections
    bad = soap(
        (client, other),
        service_type="individual",
        diagnoses=("F41.1", "nonsense"),
        duration_minutes=5000,
        sections=(sections[0], section("objective", "Demo\x00"), *sections[2:]),
    )
    with pytest.raises(InvalidFieldsError) as caught:
        create_note(vault, bad)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["duration_minutes", "service_type", "diagnoses", "sections.1"]
    assert caught.value.field == "duration_minutes"
    assert "4 fields need attention" in str(caught.value)
