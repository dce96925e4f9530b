"""The hook for features that add a tab beside "Profile" in the client detail area.

A later feature (session notes, say) registers a tab once, before or after the first unlock::

    controller.register_client_tab("Notes", lambda vault: NotesTab(vault))

The factory is called with the open `Vault` each time the vault is unlocked, and the widget it
returns is destroyed at every lock, so no widget outlives the key. The widget must provide:

- ``show_client(client_id: int | None)``: called whenever another client is shown (``None`` for
  "no client" or a new, unsaved client). A tab with its own unsaved edits keeps them safe itself
  (``vault.drafts``) before switching.
- ``may_leave_client() -> bool``: called before another client is shown; save what the tab
  holds, and return False (after telling the therapist why) when leaving now would lose it.
- ``stash_for_lock()``: called just before the vault locks, while it is still open: save any
  unsaved edits as an encrypted draft (``vault.drafts.save_draft``). Never write them elsewhere.
  Raise a `VaultError` saying what could not be kept: the lock screen shows it.

Menu actions (e.g. a Ctrl+F search) go on `MainWindow.client_menu` / `MainWindow.toolbar`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

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
