"""Instant search over session notes and clients' names, inside the encrypted database.

A search answers one page (`DEFAULT_LIMIT` hits) at a time, so its cost stays that of a page
however many notes match. Notes are taken newest first in blocks of at most `RANK_WINDOW`
matches (`vault.search.candidates`), each block is ranked by BM25 over its words that tell notes
apart (`vault.search.scoring`), and `SearchResults.next_page` leads through the rest of the
block and then to older blocks, so every matching note can be reached by paging.
Psychotherapy (process) notes are searched only when asked for, and every hit says whether it
is one. What the user typed never reaches FTS5 unquoted (see `vault.search.query`); should FTS5
still object, the words are searched literally, and if even that fails the answer is a plain
message: no SQL error ever reaches the user, and nothing about the search is written anywhere.
"""

from __future__ import annotations

import sqlcipher3

from vault.search import candidates
from vault.search.candidates import Block, filter_tokens, find_block
from vault.search.hits import load_hits
from vault.search.model import (
    ClientRef,
    SearchFilters,
    SearchHit,
    SearchPage,
    SearchResults,
)
from vault.search.query import ParsedQuery, literal_fts5, parse_query, to_fts5
from vault.search.scoring import rank, scores
from vault.store.vault import Vault

__all__ = [
    "ClientRef",
    "SearchFilters",
    "SearchHit",
    "SearchPage",
    "SearchResults",
    "search_notes",
]

DEFAULT_LIMIT = 20
MAX_LIMIT = 500
_FULL_BLOCK_NOTICE = (
    "Many notes match: the best among the {:,} most recently written come first, "
    "older notes follow as you scroll. Add words or filters to narrow the search."
)
_PARTIAL_NOTICE = "Searched the most recent notes first; older ones follow as you scroll."


def search_notes(
    vault: Vault,
    text: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    typing: bool = False,
    page: SearchPage | None = None,
) -> SearchResults:
    """Search notes for what the user typed; never raises for anything typed.

    `typing=True` (search-as-you-type) treats the last word as a prefix still being typed.
    `page` is a previous answer's `next_page`, with the same text and filters.
    """
    filters = filters or SearchFilters()
    limit = max(1, min(limit, MAX_LIMIT))
    parsed = parse_query(text, last_word_is_prefix=typing)
    notices = list(parsed.notices)
    if parsed.is_empty:
        return SearchResults((), " ".join(notices) or "Type a word to search for.")
    with vault.db.read() as conn:
        block = _block(conn, to_fts5(parsed), filters, page)
        if block is None:
            literal = literal_fts5(text)
            block = _block(conn, literal, filters, page) if literal else None
            notices.append("Searched for the words as typed.")
        if block is None:
            return SearchResults((), "That search could not be run; try fewer or simpler words.")
        found = _scores(conn, parsed, block)
        ranked = rank(block, found)
        offset = page.offset if page is not None else 0
        chosen = [(rowid, (found or {}).get(rowid, 0.0)) for rowid in ranked[offset:][:limit]]
        hits = load_hits(conn, chosen, parsed, filters)
    if page is None and not block.complete:
        full = len(block.rowids) >= _rank_window()
        notices.append(_FULL_BLOCK_NOTICE.format(_rank_window()) if full else _PARTIAL_NOTICE)
    return SearchResults(hits, " ".join(notices), _next_page(block, offset + limit))


def _rank_window() -> int:
    return candidates.RANK_WINDOW  # read late: tests shrink it


def _block(
    conn: sqlcipher3.Connection, match: str, filters: SearchFilters, page: SearchPage | None
) -> Block | None:
    try:
        if page is None:
            return find_block(conn, match + filter_tokens(filters), filters, None, None)
        return find_block(conn, match + filter_tokens(filters), filters, page.upper, page.lower)
    except sqlcipher3.OperationalError:
        return None


def _scores(
    conn: sqlcipher3.Connection, parsed: ParsedQuery, block: Block
) -> dict[int, float] | None:
    try:
        return scores(conn, parsed, block)
    except sqlcipher3.OperationalError:
        return None  # ranked newest first rather than not answered


def _next_page(block: Block, offset: int) -> SearchPage | None:
    if offset < len(block.rowids):
        return SearchPage(block.upper, block.lower, offset)
    if block.complete:
        return None
    return SearchPage(block.lower, None)
