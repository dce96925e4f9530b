"""Printing record text to a terminal safely: one record per line, no control sequences.

Note text may hold anything a therapist pasted, including escape sequences and bidirectional
overrides; printed raw they could rewrite the terminal. Such characters are shown escaped.
"""

from __future__ import annotations

import json
import unicodedata

_SPACES = {"\t", "\n", "\r", "\x0b", "\x0c", "\u2028", "\u2029", "\x85"}


def terminal_safe(text: str) -> str:
    """`text` on one line: whitespace breaks become spaces, control and format characters are
    escaped (``\\x1b``, ``\\u202e``)."""
    out: list[str] = []
    for char in text:
        if char in _SPACES:
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def json_line(document: object) -> str:
    """One JSON object per line; ASCII-only, so no raw control characters reach the terminal."""
    return json.dumps(document, ensure_ascii=True, sort_keys=True)


def counted(number: int, noun: str) -> str:
    """``1 note``, ``3 notes``: counts read as a person would write them."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
