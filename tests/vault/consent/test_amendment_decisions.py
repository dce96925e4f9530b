"""A statement of disagreement answers a denial (45 CFR 164.526(d)): with an acceptance it is
refused, never silently dropped, and nothing is written."""

from __future__ import annotations

from datetime import date

import pytest

from vault import ValidationError, Vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.model import AmendmentRequest
from vault.consent.requests import (
    decide_amendment_request,
    get_amendment_request,
    receive_amendment_request,
)
from vault.consent.restore import restore_amendment_requests
from vault.notes.addenda import add_amendment
from vault.notes.model import NoteInput
from vault.notes.records import create_note_from_text
from vault.notes.signing import sign_note


@pytest.fixture
def client(vault: Vault) -> int:
    return add_client(vault, ClientProfile(full_name="Demo Amendment Client")).id


def _requested_amendment(vault: Vault, client: int) -> tuple[int, int]:
    note = create_note_from_text(
        vault,
        NoteInput(
            kind="free", session_start="2026-03-02T14:00", participants=(client,), body="Demo"
        ),
    )
    sign_note(vault, note, "Demo Clinician")
    request = receive_amendment_request(
        vault, client, received_on=date(2026, 3, 3), what_asked="Demo: fix", note_id=note
    )
    amendment = add_amendment(
        vault, note, text="Demo fix", reason="Demo asked", author="Demo",
        requested_by=client, request_received_on="2026-03-03",
    )  # fmt: skip
    return request.id, amendment.id


def test_an_acceptance_with_a_statement_of_disagreement_is_refused(vault, client) -> None:
    request, amendment = _requested_amendment(vault, client)
    with pytest.raises(ValidationError, match="goes with a denial") as raised:
        decide_amendment_request(
            vault, request, decision="accepted", decided_on=date(2026, 3, 4),
            amendment_id=amendment, disagreement="Demo: I still disagree",
        )  # fmt: skip
    assert raised.value.field == "disagreement"
    assert get_amendment_request(vault, request).decision is None  # nothing was written


def test_an_acceptance_without_a_statement_links_its_amendment(vault, client) -> None:
    request, amendment = _requested_amendment(vault, client)
    accepted = decide_amendment_request(
        vault, request, decision="accepted", decided_on=date(2026, 3, 4), amendment_id=amendment
    )
    assert (accepted.decision, accepted.amendment_id, accepted.disagreement) == (
        "accepted", amendment, "",
    )  # fmt: skip


def test_a_denial_keeps_the_statement_of_disagreement(vault, client) -> None:
    request = receive_amendment_request(
        vault, client, received_on=date(2026, 3, 3), what_asked="Demo: fix"
    )
    denied = decide_amendment_request(
        vault, request.id, decision="denied", decided_on=date(2026, 3, 4),
        reason="Demo: accurate", disagreement="Demo: in my words",
    )  # fmt: skip
    assert denied.disagreement == "Demo: in my words"
    assert get_amendment_request(vault, request.id) == denied


def test_an_imported_acceptance_with_a_statement_is_refused(vault, client) -> None:
    arriving = AmendmentRequest(
        id=1, client_id=client, note_id=None, received_on=date(2026, 3, 3),
        what_asked="Demo: fix", due_on=date(2026, 5, 2), decision="accepted",
        decided_on=date(2026, 3, 4), reason="", amendment_id=None,
        disagreement="Demo: a statement an acceptance cannot have",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="only with a denied request"):
        restore_amendment_requests(vault, client, [arriving])
    assert vault.db.query("SELECT count(*) FROM amendment_requests") == [(0,)]
