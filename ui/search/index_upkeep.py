"""The search index merged while the therapist is not typing (see `vault.search.maintenance`).

While unlocked, every few seconds: if there was no input for `IDLE_S`, a short run of merge
steps goes to the background helper (about 50 ms of work, each step its own transaction, so
a read of the window waits a few milliseconds at most), and the next run follows soon after
while work remains. Once the index is one segment it rests for `REST_S`, as new saves add
segments slowly. A lock stops it; a run cut short by the lock just ends.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from ui.kit.background import run_in_background
from ui.kit.feature_hook import FeatureHost
from vault.search.maintenance import merge_steps

IDLE_S = 20.0
CHECK_MS = 3_000
NEXT_RUN_MS = 250
RUN_BUDGET_S = 0.05
REST_S = 15 * 60.0


class IndexUpkeep(QObject):
    def __init__(self, host: FeatureHost) -> None:
        super().__init__()
        self._host = host
        self._running = False
        self._rest_until = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.run_if_idle)
        host.on_unlocked(self._unlocked)
        host.on_locked(self._timer.stop)

    def _unlocked(self) -> None:
        self._rest_until = 0.0
        self._timer.start()

    def run_if_idle(self) -> None:
        vault = self._host.vault
        if vault is None or self._running or time.monotonic() < self._rest_until:
            return
        if self._host.seconds_since_input() < IDLE_S:
            return
        self._running = True

        def done(more: bool) -> None:
            self._running = False
            if more:
                QTimer.singleShot(NEXT_RUN_MS, self.run_if_idle)
            else:
                self._rest_until = time.monotonic() + REST_S

        def failed(_error: BaseException) -> None:
            self._running = False  # locked meanwhile, or a full disk: tried again later
            self._rest_until = time.monotonic() + REST_S

        run_in_background(
            lambda: merge_steps(vault, RUN_BUDGET_S), done, failed, owner=self, on_dropped=done
        )
