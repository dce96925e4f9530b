from __future__ import annotations

import pytest
import sqlcipher3

from tests.vault.note_helpers import demo_client, soap, stored
from vault import ValidationError
from vault.checks import verify_vault
from vault.notes.addenda import add_addendum, add_amendment, addenda_for_note
from vault.notes.errors import NoteNotSignedError
from vault.notes.records import get_note
from vault.notes.signing import sign_note
from vault.search.engine import search_notes

AUTHOR = "Demo Clinician"


@pytest.fixture
def signed(vault):
    note_id = stored(vault, soap((demo_client(vault),)))
    sign_note(vault, note_id, AUTHOR)
    return note_id


def _client_of(vault, note_id):
    return get_note(vault, note_id).content.participants[0]


def test_an_addendum_is_appended_under_the_signed_note(vault, signed):
    added = add_addendum(vault, signed, text="Demo later detail.", reason="Recalled", author=AUTHOR)
    assert get_note(vault, signed).addenda == (added,)
    assert added.kind == "addendum"


def test_addenda_and_amendments_are_shown_in_the_order_written(vault, signed):
    client = _client_of(vault, signed)
    add_addendum(vault, signed, text="Demo first.", reason="Clarify", author=AUTHOR)
    add_amendment(
        vault,
        signed,
        text="Demo second.",
        reason="Client asked",
        author=AUTHOR,
        requested_by=client,
        request_received_on="2026-03-10",
    )
    add_addendum(vault, signed, text="Demo third.", reason="Follow-up", author=AUTHOR)
    assert [(a.kind, a.text) for a in addenda_for_note(vault, signed)] == [
        ("addendum", "Demo first."),
        ("amendment", "Demo second."),
        ("addendum", "Demo third."),
    ]


def test_the_signed_note_itself_is_unchanged_by_an_addendum(vault, signed):
    before = get_note(vault, signed)
    add_addendum(vault, signed, text="Demo more.", reason="Clarify", author=AUTHOR)
    after = get_note(vault, signed)
    assert (after.content, after.signature) == (before.content, before.signature)
    assert verify_vault(vault) == []


def test_an_unsigned_note_takes_no_addenda(vault):
    note_id = stored(vault, soap((demo_client(vault),)))
    with pytest.raises(NoteNotSignedError, match="not signed"):
        add_addendum(vault, note_id, text="Demo", reason="Why", author=AUTHOR)


def test_an_addendum_needs_a_reason(vault, signed):
    with pytest.raises(ValidationError, match="reason"):
        add_addendum(vault, signed, text="Demo", reason=" ", author=AUTHOR)


def test_an_amendment_answers_a_participant(vault, signed):
    stranger = demo_client(vault, "Demo Not There")
    with pytest.raises(ValidationError, match="took part"):
        add_amendment(
            vault,
            signed,
            text="Demo",
            reason="Asked",
            author=AUTHOR,
            requested_by=stranger,
            request_received_on="2026-03-10",
        )


def test_an_amendment_needs_the_request_date(vault, signed):
    with pytest.raises(ValidationError, match="request date"):
        add_amendment(
            vault,
            signed,
            text="Demo",
            reason="Asked",
            author=AUTHOR,
            requested_by=_client_of(vault, signed),
            request_received_on="last week",
        )


@pytest.mark.parametrize(
    "sql", ["UPDATE note_addenda SET body = 'Demo forged'", "DELETE FROM note_addenda"]
)
def test_addenda_refuse_raw_sql_changes(vault, signed, sql):
    add_addendum(vault, signed, text="Demo", reason="Why", author=AUTHOR)
    refused = pytest.raises(sqlcipher3.IntegrityError, match="addenda cannot be changed")
    with refused, vault.db.write() as conn:
        conn.execute(sql)


def test_addendum_text_is_searchable(vault, signed):
    add_addendum(vault, signed, text="Demo zebrafinch detail.", reason="Why", author=AUTHOR)
    assert [h.note_id for h in search_notes(vault, "zebrafinch").hits] == [signed]


def test_verify_reports_an_altered_addendum(vault, signed):
    added = add_addendum(vault, signed, text="Demo", reason="Why", author=AUTHOR)
    with vault.db.write() as conn:
        conn.execute("DROP TRIGGER note_addenda_refuse_update")
        conn.execute("UPDATE note_addenda SET body = 'Demo forged'")
    assert any(f"addendum {added.id}" in p for p in verify_vault(vault))
