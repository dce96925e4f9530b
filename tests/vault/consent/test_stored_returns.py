"""A record function returns the record as stored (read back), never one built from its input."""

from __future__ import annotations

from datetime import date

import pytest

from vault import RecordNotFoundError, Vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.consents import get_revisit, record_consent, record_revisit, revisits_for
from vault.consent.disclosures import disclosures_for, get_disclosure, record_disclosure


@pytest.fixture
def client(vault: Vault) -> int:
    return add_client(vault, ClientProfile(full_name="Demo Stored Client")).id


def test_record_disclosure_returns_the_stored_row(vault: Vault, client: int) -> None:
    disclosure = record_disclosure(
        vault, client, disclosed_on=date(2026, 2, 1), recipient=" Demo Insurer ",
        information="Demo dates of sessions", basis="client_request",
        exception="court_order", justification=" Demo note ",
    )  # fmt: skip
    assert disclosure == get_disclosure(vault, disclosure.id)
    assert disclosures_for(vault, client) == [disclosure]
    assert disclosure.recipient == "Demo Insurer"
    assert disclosure.exception is None  # the basis does not use one, so none was stored


def test_a_missing_disclosure_or_revisit_is_no_such_record(vault: Vault) -> None:
    with pytest.raises(RecordNotFoundError):
        get_disclosure(vault, 999)
    with pytest.raises(RecordNotFoundError):
        get_revisit(vault, 999)


def test_record_revisit_returns_the_stored_row(vault: Vault, client: int) -> None:
    consent = record_consent(
        vault, client, given_on=date(2026, 1, 5), how="verbal", limits_explained=[]
    ).id
    revisit = record_revisit(vault, consent, revisited_on=date(2026, 2, 1), discussed=" Demo ")
    assert revisits_for(vault, consent) == [revisit] == [get_revisit(vault, revisit.id)]
