"""Slow export or import work with a progress bar fed by the vault, and its outcome in words.

The work runs on the one background helper (`ui.kit.background.run_in_background`), owned by
this panel, so a lock that destroys the window drops the answer. The vault reports progress
from the worker through `ProgressRelay`, a signal queued to the GUI thread; `cancel()` sets a
flag the vault reads between notes, so an export stops and writes nothing. The end is one of
three outcomes: the summary, "cancelled", or the failure in one sentence (never a traceback,
never text from a record: see `ui.export.wording.one_line`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from ui.export.wording import one_line
from ui.kit.background import run_in_background
from vault.export.errors import ExportCancelledError

T = TypeVar("T")
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
DONE, CANCELLED, FAILED = "done", "cancelled", "failed"


def fit_to_contents(window: QWidget) -> None:
    """Grow `window` (in height only, so it never jumps narrower) to show wrapped text whole,
    once the labels that just changed or appeared have been laid out, on the next turn of the
    event loop: `adjustSize` undercounts the height of word-wrapped labels."""

    def fit() -> None:
        layout = window.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(window.width())
        if needed > window.height():
            window.resize(window.width(), needed)

    QTimer.singleShot(0, window, fit)


class ProgressRelay(QObject):
    """Made on the GUI thread; `report` is called on the worker, `moved` arrives queued."""

    moved = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        self.moved.emit(done, total)


class RunPanel(QWidget):
    """`ended(outcome)` fires once, with DONE, CANCELLED or FAILED; `succeeded(result)` and
    `failed(error)` carry what came back, after the outcome is shown."""

    ended = Signal(str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self.running = False
        self.outcome = ""
        self._unit: str | None = None
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the vault says how much there is
        self.bar.setAccessibleName("Progress")
        self.bar.setMinimumWidth(420)
        self.count = QLabel()
        self.count.setObjectName("Hint")
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # paths and messages are text
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("Outcome")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        self.relay = ProgressRelay(self)
        self.relay.moved.connect(self._moved)

    def is_cancelled(self) -> bool:
        """Read by the vault on the worker thread, between notes."""
        return self._cancel.is_set()

    def start(
        self,
        work: Callable[[Progress, Cancel], T],
        summary: Callable[[T], str],
        *,
        doing: str,
        cancelled_text: str = "Cancelled. No file was written.",
        unit: str | None = None,
    ) -> None:
        """Run `work(progress, cancel)` in the background; show `summary(result)` at the end.

        `doing` names the work in a failure ("The export"); the vault's own error says why.
        `unit` names what the vault counts ("notes"), shown as "12 of 340 notes"; None when
        its steps mean nothing to a person, and only the bar moves."""
        self._unit = unit
        self.running = True
        self.outcome = ""
        self._cancel.clear()
        self.bar.setRange(0, 0)
        self.bar.show()
        self.count.clear()
        self.message.hide()
        report, cancelled = self.relay.report, self.is_cancelled

        def run() -> T:
            return work(report, cancelled)

        def done(result: T) -> None:
            self._finish(DONE, summary(result))
            self.succeeded.emit(result)

        def failed(error: BaseException) -> None:
            if isinstance(error, ExportCancelledError):
                self._finish(CANCELLED, cancelled_text)
            else:
                self._finish(FAILED, one_line(error, doing))
            self.failed.emit(error)

        run_in_background(run, done, failed, owner=self)

    def cancel(self) -> None:
        """Ask the vault to stop at the next note; the outcome arrives when it has."""
        if self.running:
            self._cancel.set()
            self.count.setText("Cancelling…")

    def _moved(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            if not self._cancel.is_set() and self._unit is not None:
                self.count.setText(f"{min(done, total)} of {total} {self._unit}")

    def _finish(self, outcome: str, text: str) -> None:
        self.running = False
        self.outcome = outcome
        if outcome == DONE:
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
        else:
            self.bar.hide()
        self.count.clear()
        self.message.setObjectName("ErrorMessage" if outcome == FAILED else "")
        self.message.style().unpolish(self.message)  # the new object name picks its style
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()
        self.ended.emit(outcome)
