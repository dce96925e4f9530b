"""Timing samples and their medians and 95th percentiles."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Samples:
    """Milliseconds, one per run of the same operation."""

    values_ms: list[float] = field(default_factory=list)

    def add(self, ms: float) -> None:
        self.values_ms.append(ms)

    @property
    def p50(self) -> float:
        return statistics.median(self.values_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.values_ms)
        index = max(0, round(0.95 * len(ordered)) - 1)
        return ordered[index]

    def __len__(self) -> int:
        return len(self.values_ms)


def time_ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def sample(fn: Callable[[], object], runs: int, warmup: int = 1) -> Samples:
    for _ in range(warmup):
        fn()
    result = Samples()
    for _ in range(runs):
        result.add(time_ms(fn))
    return result
