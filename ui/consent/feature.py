"""Confidentiality plugged into the window: the client tab, the home view and the policy.

One object per app, made by `ui.shell.app.register_features` with the shell's `FeatureHost`.
The home view opens by itself at unlock when anything is due. It and the policy dialog are
destroyed at every lock, as the shell destroys the tab, so no name outlives the key.
`unsigned_requested` and `note_requested` are what the shell connects to the notes feature
(its unsigned list; a session of the home view). A record past its retention opens the
shell's destruction dialog (`FeatureHost.offer_destruction`), as does Destroy Client Record.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui.consent.home import HomeDialog, TodayFacts, read_today
from ui.consent.policy_dialog import PolicyDialog
from ui.consent.tab import ConfidentialityTab
from ui.kit.background import run_in_background
from ui.kit.feature_hook import Command, FeatureHost
from vault import Vault
from vault.consent.due import DESTRUCTION_DUE

TODAY = Command(
    "today",
    "&Today…",
    "Ctrl+Shift+H",
    "Everything due: reviews, requests, releases, unsigned notes",
)
DESTROY = Command(
    "destroy_record",
    "&Destroy Client Record…",
    "",
    "Destroy the record of the client shown, once its retention has ended (typed to confirm)",
)
POLICY = Command(
    "consent_policy",
    "Confidentiality &Policy…",
    "",
    "Read the practice's consent policy, or save a new version of it",
)


class ConsentFeature(QObject):
    unsigned_requested = Signal()
    note_requested = Signal(int, object)  # a session of the home view: note id, participants

    def __init__(self, host: FeatureHost) -> None:
        super().__init__()
        self._host = host
        self.tab: ConfidentialityTab | None = None
        self.home: HomeDialog | None = None
        self.policy: PolicyDialog | None = None
        host.register_client_tab("Confidentiality", self._make_tab)
        self.today_action = host.add_command(TODAY, self.show_home)
        self.policy_action = host.add_command(POLICY, self.show_policy)
        self.destroy_action = host.add_command(DESTROY, self.destroy_shown_client)
        host.on_unlocked(self._unlocked)
        host.on_locked(self._locked)
        host.on_client_destroyed(self._client_destroyed)

    def _make_tab(self, vault: Vault) -> ConfidentialityTab:
        tab = ConfidentialityTab(vault)
        tab.policy_requested.connect(self.show_policy)
        self.tab = tab
        return tab

    def _unlocked(self) -> None:
        """Shown when something is due, its facts read on the background helper: the window
        is ready at once, and the view follows it."""
        vault = self._host.vault
        if vault is None:
            return

        def shown(facts: TodayFacts) -> None:
            if self._host.vault is vault and facts.anything_due:
                self.show_home(facts)

        run_in_background(lambda: read_today(vault), shown, _not_shown, owner=self)

    def _locked(self) -> None:
        self.tab = None
        for dialog in (self.home, self.policy):
            if dialog is not None:
                dialog.hide()
                dialog.deleteLater()
        self.home = None
        self.policy = None

    def show_home(self, facts: TodayFacts | None = None) -> None:
        vault = self._host.vault
        if vault is None:
            return
        if self.home is None:
            self.home = HomeDialog(vault, self._host.window, facts)
            self.home.item_requested.connect(self.open_item)
            self.home.unsigned_requested.connect(self.unsigned_requested.emit)
            self.home.note_requested.connect(self.note_requested.emit)
        else:
            self.home.refresh(facts=facts)
        self.home.show()
        self.home.raise_()
        self.home.activateWindow()

    def show_policy(self) -> None:
        vault = self._host.vault
        if vault is None:
            return
        if self.policy is not None:
            self.policy.deleteLater()
        self.policy = PolicyDialog(vault, self._host.window)
        self.policy.setModal(True)
        self.policy.open()

    def destroy_shown_client(self) -> None:
        client_id = self._host.current_client_id()
        if client_id is None:
            self._host.show_status("Choose the client whose record is to be destroyed first.")
            return
        self._host.offer_destruction(client_id)

    def _client_destroyed(self, _client_id: int) -> None:
        if self.home is not None and self.home.isVisible():
            self.home.refresh()

    def open_item(self, kind: str, record_id: int, client_id: int) -> bool:
        """Show the client and their Confidentiality tab, with the item under the cursor; a
        record past its retention opens the destruction dialog instead."""
        if kind == DESTRUCTION_DUE:
            self._host.offer_destruction(client_id)
            return True
        tab = self.tab
        if tab is None or not self._host.go_to_client(client_id):
            return False
        self._host.show_client_tab(tab)
        tab.focus_item(kind, record_id)
        self._host.bring_to_front()
        return True


def _not_shown(_error: BaseException) -> None:
    """The view is a courtesy at unlock: a vault that locked or failed meanwhile shows none
    (Client → Today reads it again, and says why if it cannot)."""
