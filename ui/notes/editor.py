"""The note editor: write a session note, autosaved into the vault, then sign it.

Autosave promise: about a second after typing stops (and at the latest two seconds after the
first unsaved keystroke, however fast the typing) the note goes to `autosave_note`, one
durable commit inside the encrypted vault, so a crash or kill loses at most about two seconds of
typing. Nothing is ever written anywhere else. Once signed the editor turns read-only (the vault
refuses changes anyway) and only addenda and amendments can follow.
"""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ui.kit import prompts
from ui.kit.elided_label import ElidedLabel
from ui.kit.labels import error_label
from ui.kit.note_labels import PROCESS_BANNER, session_label
from ui.notes.addendum_dialog import AddendumDialog, open_addendum_dialog
from ui.notes.details_form import NoteDetailsForm, now_minutes
from ui.notes.editor_bar import EditorBar
from ui.notes.from_previous import start_from_previous
from ui.notes.note_problems import clear_note_problems, show_refusal
from ui.notes.sections_form import NoteSectionsForm
from ui.notes.signed_view import SignedNoteView
from ui.notes.signer import confirm_signing, signer_name
from vault import Vault, VaultError
from vault.clients.records import list_clients
from vault.notes.model import Note, NoteContent
from vault.notes.previous import CopiedFrom, copied_sections
from vault.notes.records import blank_note, create_note, get_note, update_note
from vault.notes.signing import sign_note
from vault.notes.snippets import snippet_book
from vault.notes.templates import get_template, template_title
from vault.notes.unsigned import autosave_note, discard_unsigned_note

AUTOSAVE_DELAY_MS = 1000
AUTOSAVE_MAX_WAIT_MS = 2000


class NoteEditor(QWidget):
    closed = Signal()
    saved = Signal(int)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.note_id: int | None = None
        self.client_id: int | None = None  # whose timeline the note was opened from
        self.note: Note | None = None
        self._base: NoteContent | None = None
        self._dirty = False
        self.last_save_error = ""
        self._names: dict[int, str] = {}
        self.addendum_dialog: AddendumDialog | None = None

        self.bar = EditorBar()
        self.back_button, self.status = self.bar.back_button, self.bar.status
        self.title = ElidedLabel()
        self.title.setObjectName("SubHeading")
        self.banner = QLabel(PROCESS_BANNER)
        self.banner.setObjectName("Warning")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Psychotherapy note")
        self.error = error_label("Problem with this note")

        self.details = NoteDetailsForm()
        self.sections = NoteSectionsForm()
        self.signed_view = SignedNoteView()
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(self.details)
        page_layout.addWidget(self.sections)
        page_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(page)
        self.body = QStackedWidget()
        self.body.addWidget(self.scroll_area)
        self.body.addWidget(self.signed_view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.title)  # a line of its own, so buttons never squeeze it
        layout.addWidget(self.bar.notice)
        layout.addWidget(self.banner)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.error)  # below the note, so nothing in it moves when this shows

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(AUTOSAVE_DELAY_MS)
        self._debounce.timeout.connect(self.save_now)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(AUTOSAVE_MAX_WAIT_MS)
        self._deadline.timeout.connect(self.save_now)
        self.details.changed.connect(self._changed)
        self.details.participants_changed.connect(self._participants_changed)
        self.sections.changed.connect(self._changed)
        self.sections.focused.connect(self._load_snippets)
        self.sections.snippet_expanded.connect(
            lambda code: self.status.setText(f"{code} expanded; Ctrl+Z puts the code back")
        )
        bar = self.bar
        bar.back_button.clicked.connect(self.close_editor)
        bar.previous_button.clicked.connect(self.start_from_previous)
        bar.sign_button.clicked.connect(self.sign)
        bar.discard_button.clicked.connect(self.discard)
        bar.addendum_button.clicked.connect(lambda: self.write_addendum(amendment=False))
        bar.amendment_button.clicked.connect(lambda: self.write_addendum(amendment=True))
        bar.print_button.clicked.connect(self.signed_view.print_note)
        bar.copy_button.clicked.connect(self.copy_note)

    # ----- opening ------------------------------------------------------------------------------

    def open_new(self, template_id: str, client_id: int) -> None:
        """A blank note of `template_id` for `client_id`; stored at the first change."""
        content = blank_note(template_id, now_minutes(), (client_id,))
        self._load_names()
        self.note_id, self.note, self.client_id = None, None, client_id
        self._show(content, is_process=get_template(template_id).process_note)
        self.status.setText("New note — saved as you type")

    def open_note(self, note_id: int, client_id: int | None = None) -> bool:
        """Show a stored note; `client_id` is whose timeline it was opened from (its first
        participant when not given), the client "Start from Previous" looks at."""
        try:
            note = get_note(self.vault, note_id)
            copied = {} if note.is_signed else copied_sections(self.vault, note_id)
        except VaultError as exc:
            self.set_error(str(exc))
            return False
        self._load_names()
        self.note_id, self.note = note.id, note
        taking_part = note.content.participants
        self.client_id = client_id if client_id in taking_part else taking_part[0]
        self._show(note.content, is_process=note.is_process_note, copied=copied)
        self.status.setText("Signed" if note.is_signed else "Saved")
        return True

    def _load_names(self) -> None:
        self._names = {c.id: c.full_name for c in list_clients(self.vault, "all")}
        self.details.participants.set_clients(self._names)
        self._load_snippets()

    def _load_snippets(self) -> None:
        if self.vault.is_open and not self.is_signed:
            self.sections.set_snippets(snippet_book(self.vault))

    def _show(
        self, content: NoteContent, *, is_process: bool, copied: dict[int, CopiedFrom] | None = None
    ) -> None:
        self._stop_timers()
        self._base = None  # building the form must not count as typing
        signed = self.note is not None and self.note.is_signed
        self.title.setText(
            f"{template_title(content.template_id)} — {session_label(content.session_start)}"
        )
        self.banner.setVisible(is_process)
        self.details.set_content(content)
        self.sections.set_sections(
            content.template_id, content.sections, content.participants, self._names, copied
        )
        self.details.set_read_only(signed)
        self.sections.set_read_only(signed)
        self.bar.show_for(signed=signed)
        self.bar.show_notice("")
        if self.note is not None and signed:
            self.signed_view.show_note(self.note, self._names)
            self.body.setCurrentWidget(self.signed_view)
        else:
            self.signed_view.clear()
            self.body.setCurrentWidget(self.scroll_area)
        self._base = content
        self._dirty = False
        self.set_error("")
        self.scroll_area.verticalScrollBar().setValue(0)
        if not signed:
            self.sections.focus_first()

    # ----- state -------------------------------------------------------------------------------

    @property
    def is_signed(self) -> bool:
        return self.note is not None and self.note.is_signed

    def is_dirty(self) -> bool:
        return self._dirty

    def content(self) -> NoteContent | None:
        """The note as it stands in the editor."""
        if self._base is None:
            return None
        return self.details.apply_to(replace(self._base, sections=self.sections.sections()))

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # ----- autosave ----------------------------------------------------------------------------

    def _changed(self) -> None:
        if self.is_signed or self._base is None:
            return
        self._dirty = True
        self.status.setText("Saving…")
        self._debounce.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def _participants_changed(self) -> None:
        self.sections.set_participants(self.details.participants.participants())

    def _stop_timers(self) -> None:
        self._debounce.stop()
        self._deadline.stop()

    def save_now(self) -> bool:
        """Write unsaved changes to the vault now; False (and the reason shown) if refused."""
        self._stop_timers()
        content = self.content()
        if not self._dirty or content is None or self.is_signed or not self.vault.is_open:
            return not self._dirty
        try:
            self.note_id = autosave_note(
                self.vault, self.note_id, content, copied=self.sections.copied()
            )
        except VaultError as exc:
            self.status.setText("Not saved")
            self.set_error(str(exc))
            self.last_save_error = str(exc)
            return False
        self.last_save_error = ""
        self._dirty = False
        self.set_error("")
        self.status.setText(f"Saved {time.strftime('%H:%M:%S')}")
        self.saved.emit(self.note_id)
        return True

    def close_editor(self) -> bool:
        """Save, then go back to the timeline; stays open if the note could not be saved."""
        if not self.save_now():
            return False
        self.closed.emit()
        return True

    def forget_unsaved(self) -> None:
        """The therapist chose to lose the text that could not be saved."""
        self._stop_timers()
        self._dirty = False

    def clear(self) -> None:
        """Forget the note shown (after saving it, see `NotesTab.may_leave_client`); nothing
        of it stays in the widgets."""
        self.save_now()
        self._base, self.note, self.note_id = None, None, None
        self.sections.set_sections("", (), (), {})
        self.signed_view.clear()

    # ----- start from the previous note -------------------------------------------------------

    def start_from_previous(self) -> None:
        """Fill the empty sections from this client's last note of the same kind, each copied
        section marked until it is edited; says what was (and was not) copied."""
        content = self.content()
        if self.is_signed or content is None or self.client_id is None:
            return
        try:
            filled, message = start_from_previous(self.vault, content, self.client_id, self.note_id)
        except VaultError as exc:
            self.set_error(str(exc))
            return
        if filled is not None:
            self.sections.fill_copied(filled.content.sections, filled.copied)
            if not self.save_now():  # the copies and their marks are saved at once
                return
        self.bar.show_notice(message)

    # ----- a signed note: find, copy -----------------------------------------------------------

    def find_in_note(self, text: str = "") -> bool:
        """Open the find bar over a signed note (and highlight `text`); False for a draft."""
        if not self.is_signed:
            return False
        self.signed_view.open_find(text)
        return True

    def copy_note(self) -> None:
        if self.is_signed:
            self.signed_view.copy_note()
            self.status.setText("Copied; the clipboard is cleared when the vault locks")

    def event(self, event: QEvent) -> bool:
        """Inside a signed note Ctrl+F finds in the note, ahead of the window's note search."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Find)
            and self.is_signed
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.matches(QKeySequence.StandardKey.Find) and self.find_in_note():
            return
        super().keyPressEvent(event)

    # ----- signing and what follows ------------------------------------------------------------

    def sign(self) -> None:
        if self.is_signed or self._base is None or not self.save_now():
            return
        content = self.content()
        assert content is not None
        try:  # the strict check first, so problems show before the question is asked
            note = (
                update_note(self.vault, self.note_id, content)
                if self.note_id is not None
                else create_note(self.vault, content)
            )
        except VaultError as exc:  # every field named at once, the cursor in the first
            first = show_refusal(exc, self.details, self.sections, self.set_error)
            if first is not None:
                self.scroll_area.ensureWidgetVisible(first)
            return
        clear_note_problems(self.details, self.sections)
        self.note_id, self.note = note.id, note
        self.details.set_content(note.content)
        signer = self.signer_name()
        if (
            signer is None
            or not confirm_signing(self, signer, self.sections.copied_titles())
            or not self.vault.is_open
        ):
            return
        try:
            sign_note(self.vault, note.id, signer)
        except VaultError as exc:
            self.set_error(str(exc))
            return
        self.open_note(note.id)
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.saved.emit(note.id)

    def signer_name(self) -> str | None:
        return signer_name(self.vault, self, self.set_error)

    def write_addendum(self, *, amendment: bool) -> None:
        note = self.note
        if note is None or not note.is_signed:
            return
        author = self.signer_name()
        if author is None:
            return
        self.addendum_dialog = open_addendum_dialog(
            self.vault,
            note,
            author,
            self._names,
            amendment=amendment,
            parent=self,
            on_written=lambda: self._addendum_written(note.id),
        )

    def _addendum_written(self, note_id: int) -> None:
        if self.vault.is_open and self.note_id == note_id:
            self.open_note(note_id)
            self.saved.emit(note_id)
            QTimer.singleShot(0, self.signed_view.scroll_to_end)

    def discard(self) -> None:
        if (
            self.is_signed
            or not prompts.confirm(
                self,
                "Discard Draft",
                "Throw this unsigned note away? It cannot be recovered.",
                "Discard",
            )
            or not self.vault.is_open
        ):
            return
        self._stop_timers()
        if self.note_id is not None:
            try:
                discard_unsigned_note(self.vault, self.note_id)
            except VaultError as exc:
                self.set_error(str(exc))
                return
        self._dirty = False
        self.closed.emit()
