"""Reading a PDF back in tests: its pages' text (pypdf), as a reader's search would see it."""

from __future__ import annotations

import io

import pypdf


def page_texts(data: bytes, password: str | None = None) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    if password is not None:
        assert reader.decrypt(password) != pypdf.PasswordType.NOT_DECRYPTED
    return [page.extract_text() for page in reader.pages]


def all_text(data: bytes, password: str | None = None) -> str:
    return "\n".join(page_texts(data, password))


def one_line(text: str) -> str:
    """Text with its line breaks as spaces, for phrases a layout may wrap."""
    return " ".join(text.split())
