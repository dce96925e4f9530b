"""The policy text laid out in the shape it is written in, and nothing more interpreted."""

from __future__ import annotations

from vault.consent.policy import default_policy_text
from vault.export.pdf_blocks import Bullet, Heading, Paragraph
from vault.export.pdf_policy import policy_blocks


def _texts(body: str) -> list[tuple[str, str]]:
    return [
        (type(b).__name__, b.text)
        for b in policy_blocks(body)
        if isinstance(b, Heading | Paragraph | Bullet)
    ]


def test_headings_paragraphs_and_bullets() -> None:
    body = "# Demo title\n\nOne line\nand its rest.\n\n- **Demo stress** then\n  more.\n- Two\n"
    assert _texts(body) == [
        ("Heading", "Demo title"),
        ("Paragraph", "One line and its rest."),
        ("Bullet", "Demo stress then more."),
        ("Bullet", "Two"),
    ]


def test_nothing_else_is_interpreted() -> None:
    body = "Demo <b>x</b> [link](y) ** lone *one* `code` &amp;"
    assert _texts(body) == [("Paragraph", body)]


def test_the_shipped_policy_keeps_every_word() -> None:
    body = default_policy_text()
    printed = " ".join(text for _, text in _texts(body))
    words = body.replace("**", "").replace("#", "").replace("- ", " ").split()
    assert printed.split() == words
