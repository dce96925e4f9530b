"""Informed consent per client: when, how, under which policy version, the limits explained,
telehealth, when it is due for review, revisits, and withdrawal."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

import sqlcipher3

from vault.audit.entries import append_entry
from vault.consent.common import as_date, checked_day, checked_id, day, require_client
from vault.consent.dates import DEFAULT_REVIEW_MONTHS, add_months
from vault.consent.model import HOW_GIVEN, LIMIT_CODES, Consent, Revisit
from vault.consent.policy import current_policy, policy_version
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError, ValidationError
from vault.store.text_fields import paragraph, stored_text
from vault.store.vault import Vault

_COLUMNS = (
    "id, client_id, policy_version, given_on, how, limits_explained, telehealth, "
    "telehealth_privacy, review_due, withdrawn_on, withdrawal_reason"
)
_REVISIT = "id, consent_id, revisited_on, discussed"


def record_consent(
    vault: Vault,
    client_id: int,
    *,
    given_on: date,
    how: str,
    limits_explained: Iterable[str],
    policy: int | None = None,
    telehealth: bool = False,
    telehealth_privacy: str = "",
    review_months: int = DEFAULT_REVIEW_MONTHS,
) -> Consent:
    """Record consent given on `given_on`; review falls due `review_months` later."""
    checked_id(client_id, "client")
    checked_day(given_on, "The date consent was given", "given_on")
    if not isinstance(how, str) or how not in HOW_GIVEN:
        raise ValidationError(f"How consent was given must be one of: {', '.join(HOW_GIVEN)}.")
    limits = tuple(dict.fromkeys(str(code) for code in limits_explained))
    unknown = [code for code in limits if code not in LIMIT_CODES]
    if unknown:
        raise ValidationError(f"Unknown limit of confidentiality: {unknown[0]!r}.")
    privacy = stored_text(
        telehealth_privacy, paragraph("The client's privacy steps"), field="telehealth"
    )
    _check_review_months(review_months)
    version = policy if policy is not None else current_policy(vault).version
    policy_version(vault, version)  # refuses a version that does not exist
    review_due = add_months(given_on, review_months)
    with vault.db.write() as conn:
        require_client(conn, client_id)
        cursor = conn.execute(
            "INSERT INTO consents (client_id, policy_version, given_on, how, limits_explained, "
            "telehealth, telehealth_privacy, review_due, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                client_id,
                version,
                given_on.isoformat(),
                how,
                json.dumps(limits),
                int(telehealth),
                privacy,
                review_due.isoformat(),
                now_iso(),
            ),
        )
        consent_id = int(cursor.lastrowid)
        _audit(conn, "consent.recorded", consent_id, client_id)
    return get_consent(vault, consent_id)


def record_revisit(
    vault: Vault,
    consent_id: int,
    *,
    revisited_on: date,
    discussed: str,
    review_months: int = DEFAULT_REVIEW_MONTHS,
) -> Revisit:
    """The agreement revisited: what was discussed; the next review falls due from this date."""
    consent = get_consent(vault, consent_id)
    checked_day(revisited_on, "The date of the revisit", "revisited_on")
    _check_review_months(review_months)
    discussed = stored_text(discussed, paragraph("What was discussed"), field="discussed")
    if revisited_on < consent.given_on:
        raise ValidationError("A revisit cannot come before the consent it revisits.")
    if consent.withdrawn_on is not None:
        raise ValidationError("This consent was withdrawn; record a new consent instead.")
    with vault.db.write() as conn:
        cursor = conn.execute(
            "INSERT INTO consent_revisits (consent_id, revisited_on, discussed, created_at) "
            "VALUES (?, ?, ?, ?)",
            (consent_id, revisited_on.isoformat(), discussed, now_iso()),
        )
        conn.execute(
            "UPDATE consents SET review_due = max(review_due, ?) WHERE id = ?",
            (add_months(revisited_on, review_months).isoformat(), consent_id),
        )
        _audit(conn, "consent.revisited", consent_id, consent.client_id)
        revisit_id = int(cursor.lastrowid)
    return get_revisit(vault, revisit_id)


WITHDRAWAL_REASON = paragraph("How and why the client withdrew")


def withdraw_consent(vault: Vault, consent_id: int, *, withdrawn_on: date, reason: str) -> Consent:
    """Record that the client withdrew their consent on `withdrawn_on`, with `reason`: how it
    came (in writing, verbally) and what the client said, as a therapist notes it. The consent
    stays in the record, marked withdrawn; the audit entry names ids only."""
    consent = get_consent(vault, consent_id)
    checked_day(withdrawn_on, "The date of withdrawal", "withdrawn_on")
    reason = stored_text(reason, WITHDRAWAL_REASON, field="withdrawal_reason")
    if consent.withdrawn_on is not None:
        raise ValidationError("This consent was already withdrawn.")
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            "Consent cannot be withdrawn before it was given.", field="withdrawn_on"
        )
    if not reason:
        raise ValidationError(
            "Note how the client withdrew (in writing, verbally) and, if they said, why.",
            field="withdrawal_reason",
        )
    with vault.db.write() as conn:
        conn.execute(
            "UPDATE consents SET withdrawn_on = ?, withdrawal_reason = ? WHERE id = ?",
            (withdrawn_on.isoformat(), reason, consent_id),
        )
        _audit(conn, "consent.withdrawn", consent_id, consent.client_id)
    return get_consent(vault, consent_id)


def _check_review_months(months: object) -> None:
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 60:
        raise ValidationError(
            "Review must fall between 1 and 60 months after consent.", field="review_months"
        )


def get_consent(vault: Vault, consent_id: int) -> Consent:
    checked_id(consent_id, "consent")
    row = vault.db.query_one(f"SELECT {_COLUMNS} FROM consents WHERE id = ?", (consent_id,))
    if row is None:
        raise RecordNotFoundError("consent", consent_id)
    return _consent(row)


def consents_for(vault: Vault, client_id: int) -> list[Consent]:
    rows = vault.db.query(
        f"SELECT {_COLUMNS} FROM consents WHERE client_id = ? ORDER BY given_on, id",
        (client_id,),
    )
    return [_consent(r) for r in rows]


def get_revisit(vault: Vault, revisit_id: int) -> Revisit:
    checked_id(revisit_id, "revisit")
    row = vault.db.query_one(f"SELECT {_REVISIT} FROM consent_revisits WHERE id = ?", (revisit_id,))
    if row is None:
        raise RecordNotFoundError("revisit", revisit_id)
    return _revisit(row)


def revisits_for(vault: Vault, consent_id: int) -> list[Revisit]:
    rows = vault.db.query(
        f"SELECT {_REVISIT} FROM consent_revisits WHERE consent_id = ? ORDER BY revisited_on, id",
        (consent_id,),
    )
    return [_revisit(r) for r in rows]


def _revisit(row: tuple[object, ...]) -> Revisit:
    return Revisit(int(str(row[0])), int(str(row[1])), day(row[2]), str(row[3]))


def open_consents(vault: Vault) -> list[Consent]:
    """Every consent in force (not withdrawn), each client's newest, for the due list."""
    rows = vault.db.query(
        f"SELECT {_COLUMNS} FROM consents c WHERE withdrawn_on IS NULL AND id = "
        "(SELECT max(id) FROM consents WHERE client_id = c.client_id) ORDER BY review_due"
    )
    return [_consent(r) for r in rows]


def _consent(row: tuple[object, ...]) -> Consent:
    return Consent(
        id=int(str(row[0])),
        client_id=int(str(row[1])),
        policy_version=int(str(row[2])),
        given_on=day(row[3]),
        how=str(row[4]),
        limits_explained=tuple(json.loads(str(row[5]))),
        telehealth=bool(row[6]),
        telehealth_privacy=str(row[7]),
        review_due=day(row[8]),
        withdrawn_on=as_date(row[9]),
        withdrawal_reason=str(row[10]),
    )


def _audit(conn: sqlcipher3.Connection, action: str, consent_id: int, client_id: int) -> None:
    append_entry(conn, action, record_kind="consent", record_id=consent_id, client_id=client_id)
