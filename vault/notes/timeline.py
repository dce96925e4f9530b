"""A client's notes in date order, a page at a time, and their designated record set.

Pages use keyset pagination on (session_start, note id) through the participants-by-client
index, so the hundredth page costs what the first does and a Qt model can fetch more as the
view scrolls. Joint-session notes appear under every participant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from vault.notes.model import NoteSummary
from vault.notes.summaries import SUMMARY_COLUMNS, summary_from_row
from vault.store.vault import Vault

DEFAULT_PAGE = 100


@dataclass(frozen=True)
class TimelineCursor:
    """Where the previous page ended; pass it back to get the next page."""

    session_start: str
    note_id: int


@dataclass(frozen=True)
class TimelinePage:
    entries: tuple[NoteSummary, ...]
    next_cursor: TimelineCursor | None


def client_timeline(
    vault: Vault,
    client_id: int,
    *,
    after: TimelineCursor | None = None,
    limit: int = DEFAULT_PAGE,
    newest_first: bool = True,
    include_process_notes: bool = True,
    only_process_notes: bool = False,
) -> TimelinePage:
    """One page of a client's notes; `next_cursor` is None on the last page.

    Process notes are included (and marked) by default because this is the therapist's own
    view; record exports use `designated_record_set` instead. `only_process_notes` lists the
    psychotherapy notes alone, as the window's own list of them.
    """
    limit = max(1, min(limit, 10_000))
    order, compare = ("DESC", "<") if newest_first else ("ASC", ">")
    clauses = ["p.client_id = ?"]
    params: list[object] = [client_id]
    if not include_process_notes:
        clauses.append("n.is_process_note = 0")
    if only_process_notes:
        clauses.append("n.is_process_note = 1")
    if after is not None:
        clauses.append(f"(n.session_start, n.id) {compare} (?, ?)")
        params.extend([after.session_start, after.note_id])
    rows = vault.db.query(
        f"SELECT {SUMMARY_COLUMNS} FROM note_participants p JOIN notes n ON n.id = p.note_id "
        f"WHERE {' AND '.join(clauses)} "
        f"ORDER BY n.session_start {order}, n.id {order} LIMIT ?",
        (*params, limit + 1),
    )
    entries = tuple(summary_from_row(r) for r in rows[:limit])
    more = len(rows) > limit
    cursor = TimelineCursor(entries[-1].session_start, entries[-1].id) if more else None
    return TimelinePage(entries, cursor)


def sessions_between(
    vault: Vault, first: date, last: date, *, limit: int = 200
) -> list[NoteSummary]:
    """Every client's sessions from `first` to `last` (whole local days), newest first: the
    home view's today and recent sessions. Through the session-time index, so a vault of
    years of notes costs what a week of them does."""
    rows = vault.db.query(
        f"SELECT {SUMMARY_COLUMNS} FROM notes n INDEXED BY notes_by_session "
        "WHERE n.session_start >= ? AND n.session_start < ? "
        "ORDER BY n.session_start DESC, n.id DESC LIMIT ?",
        (first.isoformat(), (last + timedelta(days=1)).isoformat(), max(1, min(limit, 10_000))),
    )
    return [summary_from_row(r) for r in rows]


def count_client_notes(
    vault: Vault,
    client_id: int,
    *,
    include_process_notes: bool = True,
    only_process_notes: bool = False,
) -> int:
    extra = "" if include_process_notes else " AND n.is_process_note = 0"
    extra += " AND n.is_process_note = 1" if only_process_notes else ""
    row = vault.db.query_one(
        "SELECT count(*) FROM note_participants p JOIN notes n ON n.id = p.note_id "
        f"WHERE p.client_id = ?{extra}",
        (client_id,),
    )
    return int(row[0]) if row else 0


def designated_record_set(
    vault: Vault, client_id: int, *, include_process_notes: bool = False
) -> list[NoteSummary]:
    """The notes that form a client's record for access requests and exports, oldest first.

    Psychotherapy (process) notes are left out unless asked for: HIPAA 45 CFR 164.501 and
    164.524 keep them apart from the designated record set.
    """
    entries: list[NoteSummary] = []
    cursor: TimelineCursor | None = None
    while True:
        page = client_timeline(
            vault,
            client_id,
            after=cursor,
            limit=1000,
            newest_first=False,
            include_process_notes=include_process_notes,
        )
        entries.extend(page.entries)
        if page.next_cursor is None:
            return entries
        cursor = page.next_cursor
