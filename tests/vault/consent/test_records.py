"""Consent, releases, disclosures and requests: what a therapist records, and what is refused."""

from __future__ import annotations

from datetime import date

import pytest
import sqlcipher3

from vault import ValidationError, Vault
from vault.audit.trail import AuditFilter, iter_entries
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.consents import (
    consents_for,
    record_consent,
    record_revisit,
    revisits_for,
    withdraw_consent,
)
from vault.consent.disclosures import accounting_of_disclosures, record_disclosure
from vault.consent.due import due_items
from vault.consent.policy import current_policy, policy_version, write_policy_version
from vault.consent.releases import record_release, revoke_release
from vault.consent.requests import (
    decide_amendment_request,
    extend_access_request,
    fulfil_access_request,
    receive_access_request,
    receive_amendment_request,
)


@pytest.fixture
def client(vault: Vault) -> int:
    return add_client(vault, ClientProfile(full_name="Demo Consent Person")).id


def test_the_default_policy_becomes_version_one_and_versions_never_change(vault: Vault) -> None:
    first = current_policy(vault)
    assert first.version == 1 and "harm" in first.body
    second = write_policy_version(vault, "Demo policy, second wording.")
    assert second.version == 2
    assert policy_version(vault, 1).body == first.body
    with pytest.raises(sqlcipher3.IntegrityError, match="cannot change"), vault.db.write() as c:
        c.execute("UPDATE consent_policies SET body = 'x' WHERE version = 1")


def test_consent_records_its_policy_limits_and_review_date(vault: Vault, client: int) -> None:
    consent = record_consent(
        vault,
        client,
        given_on=date(2026, 1, 31),
        how="signed_paper",
        limits_explained=["harm_to_self", "harm_to_others", "court_order"],
        telehealth=True,
        telehealth_privacy="Demo joins from a closed room",
    )
    assert consent.policy_version == current_policy(vault).version
    assert consent.review_due == date(2027, 1, 31)
    assert consents_for(vault, client) == [consent]
    revisit = record_revisit(
        vault, consent.id, revisited_on=date(2026, 7, 1), discussed="Demo reviewed limits"
    )
    assert revisits_for(vault, consent.id) == [revisit]
    withdrawn = withdraw_consent(
        vault, consent.id, withdrawn_on=date(2026, 9, 1), reason="Demo: by letter, moving away"
    )
    assert withdrawn.withdrawn_on == date(2026, 9, 1)
    assert withdrawn.withdrawal_reason == "Demo: by letter, moving away"
    actions = [e.action for e in iter_entries(vault, AuditFilter(client_id=client))]
    assert {"consent.recorded", "consent.revisited", "consent.withdrawn"} <= set(actions)


def test_unknown_limits_and_backwards_dates_are_refused(vault: Vault, client: int) -> None:
    with pytest.raises(ValidationError, match="Unknown limit"):
        record_consent(
            vault, client, given_on=date(2026, 1, 1), how="verbal", limits_explained=["gossip"]
        )
    consent = record_consent(
        vault, client, given_on=date(2026, 1, 1), how="verbal", limits_explained=[]
    )
    with pytest.raises(ValidationError, match="before the consent"):
        record_revisit(vault, consent.id, revisited_on=date(2025, 12, 1), discussed="Demo")


def _release(vault: Vault, client: int, **changes: object):
    values: dict[str, object] = {
        "recipient_name": "Demo GP",
        "purpose": "Demo coordination of care",
        "information": "Demo dates of sessions",
        "signed_on": date(2026, 1, 10),
        "expires_on": date(2026, 6, 30),
    }
    values.update(changes)
    return record_release(vault, client, **values)  # type: ignore[arg-type]


def test_a_disclosure_needs_a_release_in_force_that_day(vault: Vault, client: int) -> None:
    release = _release(vault, client)
    made = record_disclosure(
        vault,
        client,
        disclosed_on=date(2026, 3, 1),
        recipient="Demo GP",
        information="Demo dates",
        basis="release",
        release_id=release.id,
    )
    assert made.release_id == release.id
    with pytest.raises(ValidationError, match="expired"):
        record_disclosure(
            vault,
            client,
            disclosed_on=date(2026, 7, 1),
            recipient="Demo GP",
            information="Demo dates",
            basis="release",
            release_id=release.id,
        )
    revoke_release(vault, release.id, revoked_on=date(2026, 4, 1))
    with pytest.raises(ValidationError, match="revoked"):
        record_disclosure(
            vault,
            client,
            disclosed_on=date(2026, 4, 2),
            recipient="Demo GP",
            information="Demo dates",
            basis="release",
            release_id=release.id,
        )
    assert [d.id for d in accounting_of_disclosures(vault, client, date(2026, 12, 1))] == [made.id]


def test_a_legal_exception_needs_its_name_and_justification(vault: Vault, client: int) -> None:
    with pytest.raises(ValidationError, match="why the exception applied"):
        record_disclosure(
            vault,
            client,
            disclosed_on=date(2026, 3, 1),
            recipient="Demo crisis team",
            information="Demo risk",
            basis="legal_exception",
            exception="harm_to_self",
        )
    record_disclosure(
        vault,
        client,
        disclosed_on=date(2026, 3, 1),
        recipient="Demo crisis team",
        information="Demo risk",
        basis="legal_exception",
        exception="harm_to_self",
        justification="Demo stated a plan and a date",
    )


def test_a_release_needs_an_expiry_and_cannot_expire_before_it_starts(vault, client) -> None:
    with pytest.raises(ValidationError, match="expiry date or an expiry event"):
        _release(vault, client, expires_on=None)
    with pytest.raises(ValidationError, match="expire before it starts"):
        _release(vault, client, expires_on=date(2025, 1, 1))
    assert _release(vault, client, expires_on=None, expiry_event="End of treatment")


def test_the_accounting_covers_exactly_six_years_to_the_day(vault: Vault, client: int) -> None:
    def disclose(on: date) -> int:
        return record_disclosure(
            vault,
            client,
            disclosed_on=on,
            recipient="Demo",
            information="Demo",
            basis="client_request",
        ).id

    too_old = disclose(date(2020, 6, 14))
    first_day = disclose(date(2020, 6, 15))
    last_day = disclose(date(2026, 6, 15))
    after = disclose(date(2026, 6, 16))
    ids = [d.id for d in accounting_of_disclosures(vault, client, date(2026, 6, 15))]
    assert ids == [first_day, last_day]
    assert too_old not in ids and after not in ids


def test_disclosures_can_never_be_changed(vault: Vault, client: int) -> None:
    record_disclosure(
        vault, client, disclosed_on=date(2026, 1, 2), recipient="Demo", information="Demo",
        basis="client_request",
    )  # fmt: skip
    with pytest.raises(sqlcipher3.IntegrityError), vault.db.write() as conn:
        conn.execute("DELETE FROM disclosures")


def test_access_requests_are_due_in_30_days_with_one_extension(vault: Vault, client: int) -> None:
    request = receive_access_request(vault, client, received_on=date(2026, 1, 31))
    assert request.due_on == date(2026, 3, 2)
    extended = extend_access_request(vault, request.id, reason="Demo records are in storage")
    assert extended.deadline == date(2026, 4, 1)
    with pytest.raises(ValidationError, match="already extended"):
        extend_access_request(vault, request.id, reason="Demo again")
    with pytest.raises(ValidationError, match="before it was received"):
        fulfil_access_request(vault, request.id, fulfilled_on=date(2026, 1, 1), how="Demo")
    done = fulfil_access_request(vault, request.id, fulfilled_on=date(2026, 2, 20), how="PDF")
    assert done.fulfilled_on == date(2026, 2, 20)


def test_amendment_requests_are_decided_within_60_days(vault: Vault, client: int) -> None:
    request = receive_amendment_request(
        vault, client, received_on=date(2024, 2, 29), what_asked="Demo: correct the date"
    )
    assert request.due_on == date(2024, 4, 29)
    with pytest.raises(ValidationError, match="reason"):
        decide_amendment_request(vault, request.id, decision="denied", decided_on=date(2024, 3, 1))
    with pytest.raises(ValidationError, match="amendment"):
        decide_amendment_request(
            vault, request.id, decision="accepted", decided_on=date(2024, 3, 1)
        )
    denied = decide_amendment_request(
        vault,
        request.id,
        decision="denied",
        decided_on=date(2024, 3, 1),
        reason="Demo: the record is accurate",
        disagreement="Demo disagrees, in their words",
    )
    assert denied.disagreement == "Demo disagrees, in their words"


def test_the_due_list_puts_overdue_first(vault: Vault, client: int) -> None:
    record_consent(vault, client, given_on=date(2025, 1, 1), how="verbal", limits_explained=[])
    receive_access_request(vault, client, received_on=date(2026, 11, 25))
    _release(vault, client, expires_on=date(2026, 12, 20), signed_on=date(2026, 1, 1))
    items = due_items(vault, today=date(2026, 12, 1))
    # Overdue first, then by date: the release ends on the 20th, the request is due the 25th.
    assert [i.kind for i in items] == ["consent_review", "release_expiry", "access_request"]
    assert items[0].overdue and not items[1].overdue
    assert verify_vault(vault) == []


def test_a_release_cannot_take_effect_before_it_was_signed(vault: Vault, client: int) -> None:
    with pytest.raises(ValidationError, match="before it was signed"):
        _release(vault, client, starts_on=date(2026, 1, 1), signed_on=date(2026, 2, 1))


def test_a_revocation_cannot_predate_a_disclosure_made_under_the_release(vault, client) -> None:
    release = _release(vault, client)
    record_disclosure(
        vault, client, disclosed_on=date(2026, 3, 1), recipient="Demo GP",
        information="Demo dates", basis="release", release_id=release.id,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="disclosed under this release on 2026-03-01"):
        revoke_release(vault, release.id, revoked_on=date(2026, 2, 1))
    revoke_release(vault, release.id, revoked_on=date(2026, 3, 2))


def test_dates_in_the_future_and_absurd_values_are_refused_plainly(vault, client) -> None:
    from datetime import datetime, timedelta

    later = date.today() + timedelta(days=30)
    with pytest.raises(ValidationError, match="future"):
        record_disclosure(
            vault, client, disclosed_on=later, recipient="Demo", information="Demo",
            basis="client_request",
        )  # fmt: skip
    with pytest.raises(ValidationError, match="future"):
        receive_access_request(vault, client, received_on=later)
    with pytest.raises(ValidationError, match="must be a date"):
        receive_access_request(vault, client, received_on=datetime(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="must be a date"):
        receive_access_request(vault, client, received_on="2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        record_consent(
            vault, client, given_on=date(2026, 1, 1), how="verbal", limits_explained=[],
            review_months="12",  # type: ignore[arg-type]
        )  # fmt: skip
    from vault import RecordNotFoundError

    with pytest.raises(RecordNotFoundError):
        receive_access_request(vault, 2**64, received_on=date(2026, 1, 1))
    assert accounting_of_disclosures(vault, client, date(1901, 1, 1)) == []


def test_an_amendment_request_only_links_this_clients_amendment_on_their_note(vault) -> None:
    from vault.notes.addenda import add_addendum, add_amendment
    from vault.notes.model import NoteInput
    from vault.notes.records import create_note_from_text
    from vault.notes.signing import sign_note

    a = add_client(vault, ClientProfile(full_name="Demo Asker")).id
    b = add_client(vault, ClientProfile(full_name="Demo Other")).id
    note_b = create_note_from_text(
        vault,
        NoteInput(kind="free", session_start="2026-03-02T14:00", participants=(b,), body="Demo"),
    )
    sign_note(vault, note_b, "Demo Clinician")
    with pytest.raises(ValidationError, match="not one this client took part in"):
        receive_amendment_request(
            vault, a, received_on=date(2026, 3, 3), what_asked="Demo", note_id=note_b
        )
    request = receive_amendment_request(vault, a, received_on=date(2026, 3, 3), what_asked="Demo")
    plain = add_addendum(vault, note_b, text="Demo later", reason="Demo", author="Demo")
    theirs = add_amendment(
        vault, note_b, text="Demo fix", reason="Demo asked", author="Demo",
        requested_by=b, request_received_on="2026-03-03",
    )  # fmt: skip
    for wrong in (plain.id, theirs.id):
        with pytest.raises(ValidationError, match="amendment recorded on this client"):
            decide_amendment_request(
                vault, request.id, decision="accepted", decided_on=date(2026, 3, 4),
                amendment_id=wrong,
            )  # fmt: skip


def test_access_and_amendment_requests_are_told_apart_in_the_trail(vault, client) -> None:
    receive_access_request(vault, client, received_on=date(2026, 1, 2))
    receive_amendment_request(vault, client, received_on=date(2026, 1, 2), what_asked="Demo")
    kinds = {e.record_kind for e in iter_entries(vault) if e.action == "request.received"}
    assert kinds == {"access_request", "amendment_request"}
