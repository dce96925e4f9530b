"""The renderer on its own: any text in any block, long contents, headers and footers."""

from __future__ import annotations

import logging
import re

import pytest

from tests.vault.export.pdf_reading import page_texts
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
    SignatureLine,
    UnprintableNotice,
)
from vault.export.pdf_document import render_pdf

AWKWARD = "Demo مرحبا שלום 🙂 张 <i>x</i> {nb}"


def test_awkward_text_in_every_kind_of_block_draws_without_a_missing_glyph(
    caplog: pytest.LogCaptureFixture,
) -> None:
    blocks = [
        Heading(AWKWARD, 0),
        Heading(AWKWARD, 1),
        Heading(AWKWARD, 2),
        Paragraph(AWKWARD, "strong"),
        Paragraph(AWKWARD, "mono"),
        Bullet(AWKWARD),
        Field(AWKWARD, AWKWARD),
        Checkbox(AWKWARD),
        FillIn(AWKWARD, AWKWARD),
        SignatureLine(AWKWARD, AWKWARD),
        UnprintableNotice(),
    ]
    with caplog.at_level(logging.WARNING):
        pdf = render_pdf(blocks, title="Demo", running_head=AWKWARD)
    assert caplog.records == []
    text = " ".join(page_texts(pdf))
    assert text.count("{nb}") >= 10 and "<i>x</i>" in text and "[U+5F20]" in text
    # Once in each of the 13 texts above, and once in the running head.
    assert "14 characters in this document could not be drawn" in " ".join(text.split())


def test_long_contents_fill_the_pages_reserved_for_them_and_point_right() -> None:
    blocks: list[Block] = [Paragraph("Demo cover"), Contents()]
    for part in range(3):
        blocks.append(Heading(f"Demo part {part}", 0))
        blocks += [Heading(f"Demo entry {part}.{n:03}", 1) for n in range(150)]
    # fpdf2 refuses to finish if the contents need more or fewer pages than were reserved.
    pages = page_texts(render_pdf(blocks, title="Demo"))
    listed = [
        (title, int(page))
        for text in pages
        for title, page in re.findall(r"^(Demo (?:entry|part) [\d.]+) (\d+)$", text, re.M)
    ]
    assert len(listed) == 453
    contents_pages = {
        n for n, text in enumerate(pages) if re.search(r"^Demo entry .* \d+$", text, re.M)
    }
    assert contents_pages == set(range(1, max(contents_pages) + 1)) and len(contents_pages) > 5
    for title, page in listed:
        assert re.search(rf"^{re.escape(title)}$", pages[page - 1], re.M), title


def test_the_running_head_is_on_every_page_but_the_first() -> None:
    pages = page_texts(
        render_pdf(
            [Paragraph("Demo one"), PageBreak(), Paragraph("Demo two")],
            title="Demo",
            running_head="Demo Head — record",
        )
    )
    assert "Demo Head" not in pages[0] and "Demo Head — record" in pages[1]


def test_a_page_break_never_makes_an_empty_page() -> None:
    pages = page_texts(render_pdf([PageBreak(), Paragraph("Demo"), PageBreak(), PageBreak()],
                                  title="Demo"))  # fmt: skip
    assert len(pages) == 1
