"""A client's notes as a table the view fills page by page, newest session first.

Qt asks `canFetchMore`/`fetchMore` as the view scrolls; each fetch is one keyset page of
`vault.timeline.client_timeline`, so a client with thousands of notes opens as fast as one
with ten. Only summaries (first line) are held, never whole notes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ui.kit.note_labels import kind_label, session_label, state_label
from vault import Vault
from vault.notes.model import NoteSummary
from vault.notes.timeline import TimelineCursor, client_timeline

PAGE_SIZE = 100
HEADERS = ("Session", "Kind", "State", "First line")
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractTableModel):
    def __init__(self, vault: Vault, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._client_id: int | None = None
        self._rows: list[NoteSummary] = []
        self._cursor: TimelineCursor | None = None
        self._more = False
        self._process_only = False

    @property
    def process_only(self) -> bool:
        return self._process_only

    def set_process_only(self, process_only: bool) -> None:
        """List the clinical record (False) or the psychotherapy notes alone (True)."""
        self._process_only = process_only
        self.reload()

    @property
    def client_id(self) -> int | None:
        return self._client_id

    def set_client(self, client_id: int | None) -> None:
        """Show another client's notes (or none); rows arrive on the view's first fetch."""
        self.beginResetModel()
        self._client_id = client_id
        self._rows = []
        self._cursor = None
        self._more = client_id is not None
        self.endResetModel()

    def reload(self) -> None:
        """Start again from the newest note, e.g. after a note was written or signed."""
        self.set_client(self._client_id)

    def clear(self) -> None:
        self.set_client(None)

    def note_id_at(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def summary_at(self, row: int) -> NoteSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, note_id: int) -> int | None:
        return next((i for i, s in enumerate(self._rows) if s.id == note_id), None)

    # ----- lazy loading ------------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008 (Qt API)
        return not parent.isValid() and self._more and self._vault.is_open

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008 (Qt API)
        if not self.canFetchMore(parent) or self._client_id is None:
            return
        page = client_timeline(
            self._vault,
            self._client_id,
            after=self._cursor,
            limit=PAGE_SIZE,
            include_process_notes=self._process_only,
            only_process_notes=self._process_only,
        )
        self._more = page.next_cursor is not None
        self._cursor = page.next_cursor
        if not page.entries:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
        self._rows.extend(page.entries)
        self.endInsertRows()

    # ----- table ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        summary = self.summary_at(index.row()) if index.isValid() else None
        if summary is None:
            return None
        if role == NOTE_ID_ROLE:
            return summary.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _cell(summary, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(_cell(summary, c) for c in range(len(HEADERS)))
        if role == Qt.ItemDataRole.FontRole and summary.is_process_note:
            font = QFont()
            font.setItalic(True)
            return font
        return None


def _cell(summary: NoteSummary, column: int) -> str:
    if column == 0:
        return session_label(summary.session_start)
    if column == 1:
        return kind_label(summary.kind_title, summary.is_process_note)
    if column == 2:
        return state_label(summary)
    return summary.first_line
