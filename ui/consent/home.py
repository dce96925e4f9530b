"""The home view ("Today"): everything with a deadline, the signing backlog, records due for
destruction, and today's and the week's sessions.

Shown at unlock when anything is due, and from the Client menu. Each row opens the place to
act, by Enter or double-click: a deadline opens the client's Confidentiality tab, a record past
its retention the destruction dialog, a session its note. It holds client names, so the feature
destroys it at every lock. When it closes, the main window gets the focus back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.consent.labels import due_text
from ui.consent.record_dialog import plain_label, record_tree
from ui.kit.labels import buddy_label
from ui.kit.note_labels import kind_label, session_label
from vault import Vault
from vault.clients.records import list_clients
from vault.consent.due import DESTRUCTION_DUE, DueItem, due_items
from vault.notes.model import NoteSummary
from vault.notes.timeline import sessions_between
from vault.notes.unsigned import count_unsigned_notes

UNSIGNED = "unsigned_notes"
SESSION = "session"
RECENT_DAYS = 7  # today and the seven days before it
OVERDUE = QColor("#d14b4b")


@dataclass(frozen=True)
class TodayFacts:
    """Everything the view shows, read in one go: at unlock this runs on the background
    helper, since it looks at every client's retention (0.3 s on a 1,500-client practice)."""

    today: date
    names: dict[int, str]
    due: list[DueItem]
    unsigned: int
    sessions: list[NoteSummary]

    @property
    def anything_due(self) -> bool:
        return bool(self.due) or self.unsigned > 0


def read_today(vault: Vault, today: date | None = None) -> TodayFacts:
    """The home view's facts (no widgets: safe on a worker)."""
    today = today or date.today()
    return TodayFacts(
        today,
        {c.id: c.full_name for c in list_clients(vault, "all")},
        due_items(vault, today),
        count_unsigned_notes(vault),
        sessions_between(vault, today - timedelta(days=RECENT_DAYS), today),
    )


class HomeDialog(QDialog):
    """Emits `item_requested(kind, record_id, client_id)`, `unsigned_requested()`, or
    `note_requested(note_id, participant_ids)` for a session."""

    item_requested = Signal(str, int, int)
    unsigned_requested = Signal()
    note_requested = Signal(int, object)

    def __init__(
        self, vault: Vault, parent: QWidget | None = None, facts: TodayFacts | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Today")
        self._vault = vault
        self.summary = plain_label()
        self.tree = record_tree("Due items", ["When", "Client", "What"])
        self.tree.setMaximumHeight(16_777_215)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.sessions = record_tree("Today's and recent sessions", ["Session", "Client", "Note"])
        self.sessions.setMaximumHeight(16_777_215)
        self.sessions.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._last_tree = self.tree
        for tree in (self.tree, self.sessions):
            tree.itemActivated.connect(lambda _item, _column, t=tree: self.open_selected(t))
            tree.installEventFilter(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton("&Open")
        self.open_button.setAutoDefault(False)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(lambda: self.open_selected(self._last_tree))
        self.sessions_label = buddy_label("&Sessions today and in the last week:", self.sessions)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.sessions_label)
        layout.addWidget(self.sessions, 2)
        layout.addWidget(buttons)
        self.resize(800, 560)
        self.items: list[DueItem] = []
        self.finished.connect(self._return_focus)
        self.refresh(facts=facts)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """The Open button acts on the list the keyboard or mouse was in last."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QTreeWidget):
            self._last_tree = watched
            self.open_button.setEnabled(watched.currentItem() is not None)
        return super().eventFilter(watched, event)

    def refresh(self, today: date | None = None, facts: TodayFacts | None = None) -> None:
        """Read the facts again (or show `facts`, read on a worker) and fill both lists."""
        if facts is None or (today is not None and facts.today != today):
            facts = read_today(self._vault, today)
        self._fill_due(facts)
        self._fill_sessions(facts)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        newest = self.sessions.topLevelItem(0)
        if newest is not None:
            self.sessions.setCurrentItem(newest)
        self._last_tree = self.tree if first is not None else self.sessions
        self.open_button.setEnabled(self._last_tree.currentItem() is not None)
        self._last_tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_due(self, facts: TodayFacts) -> None:
        today, names = facts.today, facts.names
        self.tree.clear()
        self.items = list(facts.due)
        for item in self.items:
            when = (
                "retention ended" if item.kind == DESTRUCTION_DUE else due_text(item.due_on, today)
            )
            row = self._row(
                self.tree,
                [
                    f"{item.due_on.isoformat()} ({when})",
                    names.get(item.client_id, f"Client {item.client_id}"),
                    item.what,
                ],
                (item.kind, item.record_id, item.client_id),
            )
            if item.overdue:
                for column in range(3):
                    row.setForeground(column, QBrush(OVERDUE))
        unsigned = facts.unsigned
        if unsigned:
            self._row(
                self.tree,
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

    def _fill_sessions(self, facts: TodayFacts) -> None:
        today, names = facts.today, facts.names
        self.sessions.clear()
        found = facts.sessions
        for note in found:
            self._row(
                self.sessions,
                [_when(note, today), _who(note, names), _what(note)],
                (SESSION, note.id, note.participant_ids),
            )
        for column in range(2):
            self.sessions.resizeColumnToContents(column)
        todays = sum(note.session_start[:10] == today.isoformat() for note in found)
        self.sessions_label.setText(
            f"&Sessions today ({todays}) and in the last week ({len(found) - todays}):"
        )

    @property
    def has_items(self) -> bool:
        return self.tree.topLevelItemCount() > 0

    def _row(
        self, tree: QTreeWidget, texts: list[str], target: tuple[object, ...]
    ) -> QTreeWidgetItem:
        row = QTreeWidgetItem(texts)
        row.setData(0, Qt.ItemDataRole.UserRole, target)
        tree.addTopLevelItem(row)
        return row

    def open_selected(self, tree: QTreeWidget | None = None) -> None:
        row = (tree or self._last_tree).currentItem()
        if row is None:
            return
        kind, record_id, client = row.data(0, Qt.ItemDataRole.UserRole)
        self.accept()
        if kind == UNSIGNED:
            self.unsigned_requested.emit()
        elif kind == SESSION:
            self.note_requested.emit(int(record_id), tuple(int(c) for c in client))
        else:
            self.item_requested.emit(str(kind), int(record_id), int(client))

    def _return_focus(self) -> None:
        """Closing a window of its own leaves no window active on some desktops: hand the
        focus back to the main window, where the therapist was."""
        parent = self.parentWidget()
        if parent is not None:
            window = parent.window()
            window.raise_()
            window.activateWindow()


def _when(note: NoteSummary, today: date) -> str:
    if note.session_start[:10] == today.isoformat():
        return f"Today {note.session_start[11:16]}"
    return session_label(note.session_start)


def _who(note: NoteSummary, names: dict[int, str]) -> str:
    return " & ".join(names.get(c, f"Client {c}") for c in note.participant_ids)


def _what(note: NoteSummary) -> str:
    state = "signed" if note.signed_at else "not signed yet"
    return f"{kind_label(note.kind_title, note.is_process_note)}, {state}"
