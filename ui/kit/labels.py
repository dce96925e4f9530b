"""Field labels: the label's mnemonic focuses its field, and its text names the field for
screen readers, so keyboard and assistive-technology users get the same form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def buddy_label(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", "").rstrip(":"))
    return label


def error_label(accessible_name: str = "") -> QLabel:
    """A hidden red message line, plain text (it may quote names), wrapped."""
    label = QLabel()
    label.setObjectName("ErrorMessage")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if accessible_name:
        label.setAccessibleName(accessible_name)
    label.hide()
    return label
