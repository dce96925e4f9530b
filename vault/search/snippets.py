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
from dataclasses import dataclass
from functools import lru_cache

from vault.search.query import SearchTerm

WINDOW_CHARS = 160
_SPACE = re.compile(r"\s+")
# Letters and digits (not underscore) with any combining marks inside them, plus private-use
# characters, which unicode61 also keeps: close to FTS5's notion of a word.
_WORD = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff])(?:[^\W_]|[\u0300-\u036f\ue000-\uf8ff])*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
_ACCENTED_WORD = re.compile(r"[^\W_]*[^\W\x00-\x7f][^\W_]*")
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

    pattern: re.Pattern[str] | None  # None: a term is not ASCII, tokenize instead
    prefixes: tuple[bool, ...]  # per alternative of `pattern`
    has_phrase: bool
    folded: tuple[tuple[str, bool], ...]


@lru_cache(maxsize=32)
def _plan(terms: tuple[SearchTerm, ...]) -> _Plan:
    pattern = _ascii_pattern(terms) if all(t.text.isascii() for t in terms) else None
    return _Plan(
        pattern,
        tuple(t.prefix for t in terms if _ASCII_WORD.search(t.text)),
        any(len(t.words()) > 1 for t in terms),
        tuple((fold(t.text), t.prefix) for t in terms),
    )


def match_spans(text: str, terms: tuple[SearchTerm, ...]) -> list[Span]:
    """Character spans of `text` matching any term, in order (phrases whole, prefixes too)."""
    plan = _plan(terms)
    if plan.pattern is None:
        return _token_spans(text, terms) if terms else []
    if text.isascii():
        return _ascii_spans(text.lower(), plan.pattern, plan.prefixes)
    lowered = text.lower()
    if len(lowered) != len(text) or _COMBINING.search(text) or plan.has_phrase:
        return _token_spans(text, terms)  # a phrase may run through an accented word
    spans = _ascii_spans(lowered, plan.pattern, plan.prefixes)
    for found in _ACCENTED_WORD.finditer(text):
        folded = fold(found.group())
        if any(folded == w or (prefix and folded.startswith(w)) for w, prefix in plan.folded):
            spans.append(found.span())
    return sorted(set(spans))


def _ascii_spans(lowered: str, pattern: re.Pattern[str], prefixes: tuple[bool, ...]) -> list[Span]:
    """Whole-word matches. The pattern starts with the word itself, so the regex engine jumps
    between its occurrences; word edges are checked here, where accented letters count too."""
    spans: list[Span] = []
    pos, size = 0, len(lowered)
    while (found := pattern.search(lowered, pos)) is not None:
        start, end = found.span()
        pos = start + 1
        if start and lowered[start - 1].isalnum():
            continue
        if end < size and lowered[end].isalnum():
            if not prefixes[(found.lastindex or 1) - 1]:
                continue
            while end < size and lowered[end].isalnum():
                end += 1
        spans.append((start, end))
        pos = end
    return spans


def _ascii_pattern(terms: tuple[SearchTerm, ...]) -> re.Pattern[str] | None:
    alternatives: list[str] = []
    for term in terms:
        words = _ASCII_WORD.findall(term.text.lower())
        if words:
            alternatives.append("(" + r"[\W_]+".join(re.escape(w) for w in words) + ")")
    return re.compile("|".join(alternatives)) if alternatives else None


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
