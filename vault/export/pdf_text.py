"""A therapist's text made ready to draw, exactly as typed: never interpreted, never dropped.

Text reaches the page only as text: fpdf2's markdown and HTML modes are never used, so
``<b>``, ``&amp;`` or ``**bold**`` print as those characters. A character no shipped font can
draw (Chinese, say, or a control character) is shown as its code point, ``[U+5F20]``, and
counted, so the document can say so; nothing disappears silently.

Line breaking is done here, not by fpdf2's ``multi_cell``: that one measures each line again
for every character it adds, which made a 500-note record take twenty seconds. Here each word
is measured once, from the font's width table. Paragraphs that need more than that (right-to-
left text to shape and reorder, or a fallback font's glyphs) go to fpdf2 (`needs_fpdf_layout`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping

from vault.export.pdf_fonts import FAMILY, coverage, covered

_LINE_BREAKS = re.compile("\r\n|[\r\v\f\x85\u2028\u2029]")
TAB = "    "
# Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko...) and the bidirectional controls:
# such a paragraph is shaped by HarfBuzz and reordered by fpdf2's bidi algorithm.
_NEEDS_SHAPING = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def code_point(char: str) -> str:
    """How an undrawable character is shown: ``[U+5F20]``."""
    return f"[U+{ord(char):04X}]"


class Unprintable:
    """The characters a document could not draw, with how often each was replaced."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def examples(self, limit: int = 5) -> list[str]:
        return [code_point(char) for char, _ in self.counts.most_common(limit)]


def printable(text: str, tally: Unprintable | None = None) -> str:
    """`text` with line breaks as ``\\n``, tabs as spaces, and every character no shipped font
    draws replaced by its code point (counted in `tally`)."""
    text = _LINE_BREAKS.sub("\n", text).replace("\t", TAB)
    drawable = covered()
    missing = {
        char
        for char in set(text)
        if char != "\n" and (char not in drawable or unicodedata.category(char) == "Cc")
    }
    if not missing:
        return text
    if tally is not None:
        for char in missing:
            tally.counts[char] += text.count(char)
    return "".join(code_point(char) if char in missing else char for char in text)


def needs_shaping(text: str) -> bool:
    return _NEEDS_SHAPING.search(text) is not None


def starts_right_to_left(text: str) -> bool:
    """Whether a paragraph reads right to left: its first strongly directed letter does (the
    Unicode bidirectional algorithm's rule for a paragraph's direction)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def needs_symbols(text: str) -> bool:
    """Whether `text` (already `printable`) holds a character only the symbols font draws."""
    return not set(text) <= coverage(FAMILY)


def needs_fpdf_layout(text: str, family: str, style: str) -> bool:
    """Whether a line must be laid out by fpdf2 (shaped, or drawn partly from a fallback
    font) rather than by `wrap` in the face `family` `style`."""
    return needs_shaping(text) or not set(text) <= coverage(family, style)


def wrap(
    text: str,
    width: float,
    char_width: Mapping[int, float],
    scale: float,
    measured: dict[str, float] | None = None,
) -> list[str]:
    """Break one paragraph (no ``\\n``) into lines no wider than `width`.

    `char_width` is the font's width table (thousandths of the size) and `scale` turns its sums
    into the page's unit. `measured` keeps words' widths in the font's units between calls
    (one dictionary per font: a record repeats its words). Spaces are kept as typed; a word
    wider than a line is cut.
    """
    if not text:
        return [""]
    known_widths: dict[str, float] = {} if measured is None else measured

    def measure(word: str) -> float:
        known = known_widths.get(word)
        if known is None:
            known = known_widths[word] = sum(char_width[ord(c)] for c in word)
        return known * scale

    space = char_width[32] * scale
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split(" "):
        size = measure(word)
        if size > width:
            if current:
                lines.append(" ".join(current))
            pieces = _cut(word, width, measure)
            lines.extend(pieces[:-1])
            current, used = [pieces[-1]], measure(pieces[-1])
            continue
        extra = size + space if current else size
        if current and used + extra > width:
            lines.append(" ".join(current))
            current, used = [word], size
        else:
            current.append(word)
            used += extra
    lines.append(" ".join(current))
    return lines


def _cut(word: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """A word longer than a line (a long link, a hash) cut at the last character that fits."""
    pieces: list[str] = []
    start = 0
    used = 0.0
    for index, char in enumerate(word):
        size = measure(char)
        if used + size > width and index > start:
            pieces.append(word[start:index])
            start, used = index, 0.0
        used += size
    pieces.append(word[start:])
    return pieces
