"""Settings → Snippets: the therapist's own short codes and the phrases they expand into.

The list is read from the vault and every add, edit and removal is saved there at once (and
audited by id) through `vault.notes.snippets`, which also decides what a valid code is. The
phrases are clinical wording, so they are never kept anywhere but the vault.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.kit import prompts
from ui.kit.labels import buddy_label, error_label
from vault import ValidationError, Vault, VaultError
from vault.notes.snippets import (
    CODE_HINT,
    Snippet,
    add_snippet,
    list_snippets,
    remove_snippet,
    update_snippet,
)

EXPLANATION = (
    "In a note's sections, type a code and then a space, full stop or Enter: the code becomes "
    "its phrase. Ctrl+Z right after puts the code back. Snippets are kept encrypted in the "
    "vault, and changes here are saved at once."
)


class SnippetDialog(QDialog):
    """Add or edit one snippet; stays open with the vault's words when it refuses."""

    def __init__(self, vault: Vault, snippet: Snippet | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Snippet" if snippet else "Add Snippet")
        self._vault = vault
        self._snippet = snippet
        self.saved: Snippet | None = None
        self.code = QLineEdit(snippet.code if snippet else "")
        self.code.setPlaceholderText(CODE_HINT)
        self.code.setAccessibleName("Code")
        self.phrase = QPlainTextEdit(snippet.phrase if snippet else "")
        self.phrase.setAccessibleName("Phrase")
        self.phrase.setTabChangesFocus(True)
        self.phrase.setPlaceholderText("The words the code stands for")
        self.phrase.setMinimumHeight(140)  # a refusal grows the dialog, never shrinks this
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(buddy_label("&Code:", self.code), self.code)
        form.addRow(buddy_label("&Phrase:", self.phrase), self.phrase)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, 260)

    def accept(self) -> None:
        code, phrase = self.code.text(), self.phrase.toPlainText()
        try:
            if self._snippet is None:
                self.saved = add_snippet(self._vault, code, phrase)
            else:
                self.saved = update_snippet(self._vault, self._snippet.id, code, phrase)
        except VaultError as exc:
            self.error.setText(str(exc))
            self.error.show()
            field = exc.field if isinstance(exc, ValidationError) else None
            (self.phrase if field == "phrase" else self.code).setFocus()
            return
        super().accept()


class SnippetsPanel(QWidget):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._snippets: list[Snippet] = []
        self.dialog: SnippetDialog | None = None  # the one open, for tests
        explanation = QLabel(EXPLANATION)
        explanation.setObjectName("Hint")
        explanation.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName("Snippets")
        self.table.setHorizontalHeaderLabels(["Code", "Phrase"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton("&Add…")
        self.add_button.setAccessibleName("Add a snippet")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit the chosen snippet")
        self.remove_button = QPushButton("Re&move…")
        self.remove_button.setAccessibleName("Remove the chosen snippet")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        self._snippets = list_snippets(self._vault)
        self.table.setRowCount(len(self._snippets))
        for row, snippet in enumerate(self._snippets):
            first_line = snippet.phrase.strip().splitlines()[0]
            for column, text in enumerate((snippet.code, first_line)):
                item = QTableWidgetItem(text)  # plain text: a phrase is never markup
                item.setToolTip(snippet.phrase if column else "")
                self.table.setItem(row, column, item)
            if snippet.id == select_id:
                self.table.selectRow(row)
        self._update_buttons()

    def codes(self) -> list[str]:
        return [s.code for s in self._snippets]

    def selected(self) -> Snippet | None:
        rows = self.table.selectionModel().selectedRows()
        return self._snippets[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def add(self) -> None:
        self._open(None)

    def edit_selected(self) -> None:
        snippet = self.selected()
        if snippet is not None:
            self._open(snippet)

    def _open(self, snippet: Snippet | None) -> None:
        dialog = SnippetDialog(self._vault, snippet, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _saved(self, dialog: SnippetDialog) -> None:
        if self._vault.is_open and dialog.saved is not None:
            self.refresh(select_id=dialog.saved.id)

    def remove_selected(self) -> None:
        snippet = self.selected()
        if snippet is None or not prompts.confirm(
            self, "Remove Snippet", f"Remove the snippet {snippet.code}?", "Remove"
        ):
            return
        if not self._vault.is_open:
            return
        try:
            remove_snippet(self._vault, snippet.id)
        except VaultError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.refresh()
