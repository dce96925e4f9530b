"""The client list as a Qt item model over `vault.clients.list_clients`.

The model holds only what the list shows (id, names, status) and re-queries the vault when the
filter changes; the full records stay in the vault until a client is opened.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from vault import Vault
from vault.clients.records import ClientSummary, StatusFilter, list_clients

CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def summary_label(summary: ClientSummary) -> str:
    if summary.preferred_name and summary.preferred_name != summary.full_name:
        return f"{summary.full_name} ({summary.preferred_name})"
    return summary.full_name


class ClientListModel(QAbstractListModel):
    """Clients matching `status` and a name fragment, in the vault's name order."""

    def __init__(self, vault: Vault, parent: Any = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._rows: list[ClientSummary] = []
        self._status: StatusFilter = "active"
        self._text = ""

    @property
    def status(self) -> StatusFilter:
        return self._status

    @property
    def filter_text(self) -> str:
        return self._text

    def set_filter(self, status: StatusFilter | None = None, text: str | None = None) -> None:
        if status is not None:
            self._status = status
        if text is not None:
            self._text = text
        self.refresh()

    def refresh(self) -> None:
        rows = list_clients(self._vault, self._status, self._text)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row (used when locking, so no name lingers in the model)."""
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def client_id_at(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, client_id: int) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == client_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        inactive = summary.status != "active"
        if role == Qt.ItemDataRole.DisplayRole:
            return summary_label(summary)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return summary_label(summary) + (", inactive" if inactive else "")
        if role == CLIENT_ID_ROLE:
            return summary.id
        if role == STATUS_ROLE:
            return summary.status
        if role == Qt.ItemDataRole.FontRole and inactive:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and inactive:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None
