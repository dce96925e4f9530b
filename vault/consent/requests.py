"""A client's requests: to see their record (30 days, one 30-day extension) and to amend it
(60 days; accepted with the amendment linked, or denied with the reason and, if the client
wishes, their statement of disagreement kept with the record)."""

from __future__ import annotations

from datetime import date

import sqlcipher3

from vault.audit.entries import append_entry
from vault.consent.common import as_date, checked_day, checked_id, day, require_client
from vault.consent.dates import ACCESS_DAYS, ACCESS_EXTENSION_DAYS, AMENDMENT_DAYS, add_days
from vault.consent.model import AccessRequest, AmendmentRequest
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError, ValidationError
from vault.store.text_fields import document, paragraph, stored_text
from vault.store.vault import Vault

NO_DISAGREEMENT_WHEN_ACCEPTED = (
    "A statement of disagreement goes with a denial; an accepted request has none. Clear the "
    "statement, or record the decision as denied."
)
_ACCESS = (
    "id, client_id, received_on, due_on, extended_to, extension_reason, fulfilled_on, fulfilled_how"
)
_AMEND = (
    "id, client_id, note_id, received_on, what_asked, due_on, decision, decided_on, reason, "
    "amendment_id, disagreement"
)


def receive_access_request(vault: Vault, client_id: int, *, received_on: date) -> AccessRequest:
    checked_id(client_id, "client")
    checked_day(received_on, "The date the request was received", "received_on")
    due = add_days(received_on, ACCESS_DAYS)
    with vault.db.write() as conn:
        require_client(conn, client_id)
        cursor = conn.execute(
            "INSERT INTO access_requests (client_id, received_on, due_on, created_at) "
            "VALUES (?, ?, ?, ?)",
            (client_id, received_on.isoformat(), due.isoformat(), now_iso()),
        )
        request_id = int(cursor.lastrowid)
        _audit(conn, "request.received", "access_request", request_id, client_id)
    return get_access_request(vault, request_id)


def extend_access_request(vault: Vault, request_id: int, *, reason: str) -> AccessRequest:
    """The one 30-day extension the rule allows, with the reason the client is told."""
    request = get_access_request(vault, request_id)
    reason = stored_text(reason, paragraph("The reason for the extension"), field="reason")
    if not reason:
        raise ValidationError("Give the reason for the extension.", field="reason")
    if request.extended_to is not None:
        raise ValidationError("This request was already extended once; no second extension.")
    if request.fulfilled_on is not None:
        raise ValidationError("This request was already fulfilled.")
    extended = add_days(request.due_on, ACCESS_EXTENSION_DAYS)
    with vault.db.write() as conn:
        conn.execute(
            "UPDATE access_requests SET extended_to = ?, extension_reason = ? WHERE id = ?",
            (extended.isoformat(), reason, request_id),
        )
        _audit(conn, "request.extended", "access_request", request_id, request.client_id)
    return get_access_request(vault, request_id)


def fulfil_access_request(
    vault: Vault, request_id: int, *, fulfilled_on: date, how: str
) -> AccessRequest:
    request = get_access_request(vault, request_id)
    checked_day(fulfilled_on, "The date it was fulfilled", "fulfilled_on")
    how = stored_text(how, paragraph("How the record was given"), field="how")
    if request.fulfilled_on is not None:
        raise ValidationError("This request was already fulfilled.")
    if fulfilled_on < request.received_on:
        raise ValidationError(
            "A request cannot be fulfilled before it was received; check the dates.",
            field="fulfilled_on",
        )
    with vault.db.write() as conn:
        conn.execute(
            "UPDATE access_requests SET fulfilled_on = ?, fulfilled_how = ? WHERE id = ?",
            (fulfilled_on.isoformat(), how, request_id),
        )
        _audit(conn, "request.fulfilled", "access_request", request_id, request.client_id)
    return get_access_request(vault, request_id)


def get_access_request(vault: Vault, request_id: int) -> AccessRequest:
    checked_id(request_id, "access request")
    row = vault.db.query_one(f"SELECT {_ACCESS} FROM access_requests WHERE id = ?", (request_id,))
    if row is None:
        raise RecordNotFoundError("access request", request_id)
    return _access(row)


def open_access_requests(vault: Vault) -> list[AccessRequest]:
    rows = vault.db.query(
        f"SELECT {_ACCESS} FROM access_requests WHERE fulfilled_on IS NULL "
        "ORDER BY coalesce(extended_to, due_on)"
    )
    return [_access(r) for r in rows]


def access_requests_for(vault: Vault, client_id: int) -> list[AccessRequest]:
    """Every access request of the client, open and fulfilled, in the order received: the
    history a therapist shows when asked how earlier requests were answered."""
    rows = vault.db.query(
        f"SELECT {_ACCESS} FROM access_requests WHERE client_id = ? ORDER BY received_on, id",
        (checked_id(client_id, "client"),),
    )
    return [_access(r) for r in rows]


def receive_amendment_request(
    vault: Vault, client_id: int, *, received_on: date, what_asked: str, note_id: int | None = None
) -> AmendmentRequest:
    checked_id(client_id, "client")
    checked_day(received_on, "The date the request was received", "received_on")
    what_asked = stored_text(
        what_asked, document("What the client asked", 100_000), field="what_asked"
    )
    if not what_asked.strip():
        raise ValidationError("Write what the client asked to change.", field="what_asked")
    due = add_days(received_on, AMENDMENT_DAYS)
    with vault.db.write() as conn:
        require_client(conn, client_id)
        if note_id is not None:
            _require_participant(conn, checked_id(note_id, "note"), client_id)
        cursor = conn.execute(
            "INSERT INTO amendment_requests (client_id, note_id, received_on, what_asked, "
            "due_on, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (client_id, note_id, received_on.isoformat(), what_asked, due.isoformat(), now_iso()),
        )
        request_id = int(cursor.lastrowid)
        _audit(conn, "request.received", "amendment_request", request_id, client_id)
    return get_amendment_request(vault, request_id)


def decide_amendment_request(
    vault: Vault,
    request_id: int,
    *,
    decision: str,
    decided_on: date,
    reason: str = "",
    amendment_id: int | None = None,
    disagreement: str = "",
) -> AmendmentRequest:
    """Accepted: link the amendment appended to the note. Denied: the reason is required, and
    the client's statement of disagreement, if any, is kept with the record. A statement of
    disagreement answers a denial (45 CFR 164.526(d)), so one given with an acceptance is
    refused rather than dropped: the therapist decides whether the decision or the statement
    is wrong."""
    request = get_amendment_request(vault, request_id)
    checked_day(decided_on, "The date of the decision", "decided_on")
    reason = stored_text(reason, paragraph("The reason"), field="reason")
    disagreement = stored_text(
        disagreement, document("The statement of disagreement", 100_000), field="disagreement"
    )
    if request.decision is not None:
        raise ValidationError("This request was already decided.")
    if decided_on < request.received_on:
        raise ValidationError("A request cannot be decided before it was received.")
    if not isinstance(decision, str) or decision not in ("accepted", "denied"):
        raise ValidationError("The decision is accepted or denied.", field="decision")
    if decision == "accepted" and disagreement.strip():
        raise ValidationError(NO_DISAGREEMENT_WHEN_ACCEPTED, field="disagreement")
    if decision == "accepted" and amendment_id is None:
        raise ValidationError("Link the amendment recorded on the note.", field="amendment_id")
    if decision == "denied" and not reason:
        raise ValidationError("A denial needs its reason, in writing.", field="reason")
    with vault.db.write() as conn:
        if decision == "accepted":
            _require_amendment_for(conn, request, checked_id(amendment_id, "amendment"))
        conn.execute(
            "UPDATE amendment_requests SET decision = ?, decided_on = ?, reason = ?, "
            "amendment_id = ?, disagreement = ? WHERE id = ?",
            (
                decision,
                decided_on.isoformat(),
                reason,
                amendment_id if decision == "accepted" else None,
                disagreement,
                request_id,
            ),
        )
        _audit(
            conn, "request.decided", "amendment_request", request_id, request.client_id, decision
        )
    return get_amendment_request(vault, request_id)


def get_amendment_request(vault: Vault, request_id: int) -> AmendmentRequest:
    checked_id(request_id, "amendment request")
    row = vault.db.query_one(f"SELECT {_AMEND} FROM amendment_requests WHERE id = ?", (request_id,))
    if row is None:
        raise RecordNotFoundError("amendment request", request_id)
    return _amendment(row)


def open_amendment_requests(vault: Vault) -> list[AmendmentRequest]:
    rows = vault.db.query(
        f"SELECT {_AMEND} FROM amendment_requests WHERE decision IS NULL ORDER BY due_on"
    )
    return [_amendment(r) for r in rows]


def amendment_requests_for(vault: Vault, client_id: int) -> list[AmendmentRequest]:
    """Every amendment request of the client, open and decided, in the order received."""
    rows = vault.db.query(
        f"SELECT {_AMEND} FROM amendment_requests WHERE client_id = ? ORDER BY received_on, id",
        (checked_id(client_id, "client"),),
    )
    return [_amendment(r) for r in rows]


def _access(row: tuple[object, ...]) -> AccessRequest:
    return AccessRequest(
        int(str(row[0])),
        int(str(row[1])),
        day(row[2]),
        day(row[3]),
        as_date(row[4]),
        str(row[5]),
        as_date(row[6]),
        str(row[7]),
    )


def _amendment(row: tuple[object, ...]) -> AmendmentRequest:
    return AmendmentRequest(
        int(str(row[0])),
        int(str(row[1])),
        int(str(row[2])) if row[2] is not None else None,
        day(row[3]),
        str(row[4]),
        day(row[5]),
        str(row[6]) if row[6] is not None else None,
        as_date(row[7]),
        str(row[8]),
        int(str(row[9])) if row[9] is not None else None,
        str(row[10]),
    )


def _require_participant(conn: sqlcipher3.Connection, note_id: int, client_id: int) -> None:
    found = conn.execute(
        "SELECT 1 FROM note_participants WHERE note_id = ? AND client_id = ?", (note_id, client_id)
    ).fetchone()
    if found is None:
        raise ValidationError("That note is not one this client took part in.", field="note_id")


def _require_amendment_for(
    conn: sqlcipher3.Connection, request: AmendmentRequest, amendment_id: int
) -> None:
    """An accepted request links the amendment this client asked for, on the note concerned."""
    row = conn.execute(
        "SELECT kind, requested_by, note_id FROM note_addenda WHERE id = ?", (amendment_id,)
    ).fetchone()
    if row is None or row[0] != "amendment" or row[1] != request.client_id:
        raise ValidationError(
            "Link an amendment recorded on this client's request.", field="amendment_id"
        )
    if request.note_id is not None and row[2] != request.note_id:
        raise ValidationError(
            "That amendment is on another note than the one the request concerns.",
            field="amendment_id",
        )


def _audit(
    conn: sqlcipher3.Connection,
    action: str,
    kind: str,
    request_id: int,
    client_id: int,
    detail: str = "",
) -> None:
    append_entry(
        conn, action, record_kind=kind, record_id=request_id, client_id=client_id, detail=detail
    )
