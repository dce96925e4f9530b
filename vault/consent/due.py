"""What needs the therapist's attention in the confidentiality records, soonest first.

Consents due for review (or overdue), access and amendment requests with their deadlines,
releases expiring soon, and records whose retention has ended (due for destruction, listed
after every deadline: they wait for a decision, not a date). The home view and `due` add the
notes' own items (unsigned notes, recent sessions) beside these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vault.consent.consents import open_consents
from vault.consent.releases import releases_expiring
from vault.consent.requests import open_access_requests, open_amendment_requests
from vault.consent.retention import load_retention_rule, records_past_retention
from vault.store.vault import Vault

CONSENT_REVIEW_WARNING_DAYS = 30
REQUEST_WARNING_DAYS = 7
RELEASE_WARNING_DAYS = 30
DESTRUCTION_DUE = "destruction_due"


@dataclass(frozen=True)
class DueItem:
    """One thing to act on: `kind` and `record_id` say where, `due_on` by when."""

    # "consent_review", "access_request", "amendment_request", "release_expiry", or
    # "destruction_due" (then `record_id` is the client's id, `due_on` the retention's end)
    kind: str
    record_id: int
    client_id: int
    due_on: date
    overdue: bool
    what: str  # plain words, no client name: the front end adds the name it shows


def due_items(vault: Vault, today: date | None = None) -> list[DueItem]:
    today = today or date.today()
    items: list[DueItem] = []
    for consent in open_consents(vault):
        if (consent.review_due - today).days <= CONSENT_REVIEW_WARNING_DAYS:
            items.append(
                DueItem(
                    "consent_review",
                    consent.id,
                    consent.client_id,
                    consent.review_due,
                    consent.review_due < today,
                    "Consent and limits of confidentiality due for review",
                )
            )
    for access in open_access_requests(vault):
        items.append(
            DueItem(
                "access_request",
                access.id,
                access.client_id,
                access.deadline,
                access.deadline < today,
                "Request to see their record" + (" (extended)" if access.extended_to else ""),
            )
        )
    for amendment in open_amendment_requests(vault):
        items.append(
            DueItem(
                "amendment_request",
                amendment.id,
                amendment.client_id,
                amendment.due_on,
                amendment.due_on < today,
                "Request to amend their record: accept or deny",
            )
        )
    for release in releases_expiring(vault, today, RELEASE_WARNING_DAYS):
        items.append(
            DueItem(
                "release_expiry",
                release.id,
                release.client_id,
                release.expires_on or today,
                False,
                "Release of information expires",
            )
        )
    rule = load_retention_rule(vault)
    for retention in records_past_retention(vault, today, rule):
        items.append(
            DueItem(
                DESTRUCTION_DUE,
                retention.client_id,
                retention.client_id,
                retention.ends_on,
                False,
                f"Retention ended ({retention.reason(rule)}): review the record, then destroy it",
            )
        )
    return sorted(
        items,
        key=lambda item: (
            not item.overdue,
            item.kind == DESTRUCTION_DUE,
            item.due_on,
            item.kind,
        ),
    )
