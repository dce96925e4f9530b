"""A withdrawal of consent keeps its date and how and why it came (schema 13); the audit entry
names ids only; a withdrawal that says neither is refused and nothing changes."""

from __future__ import annotations

from datetime import date

import pytest

from vault import ValidationError, Vault
from vault.audit.trail import AuditFilter, iter_entries
from vault.clients.records import ClientProfile, add_client
from vault.consent.consents import consents_for, get_consent, record_consent, withdraw_consent

PADDED = " \t\n Demo words \n\n "


@pytest.fixture
def client(vault: Vault) -> int:
    return add_client(vault, ClientProfile(full_name="Demo Withdrawal Client")).id


@pytest.fixture
def consent(vault: Vault, client: int) -> int:
    return record_consent(
        vault, client, given_on=date(2026, 1, 5), how="verbal", limits_explained=[]
    ).id


def test_a_withdrawal_keeps_how_and_why_and_its_entry_names_ids_only(vault, client, consent):
    reason = "Demo Qxwithdrawreason: by letter; moving abroad"
    withdrawn = withdraw_consent(vault, consent, withdrawn_on=date(2026, 4, 1), reason=reason)
    assert (withdrawn.withdrawn_on, withdrawn.withdrawal_reason) == (date(2026, 4, 1), reason)
    assert consents_for(vault, client) == [withdrawn]
    [entry] = [
        e for e in iter_entries(vault, AuditFilter(client_id=client))
        if e.action == "consent.withdrawn"
    ]  # fmt: skip
    assert (entry.record_kind, entry.record_id, entry.client_id) == ("consent", consent, client)
    assert "Qxwithdrawreason" not in repr(entry)


def test_the_reason_is_trimmed_like_every_paragraph(vault, consent) -> None:
    withdrawn = withdraw_consent(vault, consent, withdrawn_on=date(2026, 4, 1), reason=PADDED)
    assert withdrawn.withdrawal_reason == "Demo words"


def test_a_withdrawal_without_how_or_why_is_refused_and_nothing_changes(vault, consent) -> None:
    with pytest.raises(ValidationError, match="how the client withdrew") as raised:
        withdraw_consent(vault, consent, withdrawn_on=date(2026, 4, 1), reason="  ")
    assert raised.value.field == "withdrawal_reason"
    with pytest.raises(ValidationError, match="cannot be stored") as raised:
        withdraw_consent(vault, consent, withdrawn_on=date(2026, 4, 1), reason="Demo \udc80")
    assert raised.value.field == "withdrawal_reason"
    assert get_consent(vault, consent).withdrawn_on is None
    assert [e.action for e in iter_entries(vault)].count("consent.withdrawn") == 0


def test_a_consent_never_withdrawn_has_no_reason(vault, consent) -> None:
    assert (
        get_consent(vault, consent).withdrawn_on,
        get_consent(vault, consent).withdrawal_reason,
    ) == (None, "")
