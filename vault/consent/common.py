"""Small pieces every consent record shares: the client must exist; dates come back as dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlcipher3

from vault.store.errors import RecordNotFoundError, ValidationError

EARLIEST = date(1900, 1, 1)
MAX_ID = 2**63 - 1


def require_client(conn: sqlcipher3.Connection, client_id: int) -> None:
    if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
        raise RecordNotFoundError("client", client_id)


def as_date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def day(value: object) -> date:
    return date.fromisoformat(str(value))


def checked_day(value: object, label: str, field: str, *, may_be_future: bool = False) -> date:
    """A calendar date a person could mean: a `date` (not a datetime or text), from 1900, and
    not later than tomorrow unless it is a deadline or an expiry."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ValidationError(f"{label} must be a date.", field=field)
    latest = date(9000, 1, 1) if may_be_future else date.today() + timedelta(days=1)
    if not EARLIEST <= value <= latest:
        when = "in the future" if value > latest else "before 1900"
        raise ValidationError(f"{label} cannot be {when} ({value.isoformat()}).", field=field)
    return value


def checked_id(value: object, kind: str) -> int:
    """A record id as SQLite holds them; anything else is simply no such record."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise RecordNotFoundError(kind, value)
    return value
