"""BM25 for a block of matches, counting only the words that tell notes apart.

FTS5's `bm25()` first counts, over the whole index, how many notes hold each searched term;
for a word in most notes ("the", "client", ``th*``) that count walks its entire list and was
most of a search's time (18 ms of 24 for "the" on 100,000 notes). Such a word also weighs
almost nothing in BM25: its inverse document frequency is ``log((N - n + 0.5) / (n + 0.5))``,
at most 1.1 when a quarter of the notes hold it and clamped to zero past half, against 5-9 for
a rare word. So each word is first probed cheaply (its newest `_PROBE` matches, no ranking):
when those sit within the newest ``4 x _PROBE`` notes the word is common and is left out of
scoring. The rest are scored with `bm25()` over the block's rowid range. When every word is
common, the block is simply newest first. A phrase is scored only when all its words are rare,
since counting a phrase of common words walks all of their position lists.

When every term is worth scoring, the block's walk and its scores are one statement
(`find_scored_block`): scoring runs over the query's own terms, and a
second pass over the same position lists, with the whole-index counts done twice, was half of
a two-word search's time (1.1 ms walk and 2.9 ms scores, against 2.6 ms for both at once, on
100,000 notes of natural English).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vault.search import candidates
from vault.search.query import ParsedQuery, SearchTerm, quoted, searched

if TYPE_CHECKING:
    import sqlcipher3

    from vault.search.candidates import Block
    from vault.search.model import SearchFilters

# BM25 weights for the indexed columns (note text, participants' names, filter tokens).
WEIGHTS = "1.0, 4.0, 0.0"
_PROBE = 64
_COMMON_SPREAD = 4


def _is_common(conn: sqlcipher3.Connection, word: SearchTerm, top: int) -> bool:
    rows = conn.execute(
        "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? AND rowid < ? "
        "ORDER BY rowid DESC LIMIT ?",
        (searched(quoted(word)), top, _PROBE),
    ).fetchall()
    return len(rows) == _PROBE and top - int(rows[-1][0]) < _COMMON_SPREAD * _PROBE


@dataclass(frozen=True)
class ScoringPlan:
    """How a first page is ranked, from the probes.

    `match`: the scoring query (None: newest first). `whole`: it scores every term the user
    asked for, so the walk can score as it goes. `slow_phrase`: a phrase holds a common word,
    so the walk must keep to its time budget (see `vault.search.candidates`)."""

    match: str | None
    whole: bool = False
    slow_phrase: bool = False


def plan_scoring(conn: sqlcipher3.Connection, parsed: ParsedQuery, top: int) -> ScoringPlan:
    """Probe each word once and decide what is scored, and how the block is walked."""
    verdicts: dict[SearchTerm, bool] = {}
    match = _scoring_query(conn, parsed, top, verdicts)
    terms = parsed.wanted_terms
    whole = match is not None and all(
        w in verdicts and not verdicts[w] for t in terms for w in t.words()
    )
    slow_phrase = any(
        len(t.words()) > 1 and any(verdicts.get(w, True) for w in t.words()) for t in terms
    )
    return ScoringPlan(match, whole, slow_phrase)


def _scoring_query(
    conn: sqlcipher3.Connection,
    parsed: ParsedQuery,
    top: int,
    verdicts: dict[SearchTerm, bool],
) -> str | None:
    """The query's own shape (alternatives of required terms) with only the terms worth
    scoring: single rare words, and phrases of rare words. None when no term is. Each word's
    verdict (common or not) is left in `verdicts`."""

    def worth_scoring(term: SearchTerm) -> bool:
        words = term.words()
        for word in words:
            if word not in verdicts:
                verdicts[word] = _is_common(conn, word, top)
        return bool(words) and not any(verdicts[w] for w in words)

    groups = [[t for t in group if worth_scoring(t)] for group in parsed.alternatives]
    kept = [" AND ".join(quoted(t) for t in group) for group in groups if group]
    return searched("(" + " OR ".join(f"({g})" for g in kept) + ")") if kept else None


def scores(conn: sqlcipher3.Connection, match: str, block: Block) -> dict[int, float]:
    """BM25 (lower is better) of the block's notes for `match`, a plan's scoring query."""
    if not block.rowids:
        return {}
    # `+rowid IN (...)` is a plain filter, not a constraint FTS5 is asked to answer (it would
    # restart its cursor, and bm25's counts, once per note): the scoring words match more notes
    # than the block holds, and only the block's notes are worth their BM25.
    rows = conn.execute(
        f"SELECT rowid, bm25(notes_fts, {WEIGHTS}) FROM notes_fts WHERE notes_fts MATCH ? "
        "AND rowid >= ? AND rowid <= ? AND +rowid IN (SELECT value FROM json_each(?))",
        (match, block.rowids[-1], block.rowids[0], json.dumps(block.rowids)),
    ).fetchall()
    return {int(r[0]): float(r[1]) for r in rows}


def rank(block: Block, found: dict[int, float]) -> list[int]:
    """Best first; equal scores newest first."""
    return sorted(block.rowids, key=lambda rowid: (found.get(rowid, 0.0), -rowid))


def find_scored_block(
    conn: sqlcipher3.Connection,
    match: str,
    filters: SearchFilters,
    upper: int,
    lower: int | None,
) -> tuple[Block, dict[int, float]]:
    """`candidates.find_block` in one statement, with each note's BM25 for `match` itself
    (lower is better).

    Called only when the scoring query holds every word of `match` and nothing else in it is
    costly to count (see `worth_one_pass`): the phrases it adds are filter tokens, which weigh
    nothing (the meta column's weight is 0), and a left-out word, which no matching note holds.
    So each score equals `scores` over the scoring query (BM25's counts are per phrase, over
    the whole index): the same ranking, in one pass."""
    columns = f"notes_fts.rowid, bm25(notes_fts, {WEIGHTS})"
    want = candidates.RANK_WINDOW
    block, rows = candidates.walk_in_one(conn, match, filters, upper, lower, want, columns)
    return block, {int(r[0]): float(r[1]) for r in rows}


def worth_one_pass(plan: ScoringPlan, parsed: ParsedQuery, filters: SearchFilters) -> bool:
    """Whether `find_scored_block` is the cheaper way. BM25 counts every phrase of the MATCH
    over the whole index, so a left-out word ("heron -the": 3.0 ms against 1.6 in two passes)
    or a kind or year token, each in a large share of the notes, costs more than the second
    pass saves. A client's token (a few hundred notes) and process notes' (5%) cost little."""
    dated = filters.date_from is not None or filters.date_to is not None
    return plan.whole and not parsed.excluded and not filters.kinds and not dated
