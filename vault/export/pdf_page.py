"""A page of a Confidant PDF: margins, the running head, and "Confidential — Page X of Y".

The total page count is fpdf2's alias, replaced when the document is finished. It is live only
while the footer is drawn: fpdf2 would replace it in any text, so a note that says ``{nb}``
would print a number instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fpdf import FPDF

from vault.export.pdf_fonts import FAMILY, FontSet
from vault.export.pdf_text import needs_shaping, needs_symbols

MARGIN = 20.0  # millimetres, left, right and top
BOTTOM = 20.0  # the footer sits inside it
ALIAS = "{nb}"


class Page(FPDF):
    """fpdf2's document with Confidant's margins, header and footer."""

    def __init__(self, paper: str, running_head: str, footer: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format=paper)
        self.fonts_in_use = FontSet(self)
        self.running_head = running_head
        self.footer_text = footer
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, BOTTOM)
        self.c_margin = 0
        # The alias is off while text is drawn, so a note that says "{nb}" prints "{nb}".
        self.str_alias_nb_pages = ""

    def header(self) -> None:
        if self.page_no() == 1 or not self.running_head:
            return
        self.fonts_in_use.use(FAMILY, "", 8)
        self.set_text_color(110)
        self.set_xy(MARGIN, 9)
        with text_mode(self, self.running_head):
            self.cell(self.epw, 4, self.running_head, align="L")
        self.set_xy(MARGIN, MARGIN)

    def footer(self) -> None:
        self.fonts_in_use.use(FAMILY, "", 8)
        self.set_text_color(90)
        self.set_xy(MARGIN, -12)
        previous, self.str_alias_nb_pages = self.str_alias_nb_pages, ALIAS
        self.cell(self.epw, 4, f"{self.footer_text} — Page {self.page_no()} of {ALIAS}", align="C")
        self.str_alias_nb_pages = previous

    def finish(self) -> bytes:
        """The document's bytes, each footer's alias replaced by the page count."""
        self.str_alias_nb_pages = ALIAS
        return bytes(self.output())


@contextmanager
def text_mode(pdf: Page, text: str) -> Iterator[None]:
    """Shaping and fallback fonts on for `text` if it needs them, and back as they were after
    (a page break inside a paragraph draws a header and footer in the middle of it)."""
    fonts = pdf.fonts_in_use
    shaping, fallbacks = pdf.text_shaping, fonts.fallbacks_on
    fonts.fallbacks(True, symbols=needs_symbols(text))
    if needs_shaping(text):
        pdf.set_text_shaping(True)
    try:
        yield
    finally:
        pdf.text_shaping = shaping
        fonts.fallbacks(fallbacks)
