"""Text made ready to draw: nothing interpreted, nothing dropped, lines that fit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vault.export.pdf_fonts import FAMILY
from vault.export.pdf_text import (
    Unprintable,
    needs_fpdf_layout,
    printable,
    starts_right_to_left,
    wrap,
)

WIDTHS = {ord(c): 500.0 for c in "abcdefghijklmnopqrstuvwxyz"} | {32: 250.0}
SCALE = 0.01  # 500 thousandths at this scale: 5 units a letter, 2.5 a space


def test_characters_no_font_draws_become_their_code_points_and_are_counted() -> None:
    tally = Unprintable()
    assert printable("Demo 张伟 and 张", tally) == "Demo [U+5F20][U+4F1F] and [U+5F20]"
    assert tally.total == 3
    assert tally.examples() == ["[U+5F20]", "[U+4F1F]"]


def test_control_characters_are_shown_not_obeyed() -> None:
    assert printable("Demo\x07bell\x1b[31mred") == "Demo[U+0007]bell[U+001B][31mred"


def test_line_breaks_of_every_kind_become_one_and_tabs_spaces() -> None:
    assert printable("a\r\nb\rc\u2028d\te") == "a\nb\nc\nd    e"


def test_drawable_text_is_kept_exactly() -> None:
    text = "Demo <b>x</b> &amp; **y** {nb} שלום 🙂 é"
    assert printable(text) == text


def test_only_right_to_left_or_fallback_text_needs_fpdf_layout() -> None:
    assert not needs_fpdf_layout("Demo plain text, café", FAMILY, "")
    assert needs_fpdf_layout("Demo שלום", FAMILY, "")
    assert needs_fpdf_layout("Demo 🙂", FAMILY, "")


def test_wrap_breaks_at_spaces_and_keeps_every_character() -> None:
    lines = wrap("aaaa bbbb cccc dddd", 50, WIDTHS, SCALE)
    assert lines == ["aaaa bbbb", "cccc dddd"]


def test_a_word_longer_than_a_line_is_cut() -> None:
    assert wrap("abcdefghij", 20, WIDTHS, SCALE) == ["abcd", "efgh", "ij"]


@given(st.text(alphabet="abc ", max_size=200), st.integers(min_value=5, max_value=200))
def test_no_wrapped_line_is_wider_than_asked_and_nothing_is_lost(text: str, width: int) -> None:
    lines = wrap(text, width, WIDTHS, SCALE)
    for line in lines:
        measured = sum(WIDTHS[ord(c)] for c in line) * SCALE
        assert measured <= width or len(line) == 1
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_paragraph_reads_right_to_left_when_its_first_letter_does() -> None:
    assert starts_right_to_left("123 שלום Demo")
    assert not starts_right_to_left("Demo שלום")
    assert not starts_right_to_left("123 !")
