"""The home view ("Today"): everything with a deadline, overdue first, and the signing backlog.

Shown at unlock when anything is due, and from the Client menu. Each row opens the place to
act (Enter or double-click); it holds client names, so the feature destroys it at every lock.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.consent.labels import due_text
from ui.consent.record_dialog import plain_label, record_tree
from vault import Vault
from vault.clients.records import list_clients
from vault.consent.due import DueItem, due_items
from vault.notes.unsigned import list_unsigned_notes

UNSIGNED = "unsigned_notes"
OVERDUE = QColor("#d14b4b")


class HomeDialog(QDialog):
    """Emits `item_requested(kind, record_id, client_id)`, or `unsigned_requested()`."""

    item_requested = Signal(str, int, int)
    unsigned_requested = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Today")
        self._vault = vault
        self.summary = plain_label()
        self.tree = record_tree("Due items", ["When", "Client", "What"])
        self.tree.setMaximumHeight(16_777_215)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(lambda _item, _column: self.open_selected())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton("&Open")
        self.open_button.setAutoDefault(False)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.open_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(780, 420)
        self.items: list[DueItem] = []
        self.refresh()

    def refresh(self, today: date | None = None) -> None:
        today = today or date.today()
        self.tree.clear()
        names = {c.id: c.full_name for c in list_clients(self._vault, "all")}
        self.items = due_items(self._vault, today)
        for item in self.items:
            row = self._row(
                [
                    f"{item.due_on.isoformat()} ({due_text(item.due_on, today)})",
                    names.get(item.client_id, f"Client {item.client_id}"),
                    item.what,
                ],
                (item.kind, item.record_id, item.client_id),
            )
            if item.overdue:
                for column in range(3):
                    row.setForeground(column, QBrush(OVERDUE))
        unsigned = len(list_unsigned_notes(self._vault))
        if unsigned:
            self._row(
                ["Now", "", f"{unsigned} note{'s' if unsigned != 1 else ''} not signed yet"],
                (UNSIGNED, 0, 0),
            )
        for column in range(2):
            self.tree.resizeColumnToContents(column)
        overdue = sum(item.overdue for item in self.items)
        self.summary.setText(
            f"{len(self.items)} item{'s' if len(self.items) != 1 else ''} need attention"
            + (f", {overdue} overdue" if overdue else "")
            + ". Press Enter on a row to open the place to act."
            if self.items or unsigned
            else "Nothing is due. Every consent, request and release is in order."
        )
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self.open_button.setEnabled(first is not None)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def has_items(self) -> bool:
        return self.tree.topLevelItemCount() > 0

    def _row(self, texts: list[str], target: tuple[str, int, int]) -> QTreeWidgetItem:
        row = QTreeWidgetItem(texts)
        row.setData(0, Qt.ItemDataRole.UserRole, target)
        self.tree.addTopLevelItem(row)
        return row

    def open_selected(self) -> None:
        row = self.tree.currentItem()
        if row is None:
            return
        kind, record_id, client_id = row.data(0, Qt.ItemDataRole.UserRole)
        self.accept()
        if kind == UNSIGNED:
            self.unsigned_requested.emit()
        else:
            self.item_requested.emit(str(kind), int(record_id), int(client_id))
