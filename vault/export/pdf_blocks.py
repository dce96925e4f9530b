"""What a Confidant PDF says, as plain values: a document is a list of these blocks.

The record and the forms describe their content with blocks (`vault.export.pdf_record`,
`vault.export.pdf_forms`); `vault.export.pdf_document` decides how they look on the page.
Keeping the two apart lets the renderer read every text before drawing the first page, so
the cover can say which characters could not be drawn, and the table of contents knows its
length in advance.

Every `str` in a block is literal text: nothing in it is markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TextStyle = Literal["body", "strong", "small", "title", "subtitle", "mono"]


@dataclass(frozen=True)
class Heading:
    """A heading. Levels 0 and 1 appear in the table of contents and the PDF's bookmarks
    unless `in_contents` is False; level 2 is a sub-heading inside an entry."""

    text: str
    level: int = 0
    in_contents: bool = True


@dataclass(frozen=True)
class Paragraph:
    """Text as typed: line breaks kept, long lines wrapped."""

    text: str
    style: TextStyle = "body"
    indent: float = 0.0  # millimetres from the left margin


@dataclass(frozen=True)
class Bullet:
    """One item of a list: a bullet, and the text wrapped beside it."""

    text: str
    style: TextStyle = "body"


@dataclass(frozen=True)
class Field:
    """A label and its value side by side ("Signed by  Demo Clinician")."""

    label: str
    value: str
    mono: bool = False  # hashes and ids, which must be read character by character


@dataclass(frozen=True)
class Checkbox:
    """A box to tick on a printed form (☐), or a ticked one (☒) in a record."""

    label: str
    checked: bool = False


@dataclass(frozen=True)
class FillIn:
    """A labelled line (or several) to write on by hand; `value` is printed on it if known."""

    label: str
    value: str = ""
    lines: int = 1


@dataclass(frozen=True)
class SignatureLine:
    """A line to sign on and a line for the date, with their labels beneath."""

    label: str
    date_label: str = "Date"


@dataclass(frozen=True)
class Space:
    millimetres: float = 4.0


@dataclass(frozen=True)
class Rule:
    """A thin line across the text width, between entries."""


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Contents:
    """Where the table of contents goes (one per document)."""

    title: str = "Contents"


@dataclass(frozen=True)
class UnprintableNotice:
    """Where to say, if need be, that some characters are shown as code points; draws nothing
    when every character could be drawn."""


Block = (
    Heading
    | Paragraph
    | Bullet
    | Field
    | Checkbox
    | FillIn
    | SignatureLine
    | Space
    | Rule
    | PageBreak
    | Contents
    | UnprintableNotice
)
