"""Notices when the therapist has stepped away: no keyboard or mouse input anywhere in the app.

An application-wide event filter records the time of the last input (cheap: one clock read per
event); a coarse timer compares it with the allowed idle time and emits `idle` once.
"""

from __future__ import annotations

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

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = timeout_ms
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

    def start(self) -> None:
        self._last_input = time.monotonic()
        self._check.start(self._check_interval())

    def stop(self) -> None:
        self._check.stop()

    @property
    def running(self) -> bool:
        return self._check.isActive()

    def _check_interval(self) -> int:
        # Fine enough that locking is never more than ~a second late, coarse enough to be free.
        return max(20, min(1000, self._timeout_ms // 4))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in _INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def _check_idle(self) -> None:
        if (time.monotonic() - self._last_input) * 1000 >= self._timeout_ms:
            self._check.stop()
            self.idle.emit()
