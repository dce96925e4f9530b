"""Snippets with highlighted matches, as (text, is_match) segments rather than markup.

The note text is never mixed with marker characters, so a front end can escape each segment
and style the matches without any risk of the note's own text being read as HTML or markers.
Matching mirrors the index's tokenizer (unicode61, diacritics removed, case folded) closely
enough to point at the words that made the note match. Plain-ASCII text takes a fast path
(one compiled regular expression); other text is tokenized word by word.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from vault.search.query import SearchTerm

WINDOW_CHARS = 160
_SPACE = re.compile(r"\s+")
# Letters and digits (not underscore) with any combining marks inside them, plus private-use
# characters, which unicode61 also keeps: close to FTS5's notion of a word.
_WORD = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff])(?:[^\W_]|[\u0300-\u036f\ue000-\uf8ff])*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
_LETTERS = re.compile(r"[^\W_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_BLOCK = 256
_FEW_RUNS = 16
_COMBINING = re.compile(r"[\u0300-\u036f\ue000-\uf8ff]")

Span = tuple[int, int]


@dataclass(frozen=True)
class SnippetSegment:
    text: str
    is_match: bool


def fold(text: str) -> str:
    """Case- and accent-insensitive form, as the index compares words."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").casefold()


@dataclass(frozen=True)
class _Plan:
    """How to find one query's terms, worked out once per search rather than once per hit."""

    patterns: tuple[re.Pattern[str], ...] | None  # None: a term is not ASCII, tokenize instead
    has_phrase: bool
    folded: tuple[tuple[str, bool], ...]


@lru_cache(maxsize=32)
def _plan(terms: tuple[SearchTerm, ...]) -> _Plan:
    patterns = None
    if all(t.text.isascii() for t in terms):
        patterns = tuple(p for p in map(_term_pattern, terms) if p is not None)
    return _Plan(
        patterns,
        any(len(t.words()) > 1 for t in terms),
        tuple((fold(t.text), t.prefix) for t in terms),
    )


def match_spans(text: str, terms: tuple[SearchTerm, ...]) -> list[Span]:
    """Character spans of `text` matching any term, in order (phrases whole, prefixes too)."""
    plan = _plan(terms)
    if plan.patterns is None:
        return _token_spans(text, terms) if terms else []
    if text.isascii():
        return _ascii_spans(text.lower(), plan.patterns)
    lowered = text.lower()
    if len(lowered) != len(text) or plan.has_phrase:
        return _token_spans(text, terms)  # a phrase may run through an accented word
    found = _non_ascii_runs(text, _FEW_RUNS)
    runs = found if len(found) <= _FEW_RUNS else None  # None: another script, passed over whole
    if _COMBINING.search(text) if runs is None else any(_COMBINING.search(text, *r) for r in runs):
        return _token_spans(text, terms)
    spans = _ascii_spans(lowered, plan.patterns)
    for start, end in _accented_words(text, runs):
        folded = fold(text[start:end])
        if any(folded == w or (prefix and folded.startswith(w)) for w, prefix in plan.folded):
            spans.append((start, end))
    return sorted(set(spans))


def _non_ascii_runs(text: str, most: int) -> list[Span]:
    """Where the characters beyond ASCII are. The text is taken in blocks: `str.isascii` passes
    over a block of plain text at memory speed, and only the blocks holding such characters
    are searched by a regular expression (over the whole text it took 8-23 us per 3 KB, where a
    note usually holds a few such characters among thousands). Linear in the text's length,
    however many runs it holds (curly apostrophes); it stops once it has found more than `most`
    (text in another script, which the caller passes over whole instead)."""
    runs: list[Span] = []
    for block in range(0, len(text), _BLOCK):
        end = block + _BLOCK
        if text[block:end].isascii():
            continue
        for found in _NON_ASCII.finditer(text, block, end):
            start, stop = found.span()
            if runs and runs[-1][1] == start:  # a run across the block's edge
                start = runs.pop()[0]
            runs.append((start, stop))
        if len(runs) > most:
            break
    return runs


def _accented_words(text: str, runs: list[Span] | None) -> Iterator[Span]:
    """Each whole word holding a letter beyond ASCII, found outwards from the runs of such
    characters. A pattern for "a word with such a letter inside" was tried at every position
    and rescanned each word: 0.33 ms for a 3 KB note holding one accented name, against 6 us
    for the same note in ASCII. `runs` None: look at every word (text in another script)."""
    if runs is None:
        for word in _LETTERS.finditer(text):
            if not word.group().isascii():
                yield word.span()
        return
    end = 0
    for run_start, run_end in runs:
        for letters in _LETTERS.finditer(text, run_start, run_end):
            if letters.start() < end:
                continue  # inside the word just given
            start = letters.start()
            while start > 0 and text[start - 1].isalnum():  # str.isalnum() is [^\W_]
                start -= 1
            rest = _LETTERS.match(text, letters.end())
            end = rest.end() if rest else letters.end()
            yield start, end


def _ascii_spans(lowered: str, patterns: tuple[re.Pattern[str], ...]) -> list[Span]:
    """Whole-word matches of every term, in order, never overlapping (at one place the longer
    match wins). Each term has its own pattern: one that starts with the term's letters lets
    the regex engine jump between their occurrences, where an alternation of several terms
    is tried at every position of the text (five times slower on a 2 KB note)."""
    if len(patterns) == 1:
        return [found.span() for found in patterns[0].finditer(lowered)]
    found = sorted((m.start(), -m.end()) for p in patterns for m in p.finditer(lowered))
    spans: list[Span] = []
    for start, negative_end in found:
        if not spans or start >= spans[-1][1]:
            spans.append((start, -negative_end))
    return spans


_LETTER = r"[^\W_]"  # str.isalnum(), accented letters included: FTS5's word characters


def _term_pattern(term: SearchTerm) -> re.Pattern[str] | None:
    """The term as whole words: its first word, then a look back past that word at the
    character before it (a pattern that began with the look-behind would be tried at every
    position), the phrase's other words across any separators, and the word's end (for a
    prefix, the rest of the word)."""
    words = _ASCII_WORD.findall(term.text.lower())
    if not words:
        return None
    first = words[0]
    rest = "".join(r"[\W_]+" + re.escape(w) for w in words[1:])
    tail = f"{_LETTER}*" if term.prefix else f"(?!{_LETTER})"
    return re.compile(f"{re.escape(first)}(?<!{_LETTER}.{{{len(first)}}}){rest}{tail}", re.DOTALL)


def _token_spans(text: str, terms: tuple[SearchTerm, ...]) -> list[Span]:
    """Tokens looked up by their folded form, so a long note costs one pass, not one per term."""
    tokens = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
    where: dict[str, list[int]] = {}
    for i, (_, _, word) in enumerate(tokens):
        where.setdefault(word, []).append(i)
    hits: set[int] = set()
    for term in terms:
        words = [fold(w) for w in _WORD.findall(term.text)]
        if not words:
            continue
        width = len(words)
        if term.prefix and width == 1:
            firsts = [i for word, at in where.items() if word.startswith(words[0]) for i in at]
        else:
            firsts = where.get(words[0], [])
        for i in firsts:
            if i + width <= len(tokens) and all(
                tokens[i + k][2] == words[k]
                or (term.prefix and k == width - 1 and tokens[i + k][2].startswith(words[k]))
                for k in range(1, width)
            ):
                hits.update(range(i, i + width))
    return [(tokens[i][0], tokens[i][1]) for i in sorted(hits)]


def make_snippet(
    text: str, terms: tuple[SearchTerm, ...], width: int = WINDOW_CHARS
) -> tuple[SnippetSegment, ...]:
    """About `width` characters of `text` around the most matches, as plain/match segments.

    Runs of whitespace (line breaks included) become single spaces so a snippet is one line;
    the characters themselves are otherwise the note's own.
    """
    return snippet_with_anchor(text, terms, width)[0]


def snippet_with_anchor(
    text: str, terms: tuple[SearchTerm, ...], width: int = WINDOW_CHARS
) -> tuple[tuple[SnippetSegment, ...], int]:
    """The snippet and where in `text` its first highlighted word is (its window's start when
    nothing is highlighted), from one pass over the text: a search page finds each hit's
    matches once, not once for the snippet and again for whose section it came from."""
    if not text.strip():
        return (), 0
    spans = match_spans(text, terms)
    start, end = _window(text, spans, width)
    segments: list[SnippetSegment] = []
    if start > 0:
        segments.append(SnippetSegment("…", False))
    cursor, anchor = start, None
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        if anchor is None:
            anchor = span_start
        _add(segments, text[cursor:span_start], False)
        _add(segments, text[span_start:span_end], True)
        cursor = span_end
    _add(segments, text[cursor:end], False)
    if end < len(text.rstrip()):
        _add(segments, "…", False)
    return tuple(segments), start if anchor is None else anchor


def _window(text: str, spans: list[Span], width: int) -> Span:
    """The window holding the most matches, widened to whole words.

    Spans are sorted and never overlap, so both their starts and their ends ascend and each
    candidate window is counted with two binary searches: a note with a hundred matches of
    "the" costs microseconds, not a hundred times a hundred comparisons.
    """
    start = 0
    if spans:
        starts = [s for s, _ in spans]
        ends = [e for _, e in spans]
        best = -1
        for span_start in starts[:200]:
            begin = max(0, span_start - width // 4)
            count = bisect_right(ends, begin + width) - bisect_left(starts, begin)
            if count > best:
                start, best = begin, count
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _add(segments: list[SnippetSegment], text: str, is_match: bool) -> None:
    text = _SPACE.sub(" ", text)
    if not text:
        return
    if segments and segments[-1].is_match == is_match:
        segments[-1] = SnippetSegment(segments[-1].text + text, is_match)
    else:
        segments.append(SnippetSegment(text, is_match))
