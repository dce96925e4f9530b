"""A copied secret leaves the clipboard by itself, unless something else was copied since."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from ui.kit.clipboard import copy_secret


def test_a_copied_secret_is_cleared_after_a_while(qtbot: QtBot) -> None:
    clipboard = QGuiApplication.clipboard()
    copy_secret("demo secret phrase", clear_after_ms=50)
    assert clipboard.text() == "demo secret phrase"
    assert clipboard.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2_000)


def test_something_copied_since_is_left_alone(qtbot: QtBot) -> None:
    clipboard = QGuiApplication.clipboard()
    copy_secret("demo secret phrase", clear_after_ms=50)
    clipboard.setText("demo later copy")
    qtbot.wait(200)
    assert clipboard.text() == "demo later copy"
