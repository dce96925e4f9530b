"""The hook through which a feature (notes, search, ...) plugs into the window.

A feature never imports the shell or another feature: the shell hands it a `FeatureHost`
(commands in the menu and toolbar, a tab beside "Profile", the open vault, lock and unlock) and
wires features to each other itself (a search hit opens a note through the notes feature).

A feature that adds a client tab registers it once, before or after the first unlock::

    host.register_client_tab("Notes", lambda vault: NotesTab(vault))

The factory is called with the open `Vault` each time the vault is unlocked, and the widget it
returns is destroyed at every lock, so no widget outlives the key. The widget must provide:

- ``show_client(client_id: int | None)``: called whenever another client is shown (``None`` for
  "no client" or a new, unsaved client). A tab with its own unsaved edits keeps them safe itself
  (``vault.store.unsaved_edits``) before switching.
- ``may_leave_client() -> bool``: called before another client is shown; save what the tab
  holds, and return False (after telling the therapist why) when leaving now would lose it.
- ``stash_for_lock()``: called just before the vault locks, while it is still open: save any
  unsaved edits as an encrypted draft (``vault.store.unsaved_edits.keep_unsaved_edit``).
  Never write them elsewhere.
  Raise a `VaultError` saying what could not be kept: the lock screen shows it.

Menu actions (e.g. a Ctrl+F search) are added with `FeatureHost.add_command`; one that acts
on the shown client can also be offered as a button on the client's profile, beside Archive
(`FeatureHost.add_client_button`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from vault import Vault


@runtime_checkable
class ClientTab(Protocol):
    def show_client(self, client_id: int | None) -> None: ...

    def may_leave_client(self) -> bool: ...

    def stash_for_lock(self) -> None: ...


ClientTabFactory = Callable[[Vault], QWidget]


@dataclass(frozen=True)
class ClientTabSpec:
    title: str
    factory: ClientTabFactory


@dataclass(frozen=True)
class Command:
    """A menu entry with its shortcut; `on_toolbar` also puts it on the main toolbar.

    `menu` is "Client" (the default) or "Note": the menu bar's Client and Note menus."""

    name: str  # also its key in Help -> Keyboard Shortcuts
    text: str
    shortcut: str
    tip: str
    icon_name: str = ""
    on_toolbar: bool = False
    menu: str = "Client"  # or "Note", or "Vault" for commands about the vault as a whole


class FeatureHost(Protocol):
    """What the shell offers a feature. Implemented by `ui.shell.feature_host`."""

    @property
    def vault(self) -> Vault | None:
        """The open vault, or None while locked."""
        ...

    @property
    def window(self) -> QWidget:
        """The main window: the parent for a feature's dialogs."""
        ...

    def register_client_tab(self, title: str, factory: ClientTabFactory) -> None: ...

    def add_command(self, command: Command, handler: Callable[[], None]) -> QAction:
        """Add `command` to its menu (enabled only while unlocked)."""
        ...

    def add_client_button(self, action: QAction) -> None:
        """Offer `action` (from `add_command`) as a button on every saved client's profile."""
        ...

    def refresh_clients(self) -> None:
        """Read the client list again (clients came in through an import)."""
        ...

    def on_unlocked(self, callback: Callable[[], None]) -> None: ...

    def on_locked(self, callback: Callable[[], None]) -> None:
        """`callback` runs at every lock, before the key is dropped: forget what was shown."""
        ...

    def on_locking(self, callback: Callable[[Vault], None]) -> None:
        """`callback(vault)` runs at every lock (and quit) while the vault is still open, after
        unsaved edits were kept and just before it closes: the last moment to read it."""
        ...

    def show_status(self, text: str) -> None: ...

    def add_status_widget(self, widget: QWidget) -> None:
        """A widget kept at the right of the status bar, locked or not (nothing secret in it)."""
        ...

    def lock(self) -> None: ...

    def show_unlocked(self, vault: Vault) -> None:
        """Open the window on `vault`, unlocked by the feature (a restored backup)."""
        ...

    def current_client_id(self) -> int | None: ...

    def go_to_client(self, client_id: int) -> bool:
        """Show that client (asking first about unsaved edits); False if it could not."""
        ...

    def show_client_tab(self, tab: QWidget) -> None:
        """Bring a registered tab of the shown client to the front."""
        ...

    def offer_destruction(self, client_id: int) -> None:
        """Show that client, then the dialog that destroys their record (typed to confirm)."""
        ...

    def on_client_destroyed(self, callback: Callable[[int], None]) -> None:
        """`callback(client_id)` runs once a client's record was destroyed: forget anything of
        theirs a window still shows (search results, a list)."""
        ...

    def bring_to_front(self) -> None: ...

    def seconds_since_input(self) -> float:
        """How long since the last key press or mouse input anywhere in the app."""
        ...
