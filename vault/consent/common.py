"""Small pieces every consent record shares: the client must exist; dates come back as dates."""

from __future__ import annotations

from datetime import date

import sqlcipher3

from vault.store.errors import RecordNotFoundError


def require_client(conn: sqlcipher3.Connection, client_id: int) -> None:
    if conn.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
        raise RecordNotFoundError("client", client_id)


def as_date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def day(value: object) -> date:
    return date.fromisoformat(str(value))
