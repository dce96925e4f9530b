"""Text snippets: kept in the vault (encrypted), validated, audited by id, expanded by one rule."""

from __future__ import annotations

import pytest

from tests.conftest import PASSPHRASE
from vault import RecordNotFoundError, ValidationError, Vault
from vault.audit.trail import AuditFilter, list_entries
from vault.notes.snippets import (
    MAX_PHRASE_CHARS,
    add_snippet,
    code_before,
    list_snippets,
    remove_snippet,
    snippet_book,
    update_snippet,
    validate_snippet,
)

PHRASE = "Demo client denied suicidal ideation, intent or plan."


def test_a_snippet_round_trips_through_the_vault(vault: Vault) -> None:
    snippet = add_snippet(vault, " ;si ", PHRASE)
    assert (snippet.code, snippet.phrase) == (";si", PHRASE)
    vault_dir = vault.directory
    vault.close()
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert list_snippets(again) == [snippet]
        assert snippet_book(again) == {";si": PHRASE}


def test_the_phrase_never_reaches_the_disk_in_plaintext(vault: Vault) -> None:
    add_snippet(vault, ";qk", "Demo quokkaphrase wording")
    vault.close()
    for path in vault.directory.iterdir():
        if path.is_file():
            assert b"quokkaphrase" not in path.read_bytes(), path.name


def test_edit_and_remove(vault: Vault) -> None:
    snippet = add_snippet(vault, ";si", PHRASE)
    edited = update_snippet(vault, snippet.id, ";risk", "Demo risk wording.")
    assert list_snippets(vault) == [edited]
    remove_snippet(vault, snippet.id)
    assert list_snippets(vault) == []
    with pytest.raises(RecordNotFoundError):
        remove_snippet(vault, snippet.id)
    with pytest.raises(RecordNotFoundError):
        update_snippet(vault, snippet.id, ";x", "Demo")


def test_every_change_is_audited_by_id_only(vault: Vault) -> None:
    snippet = add_snippet(vault, ";si", PHRASE)
    update_snippet(vault, snippet.id, ";si", PHRASE + " Demo")
    remove_snippet(vault, snippet.id)
    entries = list_entries(vault, AuditFilter(kinds=("settings",)))
    mine = [e for e in entries if e.record_kind == "snippet"]
    assert sorted(e.detail for e in mine) == ["snippet_added", "snippet_edited", "snippet_removed"]
    assert {e.record_id for e in mine} == {snippet.id}
    assert all("si" not in e.detail.replace("snippet", "") for e in mine)


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("", "Type a code"),
        ("si", "does not work"),
        (";", "does not work"),
        ("; si", "does not work"),
        (";s-i", "does not work"),
        (";" + "a" * 20, "too long"),
        (";a\nb", "one line"),
    ],
)
def test_codes_that_cannot_work_are_refused(code: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why) as caught:
        validate_snippet(code, PHRASE)
    assert caught.value.field == "code"


def test_a_phrase_must_be_there_and_not_huge() -> None:
    for phrase, why in (("  ", "Type the phrase"), ("x" * (MAX_PHRASE_CHARS + 1), "too long")):
        with pytest.raises(ValidationError, match=why) as caught:
            validate_snippet(";si", phrase)
        assert caught.value.field == "phrase"


def test_a_code_is_taken_whatever_its_case(vault: Vault) -> None:
    first = add_snippet(vault, ";si", PHRASE)
    with pytest.raises(ValidationError, match="already used") as caught:
        add_snippet(vault, ";SI", "Demo other")
    assert caught.value.field == "code"
    second = add_snippet(vault, ";plan", "Demo plan")
    with pytest.raises(ValidationError, match="already used"):
        update_snippet(vault, second.id, ";Si", "Demo plan")
    assert update_snippet(vault, first.id, ";SI", PHRASE).code == ";SI"  # its own code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (";si", 0),
        ("Risk: ;si", 6),
        ("(;si", 1),
        ("line one\n;si", 9),
        ("x;si", None),
        (";sid", None),
        ("si", None),
        ("", None),
    ],
)
def test_a_code_expands_only_when_it_stands_on_its_own(text: str, expected: int | None) -> None:
    found = code_before(text, len(text), {";si": PHRASE})
    assert (found[0] if found else None) == expected
    if found:
        assert found[1] == PHRASE
