"""Who took part in a session: one client, or several for a couples, family or group note.

A joint note is one record linked to every participant, so it shows in each one's timeline.
This widget only collects the ids; the vault checks they exist. Typing part of a name and
pressing Add (or Enter) adds the one client it matches, or says there is none or several.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ParticipantsField(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: dict[int, str] = {}
        self.list = QListWidget()
        self.list.setAccessibleName("Participants")
        self.list.setMaximumHeight(52)
        self.picker = QComboBox()
        self.picker.setAccessibleName("Client to add as a participant")
        self.picker.setEditable(True)
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.picker.model(), self.picker)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "Ave" finds "Demo Avery"
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.picker.setCompleter(completer)
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add participant")
        self.add_button.setToolTip("Add the chosen client to this session (joint note)")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove participant")
        self.message = QLabel()
        self.message.setObjectName("Hint")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # names are text
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Participants message")
        self.message.hide()
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.message)
        line = self.picker.lineEdit()
        if line is not None:
            line.returnPressed.connect(self._add)
            line.textEdited.connect(lambda _t: self.message.hide())
        self._read_only = False

    def set_clients(self, names: dict[int, str]) -> None:
        """Every client who could take part, id -> name."""
        self._names = dict(names)

    def name_of(self, client_id: int) -> str:
        return self._names.get(client_id, f"Client {client_id}")

    def set_participants(self, ids: tuple[int, ...]) -> None:
        self.list.clear()
        for client_id in ids:
            item = QListWidgetItem(self.name_of(client_id))
            item.setData(Qt.ItemDataRole.UserRole, client_id)
            self.list.addItem(item)
        self._refill_picker()

    def participants(self) -> tuple[int, ...]:
        return tuple(
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
        )

    def add_participant(self, client_id: int) -> None:
        if client_id in self.participants():
            return
        self.set_participants((*self.participants(), client_id))
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.picker.setVisible(not read_only)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        self._update_buttons()

    def _refill_picker(self) -> None:
        present = set(self.participants())
        self.picker.clear()
        for client_id, name in sorted(self._names.items(), key=lambda kv: kv[1].casefold()):
            if client_id not in present:
                self.picker.addItem(name, client_id)
        self.picker.setCurrentIndex(-1)
        line = self.picker.lineEdit()
        if line is not None:
            line.setPlaceholderText("Another client, for a joint session…")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(not self._read_only and self.picker.count() > 0)
        if self._read_only:
            self.message.hide()
        self.remove_button.setEnabled(
            not self._read_only and self.list.count() > 1 and self.list.currentRow() >= 0
        )

    def matches(self, typed: str) -> list[int]:
        """The clients not yet taking part whose name is `typed` (any case), else those whose
        name contains it, by name."""
        wanted = " ".join(typed.split()).casefold()
        if not wanted:
            return []
        present = set(self.participants())
        candidates = sorted(
            ((cid, name) for cid, name in self._names.items() if cid not in present),
            key=lambda kv: kv[1].casefold(),
        )
        exact = [cid for cid, name in candidates if name.casefold() == wanted]
        return exact or [cid for cid, name in candidates if wanted in name.casefold()]

    def _add(self) -> None:
        """Add what the picker names: the one match, or say why nothing was added."""
        if self._read_only:
            return
        typed = self.picker.currentText().strip()
        found = self.matches(typed)
        if len(found) == 1:
            self.message.hide()
            self.add_participant(found[0])
            return
        if not typed:
            text = "Type part of a client's name, then press Add."
        elif not found:
            text = f"No other client's name contains “{typed}”."
        else:
            shown = ", ".join(self.name_of(c) for c in found[:5])
            more = f" and {len(found) - 5} more" if len(found) > 5 else ""
            text = f"{len(found)} clients match “{typed}”: {shown}{more}. Type more of the name."
        self.message.setText(text)
        self.message.show()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row < 0 or self.list.count() <= 1:
            return
        self.list.takeItem(row)
        self._refill_picker()
        self.changed.emit()
