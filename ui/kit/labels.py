"""Field labels: the label's mnemonic focuses its field, and its text names the field for
screen readers, so keyboard and assistive-technology users get the same form."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def buddy_label(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", "").rstrip(":"))
    return label
