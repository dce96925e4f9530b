"""Unsigned notes, oldest first: the signing backlog, so no session is left without a record.

Opening one resumes editing it (the feature switches to its client); discarding asks first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.kit import prompts
from ui.kit.note_labels import kind_label, session_label
from vault import Vault, VaultError
from vault.clients.records import list_clients
from vault.notes.unsigned import discard_unsigned_note, list_unsigned_notes


class UnsignedDraftsDialog(QDialog):
    """Emits `note_requested(note_id, participant_ids)` and closes when a draft is opened."""

    note_requested = Signal(int, object)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Unsigned Notes")
        self._vault = vault
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Unsigned notes")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels(["Session", "Kind", "Clients", "First line"])
        self.tree.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemActivated.connect(lambda _item, _col: self.open_selected())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton("&Open")
        self.open_button.setDefault(True)
        self.discard_button = QPushButton("&Discard…")
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.open_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(760, 440)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        names = {c.id: c.full_name for c in list_clients(self._vault, "all")}
        drafts = list_unsigned_notes(self._vault)
        for summary in drafts:
            kind = kind_label(summary.kind_title, summary.is_process_note)
            clients = ", ".join(names.get(i, f"Client {i}") for i in summary.participant_ids)
            item = QTreeWidgetItem(
                [
                    session_label(summary.session_start),
                    kind,
                    clients,
                    summary.first_line or "(empty)",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, summary.id)
            item.setData(1, Qt.ItemDataRole.UserRole, summary.participant_ids)
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        n = len(drafts)
        self.summary.setText(
            f"{n} note{'s are' if n != 1 else ' is'} not signed yet, oldest first. "
            "Open one to finish and sign it."
            if n
            else "Every note is signed."
        )
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self.open_button.setEnabled(bool(n))
        self.discard_button.setEnabled(bool(n))

    def open_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        note_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        participants = tuple(item.data(1, Qt.ItemDataRole.UserRole) or ())
        self.accept()
        self.note_requested.emit(note_id, participants)

    def discard_selected(self) -> None:
        item = self.tree.currentItem()
        if (
            item is None
            or not prompts.confirm(
                self,
                "Discard Draft",
                "Throw this unsigned note away? It cannot be recovered.",
                "Discard",
            )
            or not self._vault.is_open
        ):
            return
        try:
            discard_unsigned_note(self._vault, int(item.data(0, Qt.ItemDataRole.UserRole)))
        except VaultError as exc:
            prompts.warn(self, "Not discarded", str(exc))
        self.refresh()
