"""The records of confidentiality, as values that cross the boundary (no rows, no dicts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

# The limits of confidentiality a therapist explains, in the order they are usually explained.
LIMITS: tuple[tuple[str, str], ...] = (
    ("harm_to_self", "Risk of serious harm to self"),
    ("harm_to_others", "Risk of serious harm to others (duty to warn or protect)"),
    ("abuse_or_neglect", "Abuse or neglect of a child, elder or dependent adult"),
    ("court_order", "Court order or subpoena"),
    ("supervision", "Supervision or consultation"),
    ("billing_insurance", "Billing and insurance"),
    ("minors_guardians", "For minors: what parents or guardians may see"),
)
LIMIT_CODES = frozenset(code for code, _ in LIMITS)

HowGiven = Literal["signed_paper", "electronic", "verbal"]
HOW_GIVEN: tuple[str, ...] = ("signed_paper", "electronic", "verbal")

Basis = Literal["release", "client_request", "legal_exception"]
BASES: tuple[str, ...] = ("release", "client_request", "legal_exception")
# The legal exceptions a disclosure without authorisation may rest on.
EXCEPTIONS: tuple[tuple[str, str], ...] = (
    ("harm_to_self", "Risk of serious harm to self"),
    ("harm_to_others", "Risk of serious harm to others (duty to warn or protect)"),
    ("abuse_or_neglect", "Mandated report of abuse or neglect"),
    ("court_order", "Court order or subpoena"),
    ("other_law", "Another disclosure required by law"),
)
EXCEPTION_CODES = frozenset(code for code, _ in EXCEPTIONS)


@dataclass(frozen=True)
class Consent:
    id: int
    client_id: int
    policy_version: int
    given_on: date
    how: str
    limits_explained: tuple[str, ...]
    telehealth: bool
    telehealth_privacy: str
    review_due: date
    withdrawn_on: date | None
    withdrawal_reason: str = ""  # how and why the client withdrew ("" before schema 13)


@dataclass(frozen=True)
class Revisit:
    id: int
    consent_id: int
    revisited_on: date
    discussed: str


@dataclass(frozen=True)
class Release:
    """An authorisation to disclose (45 CFR 164.508 core elements)."""

    id: int
    client_id: int
    recipient_name: str
    recipient_org: str
    recipient_address: str
    purpose: str
    information: str
    disclosed_by: str
    starts_on: date
    expires_on: date | None
    expiry_event: str
    signed_on: date
    revoked_on: date | None

    def in_force_on(self, day: date) -> bool:
        """Whether this release can back a disclosure made on `day`."""
        if day < max(self.starts_on, self.signed_on):
            return False
        if self.revoked_on is not None and day >= self.revoked_on:
            return False
        return self.expires_on is None or day <= self.expires_on

    def state_on(self, day: date) -> str:
        if self.revoked_on is not None and day >= self.revoked_on:
            return "revoked"
        if self.expires_on is not None and day > self.expires_on:
            return "expired"
        if day < max(self.starts_on, self.signed_on):
            return "not yet in force"
        return "in force"


@dataclass(frozen=True)
class Disclosure:
    id: int
    client_id: int
    disclosed_on: date
    recipient: str
    information: str
    basis: str
    release_id: int | None
    exception: str | None
    justification: str


@dataclass(frozen=True)
class AccessRequest:
    id: int
    client_id: int
    received_on: date
    due_on: date
    extended_to: date | None
    extension_reason: str
    fulfilled_on: date | None
    fulfilled_how: str

    @property
    def deadline(self) -> date:
        return self.extended_to or self.due_on


@dataclass(frozen=True)
class AmendmentRequest:
    id: int
    client_id: int
    note_id: int | None
    received_on: date
    what_asked: str
    due_on: date
    decision: str | None
    decided_on: date | None
    reason: str
    amendment_id: int | None
    disagreement: str
