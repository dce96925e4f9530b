"""One place that says what "now" is, so records agree on format and tests can pin time."""

from __future__ import annotations

from datetime import UTC, datetime


def now_utc() -> datetime:
    return datetime.now(UTC)


def now_iso() -> str:
    """UTC, second precision, ISO 8601: sorts as text and reads the same everywhere."""
    return now_utc().isoformat(timespec="seconds")


def stamp_for_filename() -> str:
    return now_utc().strftime("%Y%m%d-%H%M%S")
