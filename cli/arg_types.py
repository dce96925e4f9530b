"""Argument types shared by commands, with messages argparse prints as they are."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date like 2026-03-02") from None
    if not date(1900, 1, 1) <= value <= date(9000, 1, 1):
        raise argparse.ArgumentTypeError("must be a date between 1900 and 9000")
    return value


def record_id(text: str) -> int:
    """A record's id: a whole number as the vault stores them (1 to 2**63 - 1)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a record's number, like 12") from None
    if not 1 <= value <= 2**63 - 1:
        raise argparse.ArgumentTypeError("must be a record's number, like 12")
    return value


def plain_word(text: str) -> str:
    """A code such as a kind of entry: plain printable ASCII, never undecodable bytes."""
    if not (text.isascii() and text.isprintable()):
        raise argparse.ArgumentTypeError("must be a plain word, like client or note.signed")
    return text
