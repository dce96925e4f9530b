"""Drawing a list of blocks as a PDF in memory: fonts, headings, table of contents, footer.

`render_pdf` is the one way Confidant makes a PDF (fpdf2, no Qt, so the CLI and the core can
make one). Its promises: the bytes never touch the disk here (encrypting and writing are the
caller's, `vault.export.pdf_security`); every page says "Confidential — Page X of Y"; every
text is drawn literally (`vault.export.pdf_text`); the table of contents lists every heading
of levels 0 and 1 with its page, and the PDF's bookmarks mirror it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from fpdf import FPDF, XPos, YPos
from fpdf.fonts import TTFFont
from fpdf.outline import OutlineSection

from vault.export.pdf_blocks import (
    Block,
    Bullet,
    Checkbox,
    Contents,
    Field,
    FillIn,
    Heading,
    PageBreak,
    Paragraph,
    Rule,
    SignatureLine,
    Space,
    TextStyle,
    UnprintableNotice,
)
from vault.export.pdf_fonts import FAMILY, MONO
from vault.export.pdf_page import MARGIN, Page, text_mode
from vault.export.pdf_text import (
    Unprintable,
    needs_fpdf_layout,
    printable,
    starts_right_to_left,
)
from vault.export.pdf_text import wrap as _wrap
from vault.store.errors import ValidationError

PAPER_SIZES = ("A4", "Letter")
LABEL_WIDTH = 44.0
BULLET_INDENT = 2.0
BULLET_HANG = 5.0


@dataclass(frozen=True)
class _Look:
    family: str
    style: str
    size: float  # points
    line: float  # millimetres per line
    grey: int = 0


LOOKS: dict[TextStyle, _Look] = {
    "body": _Look(FAMILY, "", 10, 5.0),
    "strong": _Look(FAMILY, "B", 10, 5.0),
    "small": _Look(FAMILY, "", 8.5, 4.2, 70),
    "title": _Look(FAMILY, "B", 20, 9.5),
    "subtitle": _Look(FAMILY, "", 12, 6.5),
    "mono": _Look(MONO, "", 8.5, 4.5),
}
HEADINGS = (_Look(FAMILY, "B", 15, 7.5), _Look(FAMILY, "B", 12, 6.2), _Look(FAMILY, "B", 10, 5.2))
SPACE_BEFORE = (6.0, 5.0, 2.5)
# Room a heading needs below it on its page, or it starts the next one: an entry's heading
# and its header fields (a note's date, kind, participants, signature) stay together.
KEEP_WITH_NEXT = (30.0, 62.0, 16.0)
CONTENTS_LINE = 5.2


def render_pdf(
    blocks: Sequence[Block],
    *,
    paper: str = "A4",
    title: str,
    running_head: str = "",
    footer: str = "Confidential",
) -> bytes:
    """The blocks drawn on `paper` ("A4" or "Letter"), as PDF bytes built in memory.

    `title` goes into the PDF's metadata (keep it generic: no names); `running_head` is
    printed at the top of every page after the first.
    """
    if paper not in PAPER_SIZES:
        raise ValidationError(
            f"Paper size must be one of: {', '.join(PAPER_SIZES)}.", field="paper"
        )
    tally = Unprintable()
    ready = [_printable_block(block, tally) for block in blocks]
    page = Page(paper, printable(running_head, tally), footer)
    page.set_title(title)
    page.set_creator("Confidant")
    _Renderer(page, tally, sum(_in_contents(block) for block in ready)).draw(ready)
    return page.finish()


class _Renderer:
    def __init__(self, pdf: Page, tally: Unprintable, contents_entries: int) -> None:
        self.pdf = pdf
        self.fonts = pdf.fonts_in_use
        self.tally = tally
        self.contents_entries = contents_entries
        self.contents_title = "Contents"
        self.break_pending = False
        self.measured: dict[str, dict[str, float]] = {}  # font -> word -> width (font units)

    def draw(self, blocks: Sequence[Block]) -> None:
        self.pdf.add_page()
        for block in blocks:
            self._block(block)

    def _block(self, block: Block) -> None:
        # A page break waits for something to put on the new page: never an empty last page.
        if isinstance(block, PageBreak):
            self.break_pending = self.pdf.y > self.pdf.t_margin + 0.5
            return
        if self.break_pending:
            self.pdf.add_page()
            self.break_pending = False
        match block:
            case Heading():
                self._heading(block)
            case Paragraph():
                self._paragraph(block.text, LOOKS[block.style], MARGIN + block.indent)
            case Bullet():
                self._bullet(block.text, "•", LOOKS[block.style])
            case Field():
                self._field(block)
            case Checkbox():
                self._bullet(block.label, "☒" if block.checked else "☐", LOOKS["body"])
                self.pdf.ln(1)
            case FillIn():
                self._fill_in(block)
            case SignatureLine():
                self._signature(block)
            case Space():
                self.pdf.ln(block.millimetres)
            case Rule():
                self._rule()
            case Contents():
                self._contents(block)
            case UnprintableNotice():
                self._unprintable_notice()

    # Text

    def _paragraph(self, text: str, look: _Look, x: float, width: float | None = None) -> None:
        """`text` from `x`, wrapped to `width` (the rest of the line by default)."""
        pdf = self.pdf
        width = width if width is not None else pdf.w - MARGIN - x
        self._look(look)
        for line in text.split("\n"):
            pdf.set_x(x)
            if needs_fpdf_layout(line, look.family, look.style):
                self._fpdf_layout(line, width, look.line)
                continue
            font = _font(pdf)
            measured = self.measured.setdefault(font.fontkey, {})
            for piece in _wrap(line, width, font.cw, pdf.font_size / 1000, measured):
                self._line(piece, x, look.line)
        pdf.set_x(MARGIN)

    def _line(self, text: str, x: float, height: float) -> None:
        """One line already measured to fit, drawn with fpdf2's plain `text` (no layout work:
        the fast path that keeps a 500-note record within its two seconds)."""
        pdf = self.pdf
        if pdf.y + height > pdf.page_break_trigger:
            pdf.add_page()
        if text:
            # The baseline where fpdf2's own cell() would put it.
            pdf.text(x, pdf.y + 0.5 * height + 0.3 * pdf.font_size, text)
        pdf.set_xy(x, pdf.y + height)

    def _bullet(self, text: str, mark: str, look: _Look) -> None:
        """`mark` at the list's indent and `text` wrapped beside it (a hanging indent)."""
        pdf = self.pdf
        if pdf.y + look.line > pdf.page_break_trigger:
            pdf.add_page()
        top = pdf.y
        self._paragraph(mark, look, MARGIN + BULLET_INDENT, BULLET_HANG)
        pdf.set_y(top)
        self._paragraph(text, look, MARGIN + BULLET_INDENT + BULLET_HANG)

    def _fpdf_layout(self, line: str, width: float, height: float) -> None:
        """A line fpdf2 must lay out itself: shaped right-to-left text, or glyphs drawn from a
        fallback font. Slower, and rare."""
        align = "R" if starts_right_to_left(line) else "L"
        with text_mode(self.pdf, line):
            self.pdf.multi_cell(width, height, line, align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)

    def _look(self, look: _Look) -> None:
        pdf = self.pdf
        current = (pdf.font_family, pdf.font_style, pdf.font_size_pt)
        if current != (look.family, look.style, look.size):
            self.fonts.use(look.family, look.style, look.size)
        pdf.set_text_color(look.grey)

    def _heading(self, block: Heading) -> None:
        pdf = self.pdf
        level = min(block.level, len(HEADINGS) - 1)
        look = HEADINGS[level]
        if pdf.y > pdf.t_margin + 1:
            pdf.ln(SPACE_BEFORE[level])
        if pdf.y + KEEP_WITH_NEXT[level] > pdf.page_break_trigger:
            pdf.add_page()
        if block.in_contents and level <= 1:
            pdf.start_section(_one_line(block.text), level=level, strict=False)
        self._paragraph(block.text, look, MARGIN)
        pdf.ln(1.5 if level < 2 else 0.5)

    def _field(self, block: Field) -> None:
        pdf = self.pdf
        if pdf.y + LOOKS["body"].line > pdf.page_break_trigger:
            pdf.add_page()
        top, page = pdf.y, pdf.page
        self._paragraph(block.label, LOOKS["strong"], MARGIN, LABEL_WIDTH - 3)
        label_page, below_label = pdf.page, pdf.y
        if pdf.page == page:
            pdf.set_y(top)
        value_look = LOOKS["mono"] if block.mono else LOOKS["body"]
        self._paragraph(block.value or "—", value_look, MARGIN + LABEL_WIDTH)
        if pdf.page == label_page:
            pdf.set_y(max(pdf.y, below_label))
        pdf.ln(0.8)

    # Forms

    def _fill_in(self, block: FillIn) -> None:
        pdf = self.pdf
        look = LOOKS["body"]
        needed = 8.0 * block.lines + 2
        if pdf.y + needed > pdf.page_break_trigger:
            pdf.add_page()
        self._paragraph(block.label, LOOKS["strong"], MARGIN)
        if block.value:
            self._paragraph(block.value, look, MARGIN + 2)
        for _ in range(block.lines):
            pdf.ln(6.5)
            pdf.set_draw_color(120)
            pdf.line(MARGIN, pdf.y, pdf.w - MARGIN, pdf.y)
        pdf.ln(3)

    def _signature(self, block: SignatureLine) -> None:
        pdf = self.pdf
        if pdf.y + 24 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.ln(14)
        date_width = 45.0
        gap = 10.0
        sign_width = pdf.epw - date_width - gap
        y = pdf.y
        pdf.set_draw_color(0)
        pdf.line(MARGIN, y, MARGIN + sign_width, y)
        pdf.line(MARGIN + sign_width + gap, y, pdf.w - MARGIN, y)
        pdf.set_y(y + 1)
        self._paragraph(block.label, LOOKS["small"], MARGIN, sign_width)
        pdf.set_y(y + 1)
        self._paragraph(block.date_label, LOOKS["small"], MARGIN + sign_width + gap, date_width)
        pdf.ln(4)

    def _rule(self) -> None:
        pdf = self.pdf
        pdf.ln(2)
        pdf.set_draw_color(180)
        pdf.line(MARGIN, pdf.y, pdf.w - MARGIN, pdf.y)
        pdf.ln(2)

    def _unprintable_notice(self) -> None:
        if not self.tally.total:
            return
        count = self.tally.total
        characters = "character" if count == 1 else "characters"
        text = (
            f"{count} {characters} in this document could not be drawn with the fonts "
            "Confidant ships (for example Chinese, Japanese or Korean script, or an invisible "
            "control character). Each is shown instead as its Unicode code point in square "
            f"brackets: {', '.join(self.tally.examples())}. Nothing was left out."
        )
        self.pdf.ln(2)
        self._paragraph(text, LOOKS["small"], MARGIN)

    # Table of contents

    def _contents(self, block: Contents) -> None:
        pdf = self.pdf
        if pdf.y > pdf.t_margin + 1:
            pdf.add_page()
        self.contents_title = block.title
        for look in (HEADINGS[0], HEADINGS[2], LOOKS["body"], LOOKS["small"]):
            self.fonts.ensure(look.family, look.style)
        pages = self._contents_pages(pdf.y)
        pdf.insert_toc_placeholder(self._render_contents, pages=pages)

    def _contents_pages(self, start_y: float) -> int:
        """How many pages the table of contents takes (fpdf2 reserves them in advance)."""
        first = self._contents_lines(start_y + HEADINGS[0].line + 3)
        rest = self._contents_lines(self.pdf.t_margin)
        if self.contents_entries <= first:
            return 1
        return 1 + math.ceil((self.contents_entries - first) / rest)

    def _contents_lines(self, y: float) -> int:
        return max(1, int((self.pdf.page_break_trigger - y) // CONTENTS_LINE))

    def _render_contents(self, pdf: Any, outline: list[OutlineSection]) -> None:
        """Called by fpdf2 at the end, when every heading's page is known."""
        alias, pdf.str_alias_nb_pages = pdf.str_alias_nb_pages, ""
        self._contents_entries(pdf, outline)
        pdf.str_alias_nb_pages = alias

    def _contents_entries(self, pdf: Page, outline: list[OutlineSection]) -> None:
        self._paragraph(self.contents_title, HEADINGS[0], MARGIN)
        pdf.ln(3)
        number_width = 16.0
        for section in outline:
            if pdf.y + CONTENTS_LINE > pdf.page_break_trigger:
                pdf.add_page()
            indent = 0.0 if section.level == 0 else 6.0
            look = HEADINGS[2] if section.level == 0 else LOOKS["body"]
            self._look(look)
            width = pdf.epw - indent - number_width
            link = pdf.add_link(page=section.page_number)
            name = _fit(pdf, section.name, width - 2)
            pdf.set_x(MARGIN + indent)
            with text_mode(pdf, name):
                pdf.cell(width, CONTENTS_LINE, name, link=link)
            pdf.cell(number_width, CONTENTS_LINE, str(section.page_number), align="R", link=link)
            pdf.ln(CONTENTS_LINE)


def _font(pdf: FPDF) -> TTFFont:
    """The current font, whose width table (`cw`, thousandths of the size) lines are measured
    with."""
    font = pdf.current_font
    assert isinstance(font, TTFFont), "Confidant draws with its shipped TrueType fonts only"
    return font


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """`text` cut with an ellipsis to fit one line of the table of contents."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _in_contents(block: Block) -> bool:
    return isinstance(block, Heading) and block.in_contents and block.level <= 1


def _printable_block(block: Block, tally: Unprintable) -> Block:
    """`block` with each of its texts made `printable` (undrawable characters counted)."""
    match block:
        case Heading() | Paragraph() | Bullet():
            return replace(block, text=printable(block.text, tally))
        case Field():
            return replace(
                block, label=printable(block.label, tally), value=printable(block.value, tally)
            )
        case Checkbox():
            return replace(block, label=printable(block.label, tally))
        case FillIn():
            return replace(
                block, label=printable(block.label, tally), value=printable(block.value, tally)
            )
        case SignatureLine():
            return replace(
                block,
                label=printable(block.label, tally),
                date_label=printable(block.date_label, tally),
            )
        case Contents():
            return replace(block, title=printable(block.title, tally))
    return block
