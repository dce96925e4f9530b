"""Words and dates for the confidentiality records, shown the same way in every view."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from vault.consent.model import EXCEPTIONS, LIMITS

HOW_LABELS: dict[str, str] = {
    "signed_paper": "Signed paper form",
    "electronic": "Electronic signature",
    "verbal": "Verbal (noted in the record)",
}
BASIS_LABELS: dict[str, str] = {
    "release": "A release of information",
    "client_request": "The client's own request",
    "legal_exception": "A legal exception",
}
LIMIT_LABELS = dict(LIMITS)
EXCEPTION_LABELS = dict(EXCEPTIONS)


def day_text(day: date | None) -> str:
    return day.isoformat() if day is not None else "—"


def date_edit(initial: date | None = None) -> QDateEdit:
    """A calendar date field showing ISO dates, so no day/month order is ever ambiguous."""
    edit = QDateEdit(to_qdate(initial or date.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_edit(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def due_text(due_on: date, today: date) -> str:
    """ "overdue by 3 days", "due today", "due in 5 days": the words a deadline is read by."""
    days = (due_on - today).days
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "due today"
    return f"due in {days} day{'s' if days != 1 else ''}"
