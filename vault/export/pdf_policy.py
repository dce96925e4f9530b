"""The practice's confidentiality policy laid out as the document it is written as.

The shipped policy (`resources/consent/policy.md`) and the versions therapists write from it
are plain text in Markdown's shape: ``#`` headings, ``-`` bullets, paragraphs wrapped by hand,
``**`` around words to stress. A client signs the form that prints it, so it is laid out as
that shape means: headings as headings, bullets as bullets, a paragraph's lines joined, the
``**`` pairs taken away. Nothing else is interpreted (no links, no HTML, no images), and every
other character prints as typed. Session notes are never read this way: they print literally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vault.export.pdf_blocks import Block, Bullet, Heading, Paragraph, Space

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_STRESS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def policy_blocks(body: str, *, top_level: int = 2) -> Iterator[Block]:
    """The blocks of policy text `body`; its headings become headings of `top_level` and
    below (level 2 keeps them out of the table of contents)."""
    paragraph: list[str] = []
    bullet: list[str] | None = None

    def flush() -> Iterator[Block]:
        nonlocal paragraph, bullet
        if bullet is not None:
            yield Bullet(_plain(" ".join(bullet)))
            bullet = None
        if paragraph:
            yield Paragraph(_plain(" ".join(paragraph)))
            yield Space(1.5)
            paragraph = []

    for raw in body.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        heading = _HEADING.match(line)
        item = _BULLET.match(raw)
        if not line:
            yield from flush()
        elif heading:
            yield from flush()
            level = min(top_level + len(heading.group(1)) - 1, 2)
            yield Heading(_plain(heading.group(2)), max(level, top_level), in_contents=False)
        elif item:
            yield from flush()
            bullet = [item.group(1).strip()]
        elif bullet is not None and raw[:1].isspace():
            bullet.append(line)
        else:
            if bullet is not None:
                yield from flush()
            paragraph.append(line)
    yield from flush()


def _plain(text: str) -> str:
    """``**stressed**`` as ``stressed``; a lone ``**`` stays, as typed."""
    return _STRESS.sub(r"\1", text)
