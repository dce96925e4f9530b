"""The idle watcher fires after the idle time, and input anywhere in the app postpones it."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ui.shell.idle_watcher import IdleWatcher


def test_fires_once_after_the_timeout(qtbot: QtBot) -> None:
    watcher = IdleWatcher(150)
    fired: list[float] = []
    watcher.idle.connect(lambda: fired.append(time.monotonic()))
    started = time.monotonic()
    watcher.start()
    qtbot.waitUntil(lambda: bool(fired), timeout=3000)
    assert fired[0] - started >= 0.14
    qtbot.wait(300)
    assert len(fired) == 1
    assert not watcher.running


def test_typing_postpones_it(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher = IdleWatcher(300)
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    watcher.start()
    for _ in range(8):  # ~800 ms of typing, never 300 ms apart
        qtbot.keyClick(field, Qt.Key.Key_A)
        qtbot.wait(100)
    assert not fired
    qtbot.waitUntil(lambda: bool(fired), timeout=3000)


def test_stop_prevents_firing(qtbot: QtBot) -> None:
    watcher = IdleWatcher(100)
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    watcher.start()
    watcher.stop()
    qtbot.wait(300)
    assert not fired


def test_a_countdown_comes_before_the_idle_lock(qtbot: QtBot) -> None:
    watcher = IdleWatcher(1500, warning_ms=1000)
    left: list[int] = []
    fired: list[bool] = []
    watcher.countdown.connect(left.append)
    watcher.idle.connect(lambda: fired.append(True))
    watcher.start()
    qtbot.waitUntil(lambda: bool(left), timeout=3000)
    assert not fired and left[0] == 1
    qtbot.waitUntil(lambda: bool(fired), timeout=3000)


def test_input_cancels_the_countdown(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher = IdleWatcher(1500, warning_ms=1200)
    cancelled: list[bool] = []
    fired: list[bool] = []
    watcher.countdown_cancelled.connect(lambda: cancelled.append(True))
    watcher.idle.connect(lambda: fired.append(True))
    watcher.start()
    qtbot.waitUntil(lambda: watcher.counting_down, timeout=3000)
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert cancelled and not watcher.counting_down and not fired
