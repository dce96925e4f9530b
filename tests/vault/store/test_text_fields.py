"""One rule for every text field: what cannot be stored is refused plainly, naming the field."""

from __future__ import annotations

from dataclasses import replace

import pytest

from vault import ValidationError, Vault
from vault.clients.practice import PracticeDetails, save_practice_details
from vault.clients.records import ClientProfile, add_client, list_clients, update_client
from vault.notes.addenda import add_addendum
from vault.notes.records import NoteInput, create_note_from_text
from vault.notes.signing import sign_note
from vault.store.text_fields import DOCUMENT_CHARS, LINE_CHARS

LONE_SURROGATE = "Demo \udc80 Avery"
TEN_MILLION = "x" * 10_000_000


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", LONE_SURROGATE, "cannot be stored"),
        ("full_name", TEN_MILLION, "too long"),
        ("full_name", "x" * (LINE_CHARS + 1), "too long"),
        ("full_name", "Demo\nAvery", "one line"),
        ("email", "demo@example.org\rx", "one line"),
        ("address", LONE_SURROGATE, "cannot be stored"),
        ("notes", "x" * (DOCUMENT_CHARS + 1), "too long"),
        ("pronouns", TEN_MILLION, "too long"),
        ("full_name", "\x00Demo", "NUL"),
        ("notes", "Demo\x00notes", "NUL"),
    ],
)
def test_a_client_field_that_cannot_be_stored_is_refused_naming_it(
    vault: Vault, field: str, value: str, message: str
) -> None:
    profile = replace(ClientProfile(full_name="Demo Avery"), **{field: value})
    with pytest.raises(ValidationError, match=message) as raised:
        add_client(vault, profile)
    assert raised.value.field == field
    assert list_clients(vault, "all") == []


def test_an_edit_is_checked_by_the_same_rule(vault: Vault) -> None:
    client = add_client(vault, ClientProfile(full_name="Demo Avery"))
    with pytest.raises(ValidationError) as raised:
        update_client(vault, client.id, ClientProfile(full_name=LONE_SURROGATE))
    assert raised.value.field == "full_name"


def test_markup_rtl_and_emoji_are_just_text(vault: Vault) -> None:
    name = "Demo <img src=x> \u202eAvery\u202c 🙂 &amp;"
    client = add_client(vault, ClientProfile(full_name=name, notes="line one\nline\ttwo\x07"))
    assert client.profile.full_name == name
    assert client.profile.notes == "line one\nline\ttwo\x07"


def test_practice_details_follow_the_rule(vault: Vault) -> None:
    with pytest.raises(ValidationError, match="cannot be stored") as raised:
        save_practice_details(vault, PracticeDetails(clinician=LONE_SURROGATE))
    assert raised.value.field == "clinician"
    save_practice_details(vault, PracticeDetails(contact="Demo Street 1\nDemo Town"))


def _signed_note(vault: Vault) -> int:
    client = add_client(vault, ClientProfile(full_name="Demo Avery"))
    note_id = create_note_from_text(
        vault,
        NoteInput(
            kind="free", session_start="2026-03-02T14:00", participants=(client.id,), body="Demo"
        ),
    )
    sign_note(vault, note_id, "Demo Clinician")
    return note_id


def test_signer_and_addendum_fields_follow_the_rule(vault: Vault) -> None:
    client = add_client(vault, ClientProfile(full_name="Demo Blake"))
    note_id = create_note_from_text(
        vault,
        NoteInput(
            kind="free", session_start="2026-03-02T14:00", participants=(client.id,), body="Demo"
        ),
    )
    with pytest.raises(ValidationError, match="cannot be stored"):
        sign_note(vault, note_id, LONE_SURROGATE)
    with pytest.raises(ValidationError, match="one line"):
        sign_note(vault, note_id, "Demo\nClinician")
    signed = _signed_note(vault)
    with pytest.raises(ValidationError, match="cannot be stored") as raised:
        add_addendum(vault, signed, text=LONE_SURROGATE, reason="Demo", author="Demo Clinician")
    assert raised.value.field == "text"
    with pytest.raises(ValidationError, match="too long"):
        add_addendum(vault, signed, text=TEN_MILLION * 2, reason="Demo", author="Demo")
