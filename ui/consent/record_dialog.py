"""The shape every confidentiality dialog shares: a form whose refusal shows next to its field.

A dialog adds rows with the vault's field name (`ValidationError.field`); `accept` calls the
dialog's `submit`, and a `VaultError` keeps the dialog open with the vault's own words under the
field it names (or above the buttons), so nothing is written until the record makes sense.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.kit.labels import buddy_label
from vault import VaultError


def plain_label(text: str = "", *, name: str = "") -> QLabel:
    """A label that never renders markup: record text is shown exactly as typed."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class RecordDialog(QDialog):
    """Subclasses add rows, then implement `submit` (the vault call; raise to refuse)."""

    def __init__(self, title: str, intro: str, action: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.field_errors: dict[str, QLabel] = {}
        self.field_widgets: dict[str, QWidget] = {}
        self.error = plain_label(name="ErrorMessage")
        self.error.setAccessibleName("Problem")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            layout.addWidget(plain_label(intro, name="Hint"))
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def add_row(self, text: str, widget: QWidget, field: str = "") -> None:
        """A labelled field; `field` is the vault's name for it, where its refusal shows."""
        self.form.addRow(buddy_label(text, widget), widget)
        if field:
            message = plain_label(name="ErrorMessage")
            message.hide()
            self.form.addRow("", message)
            self.field_errors[field] = message
            self.field_widgets[field] = widget

    def submit(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        self.clear_errors()
        try:
            self.submit()
        except VaultError as exc:
            self.show_error(str(exc), exc.field)
            return
        super().accept()

    def clear_errors(self) -> None:
        self.error.hide()
        for label in self.field_errors.values():
            label.hide()

    def show_error(self, message: str, field: str | None) -> None:
        label = self.field_errors.get(field or "")
        if label is None:
            self.error.setText(message)
            self.error.show()
            return
        label.setText(message)
        label.show()
        self.field_widgets[field or ""].setFocus(Qt.FocusReason.OtherFocusReason)


def open_record_dialog(dialog: RecordDialog, on_recorded: Callable[[], None]) -> RecordDialog:
    """Open `dialog` window-modal (never a nested event loop, so tests can fill and accept it);
    `on_recorded` runs once it has written; the dialog is deleted when it closes."""
    dialog.accepted.connect(on_recorded)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def record_tree(name: str, headers: list[str]) -> QTreeWidget:
    """A read-only list of records: one row each, its id under `Qt.UserRole` of column 0."""
    tree = QTreeWidget()
    tree.setAccessibleName(name)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setHeaderLabels(headers)
    tree.header().setStretchLastSection(True)
    tree.setMinimumHeight(90)
    tree.setMaximumHeight(150)
    return tree


def tree_row(texts: list[str], record_id: int) -> QTreeWidgetItem:
    item = QTreeWidgetItem(texts)
    item.setData(0, Qt.ItemDataRole.UserRole, record_id)
    return item


def selected_id(tree: QTreeWidget) -> int | None:
    item = tree.currentItem()
    return int(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None


def select_id(tree: QTreeWidget, record_id: int) -> bool:
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == record_id:
            tree.setCurrentItem(item)
            tree.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
    return False
