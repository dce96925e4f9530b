from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vault.search.query import (
    MAX_TERMS,
    ParsedQuery,
    SearchTerm,
    literal_fts5,
    parse_query,
    to_fts5,
)

COLUMNS = "{body names} : "


def _fts(text: str, **options: bool) -> str:
    """The expression inside the column filter, which every query carries."""
    expression = to_fts5(parse_query(text, **options))
    assert expression.startswith(f"({COLUMNS}(") and expression.endswith(")")
    return expression[len(COLUMNS) + 1 : -1]


def test_words_are_quoted_and_all_required():
    assert _fts("sleep diary") == '(("sleep" AND "diary"))'


def test_user_words_are_searched_only_in_text_and_names():
    assert to_fts5(parse_query("sleep")) == '({body names} : (("sleep")))'


def test_a_quoted_phrase_stays_one_term():
    assert parse_query('"safety plan" reviewed').alternatives == (
        (SearchTerm("safety plan"), SearchTerm("reviewed")),
    )


def test_trailing_star_means_prefix():
    assert _fts("anx*") == '(("anx"*))'


def test_a_one_letter_prefix_is_searched_as_a_word_with_a_notice():
    parsed = parse_query("a*")
    assert parsed.wanted_terms == (SearchTerm("a"),)
    assert "at least 2 letters" in parsed.notices[0]


def test_while_typing_the_last_word_is_a_prefix():
    assert _fts("sleep dia", last_word_is_prefix=True) == '(("sleep" AND "dia"*))'


def test_while_typing_a_finished_word_is_not_a_prefix():
    assert _fts("sleep ", last_word_is_prefix=True) == '(("sleep"))'


def test_or_separates_alternatives():
    assert _fts("panic OR anxiety") == '(("panic") OR ("anxiety"))'


def test_minus_and_not_exclude_words_in_text_and_names():
    assert to_fts5(parse_query("sleep -work NOT alcohol")) == (
        '({body names} : (("sleep")) NOT {body names} : "work" NOT {body names} : "alcohol")'
    )


def test_a_quote_inside_a_term_is_doubled():
    query = ParsedQuery(((SearchTerm('o"brien'),),), (), ())
    assert to_fts5(query) == '({body names} : (("o""brien")))'


def test_a_quote_in_the_middle_of_a_word_starts_a_phrase():
    assert _fts('o"brien') == '(("o" AND "brien"))'


def test_fts_operators_typed_by_the_user_are_literal_words():
    assert _fts("NEAR(a b) body:x") == '(("NEAR" AND "a" AND "b" AND "body:x"))'


def test_brackets_and_lone_stars_are_ignored():
    assert _fts("((sleep)) * **") == '(("sleep"))'


def test_an_unclosed_quote_runs_to_the_end():
    assert parse_query('"safety plan').alternatives == ((SearchTerm("safety plan"),),)


def test_only_punctuation_is_an_empty_query():
    assert parse_query('( ) * - "" NOT OR').is_empty


def test_exclusions_alone_are_dropped_with_a_notice():
    parsed = parse_query("-work")
    assert parsed.is_empty
    assert parsed.notices


def test_long_input_is_cut_with_a_notice():
    parsed = parse_query("word " * 2000)
    assert len(parsed.wanted_terms) == MAX_TERMS
    assert len(parsed.notices) == 2


def test_literal_fallback_keeps_only_word_characters():
    assert literal_fts5('NEAR("a" b*') == '({body names} : ("NEAR" AND "a" AND "b"))'


def test_literal_fallback_of_punctuation_is_empty():
    assert literal_fts5("(*)") == ""


@given(st.text())
def test_any_input_gives_only_quoted_terms_under_the_column_filter(text):
    parsed = parse_query(text)
    expression = "" if parsed.is_empty else to_fts5(parsed)
    outside_quotes = expression.replace(COLUMNS, " ").split('"')[::2]
    assert all(set(part) <= set("() ANDORT*") for part in outside_quotes)


def test_a_lone_surrogate_separates_words_like_any_non_letter() -> None:
    assert parse_query("a\ud800b") == parse_query("a b")
    assert to_fts5(parse_query("calm\udfff", last_word_is_prefix=True)).encode("utf-8")


def test_a_minus_before_a_phrase_excludes_the_phrase():
    parsed = parse_query('heron -"the week"')
    assert parsed.alternatives == ((SearchTerm("heron"),),)
    assert parsed.excluded == (SearchTerm("the week"),)
    assert parse_query('heron - "the week"').excluded == ()  # a lone dash is no minus sign
