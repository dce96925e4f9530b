"""Notices when the therapist has stepped away: no keyboard or mouse input anywhere in the app.

An application-wide event filter records the time of the last input (cheap: one clock read per
event); a coarse timer compares it with the allowed idle time and emits `idle` once. From
`warning_ms` before that, `countdown(seconds_left)` is emitted each check, as KeePassXC warns
before it locks; any input then emits `countdown_cancelled` and the wait starts again.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` after `timeout_ms` without input, while started. Fires once per start()."""

    idle = Signal()
    countdown = Signal(int)  # whole seconds left before `idle`
    countdown_cancelled = Signal()

    def __init__(
        self, timeout_ms: int, parent: QObject | None = None, *, warning_ms: int = 0
    ) -> None:
        super().__init__(parent)
        self._timeout_ms = timeout_ms
        self._warning_ms = warning_ms
        self._counting = False
        self._last_input = time.monotonic()
        self._check = QTimer(self)
        self._check.timeout.connect(self._check_idle)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timeout_ms = max(1, timeout_ms)
        if self._check.isActive():
            self._check.start(self._check_interval())

    def set_warning_ms(self, warning_ms: int) -> None:
        """How long before the lock the countdown shows (0: no countdown)."""
        self._warning_ms = max(0, warning_ms)

    @property
    def warning_ms(self) -> int:
        return self._warning_ms

    @property
    def counting_down(self) -> bool:
        return self._counting

    def seconds_since_input(self) -> float:
        return time.monotonic() - self._last_input

    def start(self) -> None:
        self._last_input = time.monotonic()
        self._check.start(self._check_interval())

    def stop(self) -> None:
        self._check.stop()
        self._end_countdown()

    def _end_countdown(self) -> None:
        if self._counting:
            self._counting = False
            self.countdown_cancelled.emit()

    @property
    def running(self) -> bool:
        return self._check.isActive()

    def _check_interval(self) -> int:
        # Fine enough that locking is never more than ~a second late, coarse enough to be free.
        return max(20, min(1000, self._timeout_ms // 4))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in _INPUT_EVENTS:
            self._last_input = time.monotonic()
            self._end_countdown()
        return False

    def _check_idle(self) -> None:
        left_ms = self._timeout_ms - (time.monotonic() - self._last_input) * 1000
        if left_ms <= 0:
            self._check.stop()
            self._end_countdown()
            self.idle.emit()
        elif self._warning_ms and left_ms <= self._warning_ms:
            self._counting = True
            self.countdown.emit(max(1, math.ceil(left_ms / 1000)))
