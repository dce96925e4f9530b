"""Reading the audit trail: any range at once, by date, kind and client, oldest first.

Years of entries are read in pages straight from the index, so a viewer or an export never
holds the whole trail in memory. Reading the trail is itself not recorded (an export is).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from vault.audit.entries import AuditEntry, append_entry
from vault.store.vault import Vault

_COLUMNS = "seq, at, action, record_kind, record_id, client_id, detail, prev_hash, entry_hash"
PAGE = 500


@dataclass(frozen=True)
class AuditFilter:
    """Empty means everything. `kinds` are families ("client") or actions ("note.signed")."""

    client_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    kinds: tuple[str, ...] = ()


_NOTHING: tuple[str, list[Any]] = (" WHERE 0", [])
_MAX_ID = 2**63 - 1


def _where(filters: AuditFilter) -> tuple[str, list[Any]]:
    """The SQL for `filters`; a filter nothing can match (an absurd id) matches nothing."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.client_id is not None:
        if not isinstance(filters.client_id, int) or not 0 <= filters.client_id <= _MAX_ID:
            return _NOTHING
        clauses.append("client_id = ?")
        params.append(filters.client_id)
    if filters.date_from is not None:
        clauses.append("at >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to is not None and filters.date_to < date.max:
        clauses.append("at < ?")
        params.append((filters.date_to + timedelta(days=1)).isoformat())
    if filters.kinds:
        if not all(isinstance(k, str) and k.isascii() and k.isprintable() for k in filters.kinds):
            return _NOTHING
        ors = []
        for kind in filters.kinds:
            ors.append("action = ?" if "." in kind else "substr(action, 1, ?) = ?")
            params.extend([kind] if "." in kind else [len(kind) + 1, f"{kind}."])
        clauses.append("(" + " OR ".join(ors) + ")")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_entries(
    vault: Vault, filters: AuditFilter | None = None, *, after_seq: int = 0, limit: int = PAGE
) -> list[AuditEntry]:
    """One page of matching entries with seq > `after_seq`, oldest first."""
    where, params = _where(filters or AuditFilter())
    joiner = " AND " if where else " WHERE "
    rows = vault.db.query(
        f"SELECT {_COLUMNS} FROM audit_log{where}{joiner}seq > ? ORDER BY seq LIMIT ?",
        (*params, after_seq, max(1, min(limit, 10_000))),
    )
    return [AuditEntry(*row) for row in rows]


def iter_entries(vault: Vault, filters: AuditFilter | None = None) -> Iterator[AuditEntry]:
    """Every matching entry, oldest first, a page at a time."""
    after = 0
    while page := list_entries(vault, filters, after_seq=after):
        yield from page
        after = page[-1].seq


def count_entries(vault: Vault, filters: AuditFilter | None = None) -> int:
    where, params = _where(filters or AuditFilter())
    row = vault.db.query_one(f"SELECT count(*) FROM audit_log{where}", tuple(params))
    return int(row[0]) if row else 0


def record_export(vault: Vault, destination: Path, entries: int) -> None:
    """An export of the trail is itself an entry (how many entries; never where they went)."""
    del destination  # a path may name a client; the trail never holds one
    with vault.db.write() as conn:
        append_entry(conn, "audit.exported", record_kind="audit", detail=f"entries={entries}")


def record_setting_change(vault: Vault, what: str) -> None:
    """A change to how the window behaves (auto-lock, backup folder): which group, not values."""
    with vault.db.write() as conn:
        append_entry(conn, "settings.changed", record_kind="settings", detail=what)
