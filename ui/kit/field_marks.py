"""Marking the fields a save refused, without moving anything on the form.

A refused field gets a red-tinted background (a palette change, so no widget changes size and
nothing below it moves) and the reason as its tooltip and accessible description, so a screen
reader says why. The list of every reason is shown by the form in one place of fixed position.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

INVALID_TINT = QColor(209, 75, 75, 48)  # the error red (#d14b4b), thin enough for any theme
_MARKED = "confidant_invalid"
_TOOLTIP = "confidant_tooltip"
_DESCRIPTION = "confidant_description"
_WATCHED = "confidant_clears_on_change"


def mark_invalid(widget: QWidget, reason: str) -> None:
    if not widget.property(_MARKED):
        widget.setProperty(_TOOLTIP, widget.toolTip())
        widget.setProperty(_DESCRIPTION, widget.accessibleDescription())
    widget.setProperty(_MARKED, True)
    palette = QPalette(widget.palette())
    base = palette.color(QPalette.ColorRole.Base)
    tint = INVALID_TINT
    alpha = tint.alphaF()
    mixed = QColor(
        round(base.red() * (1 - alpha) + tint.red() * alpha),
        round(base.green() * (1 - alpha) + tint.green() * alpha),
        round(base.blue() * (1 - alpha) + tint.blue() * alpha),
    )
    palette.setColor(QPalette.ColorRole.Base, mixed)
    palette.setColor(QPalette.ColorRole.Button, mixed)
    widget.setPalette(palette)
    widget.setToolTip(reason)
    widget.setAccessibleDescription(reason)
    _clear_on_change(widget)


def _clear_on_change(widget: QWidget) -> None:
    """Changing a marked field is the therapist correcting it: its mark goes (connected once)."""
    if widget.property(_WATCHED):
        return
    widget.setProperty(_WATCHED, True)
    if isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(lambda _i: clear_invalid(widget))
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(lambda: clear_invalid(widget))
    elif isinstance(widget, QLineEdit):
        widget.textEdited.connect(lambda _t: clear_invalid(widget))
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(lambda _v: clear_invalid(widget))
    elif isinstance(widget, QDateTimeEdit):
        widget.dateTimeChanged.connect(lambda _v: clear_invalid(widget))
    elif isinstance(widget, QAbstractSpinBox):
        widget.editingFinished.connect(lambda: clear_invalid(widget))


def clear_invalid(widget: QWidget) -> None:
    if not widget.property(_MARKED):
        return
    widget.setProperty(_MARKED, False)
    widget.setPalette(QPalette())  # back to the application's palette
    widget.setToolTip(str(widget.property(_TOOLTIP) or ""))
    widget.setAccessibleDescription(str(widget.property(_DESCRIPTION) or ""))


def is_marked_invalid(widget: QWidget) -> bool:
    return bool(widget.property(_MARKED))


def problems_text(reasons: list[str], outcome: str = "Not saved") -> str:
    """ "Not saved: 2 fields to correct" and one line per reason, for the form's one list."""
    count = len(reasons)
    heading = f"{outcome}: {count} field{'s' if count != 1 else ''} to correct"
    return "\n".join([heading, *(f"• {reason}" for reason in reasons)])
