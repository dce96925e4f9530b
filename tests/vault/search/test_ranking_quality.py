"""Ranking may change for speed, but never silently for the worse: the exact rare phrase comes
first, a filter never lets a note outside it through, and paging reaches every match."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import date

import pytest

from tests.vault.note_helpers import demo_client, soap, stored
from vault.notes.records import update_note
from vault.search import candidates, scoring
from vault.search.engine import SearchFilters, search_notes
from vault.search.model import SearchResults

FILLER = "Demo client talked about the week and the plan for the next one. "


def _all_pages(vault, text, filters=None, limit=2):
    """Every hit of every page, following next_page to the end."""
    results: SearchResults = search_notes(vault, text, filters, limit=limit)
    seen = [h.note_id for h in results.hits]
    while results.next_page is not None:
        results = search_notes(vault, text, filters, limit=limit, page=results.next_page)
        seen += [h.note_id for h in results.hits]
    return seen


@pytest.fixture
def tiny_blocks(monkeypatch):
    """Blocks of three notes, walked in chunks of two rowids with no time to spare: every
    path through the block walk and the pages runs on a small vault."""
    monkeypatch.setattr(candidates, "RANK_WINDOW", 3)
    monkeypatch.setattr(candidates, "FIRST_CHUNK", 2)
    monkeypatch.setattr(candidates, "BUDGET_S", 0.0)


@pytest.fixture
def small_probe(monkeypatch):
    """A word is "common" after four matches, so newest-first ranking runs on a small vault."""
    monkeypatch.setattr(scoring, "_PROBE", 4)


def test_the_note_with_the_exact_rare_phrase_ranks_first(vault):
    client = demo_client(vault)
    for _ in range(6):
        stored(vault, soap((client,), subjective=FILLER * 3 + "Demo spoke of a harbour."))
        stored(vault, soap((client,), subjective=FILLER + "Demo lighthouse keeper, later."))
    wanted = stored(vault, soap((client,), subjective=FILLER + "Demo the harbour lighthouse."))
    for _ in range(6):
        stored(vault, soap((client,), subjective=FILLER * 2 + "Demo harbour and lighthouse."))
    results = search_notes(vault, '"harbour lighthouse"')
    assert [h.note_id for h in results.hits] == [wanted]


def test_the_rare_phrase_ranks_first_even_among_common_words(vault, small_probe):
    client = demo_client(vault)
    for _ in range(10):
        stored(vault, soap((client,), subjective=FILLER * 4))
    wanted = stored(vault, soap((client,), subjective=FILLER + "Demo quinsy tonsil abscess."))
    for _ in range(10):
        stored(vault, soap((client,), subjective=FILLER * 4 + "Demo quinsy once."))
    assert search_notes(vault, "the quinsy tonsil").hits[0].note_id == wanted


def test_words_in_most_notes_come_newest_first_and_say_so(vault, small_probe):
    client = demo_client(vault)
    ids = [stored(vault, soap((client,), subjective=FILLER)) for _ in range(30)]
    results = search_notes(vault, "the week", limit=5)
    assert [h.note_id for h in results.hits] == ids[::-1][:5]
    assert "newest come first" in results.message


def _varied_vault(vault):
    """Thirty notes over three clients, four kinds, three years, some process notes; about
    half mention "walrus", some also "tusk"."""
    rng = random.Random(12)
    clients = [demo_client(vault, f"Demo Client {n}") for n in range(3)]
    notes = {}
    for _ in range(30):
        kind = rng.choice(("soap", "dap", "birp", "process"))
        participants = tuple(rng.sample(clients, rng.choice((1, 1, 2))))
        start = f"{rng.choice((2024, 2025, 2026))}-{rng.randint(1, 12):02d}-15T10:00"
        words = " ".join(w for w in ("walrus", "tusk") if rng.random() < 0.5)
        note_id = stored(
            vault,
            soap(
                participants, subjective=f"Demo {words} note", session_start=start, template_id=kind
            ),
        )
        notes[note_id] = (kind, set(participants), start, set(words.split()))
    return clients, notes


FILTER_CASES = [
    SearchFilters(client_id=0),
    SearchFilters(kinds=("dap",)),
    SearchFilters(kinds=("soap", "birp")),
    SearchFilters(date_from=date(2025, 1, 1), date_to=date(2025, 6, 30)),
    SearchFilters(date_from=date(2024, 3, 1)),
    SearchFilters(date_to=date(2024, 12, 31)),
    SearchFilters(include_process_notes=True),
    SearchFilters(client_id=1, kinds=("process",), include_process_notes=True),
    SearchFilters(client_id=2, date_from=date(2025, 1, 1), date_to=date(2026, 12, 31)),
]


def _inside(note, filters):
    kind, participants, start, _ = note
    if kind == "process" and not filters.include_process_notes:
        return False
    if filters.client_id is not None and filters.client_id not in participants:
        return False
    if filters.kinds and kind not in filters.kinds:
        return False
    if filters.date_from and start[:10] < filters.date_from.isoformat():
        return False
    return not (filters.date_to and start[:10] > filters.date_to.isoformat())


@pytest.mark.parametrize("filters", FILTER_CASES)
@pytest.mark.parametrize("text", ["walrus", "walrus tusk", "demo", "note*"])
def test_a_filter_never_returns_a_note_outside_it_and_misses_none(
    vault, tiny_blocks, small_probe, filters, text
):
    clients, notes = _varied_vault(vault)
    if filters.client_id is not None:  # the cases name clients by position
        filters = replace(filters, client_id=clients[filters.client_id])
    found = _all_pages(vault, text, filters)
    words = {w.rstrip("*") for w in text.split()} - {"demo", "note"}
    expected = {i for i, note in notes.items() if words <= note[3] and _inside(note, filters)}
    assert len(found) == len(set(found)), "a note appeared on two pages"
    assert set(found) == expected
    assert expected or filters.kinds == ("process",)


@pytest.mark.parametrize("limit", [1, 2, 5, 50])
def test_every_note_with_all_the_words_is_reachable_by_paging(vault, tiny_blocks, limit):
    client = demo_client(vault)
    wanted = set()
    for n in range(25):
        words = ["Demo", "otter"] + (["river"] if n % 3 else [])
        note_id = stored(vault, soap((client,), subjective=" ".join(words)))
        if n % 3:
            wanted.add(note_id)
    pages = _all_pages(vault, "otter river", limit=limit)
    assert sorted(pages) == sorted(wanted)


def test_paging_newest_first_reaches_every_note_too(vault, tiny_blocks, small_probe):
    client = demo_client(vault)
    ids = [stored(vault, soap((client,), subjective=FILLER)) for _ in range(20)]
    assert _all_pages(vault, "the week", limit=3) == ids[::-1]


def test_changing_a_drafts_kind_moves_it_in_the_index(vault):
    client = demo_client(vault)
    note_id = stored(vault, soap((client,), subjective="Demo heron."))
    update_note(vault, note_id, soap((client,), subjective="Demo heron.", template_id="dap"))
    found = search_notes(vault, "heron", SearchFilters(kinds=("dap",))).hits
    assert [h.note_id for h in found] == [note_id]
    assert search_notes(vault, "heron", SearchFilters(kinds=("soap",))).hits == ()


def test_pages_do_not_repeat_or_skip_when_a_note_is_added_between_them(vault, tiny_blocks):
    client = demo_client(vault)
    before = [stored(vault, soap((client,), subjective="Demo egret")) for _ in range(7)]
    first = search_notes(vault, "egret", limit=2)
    stored(vault, soap((client,), subjective="Demo egret"))  # newer than the first page saw
    seen = [h.note_id for h in first.hits]
    page = first.next_page
    while page is not None:
        results = search_notes(vault, "egret", limit=2, page=page)
        seen += [h.note_id for h in results.hits]
        page = results.next_page
    assert sorted(seen) == sorted(before)
    assert list(itertools.chain(seen)) == list(dict.fromkeys(seen))
