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
from vault.search.activity import record_search
from vault.search.candidates import Block, dates_in_index, filter_tokens, find_block, newest_id
from vault.search.hits import load_hits
from vault.search.model import (
    ClientRef,
    SearchFilters,
    SearchHit,
    SearchPage,
    SearchResults,
)
from vault.search.query import ParsedQuery, literal_fts5, parse_query, to_fts5
from vault.search.scoring import (
    ScoringPlan,
    find_scored_block,
    plan_scoring,
    rank,
    scores,
    worth_one_pass,
)
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
_COMMON_NOTICE = (
    "Every word here is in most notes, so the newest come first, older ones as you scroll. "
    "Add a rarer word or a filter to rank by relevance."
)
_PARTIAL_NOTICE = "Searched the most recent notes first; older ones follow as you scroll."
# A later page of a search ranked newest first: nothing to score, walked within the budget.
_UNPLANNED = ScoringPlan(None, slow_phrase=True)


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
    if page is None:  # that a search ran goes into the audit trail (never its words)
        record_search(vault, client_id=filters.client_id, typing=typing)
    with vault.db.read() as conn:
        upper = page.upper if page is not None else newest_id(conn)
        plan = _plan(conn, parsed, upper) if page is None or page.ranked else _UNPLANNED
        # A later page keeps its first page's way of ranking, so its offset stays meaningful.
        ranked = plan.match is not None if page is None else page.ranked
        want = None if ranked else limit + 1
        found = _block(conn, to_fts5(parsed), filters, upper, page, want, plan, ranked, parsed)
        if found is None:
            literal = literal_fts5(text)
            # Scored afterwards, if at all, with the scoring query, and walked within budget.
            after = ScoringPlan(plan.match, slow_phrase=True)
            found = (
                _block(conn, literal, filters, upper, page, want, after, ranked, parsed)
                if literal
                else None
            )
            notices.append("Searched for the words as typed.")
        if found is None:
            return SearchResults((), "That search could not be run; try fewer or simpler words.")
        block, block_scores = found
        offset = page.offset if page is not None else 0
        if not ranked:
            chosen, following = _newest_page(block, limit)
        else:
            if block_scores is None:
                block_scores = _scores(conn, plan.match, block)
            chosen, following = _ranked_page(block, block_scores, offset, limit)
        hits = load_hits(conn, chosen, parsed, filters)
    if page is None and not block.complete:
        notices.append(_notice(ranked, len(block.rowids)))
    return SearchResults(hits, " ".join(notices), following)


def _notice(ranked: bool, found: int) -> str:
    if not ranked:
        return _COMMON_NOTICE
    return _FULL_BLOCK_NOTICE.format(found) if found >= candidates.RANK_WINDOW else _PARTIAL_NOTICE


def _plan(conn: sqlcipher3.Connection, parsed: ParsedQuery, upper: int) -> ScoringPlan:
    try:
        return plan_scoring(conn, parsed, upper)
    except sqlcipher3.OperationalError:
        return _UNPLANNED  # ranked newest first rather than not answered


def _block(
    conn: sqlcipher3.Connection,
    match: str,
    filters: SearchFilters,
    upper: int,
    page: SearchPage | None,
    want: int | None,
    plan: ScoringPlan,
    ranked: bool,
    parsed: ParsedQuery,
) -> tuple[Block, dict[int, float] | None] | None:
    """The block, with its scores when the walk could score it too (else None: scored after,
    or not ranked)."""
    lower = page.lower if page is not None else None
    match += filter_tokens(filters)
    try:
        if ranked and worth_one_pass(plan, parsed, filters):
            return find_scored_block(conn, match, filters, upper, lower)
        # The budget is for walks whose cost is not bounded by rare words' position lists:
        # common words (a phrase of them; several rarely together) and dates the index cannot
        # narrow. A client's token bounds any walk by that client's notes.
        slow = not ranked or plan.slow_phrase or not dates_in_index(filters)
        timed = slow and filters.client_id is None
        return find_block(conn, match, filters, upper, lower, want, timed=timed), None
    except sqlcipher3.OperationalError:
        return None


def _scores(conn: sqlcipher3.Connection, match: str | None, block: Block) -> dict[int, float]:
    try:
        return scores(conn, match, block) if match is not None else {}
    except sqlcipher3.OperationalError:
        return {}  # newest first rather than not answered


def _newest_page(block: Block, limit: int) -> tuple[list[tuple[int, float]], SearchPage | None]:
    """Every word is common: the newest `limit` matches, then the next ones below them."""
    shown = block.rowids[:limit]
    if len(block.rowids) > limit:
        return [(r, 0.0) for r in shown], SearchPage(shown[-1], None, ranked=False)
    following = None if block.complete else SearchPage(block.lower, None, ranked=False)
    return [(r, 0.0) for r in shown], following


def _ranked_page(
    block: Block, found: dict[int, float], offset: int, limit: int
) -> tuple[list[tuple[int, float]], SearchPage | None]:
    """The block ranked by BM25 (newest first where no note has a score); the page after it,
    then the next block."""
    ranked = rank(block, found)
    chosen = [(rowid, found.get(rowid, 0.0)) for rowid in ranked[offset:][:limit]]
    if offset + limit < len(block.rowids):
        return chosen, SearchPage(block.upper, block.lower, offset + limit)
    return chosen, None if block.complete else SearchPage(block.lower, None)
