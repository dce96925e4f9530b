"""The Activity Log window: the whole audit trail, filtered by dates, kind and client.

Any range opens at once (years included): rows arrive a page at a time as the list scrolls.
Opening an entry goes to its record. Export writes the filtered entries, ids only, as CSV or
JSON lines for an inspector, in the background. Destroyed at every lock.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.audit.labels import KINDS
from ui.audit.model import ENTRY_ROLE, AuditModel
from ui.kit import prompts
from ui.kit.background import run_in_background
from ui.kit.labels import buddy_label
from vault import Vault
from vault.audit.export import Format, export_trail
from vault.audit.trail import AuditFilter, count_entries
from vault.clients.records import list_clients

_NO_DATE = QDate(2000, 1, 1)  # shown as "any" (the special value text)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText("any")
    edit.setDate(_NO_DATE)
    return edit


def _as_date(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == _NO_DATE or not value.isValid():
        return None
    return date(value.year(), value.month(), value.day())


class AuditDialog(QDialog):
    """Emits `client_requested(client_id)` or `note_requested(note_id, client_ids)`."""

    client_requested = Signal(int)
    note_requested = Signal(int, object)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Activity Log")
        self.resize(900, 560)
        self._vault = vault
        self.model = AuditModel(vault)
        self.date_from, self.date_to = _date_edit(), _date_edit()
        self.kind = QComboBox()
        for value, text in KINDS:
            self.kind.addItem(text, value)
        self.client = QComboBox()
        self.client.addItem("All clients", None)
        for summary in list_clients(vault, "all"):
            self.client.addItem(summary.full_name, summary.id)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.activated.connect(self._open)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.export_csv = QPushButton("Export CSV…")
        self.export_json = QPushButton("Export JSON…")
        self.export_csv.clicked.connect(lambda: self.export("csv"))
        self.export_json.clicked.connect(lambda: self.export("json"))
        self._build_layout()
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.client.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        for label, widget in (
            ("&From", self.date_from),
            ("&To", self.date_to),
            ("&Kind", self.kind),
            ("C&lient", self.client),
        ):
            filters.addWidget(buddy_label(label, widget))
            filters.addWidget(widget)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.export_csv)
        buttons.addWidget(self.export_json)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def filters(self) -> AuditFilter:
        kind = self.kind.currentData()
        return AuditFilter(
            client_id=self.client.currentData(),
            date_from=_as_date(self.date_from),
            date_to=_as_date(self.date_to),
            kinds=(kind,) if kind else (),
        )

    def refresh(self) -> None:
        if not self._vault.is_open:
            return
        filters = self.filters()
        self.model.set_filters(filters)
        total = count_entries(self._vault, filters)
        self.summary.setText(f"{total:,} entr{'y' if total == 1 else 'ies'}, oldest first.")
        self.table.resizeColumnsToContents()

    def _open(self, index: QModelIndex | QPersistentModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if entry is None:
            return
        if entry.record_kind == "note" and entry.record_id is not None:
            clients = (entry.client_id,) if entry.client_id is not None else ()
            self.note_requested.emit(entry.record_id, clients)
        elif entry.client_id is not None:
            self.client_requested.emit(entry.client_id)

    def export(self, fmt: Format) -> None:
        suffix = "csv" if fmt == "csv" else "jsonl"
        path = prompts.choose_save_file(
            self,
            "Export the activity log",
            f"activity-log.{suffix}",
            "CSV files (*.csv)" if fmt == "csv" else "JSON lines (*.jsonl *.json)",
        )
        if path is None:
            return
        vault, filters = self._vault, self.filters()
        self.export_csv.setEnabled(False)
        self.export_json.setEnabled(False)

        def done(count: int) -> None:
            self._exported(path, count)

        run_in_background(
            lambda: export_trail(vault, path, fmt, filters),
            done,
            owner=self,
            busy_label="Exporting the activity log…",
        )

    def _exported(self, path: Path, count: int) -> None:
        self.export_csv.setEnabled(True)
        self.export_json.setEnabled(True)
        prompts.inform(
            self,
            "Activity log exported",
            f"{count:,} entries were written to {path}. They name records by number only.",
        )
        self.refresh()

    def forget(self) -> None:
        """Drop what is shown from memory (at lock)."""
        self.model.clear()
        self.client.blockSignals(True)
        self.client.clear()
