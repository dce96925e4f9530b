"""Instant search over session notes and clients' names, inside the encrypted database.

Ranked by BM25 and filtered by client, date range and kind. To stay instant on a vault of
100,000 notes, ranking looks at the `RANK_WINDOW` most recently written matching notes (FTS5
walks them newest first and stops there); when more match, the answer says so.
Psychotherapy (process) notes are searched only when asked for, and every hit says whether it
is one. What the user typed never reaches FTS5 unquoted (see `vault.search.query`); should FTS5
still object, the words are searched literally, and if even that fails the answer is a plain
message: no SQL error ever reaches the user, and nothing about the search is written anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlcipher3

from vault.notes.templates import template_title
from vault.search.activity import record_search
from vault.search.query import ParsedQuery, SearchTerm, literal_fts5, parse_query, to_fts5
from vault.search.snippets import SnippetSegment, make_snippet, match_spans, snippet_window
from vault.store.vault import Vault

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
RANK_WINDOW = 2000
# BM25 weights for the indexed columns (note text, participants' names, filter tokens).
_WEIGHTS = "1.0, 4.0, 0.0"
# Year tokens narrow a date range inside the index when the range spans at most this many years.
_MAX_YEAR_TOKENS = 30
_WINDOW_NOTICE = (
    "Many notes match: showing the best among the {:,} most recently written. "
    "Add words or filters to narrow the search."
)


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search. Dates are inclusive session dates; `kinds` are template ids."""

    client_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    kinds: tuple[str, ...] = ()
    include_process_notes: bool = False


@dataclass(frozen=True)
class ClientRef:
    id: int
    name: str


@dataclass(frozen=True)
class SearchHit:
    note_id: int
    session_start: str
    kind: str
    kind_title: str
    is_process_note: bool
    signed_at: str | None
    clients: tuple[ClientRef, ...]
    snippet: tuple[SnippetSegment, ...]
    score: float
    private_to: ClientRef | None = None  # the snippet comes from a section private to them


@dataclass(frozen=True)
class SearchResults:
    """Hits best first, and a plain-language `message` when the search was adjusted."""

    hits: tuple[SearchHit, ...]
    message: str = ""


def search_notes(
    vault: Vault,
    text: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    typing: bool = False,
) -> SearchResults:
    """Search notes for what the user typed; never raises for anything typed.

    `typing=True` (search-as-you-type) treats the last word as a prefix still being typed.
    """
    filters = filters or SearchFilters()
    limit = max(1, min(limit, MAX_LIMIT))
    parsed = parse_query(text, last_word_is_prefix=typing)
    notices = list(parsed.notices)
    if parsed.is_empty:
        return SearchResults((), " ".join(notices) or "Type a word to search for.")
    record_search(vault, client_id=filters.client_id, typing=typing)
    ranked = _ranked_ids(vault, to_fts5(parsed), filters)
    if ranked is None:
        literal = literal_fts5(text)
        ranked = _ranked_ids(vault, literal, filters) if literal else None
        notices.append("Searched for the words as typed.")
    if ranked is None:
        return SearchResults((), "That search could not be run; try fewer or simpler words.")
    if len(ranked) >= RANK_WINDOW:
        notices.append(_WINDOW_NOTICE.format(RANK_WINDOW))
    by_date = sorted(ranked, key=lambda r: r[2], reverse=True)
    best = sorted(by_date, key=lambda r: r[1])[:limit]  # stable: equal scores stay newest first
    hits = _hits(vault, [(note_id, score) for note_id, score, _ in best], parsed)
    return SearchResults(hits, " ".join(notices))


def _filter_tokens(filters: SearchFilters) -> str:
    """Index-side filters: the client's token, and year tokens for a short enough range."""
    parts: list[str] = []
    if filters.client_id is not None:
        parts.append(f'"c{int(filters.client_id)}"')
    if filters.date_from is not None and filters.date_to is not None:
        first, last = filters.date_from.year, filters.date_to.year
        if 0 <= last - first < _MAX_YEAR_TOKENS:
            parts.append("(" + " OR ".join(f'"y{y:04d}"' for y in range(first, last + 1)) + ")")
    return "".join(f" AND meta : {part}" for part in parts)


def _ranked_ids(
    vault: Vault, match: str, filters: SearchFilters
) -> list[tuple[int, float, str]] | None:
    """(note id, BM25 score, session start) of the newest `RANK_WINDOW` matches."""
    clauses = ["notes_fts MATCH ?"]
    params: list[object] = [match + _filter_tokens(filters)]
    if not filters.include_process_notes:
        clauses.append("n.is_process_note = 0")
    if filters.kinds:
        clauses.append(f"n.kind IN ({', '.join('?' * len(filters.kinds))})")
        params.extend(filters.kinds)
    if filters.date_from is not None:
        clauses.append("n.session_start >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to is not None:
        clauses.append("n.session_start < ?")
        params.append((filters.date_to + timedelta(days=1)).isoformat())
    sql = (
        f"SELECT notes_fts.rowid, bm25(notes_fts, {_WEIGHTS}), n.session_start "
        "FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid "
        f"WHERE {' AND '.join(clauses)} ORDER BY notes_fts.rowid DESC LIMIT ?"
    )
    try:
        with vault.db.read() as conn:
            rows = conn.execute(sql, (*params, RANK_WINDOW)).fetchall()
    except sqlcipher3.OperationalError:
        return None
    return [(int(r[0]), float(r[1]), str(r[2])) for r in rows]


def _hits(
    vault: Vault, ranked: list[tuple[int, float]], parsed: ParsedQuery
) -> tuple[SearchHit, ...]:
    if not ranked:
        return ()
    ids = [note_id for note_id, _ in ranked]
    marks = ", ".join("?" * len(ids))
    with vault.db.read() as conn:
        meta = {
            int(r[0]): r
            for r in conn.execute(
                "SELECT id, session_start, kind, is_process_note, signed_at FROM notes "
                f"WHERE id IN ({marks})",
                ids,
            )
        }
        texts = {
            int(r[0]): str(r[1])
            for r in conn.execute(
                f"SELECT note_id, body FROM note_search_source WHERE note_id IN ({marks})", ids
            )
        }
        clients: dict[int, list[ClientRef]] = {i: [] for i in ids}
        for note_id, client_id, name in conn.execute(
            "SELECT p.note_id, c.id, c.full_name FROM note_participants p "
            f"JOIN clients c ON c.id = p.client_id WHERE p.note_id IN ({marks}) "
            "ORDER BY p.note_id, c.id",
            ids,
        ):
            clients[note_id].append(ClientRef(int(client_id), name))
        sections: dict[int, list[tuple[str, int | None]]] = {i: [] for i in ids}
        for note_id, body, private_to in conn.execute(
            "SELECT note_id, body, private_to FROM note_sections "
            f"WHERE note_id IN ({marks}) ORDER BY note_id, position",
            ids,
        ):
            sections[note_id].append((str(body), private_to))
    terms = parsed.wanted_terms
    hits: list[SearchHit] = []
    for note_id, score in ranked:
        row = meta.get(note_id)
        if row is None:
            continue
        text = texts.get(note_id, "")
        owner = _private_owner(sections[note_id], _first_match_shown(text, terms))
        hits.append(
            SearchHit(
                note_id=note_id,
                session_start=row[1],
                kind=row[2],
                kind_title=template_title(row[2]),
                is_process_note=bool(row[3]),
                signed_at=row[4],
                clients=tuple(clients[note_id]),
                snippet=make_snippet(text, terms),
                score=score,
                private_to=next((c for c in clients[note_id] if c.id == owner), None),
            )
        )
    return tuple(hits)


def _first_match_shown(text: str, terms: tuple[SearchTerm, ...]) -> int:
    """Where the snippet's first highlighted word is in the search text."""
    start, end = snippet_window(text, terms)
    return next((a for a, b in match_spans(text, terms) if start <= a < end), start)


def _private_owner(sections: list[tuple[str, int | None]], offset: int) -> int | None:
    """Whose private section the search text at `offset` lies in (the search text starts with
    the sections in order, joined by line breaks; see `note_search_source`)."""
    start = 0
    for body, private_to in sections:
        end = start + len(body)
        if offset <= end:
            return private_to if offset >= start else None
        start = end + 1
    return None
