"""The block walk's three ways (timed chunks, one statement, one statement that also scores)
find the same notes, and the scoring walk ranks exactly as walking and then scoring would."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tests.vault.note_helpers import demo_client, soap, stored
from vault.search import candidates, engine, scoring
from vault.search.candidates import filter_tokens, find_block, newest_id
from vault.search.engine import SearchFilters, search_notes
from vault.search.query import parse_query, to_fts5
from vault.search.scoring import find_scored_block

WORDS = ("walrus", "tusk", "floe", "krill", "seal")


@pytest.fixture
def small_probe(monkeypatch):
    """A word is "common" after four matches among the newest sixteen notes."""
    monkeypatch.setattr(scoring, "_PROBE", 4)


@pytest.fixture
def walks(monkeypatch):
    """Whether each walk the engine asks for keeps to the time budget, in order."""
    asked = []

    def spied(*args, **kwargs):
        asked.append(kwargs["timed"])
        return find_block(*args, **kwargs)

    monkeypatch.setattr(engine, "find_block", spied)
    return asked


def _mixed_vault(vault, count=40):
    rng = random.Random(5)
    clients = [demo_client(vault, f"Demo Client {n}") for n in range(2)]
    for _ in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        start = f"{rng.choice((2025, 2026))}-{rng.randint(1, 12):02d}-10T09:00"
        kind = rng.choice(("soap", "dap", "process"))
        stored(
            vault,
            soap((rng.choice(clients),), subjective=f"Demo {words}.", session_start=start,
                 template_id=kind),
        )  # fmt: skip
    return clients


FILTERS = [
    SearchFilters(),
    SearchFilters(kinds=("dap",)),
    SearchFilters(date_from=date(2026, 1, 1), date_to=date(2026, 6, 30)),
    SearchFilters(include_process_notes=True),
]


@pytest.mark.parametrize("window", [3, 1000])
@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("text", ["walrus", "walrus tusk", "floe -krill", '"tusk floe"', "se*"])
def test_the_scoring_walk_finds_and_scores_what_two_passes_do(
    vault, monkeypatch, window, filters, text
):
    monkeypatch.setattr(candidates, "RANK_WINDOW", window)
    _mixed_vault(vault)
    parsed = parse_query(text)
    match = to_fts5(parsed) + filter_tokens(filters)
    with vault.db.read() as conn:
        upper = newest_id(conn)
        plan = scoring.plan_scoring(conn, parsed, upper)
        assert plan.whole, "no word is common in forty notes at the real probe size"
        block, found = find_scored_block(conn, match, filters, upper, None)
        walked = find_block(conn, match, filters, upper, None)
        assert block == walked
        assert found == pytest.approx(scoring.scores(conn, plan.match, walked), rel=1e-12)
        assert set(found) == set(block.rowids)
        lower_half = find_scored_block(conn, match, filters, upper, upper // 2)
        assert lower_half[0] == find_block(conn, match, filters, upper, upper // 2)


@pytest.mark.parametrize("text", ["walrus", "walrus tusk", "se*", '"tusk floe"'])
def test_one_statement_and_timed_chunks_find_the_same_block(vault, monkeypatch, text):
    monkeypatch.setattr(candidates, "RANK_WINDOW", 7)
    monkeypatch.setattr(candidates, "FIRST_CHUNK", 2)
    _mixed_vault(vault)
    match = to_fts5(parse_query(text)) + filter_tokens(SearchFilters())
    with vault.db.read() as conn:
        upper = newest_id(conn)
        timed = find_block(conn, match, SearchFilters(), upper, None)
        untimed = find_block(conn, match, SearchFilters(), upper, None, timed=False)
    assert timed == untimed


def test_a_common_word_is_left_out_of_scoring_and_the_walk_scored_after(vault, small_probe):
    client = demo_client(vault)
    for n in range(20):
        stored(
            vault, soap((client,), subjective="Demo the week" + (" heron" if n % 5 == 0 else ""))
        )
    with vault.db.read() as conn:
        upper = newest_id(conn)
        rare = scoring.plan_scoring(conn, parse_query("heron"), upper)
        mixed = scoring.plan_scoring(conn, parse_query("the heron"), upper)
        common = scoring.plan_scoring(conn, parse_query("the week"), upper)
        phrase = scoring.plan_scoring(conn, parse_query('"the week"'), upper)
    assert (rare.whole, rare.slow_phrase) == (True, False)
    assert (mixed.whole, mixed.slow_phrase) == (False, False)
    assert mixed.match is not None and '"heron"' in mixed.match and '"the"' not in mixed.match
    assert common.match is None
    assert phrase.slow_phrase and phrase.match is None


def test_a_phrase_of_common_words_keeps_to_the_budget_and_pages_reach_every_match(
    vault, small_probe, monkeypatch, walks
):
    monkeypatch.setattr(candidates, "RANK_WINDOW", 3)
    monkeypatch.setattr(candidates, "FIRST_CHUNK", 2)
    monkeypatch.setattr(candidates, "BUDGET_S", 0.0)
    client = demo_client(vault)
    ids = [stored(vault, soap((client,), subjective="Demo the week went well")) for _ in range(9)]
    results = search_notes(vault, '"the week"', limit=2)
    assert walks == [True]
    assert "newest come first" in results.message
    seen = [h.note_id for h in results.hits]
    while results.next_page is not None:
        results = search_notes(vault, '"the week"', limit=2, page=results.next_page)
        seen += [h.note_id for h in results.hits]
    assert seen == ids[::-1]


def test_a_client_filter_walks_a_phrase_of_common_words_whole(
    vault, small_probe, monkeypatch, walks
):
    monkeypatch.setattr(candidates, "BUDGET_S", 0.0)
    mine, other = demo_client(vault, "Demo Mine"), demo_client(vault, "Demo Other")
    wanted = [stored(vault, soap((mine,), subjective="Demo the week went well")) for _ in range(3)]
    for _ in range(20):
        stored(vault, soap((other,), subjective="Demo the week went well"))
    results = search_notes(vault, '"the week"', SearchFilters(client_id=mine))
    assert walks == [False]
    assert [h.note_id for h in results.hits] == wanted[::-1]
    assert results.next_page is None


@pytest.mark.parametrize("count", [3, 6, 7])
def test_a_walk_that_ends_at_exactly_a_block_leaves_no_empty_page(vault, monkeypatch, count):
    monkeypatch.setattr(candidates, "RANK_WINDOW", 3)
    client = demo_client(vault)
    ids = [stored(vault, soap((client,), subjective="Demo egret")) for _ in range(count)]
    results = search_notes(vault, "egret", limit=3)
    pages = [[h.note_id for h in results.hits]]
    if count == 3:
        assert "Many notes match" not in results.message
    while results.next_page is not None:
        results = search_notes(vault, "egret", limit=3, page=results.next_page)
        pages.append([h.note_id for h in results.hits])
    assert all(pages), f"an empty page: {pages}"
    assert sorted(n for page in pages for n in page) == ids


@pytest.mark.parametrize(
    ("text", "filters", "one_pass"),
    [
        ("heron", SearchFilters(), True),
        ("heron", SearchFilters(client_id=1), True),
        ("heron -floe", SearchFilters(), False),
        ('heron -"floe krill"', SearchFilters(), False),
        ("heron", SearchFilters(kinds=("dap",)), False),
        ("heron", SearchFilters(date_from=date(2026, 1, 1)), False),
    ],
)
def test_one_pass_scoring_only_where_nothing_costly_is_counted(vault, text, filters, one_pass):
    client = demo_client(vault)
    stored(vault, soap((client,), subjective="Demo heron floe krill"))
    parsed = parse_query(text)
    with vault.db.read() as conn:
        plan = scoring.plan_scoring(conn, parsed, newest_id(conn))
    assert plan.whole
    assert scoring.worth_one_pass(plan, parsed, filters) is one_pass


def test_a_date_range_the_index_cannot_narrow_keeps_to_the_budget(vault, walks):
    client = demo_client(vault)
    stored(vault, soap((client,), subjective="Demo heron", session_start="2026-03-02T14:00"))
    one_sided = SearchFilters(date_to=date(2001, 12, 31))
    assert search_notes(vault, "heron", one_sided).hits == ()
    within_years = SearchFilters(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31))
    assert len(search_notes(vault, "heron", within_years).hits) == 1
    assert walks == [True, False]
