"""Which automatic backups to keep: the last few, one a week, one a month (pure, no files).

A therapist's defaults, after Borg's and Time Machine's pruning: the last 10 backups, the
newest of each week for 8 weeks (two months), and the newest of each month for 12 months.
Whatever else, the newest backup is always kept, and a backup dated in the future (a clock that
was wrong) is never removed: nothing is deleted on a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_KEEP_LAST = 10
DEFAULT_WEEKLY_WEEKS = 8
DEFAULT_MONTHLY_MONTHS = 12


@dataclass(frozen=True)
class RotationPolicy:
    """How many backups of each kind to keep; zero turns that kind off (not `keep_last`)."""

    keep_last: int = DEFAULT_KEEP_LAST
    weekly_weeks: int = DEFAULT_WEEKLY_WEEKS
    monthly_months: int = DEFAULT_MONTHLY_MONTHS

    def __post_init__(self) -> None:
        if self.keep_last < 1 or self.weekly_weeks < 0 or self.monthly_months < 0:
            raise ValueError("keep at least the last backup; weeks and months cannot be negative")


def backups_to_keep(
    made_at: Iterable[datetime], now: datetime, policy: RotationPolicy
) -> set[datetime]:
    """The backup times `policy` keeps, of those given (all aware, in any time zone)."""
    newest_first = sorted(set(made_at), reverse=True)
    keep: set[datetime] = {t for t in newest_first if t > now}  # future: never guess
    past = [t for t in newest_first if t <= now]
    keep.update(past[: policy.keep_last])
    if policy.weekly_weeks:
        week_cutoff = now - timedelta(weeks=policy.weekly_weeks)
        keep.update(_newest_per(past, lambda t: tuple(t.isocalendar()[:2]), week_cutoff))
    if policy.monthly_months:
        month_cutoff = _months_before(now, policy.monthly_months)
        keep.update(_newest_per(past, lambda t: (t.year, t.month), month_cutoff))
    if newest_first:
        keep.add(newest_first[0])
    return keep


def backups_to_remove(
    made_at: Iterable[datetime], now: datetime, policy: RotationPolicy
) -> set[datetime]:
    times = set(made_at)
    return times - backups_to_keep(times, now, policy)


def _newest_per(
    newest_first: list[datetime], bucket: Callable[[datetime], tuple[int, ...]], cutoff: datetime
) -> set[datetime]:
    """The newest time in each bucket (an ISO week, a month) from `cutoff` on."""
    seen: set[tuple[int, ...]] = set()
    kept: set[datetime] = set()
    for t in newest_first:
        if t < cutoff:
            break
        key = bucket(t)
        if key not in seen:
            seen.add(key)
            kept.add(t)
    return kept


def _months_before(now: datetime, months: int) -> datetime:
    """The first instant of the month `months - 1` before now's: 12 months = this month and
    the eleven before it."""
    index = now.year * 12 + (now.month - 1) - (months - 1)
    return now.replace(
        year=index // 12, month=index % 12 + 1, day=1, hour=0, minute=0, second=0, microsecond=0
    )
