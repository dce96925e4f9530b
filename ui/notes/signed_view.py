"""A signed note shown as a readable document, with find, copy and print.

A signed note cannot change, so it is not shown as a greyed-out form: it is one selectable
document (`ui.notes.note_document`, every value escaped). Find highlights every match and
scrolls to the first; copy puts the note's plain text on the clipboard (cleared again at lock
when Confidant still owns it); print goes through Qt's print dialog, never through a file of
Confidant's own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.kit import prompts
from ui.notes.note_document import note_html
from vault.notes.model import Note

MATCH_COLOUR = QColor("#ffe066")


class SignedNoteView(QWidget):
    """The document, and a find bar above it that Ctrl+F (inside the note) opens."""

    addendum_requested = Signal()
    amendment_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document_view = QTextBrowser()
        self.document_view.setOpenLinks(False)
        self.document_view.setAccessibleName("Signed note")
        self.document_view.setObjectName("NoteDocument")
        self.find_field = QLineEdit()
        self.find_field.setPlaceholderText("Find in this note")
        self.find_field.setAccessibleName("Find in this note")
        self.find_field.setClearButtonEnabled(True)
        self.find_count = QLabel()
        self.find_count.setObjectName("Hint")
        previous_button = QPushButton("Previous")
        next_button = QPushButton("Next")
        close_find = QPushButton("Close")
        self.find_bar = QWidget()
        bar = QHBoxLayout(self.find_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel("Find:"))
        bar.addWidget(self.find_field, 1)
        bar.addWidget(self.find_count)
        bar.addWidget(previous_button)
        bar.addWidget(next_button)
        bar.addWidget(close_find)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.document_view, 1)

        self.find_field.textChanged.connect(self.highlight)
        self.find_field.returnPressed.connect(lambda: self.find_next(backward=False))
        next_button.clicked.connect(lambda: self.find_next(backward=False))
        previous_button.clicked.connect(lambda: self.find_next(backward=True))
        close_find.clicked.connect(self.close_find)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.find_field)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.close_find)

    # ----- showing -----------------------------------------------------------------------------

    def show_note(self, note: Note, names: dict[int, str]) -> None:
        self.document_view.setHtml(note_html(note, names))
        self.highlight(self.find_field.text() if self.find_bar.isVisible() else "")

    def clear(self) -> None:
        """Nothing of the note stays in the widget (called at lock and on leaving)."""
        self.document_view.clear()
        self.find_field.clear()
        self.find_bar.hide()

    def scroll_to_end(self) -> None:
        """Show the newest addendum, which is at the end."""
        bar = self.document_view.verticalScrollBar()
        bar.setValue(bar.maximum())

    def plain_text(self) -> str:
        return self.document_view.toPlainText()

    # ----- find --------------------------------------------------------------------------------

    def open_find(self, text: str = "") -> None:
        self.find_bar.show()
        if text:
            self.find_field.setText(text)
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def close_find(self) -> None:
        self.find_bar.hide()
        self.highlight("")
        self.document_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def highlight(self, text: str) -> int:
        """Mark every match of `text` (any case) and scroll to the first; returns the count."""
        document = self.document_view.document()
        selections: list[QTextEdit.ExtraSelection] = []
        cursor = QTextCursor(document)
        while text:
            cursor = document.find(text, cursor)
            if cursor.isNull():
                break
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(MATCH_COLOUR)
            selections.append(selection)
        self.document_view.setExtraSelections(selections)
        if selections:
            first = QTextCursor(selections[0].cursor)
            self.document_view.setTextCursor(first)
            self.document_view.ensureCursorVisible()
        if text:
            n = len(selections)
            self.find_count.setText(f"{n} match{'es' if n != 1 else ''}" if n else "No match")
        else:
            self.find_count.clear()
        return len(selections)

    def find_next(self, *, backward: bool) -> bool:
        text = self.find_field.text()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.document_view.find(text, flags):
            return True
        cursor = self.document_view.textCursor()  # wrap around, as a browser's find does
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.document_view.setTextCursor(cursor)
        return self.document_view.find(text, flags)

    # ----- copy and print ----------------------------------------------------------------------

    def copy_note(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())

    def print_note(self) -> bool:
        """Print through Qt's print dialog; False when the therapist cancelled."""
        printer = prompts.choose_printer(self, "Print Note")
        if printer is None:
            return False
        self.document_view.document().print_(printer)
        return True
