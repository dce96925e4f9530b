"""The shell's side of the feature hook: `FeatureHost` over the controller and main window.

Features see only `ui.kit.feature_hook.FeatureHost`; this adapter is the one place that knows
where a command goes in the menus, which widget is the workspace and how a tab is brought up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ui.kit.feature_hook import ClientTabFactory, Command
from ui.kit.icons import icon
from ui.shell.controller import AppController
from ui.shell.destruction import offer_destruction
from vault import Vault


class WindowFeatureHost:
    def __init__(self, controller: AppController) -> None:
        self._controller = controller
        self._commands: list[QAction] = []
        self._client_buttons: list[QAction] = []
        self._separator_added = False
        self._destroyed: list[Callable[[int], None]] = []
        self._last_vault_command: QAction | None = None
        controller.unlocked.connect(self._add_client_buttons)
        controller.unlocked.connect(lambda: self._enable(True))
        controller.unlocked.connect(self._wire_workspace)
        controller.locked.connect(lambda: self._enable(False))

    def _wire_workspace(self) -> None:
        workspace = self._controller.window.workspace
        if workspace is not None:
            workspace.destruction_requested.connect(self.offer_destruction)

    @property
    def vault(self) -> Vault | None:
        return self._controller.vault

    @property
    def window(self) -> QWidget:
        return self._controller.window

    def register_client_tab(self, title: str, factory: ClientTabFactory) -> None:
        self._controller.register_client_tab(title, factory)

    def add_command(self, command: Command, handler: Callable[[], None]) -> QAction:
        window = self._controller.window
        action = QAction(command.text, window)
        action.setShortcut(QKeySequence(command.shortcut))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.setStatusTip(command.tip)
        if command.icon_name:
            action.setIcon(icon(command.icon_name))
        action.triggered.connect(lambda _checked=False: handler())
        action.setEnabled(self._controller.vault is not None)
        window.addAction(action)
        if command.menu == "Note":
            window.note_menu.menuAction().setVisible(True)
            window.note_menu.addAction(action)
        elif command.menu == "Vault":  # after Back Up Now (and earlier ones), in order
            actions = window.vault_menu.actions()
            previous = self._last_vault_command or window.actions_by_name["backup"]
            window.vault_menu.insertAction(actions[actions.index(previous) + 1], action)
            self._last_vault_command = action
        else:
            if not self._separator_added:
                window.client_menu.addSeparator()
                self._separator_added = True
            window.client_menu.addAction(action)
        window.actions_by_name[command.name] = action  # listed in Help → Keyboard Shortcuts
        if command.on_toolbar:
            toolbar = window.toolbar
            after_archive = toolbar.actions().index(window.actions_by_name["archive"]) + 1
            toolbar.insertAction(toolbar.actions()[after_archive], action)
        self._commands.append(action)
        return action

    def add_client_button(self, action: QAction) -> None:
        self._client_buttons.append(action)
        self._add_client_buttons(only=action)

    def _add_client_buttons(self, only: QAction | None = None) -> None:
        """Each workspace is new at unlock: give its profile the features' buttons."""
        workspace = self._controller.window.workspace
        if workspace is None:
            return
        for action in self._client_buttons if only is None else [only]:
            workspace.detail.add_action_button(action)

    def refresh_clients(self) -> None:
        workspace = self._controller.window.workspace
        if workspace is not None:
            workspace.list_panel.refresh()

    def _enable(self, unlocked: bool) -> None:
        for action in self._commands:
            action.setEnabled(unlocked)

    def on_unlocked(self, callback: Callable[[], None]) -> None:
        self._controller.unlocked.connect(callback)

    def on_locked(self, callback: Callable[[], None]) -> None:
        self._controller.locked.connect(callback)

    def on_locking(self, callback: Callable[[Vault], None]) -> None:
        self._controller.locking.connect(callback)

    def add_status_widget(self, widget: QWidget) -> None:
        self._controller.window.statusBar().addPermanentWidget(widget)

    def lock(self) -> None:
        self._controller.lock()

    def show_unlocked(self, vault: Vault) -> None:
        self._controller._unlocked(vault)  # the same path as an unlock from the unlock screen

    def show_status(self, text: str) -> None:
        self._controller.window.statusBar().showMessage(text, 5000)

    def current_client_id(self) -> int | None:
        workspace = self._controller.window.workspace
        client = workspace.current_client if workspace is not None else None
        return client.id if client is not None else None

    def go_to_client(self, client_id: int) -> bool:
        workspace = self._controller.window.workspace
        return workspace is not None and workspace.go_to_client(client_id)

    def show_client_tab(self, tab: QWidget) -> None:
        workspace = self._controller.window.workspace
        if workspace is not None:
            workspace.detail.tabs.setCurrentWidget(tab)

    def bring_to_front(self) -> None:
        self._controller.window.activateWindow()

    def seconds_since_input(self) -> float:
        return self._controller.idle.seconds_since_input()

    def offer_destruction(self, client_id: int) -> None:
        offer_destruction(self._controller, client_id, self._client_destroyed)

    def on_client_destroyed(self, callback: Callable[[int], None]) -> None:
        self._destroyed.append(callback)

    def _client_destroyed(self, client_id: int) -> None:
        for callback in self._destroyed:
            callback(client_id)
