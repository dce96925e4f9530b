"""Guards against a Qt binding that mis-counts references (PySide6 6.12.0 on Python 3.11 did:
each call to a method returning None dropped a reference to None until the process aborted)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QPushButton


def test_calls_returning_none_keep_reference_counts_steady(qtbot):
    button = QPushButton()
    qtbot.addWidget(button)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        button.setEnabled(True)
    assert abs(sys.getrefcount(None) - before) < 100
