"""The Activity Log as a table: pages of entries fetched as the therapist scrolls.

Years of entries open at once without loading them all: the view asks for more rows
(`fetchMore`) when it scrolls near the end, and each page is one indexed query.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.audit.labels import action_label, detail_label, record_label
from vault import Vault
from vault.audit.entries import AuditEntry
from vault.audit.trail import AuditFilter, list_entries
from vault.clients.records import list_clients

HEADERS = ("#", "When", "What", "Record", "Client", "Detail")
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def _local_time(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return stamp


class AuditModel(QAbstractTableModel):
    def __init__(self, vault: Vault) -> None:
        super().__init__()
        self._vault = vault
        self._filters = AuditFilter()
        self._rows: list[AuditEntry] = []
        self._more = True
        # Names are shown to the therapist in the window (never written anywhere): the trail
        # itself holds only ids.
        self._names = {c.id: c.full_name for c in list_clients(vault, "all")}

    def set_filters(self, filters: AuditFilter) -> None:
        self.beginResetModel()
        self._filters, self._rows, self._more = filters, [], True
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._more = [], False
        self.endResetModel()

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802 (Qt API)
        return not parent.isValid() and self._more and self._vault.is_open

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802 (Qt API)
        if not self.canFetchMore(parent):
            return
        after = self._rows[-1].seq if self._rows else 0
        page = list_entries(self._vault, self._filters, after_seq=after)
        self._more = bool(page)
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def entry_at(self, row: int) -> AuditEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == ENTRY_ROLE:
            return entry
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        client = ""
        if entry.client_id is not None:
            name = self._names.get(entry.client_id, "a client no longer in the vault")
            client = f"{name} ({entry.client_id})"
        values = (
            str(entry.seq),
            _local_time(entry.at),
            action_label(entry),
            record_label(entry),
            client,
            detail_label(entry),
        )
        return values[index.column()]

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None
