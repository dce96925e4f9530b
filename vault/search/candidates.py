"""Which notes match, newest first, one bounded block at a time: the only full-index walk.

A block is the rowid range ``[lower, upper)`` holding at most `RANK_WINDOW` matches, asked of
FTS5 as rowids only (no BM25, no join unless a date or kind filter needs the notes table). It
stops at `RANK_WINDOW` matches or at the oldest note. A block's range is fixed once found, so
its later pages and the block after it (``upper = lower``) see exactly the notes the first page
saw, and every match is reachable.

Most queries are walked in one statement (``timed=False``): the cost is bounded by the words'
position lists, and walking in chunks made each chunk seek them afresh (0.85 ms in one
statement against 1.36 ms in chunks, for two words in 1,000 of 100,000 notes). A phrase of
common words ("one of the") is different: FTS5 compares positions in every note holding all
of them, which must not hold up the first page. Such a phrase, like common words newest first
or a date range the index cannot narrow, is walked in rowid chunks that grow as the time left
allows, and the walk also stops when `BUDGET_S` is spent (the engine decides which walk a query
gets). With a client filter no walk needs the budget: the client's token bounds it by that
client's notes (a four-word phrase with "the" inside: 1.9 ms for the whole search, against
6.7 ms in chunks that stopped at the budget). When every word is worth scoring, the one
statement scores the notes as well (`vault.search.scoring.find_scored_block`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlcipher3

    from vault.search.model import SearchFilters

RANK_WINDOW = 1000
BUDGET_S = 0.006
FIRST_CHUNK = 2048
# Year tokens narrow a date range inside the index when the range spans at most this many years.
_MAX_YEAR_TOKENS = 30


@dataclass(frozen=True)
class Block:
    """Matching note ids in ``[lower, upper)``, newest first; `complete` when lower is 0."""

    rowids: tuple[int, ...]
    lower: int
    upper: int

    @property
    def complete(self) -> bool:
        return self.lower <= 0


def filter_tokens(filters: SearchFilters) -> str:
    """Index-side filters: client, year and kind tokens, and leaving out process notes."""
    parts: list[str] = []
    if filters.client_id is not None:
        parts.append(f'"c{int(filters.client_id)}"')
    if filters.date_from is not None and filters.date_to is not None and dates_in_index(filters):
        years = range(filters.date_from.year, filters.date_to.year + 1)
        parts.append("(" + " OR ".join(f'"y{y:04d}"' for y in years) + ")")
    if filters.kinds:
        kinds = " OR ".join(f'"k{kind.replace("_", "")}"' for kind in filters.kinds)
        parts.append(f"({kinds})")
    tokens = "".join(f" AND meta : {part}" for part in parts)
    return tokens if filters.include_process_notes else tokens + ' NOT meta : "pn"'


def walk_sql(filters: SearchFilters, columns: str = "notes_fts.rowid") -> tuple[str, list[object]]:
    """The walk's query, for `columns` of each match; the notes table is joined only to check
    dates and kinds exactly."""
    clauses = ["notes_fts MATCH ?", "notes_fts.rowid >= ?", "notes_fts.rowid < ?"]
    params: list[object] = []
    if filters.kinds:
        clauses.append(f"n.kind IN ({', '.join('?' * len(filters.kinds))})")
        params.extend(filters.kinds)
    if filters.date_from is not None:
        clauses.append("n.session_start >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to is not None:
        clauses.append("n.session_start < ?")
        params.append((filters.date_to + timedelta(days=1)).isoformat())
    joined = filters.kinds or filters.date_from is not None or filters.date_to is not None
    join = " JOIN notes n ON n.id = notes_fts.rowid" if joined else ""
    sql = (
        f"SELECT {columns} FROM notes_fts{join} WHERE {' AND '.join(clauses)} "
        "ORDER BY notes_fts.rowid DESC LIMIT ?"
    )
    return sql, params


def newest_id(conn: sqlcipher3.Connection) -> int:
    """One past the newest note's id: the upper bound of a first block."""
    top = conn.execute("SELECT max(id) FROM notes").fetchone()[0]
    return int(top or 0) + 1


def find_block(
    conn: sqlcipher3.Connection,
    match: str,
    filters: SearchFilters,
    upper: int,
    lower: int | None,
    want: int | None = None,
    *,
    timed: bool = True,
) -> Block:
    """Up to `want` (default `RANK_WINDOW`) matches below `upper`; with `lower`, in exactly
    ``[lower, upper)``. `timed=False` walks in one statement, for a query whose cost the index
    bounds (the engine decides which)."""
    want = RANK_WINDOW if want is None else want
    if lower is not None or not timed:
        return walk_in_one(conn, match, filters, upper, lower, want)[0]
    sql, extra = walk_sql(filters)
    started = time.perf_counter()
    found: list[int] = []
    high, size = upper, FIRST_CHUNK
    while True:
        low = max(0, high - size)
        rows = conn.execute(sql, (match, low, high, *extra, want + 1 - len(found))).fetchall()
        found += [int(r[0]) for r in rows]
        if len(found) > want:  # one more than wanted: there are older matches
            return Block(tuple(found[:want]), found[want - 1], upper)
        spent = time.perf_counter() - started
        # The next chunk is as large as the time left allows at this chunk's pace, so a slow
        # walk (a phrase of common words) stops near the budget instead of far past it.
        affordable = (BUDGET_S - spent) / max(spent, 1e-6) * (upper - low)
        if low == 0 or affordable < FIRST_CHUNK // 2:
            return Block(tuple(found), low, upper)
        high, size = low, int(min(size * 4, affordable))


def walk_in_one(
    conn: sqlcipher3.Connection,
    match: str,
    filters: SearchFilters,
    upper: int,
    lower: int | None,
    want: int,
    columns: str = "notes_fts.rowid",
) -> tuple[Block, list[Any]]:
    """The block in one statement, with `columns` of its rows (rowid first). It asks for one
    row more than `want`: the block covers its whole range unless that row came, which says
    older matches follow (so a search with exactly `want` matches ends there, without an empty
    page after it)."""
    sql, extra = walk_sql(filters, columns)
    rows = conn.execute(sql, (match, lower or 0, upper, *extra, want + 1)).fetchall()
    rowids = tuple(int(r[0]) for r in rows[:want])
    if lower is not None:
        return Block(rowids, lower, upper), rows[:want]
    return Block(rowids, rowids[-1] if len(rows) > want else 0, upper), rows[:want]


def dates_in_index(filters: SearchFilters) -> bool:
    """Whether the index itself narrows the date range (by year tokens); a range it does not
    is checked note by note through the join, which a walk may have to do for every note."""
    if filters.date_from is None and filters.date_to is None:
        return True
    if filters.date_from is None or filters.date_to is None:
        return False
    return 0 <= filters.date_to.year - filters.date_from.year < _MAX_YEAR_TOKENS
