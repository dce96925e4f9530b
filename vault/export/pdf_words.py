"""The words a printed record uses for stored codes ("in_person" -> "In person")."""

from __future__ import annotations

from datetime import date

from vault.consent.model import EXCEPTIONS, LIMITS

MODALITY = {"in_person": "In person", "video": "Video", "phone": "Telephone"}
SERVICE = {
    "individual": "Individual",
    "couples": "Couples",
    "family": "Family",
    "group": "Group",
}
RISK = {
    "not_assessed": "not assessed",
    "none": "none",
    "low": "low",
    "moderate": "moderate",
    "high": "high",
}
HOW_GIVEN = {
    "signed_paper": "Signed paper form",
    "electronic": "Electronic signature",
    "verbal": "Verbally (noted in the record)",
}
LIMIT = dict(LIMITS)
EXCEPTION = dict(EXCEPTIONS)
DECISION = {"accepted": "Accepted", "denied": "Denied"}


def word(table: dict[str, str], code: str) -> str:
    """The word for `code`, or the code itself for a value this version does not know."""
    return table.get(code, code)


def day(value: date | None, missing: str = "—") -> str:
    return value.isoformat() if value is not None else missing


def moment(iso: str) -> str:
    """A stored UTC time (``2026-03-02T14:05:09+00:00``) as ``2026-03-02 14:05 UTC``."""
    if not iso:
        return "—"
    text = iso.replace("T", " ")
    for suffix in ("+00:00", "Z"):
        if text.endswith(suffix):
            return text[: -len(suffix)][:16] + " UTC"
    return text


def session_time(iso: str) -> str:
    """A session's local start (``2026-03-02T14:00``) as ``2026-03-02 14:00``."""
    return iso.replace("T", " ")[:16]


def count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"
