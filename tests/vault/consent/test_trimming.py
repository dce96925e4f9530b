"""One trimming rule for every consent-family field (`vault.store.text_fields.stored_text`):
a line or a paragraph loses the whitespace around it; a document in someone's own words (what
the client asked, their statement of disagreement, the policy) is kept exactly as typed."""

from __future__ import annotations

from datetime import date

import pytest

from vault import ValidationError, Vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.consents import get_consent, record_consent, record_revisit, revisits_for
from vault.consent.disclosures import record_disclosure
from vault.consent.policy import write_policy_version
from vault.consent.releases import get_release, record_release
from vault.consent.requests import (
    decide_amendment_request,
    extend_access_request,
    fulfil_access_request,
    receive_access_request,
    receive_amendment_request,
)
from vault.store.text_fields import document, line, paragraph, stored_text

PADDED = " \t\n Demo words \n\n "  # whitespace around, as a paste leaves it


@pytest.fixture
def client(vault: Vault) -> int:
    return add_client(vault, ClientProfile(full_name="Demo Trimming Client")).id


def test_the_rule_trims_lines_and_paragraphs_and_keeps_documents_as_typed() -> None:
    assert stored_text(" Demo GP ", line("Recipient")) == "Demo GP"
    assert stored_text(PADDED, paragraph("Purpose")) == "Demo words"
    assert stored_text(PADDED, document("Statement")) == PADDED
    assert stored_text("  \n ", paragraph("Purpose")) == ""


def test_a_line_with_a_break_only_at_its_ends_is_one_line_once_trimmed() -> None:
    assert stored_text("Demo GP\n", line("Recipient")) == "Demo GP"
    with pytest.raises(ValidationError, match="one line"):
        stored_text("Demo\nGP", line("Recipient"))


def test_consent_and_revisit_text_is_trimmed(vault: Vault, client: int) -> None:
    consent = record_consent(
        vault, client, given_on=date(2026, 1, 5), how="verbal", limits_explained=[],
        telehealth=True, telehealth_privacy=PADDED,
    ).id  # fmt: skip
    assert get_consent(vault, consent).telehealth_privacy == "Demo words"
    revisit = record_revisit(vault, consent, revisited_on=date(2026, 2, 1), discussed=PADDED)
    assert revisit.discussed == "Demo words" == revisits_for(vault, consent)[0].discussed


def test_release_text_is_trimmed(vault: Vault, client: int) -> None:
    release = record_release(
        vault, client, recipient_name=" Demo GP ", recipient_org=" Demo Clinic ",
        recipient_address=PADDED, purpose=PADDED, information=PADDED, disclosed_by=" Demo ",
        expiry_event=PADDED, signed_on=date(2026, 1, 5),
    )  # fmt: skip
    stored = get_release(vault, release.id)
    assert stored == release
    assert (stored.recipient_name, stored.recipient_org, stored.disclosed_by) == (
        "Demo GP", "Demo Clinic", "Demo",
    )  # fmt: skip
    assert {stored.recipient_address, stored.purpose, stored.information} == {"Demo words"}
    assert stored.expiry_event == "Demo words"


def test_disclosure_and_access_request_text_is_trimmed(vault: Vault, client: int) -> None:
    disclosure = record_disclosure(
        vault, client, disclosed_on=date(2026, 2, 1), recipient=" Demo GP ",
        information=PADDED, basis="legal_exception", exception="court_order",
        justification=PADDED,
    )  # fmt: skip
    assert (disclosure.recipient, disclosure.information, disclosure.justification) == (
        "Demo GP", "Demo words", "Demo words",
    )  # fmt: skip
    access = receive_access_request(vault, client, received_on=date(2026, 2, 1))
    assert extend_access_request(vault, access.id, reason=PADDED).extension_reason == "Demo words"
    done = fulfil_access_request(vault, access.id, fulfilled_on=date(2026, 2, 2), how=PADDED)
    assert done.fulfilled_how == "Demo words"


def test_documents_in_someones_own_words_are_kept_exactly(vault: Vault, client: int) -> None:
    request = receive_amendment_request(
        vault, client, received_on=date(2026, 2, 1), what_asked=PADDED
    )
    assert request.what_asked == PADDED
    denied = decide_amendment_request(
        vault, request.id, decision="denied", decided_on=date(2026, 2, 2), reason=PADDED,
        disagreement=PADDED,
    )  # fmt: skip
    assert (denied.reason, denied.disagreement) == ("Demo words", PADDED)
    assert write_policy_version(vault, PADDED).body == PADDED


def test_a_field_of_only_spaces_is_empty_and_a_required_one_is_refused(vault, client) -> None:
    with pytest.raises(ValidationError, match="recipient's name is required") as raised:
        record_release(
            vault, client, recipient_name=" \t ", purpose="Demo", information="Demo",
            signed_on=date(2026, 1, 5), expires_on=date(2027, 1, 5),
        )  # fmt: skip
    assert raised.value.field == "recipient_name"
    access = receive_access_request(vault, client, received_on=date(2026, 2, 1))
    with pytest.raises(ValidationError, match="reason for the extension") as raised:
        extend_access_request(vault, access.id, reason=" \n ")
    assert raised.value.field == "reason"
