"""The window shows the countdown before an idle lock, and hides it on input."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.shell.controller import AppController


def test_the_countdown_shows_in_the_window_before_locking(
    qtbot: QtBot, unlocked: AppController
) -> None:
    unlocked.window.show()
    unlocked.idle.set_timeout_ms(1500)
    unlocked.idle.set_warning_ms(1400)
    unlocked.idle.start()
    label = unlocked.window.lock_countdown
    qtbot.waitUntil(label.isVisible, timeout=3000)
    assert label.text().startswith("Locking in ")
    assert "move the mouse or press a key to stay unlocked" in label.text()


def test_a_key_press_hides_the_countdown_and_keeps_the_vault_open(
    qtbot: QtBot, unlocked: AppController
) -> None:
    unlocked.window.show()
    unlocked.idle.set_timeout_ms(1500)
    unlocked.idle.set_warning_ms(1400)
    unlocked.idle.start()
    qtbot.waitUntil(unlocked.window.lock_countdown.isVisible, timeout=3000)
    qtbot.keyClick(unlocked.window, Qt.Key.Key_Shift)
    assert not unlocked.window.lock_countdown.isVisible()
    assert unlocked.vault is not None


def test_the_warning_time_comes_from_settings(unlocked: AppController) -> None:
    unlocked.settings.lock_warning_seconds = 10
    unlocked._apply_lock_settings()
    assert unlocked.idle.warning_ms == 10_000
