"""The snippet's fast paths (ASCII text, and ASCII text with a few accented words) find exactly
the words the word-by-word path finds, which mirrors the index's tokenizer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vault.search.query import SearchTerm
from vault.search.snippets import _token_spans, match_spans

PIECES = st.sampled_from(
    ["Demo", "José", "jose", "Zoë", "zoe", "café", "ﬁle", "file", "Ärger", "e\u0301", "x²",
     "İ", "ß", "ss", "Ω", "—", "’", " ", "\n", "_", "-", "\u00a0"]
)  # fmt: skip
WORDS = st.sampled_from(["jose", "zoe", "cafe", "file", "arger", "demo", "ss", "x", "e"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=60), WORDS, WORDS, st.booleans())
def test_fast_paths_find_what_the_tokenizer_path_finds(parts, first, second, prefix):
    text = "".join(parts)
    for terms in ((SearchTerm(first, prefix),), (SearchTerm(first), SearchTerm(second, prefix))):
        assert match_spans(text, terms) == _token_spans(text, terms)


def test_accented_names_among_plain_text_are_found_whole():
    text = "Demo plan. " * 50 + "Demo José’s café—Zoë’s too. " + "Demo plan. " * 50
    terms = (SearchTerm("jose"), SearchTerm("cafe"), SearchTerm("zo", prefix=True))
    found = [text[start:end] for start, end in match_spans(text, terms)]
    assert found == ["José", "café", "Zoë"]
