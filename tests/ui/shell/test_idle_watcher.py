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
