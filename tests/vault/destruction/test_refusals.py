"""Every refusal of a destruction writes nothing: the database and its log keep every byte.

The wrong name, drafts of the client (their own or a joint one), a client that does not exist,
odd values: each gets a message that says what to do. Hypothesis tries many confirmations.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.vault.destruction.practice import GONE_NAME, Practice, build_practice
from tests.vault.note_helpers import soap, stored
from vault import RecordNotFoundError, Vault, VaultError
from vault.clients.records import ClientProfile, add_client, get_client
from vault.destruction.destroy import destroy_client
from vault.destruction.errors import ConfirmationMismatchError, UnsignedDraftsError
from vault.destruction.plan import accepted_confirmations, confirmation_matches


@pytest.fixture
def practice(vault: Vault) -> Practice:
    return build_practice(vault)


def _state(vault: Vault) -> tuple[dict[str, str], str | None]:
    """The bytes of the database and its log (the -shm index changes on every read), and the
    commit counter."""
    files = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in vault.directory.iterdir()
        if path.is_file() and not path.name.endswith("-shm") and path.name != ".lock"
    }
    return files, vault.meta("commit_counter")


def _refused(vault: Vault, attempt: Callable[[], object], error: type[VaultError]) -> VaultError:
    before = _state(vault)
    with pytest.raises(error) as refused:
        attempt()
    assert _state(vault) == before
    assert "Nothing was removed" in str(refused.value) or error is RecordNotFoundError
    return refused.value


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "demo qzvanishing zorbavel",  # case matters
        "Demo Qzvanishing  Zorbavel",  # so do inner spaces
        "Demo Qzvanishing",
        "Qzvanishing",  # the preferred name alone
        "Demo Kpartner Stayswell",  # someone else's name
        "1",
        "Demo Qzvanishing Zorbavel (Qzvanishing) x",
    ],
)
def test_a_confirmation_that_is_not_the_name_is_refused(
    vault: Vault, practice: Practice, typed: str
) -> None:
    error = _refused(
        vault, lambda: destroy_client(vault, practice.gone, typed), ConfirmationMismatchError
    )
    assert error.field == "confirmation" and error.record_id == practice.gone
    assert "Qzvanishing" not in str(error)  # the message never quotes the name


def test_the_name_as_listed_or_the_full_name_confirms(vault: Vault, practice: Practice) -> None:
    client = get_client(vault, practice.gone)
    assert accepted_confirmations(client) == {
        "Demo Qzvanishing Zorbavel (Qzvanishing)",
        GONE_NAME,
    }
    assert confirmation_matches(client, "\t Demo Qzvanishing Zorbavel (Qzvanishing)\n")
    assert not confirmation_matches(client, None)


def test_a_name_typed_in_another_unicode_form_confirms(vault: Vault) -> None:
    composed = "Demo Zoë Ñandú"
    client = add_client(vault, ClientProfile(full_name=composed))
    typed = " " + unicodedata.normalize("NFD", composed) + " "
    assert typed.strip() != composed
    destroy_client(vault, client.id, typed)
    with pytest.raises(RecordNotFoundError):
        get_client(vault, client.id)


def test_unsigned_drafts_are_refused_with_their_count(vault: Vault, practice: Practice) -> None:
    stored(vault, soap((practice.gone,)))
    stored(vault, soap((practice.gone, practice.kept)))  # a joint draft counts too
    error = _refused(
        vault, lambda: destroy_client(vault, practice.gone, GONE_NAME), UnsignedDraftsError
    )
    assert "2 unsigned notes" in str(error) and "signed or discarded" in str(error)
    assert isinstance(error, UnsignedDraftsError) and error.count == 2


def test_a_draft_of_the_partner_alone_does_not_stop_the_destruction(
    vault: Vault, practice: Practice
) -> None:
    stored(vault, soap((practice.kept,)))
    destroy_client(vault, practice.gone, GONE_NAME)


@pytest.mark.parametrize("client_id", [999, 0, -1, 2**63, True, "1", None, 1.0])
def test_a_client_that_does_not_exist_is_refused(
    vault: Vault, practice: Practice, client_id: object
) -> None:
    _refused(
        vault,
        lambda: destroy_client(vault, client_id, GONE_NAME),  # type: ignore[arg-type]
        RecordNotFoundError,
    )


def test_a_client_destroyed_already_is_not_found_the_second_time(
    vault: Vault, practice: Practice
) -> None:
    destroy_client(vault, practice.gone, GONE_NAME)
    _refused(vault, lambda: destroy_client(vault, practice.gone, GONE_NAME), RecordNotFoundError)


def test_a_table_this_version_does_not_know_stops_the_destruction(
    vault: Vault, practice: Practice
) -> None:
    from vault.destruction.errors import UnknownClientRowsError

    with vault.db.write() as conn:
        conn.execute("CREATE TABLE demo_future_notes (id INTEGER PRIMARY KEY, client_id INTEGER)")
        conn.execute("INSERT INTO demo_future_notes (client_id) VALUES (?)", (practice.gone,))
    error = _refused(
        vault, lambda: destroy_client(vault, practice.gone, GONE_NAME), UnknownClientRowsError
    )
    assert "demo_future_notes" in str(error)
    assert get_client(vault, practice.gone).profile.full_name == GONE_NAME


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # one vault for all examples
)
@given(typed=st.text(max_size=60))
def test_hypothesis_only_the_name_confirms_and_a_refusal_writes_nothing(
    vault: Vault, practice: Practice, typed: str
) -> None:
    client = get_client(vault, practice.gone)
    expected = unicodedata.normalize("NFC", typed).strip() in accepted_confirmations(client)
    assert confirmation_matches(client, typed) is expected
    if expected:
        return  # the accepting path is tested above; this vault stays for the next example
    before = _state(vault)
    with pytest.raises(ConfirmationMismatchError):
        destroy_client(vault, practice.gone, typed)
    assert _state(vault) == before


@settings(max_examples=40, deadline=None)
@given(
    padding=st.tuples(st.text(" \t\n\r", max_size=4), st.text(" \t\n\u3000", max_size=4)),
    decomposed=st.booleans(),
)
def test_hypothesis_outer_whitespace_and_unicode_form_never_matter(
    padding: tuple[str, str], decomposed: bool
) -> None:
    from vault.clients.records import Client

    name = "Demo Éloïse Ångström"
    client = Client(1, ClientProfile(full_name=name), None, "2026-01-01", "2026-01-01")
    body = unicodedata.normalize("NFD" if decomposed else "NFC", name)
    assert confirmation_matches(client, padding[0] + body + padding[1])
    assert not confirmation_matches(client, padding[0] + body.upper() + padding[1])


@settings(max_examples=80, deadline=None)
@given(name=st.text(min_size=1, max_size=40).filter(lambda n: n.strip()), extra=st.text(max_size=3))
def test_hypothesis_any_name_confirms_itself_and_nothing_else(name: str, extra: str) -> None:
    from vault.clients.records import Client

    client = Client(1, ClientProfile(full_name=name), None, "2026-01-01", "2026-01-01")
    assert confirmation_matches(client, name)
    altered = name + extra
    same = (
        unicodedata.normalize("NFC", altered).strip() == unicodedata.normalize("NFC", name).strip()
    )
    assert confirmation_matches(client, altered) is same
