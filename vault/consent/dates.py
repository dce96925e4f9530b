"""Calendar arithmetic for deadlines, the way a person counts them.

"One month after 31 January" is the last day of February, and "one year after 29 February" is
28 February: a month or a year later falls on the same day of the month, or on the month's
last day when that day does not exist. Days are counted as days (30 days after the 1st is the
31st).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

ACCESS_DAYS = 30  # 45 CFR 164.524: access within 30 days of the request
ACCESS_EXTENSION_DAYS = 30  # one extension, with written notice of the reason
AMENDMENT_DAYS = 60  # 164.526: act on an amendment request within 60 days
ACCOUNTING_YEARS = 6  # 164.528: disclosures in the six years before the request
DEFAULT_REVIEW_MONTHS = 12  # consent revisited yearly, a common default


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def accounting_start(as_of: date) -> date:
    """The first day an accounting of disclosures covers: six years before, to the day."""
    return add_years(as_of, -ACCOUNTING_YEARS)
