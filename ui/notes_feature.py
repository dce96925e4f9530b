"""Session notes plugged into the main window: the Notes tab, its menu entries and search.

One object per app, made by `app.register_features`. It registers the tab factory (a fresh
`NotesTab` at every unlock), adds the commands to the Client menu and the toolbar, and owns
the search and unsigned-notes windows, which it destroys at every lock so no query, result or
name outlives the key.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from vault import Vault

from .controller import AppController
from .icons import icon
from .notes_tab import NotesTab
from .search_panel import SearchDialog
from .unsigned_drafts_dialog import UnsignedDraftsDialog

# name, menu text, shortcut, status tip
_COMMANDS = (
    ("new_note", "Ne&w Note…", "Ctrl+Shift+N", "Write a session note for the client shown"),
    ("sign_note", "Si&gn Note…", "Ctrl+Shift+G", "Sign the note being written: it becomes final"),
    ("unsigned_notes", "&Unsigned Notes…", "Ctrl+Shift+U", "Notes not signed yet, oldest first"),
    ("search_notes", "Searc&h Notes…", "Ctrl+F", "Search every session note"),
)


class NotesFeature(QObject):
    def __init__(self, controller: AppController) -> None:
        super().__init__(controller)
        self._controller = controller
        self.tab: NotesTab | None = None
        self.search: SearchDialog | None = None
        self.unsigned: UnsignedDraftsDialog | None = None
        self.actions: dict[str, QAction] = {}
        controller.register_client_tab("Notes", self._make_tab)
        self._add_actions()
        controller.unlocked.connect(lambda: self._enable(True))
        controller.locked.connect(self._locked)
        self._enable(False)

    # ----- window plumbing ---------------------------------------------------------------------

    def _add_actions(self) -> None:
        window = self._controller.window
        handlers: dict[str, Callable[[], None]] = {
            "new_note": self.new_note,
            "sign_note": self.sign_note,
            "unsigned_notes": self.show_unsigned,
            "search_notes": self.show_search,
        }
        menu = window.client_menu
        menu.addSeparator()
        for name, text, keys, tip in _COMMANDS:
            action = QAction(text, window)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False, run=handlers[name]: run())
            window.addAction(action)
            menu.addAction(action)
            window.actions_by_name[name] = action  # listed in Help → Keyboard Shortcuts
            self.actions[name] = action
        self.actions["search_notes"].setIcon(icon("search"))
        toolbar = window.toolbar
        after_archive = toolbar.actions().index(window.actions_by_name["archive"]) + 1
        toolbar.insertAction(toolbar.actions()[after_archive], self.actions["search_notes"])

    def _enable(self, unlocked: bool) -> None:
        for action in self.actions.values():
            action.setEnabled(unlocked)

    def _make_tab(self, vault: Vault) -> NotesTab:
        tab = NotesTab(vault)
        tab.unsigned_requested.connect(self.show_unsigned)
        self.tab = tab
        return tab

    def _locked(self) -> None:
        self._enable(False)
        self.tab = None
        if self.search is not None:
            self.search.forget()
            self.search.deleteLater()
            self.search = None
        if self.unsigned is not None:
            self.unsigned.deleteLater()
            self.unsigned = None

    def _status(self, text: str) -> None:
        self._controller.window.statusBar().showMessage(text, 5000)

    def _show_tab(self) -> NotesTab | None:
        workspace, tab = self._controller.window.workspace, self.tab
        if workspace is None or tab is None:
            return None
        workspace.detail.tabs.setCurrentWidget(tab)
        return tab

    # ----- commands ----------------------------------------------------------------------------

    def new_note(self) -> None:
        tab = self.tab
        if tab is None or tab.client_id is None:
            self._status("Choose a client first, then write their note.")
            return
        self._show_tab()
        tab.choose_template()

    def sign_note(self) -> None:
        tab = self.tab
        if tab is None or tab.currentWidget() is not tab.editor or tab.editor.is_signed:
            self._status("Open an unsigned note to sign it.")
            return
        tab.editor.sign()

    def show_search(self) -> None:
        vault = self._controller.vault
        if vault is None:
            return
        if self.search is None:
            self.search = SearchDialog(vault, self._controller.window)
            self.search.note_requested.connect(self.open_note)
        self.search.focus_query()

    def show_unsigned(self) -> None:
        vault = self._controller.vault
        if vault is None:
            return
        if self.unsigned is None:
            self.unsigned = UnsignedDraftsDialog(vault, self._controller.window)
            self.unsigned.note_requested.connect(self.open_note)
        else:
            self.unsigned.refresh()
        self.unsigned.show()
        self.unsigned.raise_()
        self.unsigned.activateWindow()

    def open_note(self, note_id: int, client_ids: tuple[int, ...]) -> bool:
        """Show the note's client (the current one if they took part) and open the note."""
        workspace = self._controller.window.workspace
        if workspace is None or self.tab is None or not client_ids:
            return False
        current = workspace.current_client
        target = current.id if current is not None and current.id in client_ids else client_ids[0]
        if not workspace.go_to_client(target):
            return False
        tab = self._show_tab()
        if tab is None or not tab.open_note(note_id):
            return False
        self._controller.window.activateWindow()
        return True


def install_notes(controller: AppController) -> NotesFeature:
    """Add session notes to the app; the feature lives as long as the controller."""
    return NotesFeature(controller)
