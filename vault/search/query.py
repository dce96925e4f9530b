"""Turn what a therapist types into a safe FTS5 query: every word is quoted, so no input can
reach FTS5's own syntax (``NEAR(``, ``*``, column filters, stray quotes or brackets).

Supported, deliberately small: words (all must match), ``"exact phrases"``, a trailing ``*``
for prefix matching, ``OR`` between alternatives, and ``-word``, ``-"a phrase"`` or ``NOT word``
to exclude. Brackets are ignored. Anything else is taken literally. The words are looked for
in note text and names only (``{body names}``), never in the index's filter tokens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
# A prefix shorter than this would merge thousands of words; the index keeps 2- and 3-letter
# prefixes ready, so two letters is the shortest prefix that stays instant.
MIN_PREFIX_CHARS = 2
_SEARCHED = "{body names}"


@dataclass(frozen=True)
class SearchTerm:
    text: str
    prefix: bool = False

    def words(self) -> tuple[SearchTerm, ...]:
        """Each word of a phrase as its own term (the last keeps the prefix mark)."""
        runs = "".join(c if is_token_char(c) else " " for c in self.text).split()
        return tuple(SearchTerm(w, self.prefix and i == len(runs) - 1) for i, w in enumerate(runs))


@dataclass(frozen=True)
class ParsedQuery:
    """Alternatives (OR) of terms that must all match (AND), minus excluded terms."""

    alternatives: tuple[tuple[SearchTerm, ...], ...]
    excluded: tuple[SearchTerm, ...]
    notices: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.alternatives

    @property
    def wanted_terms(self) -> tuple[SearchTerm, ...]:
        return tuple(term for group in self.alternatives for term in group)


_SURROGATES = re.compile("[\ud800-\udfff]")


def is_token_char(char: str) -> bool:
    """Mirrors FTS5's unicode61 tokenizer: letters, numbers and private-use characters."""
    category = unicodedata.category(char)
    return category[0] in "LN" or category == "Co"


def has_token(text: str) -> bool:
    return any(is_token_char(c) for c in text)


def parse_query(text: str, *, last_word_is_prefix: bool = False) -> ParsedQuery:
    """Parse typed text. `last_word_is_prefix` treats an unquoted final word as still being
    typed (search-as-you-type), as if it ended with ``*``."""
    notices: list[str] = []
    # A lone surrogate is in no stored text (text_fields refuses them) and cannot be encoded
    # for SQLite: it separates words, as any other character that is not a letter does.
    text = _SURROGATES.sub(" ", text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notices.append(f"Only the first {MAX_QUERY_CHARS} characters were searched.")
    groups: list[list[SearchTerm]] = [[]]
    excluded: list[SearchTerm] = []
    negate_next = False
    count = 0
    items = _lex(text)
    if last_word_is_prefix and items and not items[-1][1] and not text[-1:].isspace():
        items[-1] = (items[-1][0], False, True)
    for raw, is_quoted, prefix in items:
        if not is_quoted and raw == "OR":
            if groups[-1]:
                groups.append([])
            continue
        if not is_quoted and raw == "AND":
            continue
        if not is_quoted and raw == "NOT":
            negate_next = True
            continue
        negated = negate_next
        negate_next = False
        if not is_quoted and raw.startswith("-") and has_token(raw[1:]):
            negated, raw = True, raw[1:]
        if not has_token(raw):
            continue
        if count == MAX_TERMS:
            notices.append(f"Only the first {MAX_TERMS} words were searched.")
            break
        count += 1
        if prefix and _last_word_length(raw) < MIN_PREFIX_CHARS:
            prefix = False
            if not is_quoted and not last_word_is_prefix:
                notices.append(f"Prefix searches need at least {MIN_PREFIX_CHARS} letters.")
        term = SearchTerm(raw, prefix)
        (excluded if negated else groups[-1]).append(term)
    alternatives = tuple(tuple(g) for g in groups if g)
    if not alternatives and excluded:
        notices.append("Add a word to look for; excluding words alone finds nothing.")
        excluded = []
    return ParsedQuery(alternatives, tuple(excluded), tuple(notices))


def _last_word_length(text: str) -> int:
    length = 0
    for char in reversed(text):
        if is_token_char(char):
            length += 1
        elif length:
            break
    return length


def _lex(text: str) -> list[tuple[str, bool, bool]]:
    """(text, quoted?, ends with *?) for each word or phrase; an open quote runs to the end.
    A phrase right after a minus (``-"the week"``) comes as the word "NOT" and then the phrase,
    so it is excluded as ``-word`` is."""
    items: list[tuple[str, bool, bool]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace() or char in "()":
            i += 1
            continue
        if char == "-" and text[i + 1 : i + 2] == '"':
            items.append(("NOT", False, False))
            i += 1
            continue
        if char == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            phrase = text[i + 1 : end]
            i = end + 1
            prefix = i < n and text[i] == "*"
            while i < n and text[i] == "*":
                i += 1
            items.append((phrase, True, prefix))
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] not in '()"':
            i += 1
        word = text[start:i]
        stripped = word.rstrip("*")
        items.append((stripped, False, stripped != word))
    return items


def quoted(term: SearchTerm) -> str:
    """One term as an FTS5 string: quotes doubled, so nothing in it is FTS5 syntax."""
    return '"' + term.text.replace('"', '""') + '"' + ("*" if term.prefix else "")


def searched(expression: str) -> str:
    """`expression` limited to the note text and names, never the index's filter tokens."""
    return f"{_SEARCHED} : {expression}"


def to_fts5(query: ParsedQuery) -> str:
    """The FTS5 MATCH expression: quoted strings, AND/OR/NOT, brackets and the column filter."""
    ors = " OR ".join("(" + " AND ".join(quoted(t) for t in g) + ")" for g in query.alternatives)
    expression = f"{_SEARCHED} : ({ors})"
    for term in query.excluded:
        expression += f" NOT {_SEARCHED} : {quoted(term)}"
    return f"({expression})"


def literal_fts5(text: str) -> str:
    """The fallback: every run of word characters as its own quoted word, all required."""
    words: list[str] = []
    current: list[str] = []
    for char in text[:MAX_QUERY_CHARS] + " ":
        if is_token_char(char):
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if not words:
        return ""
    return f"({_SEARCHED} : (" + " AND ".join(f'"{w}"' for w in words[:MAX_TERMS]) + "))"
