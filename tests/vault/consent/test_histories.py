"""The histories behind the open items: every request with its outcome, every disclosure."""

from __future__ import annotations

from datetime import date

import pytest

from vault import RecordNotFoundError, Vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.disclosures import (
    accounting_of_disclosures,
    disclosures_for,
    record_disclosure,
)
from vault.consent.requests import (
    access_requests_for,
    amendment_requests_for,
    decide_amendment_request,
    extend_access_request,
    fulfil_access_request,
    receive_access_request,
    receive_amendment_request,
)


@pytest.fixture
def client(vault: Vault) -> int:
    return add_client(vault, ClientProfile(full_name="Demo History Person")).id


@pytest.fixture
def other(vault: Vault) -> int:
    return add_client(vault, ClientProfile(full_name="Demo Other Person")).id


def test_every_access_request_is_listed_with_how_it_was_fulfilled(
    vault: Vault, client: int, other: int
) -> None:
    later = receive_access_request(vault, client, received_on=date(2026, 3, 1))
    first = receive_access_request(vault, client, received_on=date(2025, 1, 10))
    extend_access_request(vault, first.id, reason="Demo: records held off site")
    fulfil_access_request(
        vault, first.id, fulfilled_on=date(2025, 3, 1), how="Demo: printed copy, in person"
    )
    receive_access_request(vault, other, received_on=date(2025, 2, 1))
    history = access_requests_for(vault, client)
    assert [r.id for r in history] == [first.id, later.id]  # in the order received
    done = history[0]
    assert (done.fulfilled_on, done.fulfilled_how) == (
        date(2025, 3, 1),
        "Demo: printed copy, in person",
    )
    assert done.extended_to == date(2025, 3, 11)
    assert done.extension_reason == "Demo: records held off site"
    assert history[1].fulfilled_on is None


def test_every_amendment_request_is_listed_with_its_decision(
    vault: Vault, client: int, other: int
) -> None:
    denied = receive_amendment_request(
        vault, client, received_on=date(2025, 4, 1), what_asked="Demo: remove the diagnosis"
    )
    decide_amendment_request(
        vault,
        denied.id,
        decision="denied",
        decided_on=date(2025, 5, 1),
        reason="Demo: the record is accurate",
        disagreement="Demo: I disagree, in my own words",
    )
    pending = receive_amendment_request(
        vault, client, received_on=date(2026, 1, 5), what_asked="Demo: correct my address"
    )
    receive_amendment_request(vault, other, received_on=date(2025, 4, 2), what_asked="Demo")
    history = amendment_requests_for(vault, client)
    assert [r.id for r in history] == [denied.id, pending.id]
    assert history[0].decision == "denied"
    assert history[0].reason == "Demo: the record is accurate"
    assert history[0].disagreement == "Demo: I disagree, in my own words"
    assert history[1].decision is None


def test_the_full_disclosure_list_goes_back_past_the_six_year_accounting(
    vault: Vault, client: int, other: int
) -> None:
    def disclose(on: date, who: str) -> int:
        return record_disclosure(
            vault, client, disclosed_on=on, recipient=who, information="Demo dates",
            basis="client_request",
        ).id  # fmt: skip

    recent = disclose(date(2025, 6, 1), "Demo recent")
    old = disclose(date(2012, 6, 1), "Demo old")
    record_disclosure(
        vault, other, disclosed_on=date(2020, 1, 1), recipient="Demo", information="Demo",
        basis="client_request",
    )  # fmt: skip
    assert [d.id for d in disclosures_for(vault, client)] == [old, recent]
    accounting = accounting_of_disclosures(vault, client, date(2026, 1, 1))
    assert [d.id for d in accounting] == [recent]


def test_a_history_of_no_such_client_is_a_plain_not_found(vault: Vault) -> None:
    for history in (access_requests_for, amendment_requests_for, disclosures_for):
        assert history(vault, 4242) == []
        with pytest.raises(RecordNotFoundError):
            history(vault, -1)
