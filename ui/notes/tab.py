"""The "Notes" tab of a client: their timeline, and the note editor in the same place.

Registered through `ui.kit.feature_hook` (see `ui.notes.feature`), so it is built at every
unlock and destroyed at every lock. Switching client or locking saves the note being written first
(`stash_for_lock`): the text lives only in the vault, never in a file of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.kit import prompts
from ui.kit.held_edits import HeldEdit, hold
from ui.notes.editor import NoteEditor
from ui.notes.timeline_model import TimelineModel
from vault import RecordNotFoundError, Vault, VaultError
from vault.notes.errors import NoteSignedError
from vault.notes.model import NoteContent
from vault.notes.templates import bundled_templates, get_template
from vault.notes.timeline import count_client_notes
from vault.notes.unsigned import autosave_note


class NotesTab(QStackedWidget):
    """Page 0: the timeline; page 1: the editor."""

    unsigned_requested = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.client_id: int | None = None
        self.shown_at_lock = False  # whether this tab was in front when the vault locked
        self.model = TimelineModel(vault, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Notes timeline")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # the therapist can drag
        header.setStretchLastSection(True)
        self.view.activated.connect(self._activated)

        self.new_button = QPushButton("New Note")
        self.new_button.setObjectName("Primary")
        self.new_button.setToolTip("Write a note for this client (Ctrl+Shift+N)")
        self.template_menu = QMenu(self)
        self.template_menu.setToolTipsVisible(True)
        for template in bundled_templates().values():
            action = QAction(template.title, self.template_menu)
            action.setToolTip(template.description)
            action.triggered.connect(lambda _c=False, t=template.id: self.start_note(t))
            self.template_menu.addAction(action)
        self.new_button.setMenu(self.template_menu)
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open the selected note (Enter)")
        self.open_button.clicked.connect(self.open_selected)
        self.unsigned_button = QPushButton("Unsigned Notes…")
        self.unsigned_button.setToolTip("Every note not signed yet, oldest first (Ctrl+Shift+U)")
        self.unsigned_button.clicked.connect(self.unsigned_requested.emit)
        self.count_label = QLabel()
        self.count_label.setObjectName("Hint")
        self.kinds = QTabBar()
        self.kinds.setAccessibleName("Which notes")
        self.kinds.addTab("Clinical record")
        self.kinds.addTab("Psychotherapy notes")
        self.kinds.setTabToolTip(1, "Your process notes, kept apart from the clinical record")
        self.kinds.setDrawBase(False)
        self.kinds.setExpanding(False)
        self.kinds.currentChanged.connect(self._kind_changed)
        self.empty = QLabel("No notes for this client yet. Press Ctrl+Shift+N to write one.")
        self.empty.setObjectName("Hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.unsigned_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        timeline = QWidget()
        layout = QVBoxLayout(timeline)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.kinds)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)

        self._editor: NoteEditor | None = None
        self.addWidget(timeline)
        self.timeline_page = timeline

    @property
    def editor(self) -> NoteEditor:
        """Built on first use, not at unlock: the editor is the heaviest widget in the window,
        and unlocking should show the client list without waiting for it."""
        if self._editor is None:
            editor = NoteEditor(self.vault)
            editor.closed.connect(self.show_timeline)
            back = QShortcut(QKeySequence(Qt.Key.Key_Escape), editor)
            back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            back.activated.connect(editor.close_editor)
            self.addWidget(editor)
            self._editor = editor
        return self._editor

    # ----- the ClientTab protocol --------------------------------------------------------------

    def show_client(self, client_id: int | None) -> None:
        """Follow the workspace; the note being written is saved before another client shows."""
        if client_id == self.client_id and client_id is not None:
            if self.currentWidget() is self.timeline_page:
                self.refresh()
            return
        if self._editor is not None:
            self._editor.clear()
        self.client_id = client_id
        self.setCurrentWidget(self.timeline_page)
        self.refresh()

    def may_leave_client(self) -> bool:
        """Save the note being written; if that fails, leave only when the therapist agrees to
        lose the unsaved text (it is never kept anywhere but the vault)."""
        editor = self._editor
        if editor is None or editor.save_now():
            return True
        discard = prompts.confirm(
            self,
            "Note not saved",
            f"The note you are writing could not be saved: {editor.last_save_error} "
            "Discard the unsaved text and go on, or cancel to stay with it?",
            "Discard Text",
        )
        if discard:
            editor.forget_unsaved()
        return discard

    def stash_for_lock(self) -> None:
        """Called while the vault is still open: save the note being written, drop the rest.
        Raises when the note could not be saved, so the lock screen says what was lost."""
        editor = self._editor
        self.shown_at_lock = self.isVisible()
        self.model.clear()
        if editor is not None and not editor.save_now():
            reason = editor.last_save_error
            content, note_id = editor.content(), editor.note_id
            if content is not None:
                what = "the note being written"
                hold(
                    HeldEdit(
                        self.vault.vault_id,
                        str(self.vault.directory),
                        what,
                        _rewrite(note_id, content),
                    )
                )
            editor.forget_unsaved()
            raise VaultError(
                f"the note being written could not be saved ({reason}). It is kept in memory "
                "and will be saved when this vault is unlocked again; do not quit Confidant"
            )

    # ----- timeline ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the timeline from the newest note, keeping the selected note selected."""
        selected = self.selected_note_id()
        self.model.set_client(self.client_id)
        if self.model.canFetchMore():
            self.model.fetchMore()
        record, process = self._counts()
        self.kinds.setTabText(0, f"Clinical record ({record})")
        self.kinds.setTabText(1, f"Psychotherapy notes ({process})")
        total = process if self.model.process_only else record
        self.count_label.setText(f"{total} note{'s' if total != 1 else ''}")
        self.empty.setText(
            "No psychotherapy notes for this client."
            if self.model.process_only
            else "No notes for this client yet. Press Ctrl+Shift+N to write one."
        )
        self.empty.setVisible(self.client_id is not None and total == 0)
        self.new_button.setEnabled(self.client_id is not None)
        row = self.model.row_of(selected) if selected is not None else None
        if row is None and self.model.rowCount() > 0:
            row = 0
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 0))
        for column in range(self.model.columnCount() - 1):  # sized to what they hold
            self.view.resizeColumnToContents(column)

    def _counts(self) -> tuple[int, int]:
        """(clinical record notes, psychotherapy notes) of the client shown."""
        if self.client_id is None:
            return 0, 0
        process = count_client_notes(self.vault, self.client_id, only_process_notes=True)
        return count_client_notes(self.vault, self.client_id) - process, process

    def _kind_changed(self, index: int) -> None:
        if self.model.process_only != (index == 1):
            self.model.set_process_only(index == 1)
            self.refresh()

    def show_kind_of(self, is_process_note: bool) -> None:
        """List the notes of the kind just opened, so Back returns to where it is."""
        self.kinds.setCurrentIndex(1 if is_process_note else 0)

    def selected_note_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.note_id_at(index.row()) if index.isValid() else None

    def show_timeline(self) -> None:
        self.setCurrentWidget(self.timeline_page)
        self.refresh()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        note_id = self.model.note_id_at(index.row())
        if note_id is not None:
            self.open_note(note_id)

    def open_selected(self) -> None:
        note_id = self.selected_note_id()
        if note_id is not None:
            self.open_note(note_id)

    # ----- editor ------------------------------------------------------------------------------

    def choose_template(self) -> None:
        """Ctrl+Shift+N: pop up the list of note kinds under the New Note button."""
        if self.client_id is None:
            return
        anchor = self.new_button if self.new_button.isVisible() else self
        self.template_menu.popup(anchor.mapToGlobal(anchor.rect().bottomLeft()))

    def start_note(self, template_id: str) -> None:
        if self.client_id is None or not self._leave_editor():
            return
        self.show_kind_of(get_template(template_id).process_note)
        try:
            self.editor.open_new(template_id, self.client_id)
        except VaultError as exc:
            self.editor.set_error(str(exc))
        self.setCurrentWidget(self.editor)
        self.editor.sections.focus_first()

    def open_note(self, note_id: int) -> bool:
        if not self._leave_editor():
            return False
        if not self.editor.open_note(note_id, self.client_id):
            return False
        if self.editor.note is not None:
            self.show_kind_of(self.editor.note.is_process_note)
        self.setCurrentWidget(self.editor)
        if self.editor.is_signed:
            self.editor.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.editor.sections.focus_first()
        return True

    def _leave_editor(self) -> bool:
        """Save what the editor holds before it shows another note."""
        editor = self._editor
        return editor is None or self.currentWidget() is not editor or editor.save_now()


def _rewrite(note_id: int | None, content: NoteContent) -> Callable[[Vault], None]:
    """Save held note text as a draft: over its unsigned note if that is still there, else new."""

    def write(vault: Vault) -> None:
        try:
            autosave_note(vault, note_id, content)
        except (RecordNotFoundError, NoteSignedError):
            autosave_note(vault, None, content)

    return write
