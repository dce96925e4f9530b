"""Session notes plugged into the window: the Notes tab, its commands and the unsigned list.

One object per app, made by `ui.shell.app.register_features` with the shell's `FeatureHost`.
It registers the tab factory (a fresh `NotesTab` at every unlock), adds its commands to the
Client menu, and owns the unsigned-notes window, which it destroys at every lock so no name
outlives the key. `open_note` is what the shell connects other features' "open this note" to.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from ui.kit.feature_hook import Command, FeatureHost
from ui.notes.editor import NoteEditor
from ui.notes.tab import NotesTab
from ui.notes.unsigned_dialog import UnsignedDraftsDialog
from vault import Vault

COMMANDS = (
    Command(
        "new_note",
        "Ne&w Note…",
        "Ctrl+Shift+N",
        "Write a session note for the client shown",
        menu="Note",
    ),
    Command(
        "start_from_previous",
        "Start from &Previous Note",
        "Ctrl+Shift+P",
        "Fill the note being written from this client's last note of the same kind",
        menu="Note",
    ),
    Command(
        "sign_note",
        "Si&gn Note…",
        "Ctrl+Shift+G",
        "Sign the note being written: it becomes final",
        menu="Note",
    ),
    Command(
        "add_addendum",
        "&Add Addendum…",
        "Ctrl+Shift+D",
        "Add a dated addition to the signed note shown",
        menu="Note",
    ),
    Command(
        "record_amendment",
        "&Record Amendment…",
        "Ctrl+Shift+M",
        "Answer a participant's request to correct the signed note shown",
        menu="Note",
    ),
    Command(
        "find_in_note",
        "&Find in Note…",
        "",
        "Find words in the signed note shown (Ctrl+F inside the note)",
        menu="Note",
    ),
    Command("copy_note", "&Copy Note", "Ctrl+Shift+C", "Copy the signed note as text", menu="Note"),
    Command("print_note", "&Print Note…", "Ctrl+P", "Print the signed note shown", menu="Note"),
    Command(
        "unsigned_notes",
        "&Unsigned Notes…",
        "Ctrl+Shift+U",
        "Notes not signed yet, oldest first",
        menu="Note",
    ),
)


class NotesFeature(QObject):
    def __init__(self, host: FeatureHost) -> None:
        super().__init__()
        self._host = host
        self.tab: NotesTab | None = None
        self.unsigned: UnsignedDraftsDialog | None = None
        self.actions: dict[str, QAction] = {}
        host.register_client_tab("Notes", self._make_tab)
        handlers: dict[str, Callable[[], None]] = {
            "new_note": self.new_note,
            "sign_note": self.sign_note,
            "start_from_previous": self.start_from_previous,
            "unsigned_notes": self.show_unsigned,
            "add_addendum": lambda: self._on_signed(lambda e: e.write_addendum(amendment=False)),
            "record_amendment": lambda: self._on_signed(lambda e: e.write_addendum(amendment=True)),
            "find_in_note": lambda: self._on_signed(lambda e: e.find_in_note()),
            "copy_note": lambda: self._on_signed(lambda e: e.copy_note()),
            "print_note": lambda: self._on_signed(lambda e: e.signed_view.print_note()),
        }
        for command in COMMANDS:
            self.actions[command.name] = host.add_command(command, handlers[command.name])
        self._vault_id = ""
        # (vault id, client id, Notes tab in front, note id): in memory only, never on disk
        self.resume: tuple[str, int, bool, int | None] | None = None
        host.on_locked(self._locked)
        host.on_unlocked(self._unlocked)

    def _make_tab(self, vault: Vault) -> NotesTab:
        tab = NotesTab(vault)
        tab.unsigned_requested.connect(self.show_unsigned)
        self.tab = tab
        return tab

    def _locked(self) -> None:
        """Remember (ids only, in memory) which client and note were open, then forget them."""
        tab = self.tab
        if tab is not None and tab.client_id is not None:
            editor_open = tab.shown_at_lock and tab.currentWidget() is tab.editor
            note_id = tab.editor.note_id if editor_open else None
            self.resume = (self._vault_id, tab.client_id, tab.shown_at_lock, note_id)
        self.tab = None
        if self.unsigned is not None:
            self.unsigned.deleteLater()
            self.unsigned = None

    def _unlocked(self) -> None:
        """Back where the therapist was: the same client, and the note that was open."""
        vault = self._host.vault
        resume, self.resume = self.resume, None
        self._vault_id = vault.vault_id if vault is not None else ""
        if resume is None or resume[0] != self._vault_id or self.tab is None:
            return
        _, client_id, in_front, note_id = resume
        current = self._host.current_client_id()
        if current is None and not self._host.go_to_client(client_id):
            return
        if self._host.current_client_id() != client_id or not in_front:
            return  # a restored draft of another client is shown, or Profile was: stay
        tab = self._show_tab()
        if note_id is not None and tab is not None:
            tab.open_note(note_id)

    def _show_tab(self) -> NotesTab | None:
        tab = self.tab
        if tab is not None:
            self._host.show_client_tab(tab)
        return tab

    # ----- commands ----------------------------------------------------------------------------

    def new_note(self) -> None:
        tab = self.tab
        if tab is None or tab.client_id is None:
            self._host.show_status("Choose a client first, then write their note.")
            return
        self._show_tab()
        tab.choose_template()

    def sign_note(self) -> None:
        tab = self.tab
        if tab is None or tab.currentWidget() is not tab.editor or tab.editor.is_signed:
            self._host.show_status("Open an unsigned note to sign it.")
            return
        tab.editor.sign()

    def start_from_previous(self) -> None:
        tab = self.tab
        if tab is None or tab.currentWidget() is not tab.editor or tab.editor.is_signed:
            self._host.show_status("Start a new note first, then fill it from the previous one.")
            return
        tab.editor.start_from_previous()

    def _on_signed(self, act: Callable[[NoteEditor], object]) -> None:
        """Run a command on the signed note shown, or say how to get one."""
        tab = self.tab
        if tab is None or tab.currentWidget() is not tab.editor or not tab.editor.is_signed:
            self._host.show_status("Open a signed note first (Notes tab, then Enter).")
            return
        act(tab.editor)

    def show_unsigned(self) -> None:
        vault = self._host.vault
        if vault is None:
            return
        if self.unsigned is None:
            self.unsigned = UnsignedDraftsDialog(vault, self._host.window)
            self.unsigned.note_requested.connect(self.open_note)
        else:
            self.unsigned.refresh()
        self.unsigned.show()
        self.unsigned.raise_()
        self.unsigned.activateWindow()

    def open_note(self, note_id: int, client_ids: tuple[int, ...], find_text: str = "") -> bool:
        """Show the note's client (the current one if they took part) and open the note;
        `find_text` (a search hit's match) is highlighted and scrolled to."""
        if self.tab is None or not client_ids:
            return False
        current = self._host.current_client_id()
        target = current if current is not None and current in client_ids else client_ids[0]
        if not self._host.go_to_client(target):
            return False
        tab = self._show_tab()
        if tab is None or not tab.open_note(note_id):
            return False
        if find_text:
            tab.editor.find_in_note(find_text)
        self._host.bring_to_front()
        return True
