from __future__ import annotations

import hashlib

import pytest
import sqlcipher3

from tests.vault.note_helpers import demo_client, soap, stored
from vault import RecordNotFoundError, ValidationError
from vault.checks import verify_vault
from vault.notes.errors import SIGNED_NOTE_TRIGGER_MESSAGE, NoteSignedError
from vault.notes.records import get_note, update_note
from vault.notes.signing import canonical_note_bytes, sign_note, sign_notes
from vault.notes.unsigned import autosave_note, discard_unsigned_note

SIGNER = "Demo Clinician, LCSW"


@pytest.fixture
def signed(vault):
    client = demo_client(vault)
    note_id = stored(vault, soap((client,)))
    sign_note(vault, note_id, SIGNER)
    return note_id


def test_signing_records_who_when_and_the_content_hash(vault):
    note_id = stored(vault, soap((demo_client(vault),)))
    signature = sign_note(vault, note_id, SIGNER)
    note = get_note(vault, note_id)
    assert note.signature == signature
    assert signature.signed_by == SIGNER
    expected = canonical_note_bytes(note, SIGNER, signature.signed_at)
    assert signature.content_sha256 == hashlib.sha256(expected).hexdigest()


def test_the_canonical_form_is_sorted_json_covering_the_sections(vault, signed):
    note = get_note(vault, signed)
    data = canonical_note_bytes(note, SIGNER, "2026-03-02T15:00:00+00:00")
    assert data.startswith(b'{"diagnoses":')
    assert b"Demo client reported a calmer week." in data


def test_a_signed_note_refuses_changes_through_the_api(vault, signed):
    client = get_note(vault, signed).content.participants
    with pytest.raises(NoteSignedError, match="addendum"):
        update_note(vault, signed, soap(client, subjective="Demo changed"))


def test_a_signed_note_refuses_autosave(vault, signed):
    client = get_note(vault, signed).content.participants
    with pytest.raises(NoteSignedError):
        autosave_note(vault, signed, soap(client, subjective="Demo changed"))


def test_a_signed_note_cannot_be_discarded(vault, signed):
    with pytest.raises(NoteSignedError):
        discard_unsigned_note(vault, signed)


def test_a_note_is_signed_only_once(vault, signed):
    with pytest.raises(NoteSignedError):
        sign_note(vault, signed, SIGNER)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE notes SET session_start = '2020-01-01T09:00' WHERE id = :id",
        "UPDATE notes SET signed_at = NULL WHERE id = :id",
        "DELETE FROM notes WHERE id = :id",
        "UPDATE note_sections SET body = 'Demo forged' WHERE note_id = :id",
        "DELETE FROM note_sections WHERE note_id = :id",
        "INSERT INTO note_sections (note_id, position, section_key, title, body) "
        "VALUES (:id, 99, 'x', 'X', 'Demo extra')",
        "DELETE FROM note_participants WHERE note_id = :id",
        "INSERT INTO note_diagnoses (note_id, position, code) VALUES (:id, 9, 'F41.1')",
        "INSERT OR REPLACE INTO notes (id, kind, session_start, created_at, updated_at) "
        "VALUES (:id, 'soap', '2020-01-01T09:00', 'x', 'x')",
        "REPLACE INTO note_sections (note_id, position, section_key, title, body) "
        "SELECT note_id, position, section_key, title, 'Demo forged' FROM note_sections "
        "WHERE note_id = :id",
    ],
)
def test_raw_sql_cannot_change_a_signed_note(vault, signed, sql):
    refused = pytest.raises(sqlcipher3.IntegrityError, match=SIGNED_NOTE_TRIGGER_MESSAGE)
    with refused, vault.db.write() as conn:
        conn.execute(sql, {"id": signed})
    assert get_note(vault, signed).signature is not None


def test_verify_reports_addenda_under_a_note_that_lost_its_signature(vault, signed):
    from vault.notes.addenda import add_addendum

    add_addendum(vault, signed, text="Demo later detail.", reason="Demo reason", author=SIGNER)
    with vault.db.write() as conn:  # simulate a path the triggers did not guard
        conn.execute("PRAGMA recursive_triggers = OFF")
        conn.execute(
            "INSERT OR REPLACE INTO notes (id, kind, session_start, created_at, updated_at) "
            "VALUES (?, 'soap', '2020-01-01T09:00', 'x', 'x')",
            (signed,),
        )
    assert any("no longer signed" in problem for problem in verify_vault(vault))


def test_raw_sql_cannot_sign_without_a_hash(vault):
    note_id = stored(vault, soap((demo_client(vault),)))
    with pytest.raises(sqlcipher3.IntegrityError, match="content hash"), vault.db.write() as conn:
        conn.execute("UPDATE notes SET signed_at = 'now' WHERE id = ?", (note_id,))


def test_an_empty_note_cannot_be_signed(vault):
    note_id = stored(vault, soap((demo_client(vault),), subjective="", plan=" "))
    with pytest.raises(ValidationError, match="empty"):
        sign_note(vault, note_id, SIGNER)


def test_a_draft_with_a_half_typed_code_must_be_fixed_before_signing(vault):
    client = demo_client(vault)
    note_id = autosave_note(vault, None, soap((client,), diagnoses=("F4",)))
    with pytest.raises(ValidationError, match="ICD-10-CM"):
        sign_note(vault, note_id, SIGNER)


def test_signing_needs_a_signer(vault):
    note_id = stored(vault, soap((demo_client(vault),)))
    with pytest.raises(ValidationError, match="signing"):
        sign_note(vault, note_id, "  ")


def test_signing_a_missing_note_is_a_named_error(vault):
    with pytest.raises(RecordNotFoundError):
        sign_note(vault, 4242, SIGNER)


def test_signing_several_is_all_or_none(vault):
    client = demo_client(vault)
    good = stored(vault, soap((client,)))
    empty = stored(vault, soap((client,), subjective="", plan=""))
    with pytest.raises(ValidationError):
        sign_notes(vault, [good, empty], SIGNER)
    assert get_note(vault, good).signature is None


def test_verify_reports_a_signed_note_altered_behind_the_triggers(vault, signed):
    assert verify_vault(vault) == []
    with vault.db.write() as conn:
        conn.execute("DROP TRIGGER note_sections_signed_refuse_update")
        conn.execute("UPDATE note_sections SET body = 'Demo forged' WHERE note_id = ?", (signed,))
    assert any(f"signed note {signed}" in p for p in verify_vault(vault))
