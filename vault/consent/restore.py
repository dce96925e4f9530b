"""Bringing a client's confidentiality records from another vault, exactly as they were.

Releases, disclosures and requests go through the same public functions a therapist uses
(so the same rules refuse the same things); consent, whose review date and revisits cannot be
replayed step by step, and the outcome of a request are written as they stood, after the same
checks. The caller holds the transaction (an import is all or nothing).

Policy versions never change and a consent names the version it was given under. An imported
consent is linked to the version here with the very same text; a text this vault lacks is
added as a new version, and when `keep_current` is asked the practice's own current wording
is then written again as the newest version (the shipped default, if it had none yet), so
importing a client never changes the policy new consents are given under.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from vault.audit.entries import append_entry
from vault.consent.common import checked_day, require_client
from vault.consent.consents import WITHDRAWAL_REASON
from vault.consent.model import HOW_GIVEN, LIMIT_CODES, AccessRequest, AmendmentRequest
from vault.consent.policy import default_policy_text, write_policy_version
from vault.store.clock import now_iso
from vault.store.errors import ValidationError
from vault.store.text_fields import checked_text, document, paragraph
from vault.store.vault import Vault


@dataclass(frozen=True)
class ArrivingConsent:
    policy_text: str
    given_on: date
    how: str
    limits_explained: tuple[str, ...]
    telehealth: bool
    telehealth_privacy: str
    review_due: date
    withdrawn_on: date | None
    revisits: tuple[tuple[date, str], ...]
    withdrawal_reason: str = ""  # absent from exports made before schema 13


def policy_for_text(vault: Vault, body: str, *, keep_current: bool) -> int:
    """The version here whose text is `body`, adding it when there is none."""
    row = vault.db.query_one(
        "SELECT version FROM consent_policies WHERE body = ? ORDER BY version LIMIT 1", (body,)
    )
    if row is not None:
        return int(row[0])
    current = vault.db.query_one("SELECT body FROM consent_policies ORDER BY version DESC LIMIT 1")
    version = write_policy_version(vault, body).version
    # A vault without a policy yet would have taken the shipped default as its first.
    keep = str(current[0]) if current else default_policy_text()
    if keep_current and keep != body:
        write_policy_version(vault, keep)
    return version


def restore_consent(vault: Vault, client_id: int, consent: ArrivingConsent, version: int) -> int:
    """Write a consent and its revisits as they were; returns the new consent's id."""
    checked_day(consent.given_on, "The date consent was given", "given_on")
    checked_day(consent.review_due, "The review date", "review_due", may_be_future=True)
    if consent.how not in HOW_GIVEN:
        raise ValidationError(f"How consent was given must be one of: {', '.join(HOW_GIVEN)}.")
    if set(consent.limits_explained) - LIMIT_CODES:
        raise ValidationError("The consent names a limit of confidentiality Confidant lacks.")
    checked_text(consent.telehealth_privacy, paragraph("The client's privacy steps"))
    if consent.review_due < consent.given_on:
        raise ValidationError("A consent's review cannot fall before it was given.")
    if consent.withdrawn_on is not None:
        checked_day(consent.withdrawn_on, "The date of withdrawal", "withdrawn_on")
        if consent.withdrawn_on < consent.given_on:
            raise ValidationError("Consent cannot be withdrawn before it was given.")
    checked_text(consent.withdrawal_reason, WITHDRAWAL_REASON)
    if consent.withdrawal_reason and consent.withdrawn_on is None:
        raise ValidationError("A consent that was never withdrawn has no withdrawal reason.")
    for revisited_on, discussed in consent.revisits:
        checked_day(revisited_on, "The date of the revisit", "revisited_on")
        checked_text(discussed, paragraph("What was discussed"))
    stamp = now_iso()
    with vault.db.write() as conn:
        require_client(conn, client_id)
        cursor = conn.execute(
            "INSERT INTO consents (client_id, policy_version, given_on, how, limits_explained, "
            "telehealth, telehealth_privacy, review_due, withdrawn_on, withdrawal_reason, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                client_id, version, consent.given_on.isoformat(), consent.how,
                json.dumps(list(consent.limits_explained)), int(consent.telehealth),
                consent.telehealth_privacy, consent.review_due.isoformat(),
                consent.withdrawn_on.isoformat() if consent.withdrawn_on else None,
                consent.withdrawal_reason, stamp,
            ),
        )  # fmt: skip
        consent_id = int(cursor.lastrowid)
        conn.executemany(
            "INSERT INTO consent_revisits (consent_id, revisited_on, discussed, created_at) "
            "VALUES (?, ?, ?, ?)",
            [(consent_id, d.isoformat(), text, stamp) for d, text in consent.revisits],
        )
        append_entry(
            conn, "consent.recorded", record_kind="consent", record_id=consent_id,
            client_id=client_id, detail="imported",
        )  # fmt: skip
    return consent_id


def restore_access_requests(
    vault: Vault, client_id: int, requests: Sequence[AccessRequest]
) -> None:
    """Write a client's access requests as they stood (dates, extension, fulfilment)."""
    for r in requests:
        checked_day(r.received_on, "The date the request was received", "received_on")
        checked_text(r.extension_reason, paragraph("The reason for the extension"))
        checked_text(r.fulfilled_how, paragraph("How the record was given"))
        if r.fulfilled_on is not None and r.fulfilled_on < r.received_on:
            raise ValidationError("A request cannot be fulfilled before it was received.")
    with vault.db.write() as conn:
        require_client(conn, client_id)
        for r in requests:
            cursor = conn.execute(
                "INSERT INTO access_requests (client_id, received_on, due_on, extended_to, "
                "extension_reason, fulfilled_on, fulfilled_how, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    client_id, r.received_on.isoformat(), r.due_on.isoformat(),
                    _iso(r.extended_to), r.extension_reason, _iso(r.fulfilled_on),
                    r.fulfilled_how, now_iso(),
                ),
            )  # fmt: skip
            append_entry(
                conn, "request.received", record_kind="access_request",
                record_id=int(cursor.lastrowid), client_id=client_id, detail="imported",
            )  # fmt: skip


def restore_amendment_requests(
    vault: Vault, client_id: int, requests: Sequence[AmendmentRequest]
) -> None:
    """Write a client's amendment requests and their outcomes; `note_id` and `amendment_id`
    are already this vault's ids (None where the note did not come along)."""
    for r in requests:
        checked_day(r.received_on, "The date the request was received", "received_on")
        checked_text(r.what_asked, document("What the client asked", 100_000))
        checked_text(r.reason, paragraph("The reason"))
        checked_text(r.disagreement, document("The statement of disagreement", 100_000))
        if r.decision not in (None, "accepted", "denied"):
            raise ValidationError("The decision is accepted or denied.")
        if r.decision != "denied" and r.disagreement.strip():
            raise ValidationError("A statement of disagreement goes only with a denied request.")
        if r.decided_on is not None and r.decided_on < r.received_on:
            raise ValidationError("A request cannot be decided before it was received.")
    with vault.db.write() as conn:
        require_client(conn, client_id)
        for r in requests:
            cursor = conn.execute(
                "INSERT INTO amendment_requests (client_id, note_id, received_on, what_asked, "
                "due_on, decision, decided_on, reason, amendment_id, disagreement, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    client_id, r.note_id, r.received_on.isoformat(), r.what_asked,
                    r.due_on.isoformat(), r.decision, _iso(r.decided_on), r.reason,
                    r.amendment_id, r.disagreement, now_iso(),
                ),
            )  # fmt: skip
            append_entry(
                conn, "request.received", record_kind="amendment_request",
                record_id=int(cursor.lastrowid), client_id=client_id, detail="imported",
            )  # fmt: skip


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
