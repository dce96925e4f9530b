from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.vault.note_helpers import demo_client, soap, stored
from vault.clients.records import ClientProfile, update_client
from vault.search.engine import SearchFilters, search_notes
from vault.search.query import parse_query
from vault.search.snippets import SnippetSegment, make_snippet

HOSTILE = [
    '"',
    '""',
    '"unbalanced',
    "NEAR(",
    "NEAR(a b",
    "*",
    "a*b*",
    "((",
    "))",
    "(a OR",
    "a AND",
    "NOT",
    "OR",
    "-",
    "^x",
    "{body names}: x",
    "body:x",
    "x" * 10_000,
    "a " * 5_000,
    "\x00",
    "'; DROP TABLE notes; --",
    "🙂",
    "\u202e",
    "ا",
    "<b>x</b>",
    "\\",
    "%",
    "_",
]


def _ids(results):
    return [h.note_id for h in results.hits]


def _matches(hit):
    return [s.text for s in hit.snippet if s.is_match]


def test_the_note_that_says_it_more_ranks_first(vault):
    client = demo_client(vault)
    once = stored(vault, soap((client,), subjective="Demo insomnia mentioned. " + "filler " * 20))
    often = stored(
        vault, soap((client,), subjective="Demo insomnia, insomnia, insomnia. " + "filler " * 18)
    )
    assert _ids(search_notes(vault, "insomnia")) == [often, once]


def test_snippets_mark_the_matching_words_as_segments(vault):
    client = demo_client(vault)
    stored(vault, soap((client,), subjective="Demo <b>client</b> reported nightmares twice."))
    hit = search_notes(vault, "nightmares").hits[0]
    assert _matches(hit) == ["nightmares"]
    assert "".join(s.text for s in hit.snippet).startswith("Demo <b>client</b> reported")


def test_prefix_search_matches_word_beginnings(vault):
    client = demo_client(vault)
    note_id = stored(vault, soap((client,), subjective="Demo anxious about exams."))
    hits = search_notes(vault, "anx*").hits
    assert [h.note_id for h in hits] == [note_id]
    assert _matches(hits[0]) == ["anxious"]


def test_a_phrase_needs_the_words_together(vault):
    client = demo_client(vault)
    together = stored(vault, soap((client,), subjective="Demo safety plan reviewed."))
    stored(vault, soap((client,), subjective="Demo plan for safety later."))
    assert _ids(search_notes(vault, '"safety plan"')) == [together]


def test_accents_and_case_do_not_matter(vault):
    client = demo_client(vault)
    note_id = stored(vault, soap((client,), subjective="Demo met at the Café Zoë."))
    assert _ids(search_notes(vault, "cafe zoe")) == [note_id]
    assert _matches(search_notes(vault, "CAFE").hits[0]) == ["Café"]


def test_client_names_are_searchable(vault):
    client = demo_client(vault, "Demo Quillon Example")
    note_id = stored(vault, soap((client,)))
    hit = search_notes(vault, "quillon").hits[0]
    assert (hit.note_id, hit.clients[0].name) == (note_id, "Demo Quillon Example")


def test_a_renamed_client_is_found_by_the_new_name(vault):
    client = demo_client(vault, "Demo Before Rename")
    note_id = stored(vault, soap((client,)))
    update_client(vault, client, ClientProfile(full_name="Demo Afterward Rename"))
    assert _ids(search_notes(vault, "afterward")) == [note_id]
    assert _ids(search_notes(vault, "before")) == []


def test_name_and_text_words_can_be_combined(vault):
    a, b = demo_client(vault, "Demo Ayla"), demo_client(vault, "Demo Bren")
    stored(vault, soap((a,), subjective="Demo grief discussed."))
    wanted = stored(vault, soap((b,), subjective="Demo grief discussed."))
    assert _ids(search_notes(vault, "bren grief")) == [wanted]


def test_filter_by_client(vault):
    a, b = demo_client(vault), demo_client(vault, "Demo Bo Example")
    stored(vault, soap((a,), subjective="Demo panic."))
    theirs = stored(vault, soap((b,), subjective="Demo panic."))
    assert _ids(search_notes(vault, "panic", SearchFilters(client_id=b))) == [theirs]


def test_filter_by_client_finds_joint_notes(vault):
    a, b = demo_client(vault), demo_client(vault, "Demo Bo Example")
    joint = stored(vault, soap((a, b), subjective="Demo panic together."))
    for client in (a, b):
        assert _ids(search_notes(vault, "panic", SearchFilters(client_id=client))) == [joint]


def test_filter_by_inclusive_date_range(vault):
    client = demo_client(vault)
    stored(vault, soap((client,), subjective="Demo panic.", session_start="2026-02-28T10:00"))
    inside = stored(
        vault, soap((client,), subjective="Demo panic.", session_start="2026-03-31T17:00")
    )
    stored(vault, soap((client,), subjective="Demo panic.", session_start="2026-04-01T09:00"))
    filters = SearchFilters(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
    assert _ids(search_notes(vault, "panic", filters)) == [inside]


def test_filter_by_kind(vault):
    client = demo_client(vault)
    stored(vault, soap((client,), subjective="Demo panic."))
    dap = stored(vault, soap((client,), subjective="Demo panic.", template_id="dap"))
    assert _ids(search_notes(vault, "panic", SearchFilters(kinds=("dap",)))) == [dap]


def test_process_notes_are_searched_only_when_asked_and_marked(vault):
    client = demo_client(vault)
    process = stored(
        vault, soap((client,), subjective="Demo countertransference.", template_id="process")
    )
    assert search_notes(vault, "countertransference").hits == ()
    hits = search_notes(vault, "countertransference", SearchFilters(include_process_notes=True))
    assert [(h.note_id, h.is_process_note) for h in hits.hits] == [(process, True)]


def test_risk_notes_and_diagnoses_are_searchable(vault):
    from vault.notes.model import RiskAssessment

    client = demo_client(vault)
    note_id = stored(
        vault,
        soap(
            (client,),
            diagnoses=("F41.1",),
            risk=RiskAssessment(notes="Demo passive ideation denied"),
        ),
    )
    assert _ids(search_notes(vault, "ideation")) == [note_id]
    assert _ids(search_notes(vault, "F41.1")) == [note_id]


def test_results_are_limited(vault):
    client = demo_client(vault)
    for _ in range(5):
        stored(vault, soap((client,), subjective="Demo panic."))
    assert len(search_notes(vault, "panic", limit=3).hits) == 3


def test_an_empty_query_says_what_to_do(vault):
    assert search_notes(vault, "   ").message == "Type a word to search for."


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_answered_without_error(vault, query):
    client = demo_client(vault)
    stored(vault, soap((client,), subjective="Demo a b x body names"))
    results = search_notes(vault, query)
    assert isinstance(results.hits, tuple)


def test_if_fts_still_objects_the_words_are_searched_literally(vault, monkeypatch):
    client = demo_client(vault)
    note_id = stored(vault, soap((client,), subjective="Demo walrus."))
    monkeypatch.setattr("vault.search.engine.to_fts5", lambda parsed: "NEAR(")
    results = search_notes(vault, "walrus")
    assert (_ids(results), results.message) == ([note_id], "Searched for the words as typed.")


def test_if_nothing_can_run_the_answer_is_a_plain_message(vault, monkeypatch):
    monkeypatch.setattr("vault.search.engine.to_fts5", lambda parsed: "NEAR(")
    monkeypatch.setattr("vault.search.engine.literal_fts5", lambda text: "((")
    results = search_notes(vault, "walrus")
    assert results.hits == ()
    assert "could not be run" in results.message


def test_snippet_windows_onto_the_matches_in_a_long_text():
    text = "start " * 100 + "the needle here " + "end " * 100
    segments = make_snippet(text, parse_query("needle").wanted_terms)
    assert segments[0].text.startswith("…start")
    assert [s.text for s in segments if s.is_match] == ["needle"]
    assert segments[-1].text.endswith("…")


def test_snippet_keeps_control_characters_as_plain_text():
    segments = make_snippet("Demo \x1b[31m needle", parse_query("needle").wanted_terms)
    assert segments == (SnippetSegment("Demo \x1b[31m ", False), SnippetSegment("needle", True))


# Each example adds fresh notes, so sharing the vault between examples is fine.
_FIXTURE_REUSE = HealthCheck.function_scoped_fixture


@settings(max_examples=80, deadline=None, suppress_health_check=[_FIXTURE_REUSE])
@given(st.text(max_size=200))
def test_any_typed_text_is_answered_without_error(vault, query):
    results = search_notes(vault, query)
    assert isinstance(results.message, str)


def test_typing_mode_matches_the_word_being_typed(vault):
    client = demo_client(vault)
    note_id = stored(vault, soap((client,), subjective="Demo hypervigilance noted."))
    assert _ids(search_notes(vault, "hypervig", typing=True)) == [note_id]
    assert _ids(search_notes(vault, "hypervig")) == []


def test_a_client_id_typed_as_a_word_does_not_act_as_a_filter(vault):
    client = demo_client(vault)
    stored(vault, soap((client,), subjective="Demo text."))
    assert search_notes(vault, f"c{client}").hits == ()


def test_a_date_range_over_several_years_uses_year_tokens_exactly(vault):
    client = demo_client(vault)
    stored(vault, soap((client,), subjective="Demo panic.", session_start="2019-12-31T10:00"))
    inside = stored(
        vault, soap((client,), subjective="Demo panic.", session_start="2021-06-01T10:00")
    )
    stored(vault, soap((client,), subjective="Demo panic.", session_start="2023-01-01T10:00"))
    filters = SearchFilters(date_from=date(2020, 1, 1), date_to=date(2022, 12, 31))
    assert _ids(search_notes(vault, "panic", filters)) == [inside]


def test_a_moved_session_date_moves_in_the_index(vault):
    from vault.notes.records import update_note

    client = demo_client(vault)
    note_id = stored(
        vault, soap((client,), subjective="Demo panic.", session_start="2019-05-05T10:00")
    )
    update_note(
        vault, note_id, soap((client,), subjective="Demo panic.", session_start="2024-05-05T10:00")
    )
    filters = SearchFilters(date_from=date(2024, 1, 1), date_to=date(2024, 12, 31))
    assert _ids(search_notes(vault, "panic", filters)) == [note_id]


def test_when_more_notes_match_than_are_ranked_the_answer_says_so(vault, monkeypatch):
    monkeypatch.setattr("vault.search.candidates.RANK_WINDOW", 3)
    client = demo_client(vault)
    for _ in range(4):
        stored(vault, soap((client,), subjective="Demo panic."))
    results = search_notes(vault, "panic")
    assert len(results.hits) == 3
    assert "most recently written" in results.message


def test_snippet_marks_a_whole_phrase():
    terms = parse_query('"safety plan"').wanted_terms
    segments = make_snippet("Demo safety, plan was reviewed.", terms)
    assert [s.text for s in segments if s.is_match] == ["safety, plan"]


def test_snippet_marks_whole_words_only():
    segments = make_snippet("Demo planning and plan.", parse_query("plan").wanted_terms)
    assert [s.text for s in segments if s.is_match] == ["plan"]


def test_snippet_marks_prefix_matches_in_accented_text():
    segments = make_snippet("Demo l'été était résolu.", parse_query("eta*").wanted_terms)
    assert [s.text for s in segments if s.is_match] == ["était"]


def test_snippet_of_an_empty_text_is_empty():
    assert make_snippet(" \n ", parse_query("x").wanted_terms) == ()


def _joint_note_with_a_private_section(vault):
    avery = demo_client(vault, "Demo Avery")
    blake = demo_client(vault, "Demo Blake")
    content = soap((avery, blake))
    sections = (
        replace(content.sections[0], text="Demo shared talk about chores"),
        replace(content.sections[1], text="Demo kestrel disclosure", private_to=blake),
        *content.sections[2:],
    )
    stored(vault, replace(content, sections=sections))
    return avery, blake


def test_a_snippet_from_a_private_section_says_whose_it_is(vault):
    _, blake = _joint_note_with_a_private_section(vault)
    (hit,) = search_notes(vault, "kestrel").hits
    assert hit.private_to is not None and hit.private_to.id == blake


def test_a_snippet_from_a_shared_section_is_not_marked_private(vault):
    _joint_note_with_a_private_section(vault)
    (hit,) = search_notes(vault, "chores").hits
    assert hit.private_to is None


def test_a_prefix_is_marked_where_a_shorter_word_of_the_query_starts_the_same():
    """Typing 'a acce': 'access' is highlighted though 'a' is tried at the same place."""
    terms = parse_query("a acce", last_word_is_prefix=True).wanted_terms
    segments = make_snippet("Demo a note about access.", terms)
    assert [s.text for s in segments if s.is_match] == ["a", "access"]
