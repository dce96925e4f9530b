"""Run slow work (Argon2, opening, backups) on a worker thread, answer on the GUI thread.

The one helper every screen uses, after Anki's pattern: `run_in_background(work, on_success,
on_failure)`. `work` runs on a `QThreadPool` worker; exactly one of the callbacks is then called
on the GUI thread with the result or the exception, so the window never freezes and callbacks
may touch widgets freely.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")

_in_flight: set[_Delivery] = set()


class _Delivery(QObject):
    """Lives on the GUI thread; a signal emitted from the worker is queued to it."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self, on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        _in_flight.discard(self)
        self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        _in_flight.discard(self)
        assert isinstance(error, BaseException)
        self._on_failure(error)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], delivery: _Delivery) -> None:
        super().__init__()
        self._work = work
        self._delivery = delivery

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # delivered, never swallowed: the GUI decides what to say
            self._delivery.failed.emit(exc)
        else:
            self._delivery.succeeded.emit(result)


def run_in_background(
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[BaseException], None],
) -> None:
    """Start `work` on a worker; call `on_success(result)` or `on_failure(exc)` on the GUI thread.

    Must be called from the GUI thread. The work must not touch widgets.
    """
    delivery = _Delivery(on_success, on_failure)
    _in_flight.add(delivery)
    QThreadPool.globalInstance().start(_Job(work, delivery))


def jobs_pending() -> int:
    """How many started jobs have not yet delivered their answer (for shutdown and tests)."""
    return len(_in_flight)


def wait_for_workers(timeout_ms: int = 30_000) -> bool:
    """Block until the workers are idle (used only when the app is quitting)."""
    return bool(QThreadPool.globalInstance().waitForDone(timeout_ms))
