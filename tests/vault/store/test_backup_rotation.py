"""Rotation: which backup times a policy keeps, with "now" pinned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from vault.store.backup_rotation import RotationPolicy, backups_to_keep, backups_to_remove

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


def _daily(days: int) -> list[datetime]:
    return [NOW - timedelta(days=d) for d in range(days)]


def test_a_few_backups_are_all_kept():
    times = _daily(5)
    assert backups_to_remove(times, NOW, RotationPolicy()) == set()


def test_two_years_of_daily_backups_keep_the_last_ten_weekly_and_monthly():
    times = _daily(730)
    kept = backups_to_keep(times, NOW, RotationPolicy())
    assert set(_daily(10)) <= kept
    # one a week for eight weeks, one a month for twelve months, overlapping near now
    older_than_a_year = [t for t in kept if t < NOW - timedelta(days=366)]
    assert older_than_a_year == []
    weeks = {t.isocalendar()[:2] for t in kept if t >= NOW - timedelta(weeks=8)}
    assert len(weeks) >= 8
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 12
    assert len(kept) <= 10 + 9 + 12


def test_the_newest_of_each_week_is_the_one_kept():
    times = _daily(60)
    kept = backups_to_keep(times, NOW, RotationPolicy(keep_last=1, monthly_months=0))
    for week in {t.isocalendar()[:2] for t in times if t >= NOW - timedelta(weeks=8)}:
        in_week = [t for t in times if t.isocalendar()[:2] == week]
        assert max(in_week) in kept


def test_the_newest_is_kept_even_when_it_is_very_old():
    old = [NOW - timedelta(days=900), NOW - timedelta(days=1000)]
    kept = backups_to_keep(old, NOW, RotationPolicy(keep_last=1, weekly_weeks=0, monthly_months=0))
    assert kept == {old[0]}


def test_a_backup_dated_in_the_future_is_never_removed():
    future = NOW + timedelta(days=30)
    times = [future, *_daily(40)]
    assert future in backups_to_keep(times, NOW, RotationPolicy(keep_last=1))


def test_keep_last_counts_backups_not_days():
    times = [NOW - timedelta(minutes=m) for m in range(30)]
    kept = backups_to_keep(
        times, NOW, RotationPolicy(keep_last=3, weekly_weeks=0, monthly_months=0)
    )
    assert kept == set(times[:3])


def test_a_policy_must_keep_at_least_one():
    with pytest.raises(ValueError):
        RotationPolicy(keep_last=0)
