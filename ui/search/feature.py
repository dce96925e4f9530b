"""Note search plugged into the window: the Ctrl+F command and the search window.

The search window is destroyed at every lock, so no query, result or name outlives the key.
Choosing a hit emits `note_requested`; the shell connects it to the notes feature, so this
feature never imports another.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from ui.kit.feature_hook import Command, FeatureHost
from ui.search.index_upkeep import IndexUpkeep
from ui.search.panel import SearchDialog

SEARCH_COMMAND = Command(
    "search_notes",
    "Searc&h Notes…",
    "Ctrl+F",
    "Search every session note",
    icon_name="search",
    on_toolbar=True,
)


class SearchFeature(QObject):
    note_requested = Signal(int, object, str)  # note id, participants' ids, the matched words

    def __init__(self, host: FeatureHost) -> None:
        super().__init__()
        self._host = host
        self.dialog: SearchDialog | None = None
        self.actions: dict[str, QAction] = {
            SEARCH_COMMAND.name: host.add_command(SEARCH_COMMAND, self.show_search)
        }
        host.on_locked(self._locked)
        host.on_client_destroyed(lambda _client_id: self._forget_results())
        self.upkeep = IndexUpkeep(host)

    def show_search(self) -> None:
        vault = self._host.vault
        if vault is None:
            return
        if self.dialog is None:
            self.dialog = SearchDialog(vault, self._host.window)
            self.dialog.note_requested.connect(self.note_requested)
        self.dialog.focus_query()

    def _forget_results(self) -> None:
        """A destroyed client's notes may be among the hits shown: drop them all."""
        if self.dialog is not None:
            self.dialog.forget()

    def _locked(self) -> None:
        if self.dialog is not None:
            self.dialog.forget()
            self.dialog.deleteLater()
            self.dialog = None
