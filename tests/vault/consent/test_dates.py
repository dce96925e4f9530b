"""Deadlines fall where a person counting on a calendar expects them."""

from __future__ import annotations

from datetime import date

import pytest

from vault.consent.dates import accounting_start, add_days, add_months, add_years


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 5, 1), 12, date(2027, 5, 1)),
        (date(2026, 1, 31), -2, date(2025, 11, 30)),
    ],
)
def test_months_clamp_to_the_last_day(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_a_year_after_29_february_is_28_february() -> None:
    assert add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)


def test_days_count_as_days_across_month_ends() -> None:
    assert add_days(date(2026, 1, 31), 30) == date(2026, 3, 2)
    assert add_days(date(2028, 2, 1), 30) == date(2028, 3, 2)  # leap February


def test_the_accounting_starts_six_years_before_to_the_day() -> None:
    assert accounting_start(date(2026, 6, 15)) == date(2020, 6, 15)
    assert accounting_start(date(2030, 2, 28)) == date(2024, 2, 28)
