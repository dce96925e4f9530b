"""The fonts a Confidant PDF is drawn with, shipped in ``resources/fonts/``, never the system's.

DejaVu Sans draws Latin, Greek, Cyrillic, Hebrew and Arabic; a subset of Symbola draws the
emoji and symbols DejaVu lacks. A font is added to a document only when the document first
uses it (most records never need Symbola), because reading a font costs a few tens of
milliseconds and a practice's export makes one PDF per client.

`covered` is the set of characters some shipped font can draw; `vault.export.pdf_text`
shows every other character as its code point rather than dropping it.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from importlib.resources import as_file
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

from resources import bundled

FAMILY = "dejavu"
MONO = "dejavumono"
SYMBOLS = "symbola"


@dataclass(frozen=True)
class ShippedFont:
    family: str
    style: str  # "", "B", "I" or "BI", as fpdf2 names them
    file: str


SHIPPED: tuple[ShippedFont, ...] = (
    ShippedFont(FAMILY, "", "DejaVuSans.ttf"),
    ShippedFont(FAMILY, "B", "DejaVuSans-Bold.ttf"),
    ShippedFont(FAMILY, "I", "DejaVuSans-Oblique.ttf"),
    ShippedFont(FAMILY, "BI", "DejaVuSans-BoldOblique.ttf"),
    ShippedFont(MONO, "", "DejaVuSansMono.ttf"),
    ShippedFont(SYMBOLS, "", "Symbola-subset.ttf"),
)
_BY_KEY = {(font.family, font.style): font for font in SHIPPED}
# Where a glyph is missing from the face in use, fpdf2 looks in these, in order: DejaVu's
# regular face first (its bold and oblique faces and the mono font lack some scripts), then
# the symbols.
FALLBACK_FAMILIES = (FAMILY, SYMBOLS)

_files = ExitStack()  # keeps `as_file` copies alive (only made when resources are zipped)


@cache
def font_path(file: str) -> Path:
    """A real file for the shipped font `file` (fpdf2 and HarfBuzz read fonts from a path)."""
    return Path(_files.enter_context(as_file(bundled("fonts", file))))


@cache
def coverage(family: str, style: str = "") -> frozenset[str]:
    """Every character the face `family` `style` can draw on its own."""
    with TTFont(font_path(_BY_KEY[(family, style)].file), lazy=True) as font:
        return frozenset(map(chr, font.getBestCmap()))


@cache
def covered() -> frozenset[str]:
    """Every character some shipped font can draw (with the fallbacks in place)."""
    return frozenset().union(*(coverage(family) for family in FALLBACK_FAMILIES))


class FontSet:
    """The shipped fonts of one document, each added on first use.

    Fallback fonts are switched on only for a text that needs them: with fallbacks set,
    fpdf2 examines every character of every text one by one, which would slow a long record
    for the sake of the rare emoji.
    """

    def __init__(self, pdf: FPDF) -> None:
        self._pdf = pdf
        self._added: set[tuple[str, str]] = set()
        self.fallbacks_on = False
        self.ensure(FAMILY)

    def use(self, family: str, style: str = "", size: float = 10) -> None:
        """Make `family` in `style` the current font, adding it to the document if need be."""
        self.ensure(family, style)
        self._pdf.set_font(family, style, size)

    def ensure(self, family: str, style: str = "") -> None:
        key = (family, style)
        if key not in self._added:
            font = _BY_KEY[key]
            self._pdf.add_font(font.family, font.style, str(font_path(font.file)))
            self._added.add(key)

    def fallbacks(self, on: bool, *, symbols: bool = False) -> None:
        """Let fpdf2 draw missing glyphs from DejaVu's regular face (and, with `symbols`, from
        Symbola), or stop it looking."""
        if symbols:
            self.ensure(SYMBOLS)
        if not on:
            if self.fallbacks_on:
                self._pdf.set_fallback_fonts([])
                self.fallbacks_on = False
            return
        families = [family for family in FALLBACK_FAMILIES if (family, "") in self._added]
        self._pdf.set_fallback_fonts(families, exact_match=False)
        self.fallbacks_on = True
