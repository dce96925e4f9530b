"""One section's text box: it grows with its text, and expands the therapist's snippets.

A snippet's code (";si", see `vault.notes.snippets`) expands when a character that cannot
belong to a code is typed after it (a space, a full stop, Enter). The expansion is one undo
step of its own, so Ctrl+Z right after it gives back exactly what was typed, code and all.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from vault.notes.snippets import code_before

MIN_LINES = 4
MAX_LINES = 30


class SectionEdit(QPlainTextEdit):
    """A plain-text box that grows with its text, so the note reads as one page."""

    snippet_expanded = Signal(str)  # the code that was replaced
    focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snippets: Mapping[str, str] = {}
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit())
        self._fit()

    def _fit(self) -> None:
        lines = int(self.document().documentLayout().documentSize().height())
        shown = max(MIN_LINES, min(MAX_LINES, lines + 1))
        spacing = QFontMetrics(self.font()).lineSpacing()
        margins = self.contentsMargins()
        frame = int(self.document().documentMargin() * 2) + margins.top() + margins.bottom()
        self.setFixedHeight(shown * spacing + frame + 4)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        self.focused.emit()  # the editor refreshes the snippets (Settings may have changed them)
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        super().keyPressEvent(event)
        if self.snippets and not self.isReadOnly() and _ends_a_code(event):
            self._expand_before_cursor()

    def _expand_before_cursor(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection() or cursor.position() == 0:
            return
        end = cursor.position() - 1  # where the character just typed sits
        found = code_before(self.toPlainText(), end, self.snippets)
        if found is None:
            return
        start, phrase = found
        code = self.toPlainText()[start:end]
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(phrase)
        cursor.endEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)  # past what was typed
        self.setTextCursor(cursor)
        self.snippet_expanded.emit(code)


_COMMAND_KEYS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def _ends_a_code(event: QKeyEvent) -> bool:
    """A typed character that cannot belong to a code: a space, a full stop, Enter. Never a
    command key: Ctrl+Z carries the text "\x1a", and expanding after it would undo the undo."""
    typed = event.text()
    if len(typed) != 1 or typed.isalnum() or event.modifiers() & _COMMAND_KEYS:
        return False
    return typed.isprintable() or typed in "\r\n"
