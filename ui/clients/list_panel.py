"""The left side of the main window: filter box, active/inactive/all, and the client list."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ui.clients.list_model import ClientListModel
from ui.kit.icons import icon
from vault.clients.records import StatusFilter

STATUS_CHOICES: tuple[tuple[str, StatusFilter], ...] = (
    ("Active clients", "active"),
    ("Inactive clients", "inactive"),
    ("All clients", "all"),
)


class ClientListPanel(QWidget):
    """Shows `model`; `filter_changed` fires after the list was re-queried."""

    filter_changed = Signal()

    def __init__(self, model: ClientListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Find a client (Ctrl+K)")
        self.filter_edit.setAccessibleName("Find a client by name")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Which clients to list")
        for label, value in STATUS_CHOICES:
            self.status_combo.addItem(label, value)
        self.view = QListView()
        self.view.setObjectName("ClientList")
        self.view.setAccessibleName("Clients")
        self.view.setModel(model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("Hint")

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addLayout(top)
        layout.addWidget(self.status_combo)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.setTabOrder(self.filter_edit, self.status_combo)
        self.setTabOrder(self.status_combo, self.view)

        self.filter_edit.textChanged.connect(self._text_changed)
        self.filter_edit.returnPressed.connect(self._focus_first)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self._update_count()

    def status(self) -> StatusFilter:
        value = self.status_combo.currentData()
        return value if value in ("active", "inactive", "all") else "active"

    def set_status(self, status: StatusFilter) -> None:
        index = self.status_combo.findData(status)
        if index >= 0:
            self.status_combo.setCurrentIndex(index)

    def current_client_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.client_id_at(index.row()) if index.isValid() else None

    def select_client(self, client_id: int | None) -> bool:
        """Make `client_id` the current row if it is listed; clears the selection otherwise."""
        row = self.model.row_of(client_id) if client_id is not None else None
        selection = self.view.selectionModel()
        if row is None:
            selection.clear()
            return False
        index = self.model.index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        return True

    def refresh(self) -> None:
        self.model.refresh()
        self._update_count()
        self.filter_changed.emit()

    def _text_changed(self, text: str) -> None:
        self.model.set_filter(text=text)
        self._update_count()
        self.filter_changed.emit()

    def _status_changed(self, _index: int) -> None:
        self.model.set_filter(status=self.status())
        self._update_count()
        self.filter_changed.emit()

    def _focus_first(self) -> None:
        if self.model.rowCount() > 0:
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.model.index(0, 0))

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(f"{n} client{'s' if n != 1 else ''} shown")
