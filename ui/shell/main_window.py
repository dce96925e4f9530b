"""The one main window: the unlock screen while locked, the workspace while unlocked.

Owns the menus, toolbar and status bar. Every command is a `QAction` with a shortcut and a menu
entry; commands that touch records are forwarded to the current `Workspace`. The title only
ever says "Confidant" (and whether it is locked), never whose record is open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.clients.workspace import Workspace
from ui.kit.icons import app_icon, icon
from ui.shell.unlock_screen import UnlockScreen
from vault.clients.records import StatusFilter

if TYPE_CHECKING:
    from ui.shell.about_dialog import AboutDialog
    from ui.shell.guide_window import GuideWindow

TITLE = "Confidant"
LOCKED_TITLE = "Confidant — Locked"


class MainWindow(QMainWindow):
    lock_requested = Signal()
    settings_requested = Signal()
    backup_requested = Signal()
    passphrase_requested = Signal()
    minimised = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowIcon(app_icon())
        self.setMinimumSize(760, 520)
        self.resize(1100, 720)
        self.close_guard: Callable[[], bool] = lambda: True
        self.unlock_screen = UnlockScreen()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.unlock_screen)
        self.lock_countdown = QLabel()
        self.lock_countdown.setObjectName("LockCountdown")
        self.lock_countdown.setAccessibleName("Locking soon")
        self.lock_countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lock_countdown.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.lock_countdown)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.workspace: Workspace | None = None
        self.guide_window: GuideWindow | None = None
        self.actions_by_name: dict[str, QAction] = {}
        self._vault_actions: list[QAction] = []
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.lock_hint = QLabel()
        self.lock_hint.setObjectName("Hint")
        self.statusBar().addPermanentWidget(self.lock_hint)
        self.show_locked()

    # ----- actions ------------------------------------------------------------------------------

    def _action(
        self,
        name: str,
        text: str,
        shortcut: str,
        handler: Callable[[], object],
        *,
        icon_name: str = "",
        needs_vault: bool = True,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: handler())
        self.addAction(action)
        self.actions_by_name[name] = action
        if needs_vault:
            self._vault_actions.append(action)
        return action

    def _on_workspace(self, method: str) -> Callable[[], None]:
        def run() -> None:
            if self.workspace is not None:
                getattr(self.workspace, method)()

        return run

    def _show_status(self, status: StatusFilter) -> Callable[[], None]:
        def run() -> None:
            if self.workspace is not None:
                self.workspace.set_status_filter(status)

        return run

    def _build_actions(self) -> None:
        a = self._action
        a(
            "new_client",
            "&New Client",
            "Ctrl+N",
            self._on_workspace("new_client"),
            icon_name="new-client",
        )
        a("save", "&Save", "Ctrl+S", self._on_workspace("save"), icon_name="save")
        a(
            "revert",
            "&Revert Changes…",
            "Ctrl+Shift+R",
            self._on_workspace("revert"),
            icon_name="revert",
        )
        a(
            "archive",
            "&Archive Client…",
            "Ctrl+Shift+A",
            self._on_workspace("archive"),
            icon_name="archive",
        )
        a(
            "reactivate",
            "Reac&tivate Client",
            "Ctrl+Shift+E",
            self._on_workspace("reactivate"),
            icon_name="reactivate",
        )
        a("next_client", "Ne&xt Client", "Alt+Down", lambda: self._step_client(1))
        a("previous_client", "&Previous Client", "Alt+Up", lambda: self._step_client(-1))
        a(
            "find_client",
            "&Find Client…",
            "Ctrl+K",
            self._on_workspace("focus_filter"),
            icon_name="search",
        )
        statuses: tuple[tuple[int, StatusFilter, str], ...] = (
            (1, "active", "&Active Clients"),
            (2, "inactive", "&Inactive Clients"),
            (3, "all", "A&ll Clients"),
        )
        for number, status, label in statuses:
            a(f"show_{status}", label, f"Ctrl+{number}", self._show_status(status))
        a(
            "lock",
            "&Lock",
            "Ctrl+L",
            self.lock_requested.emit,
            icon_name="lock",
            tip="Lock now: hide everything and close the vault",
        )
        a(
            "backup",
            "&Back Up Now",
            "Ctrl+Shift+B",
            self.backup_requested.emit,
            icon_name="backup",
            tip="Write an encrypted backup to the backup folder",
        )
        a(
            "change_passphrase",
            "Change &Passphrase…",
            "",
            self.passphrase_requested.emit,
            tip="Choose a new master passphrase; every page is re-encrypted",
        )
        a("settings", "&Settings…", "Ctrl+,", self.settings_requested.emit, icon_name="settings")
        a("quit", "&Quit", "Ctrl+Q", self.close, needs_vault=False)
        a("shortcuts", "&Keyboard Shortcuts", "F1", self._show_shortcuts, needs_vault=False)
        a("guide", "&User Guide", "", self._show_guide, needs_vault=False)
        a("about", "&About Confidant", "Shift+F1", self._show_about, needs_vault=False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        groups = (
            ("&Vault", ("lock", "backup", "change_passphrase", None, "settings", None, "quit")),
            (
                "&Client",
                (
                    "new_client",
                    "save",
                    "revert",
                    None,
                    "archive",
                    "reactivate",
                    None,
                    "next_client",
                    "previous_client",
                ),
            ),
            ("&View", ("find_client", None, "show_active", "show_inactive", "show_all")),
            ("&Help", ("guide", "shortcuts", None, "about")),
        )
        for title, names in groups:
            menu = bar.addMenu(title)
            for name in names:
                if name is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions_by_name[name])
            if title == "&Vault":
                self.vault_menu = menu
            if title == "&Client":
                self.client_menu = menu
                self.note_menu = bar.addMenu("&Note")  # filled by the notes feature
                self.note_menu.menuAction().setVisible(False)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar("Main toolbar")
        self.toolbar.setObjectName("MainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name in ("new_client", "save", "archive"):
            self.toolbar.addAction(self.actions_by_name[name])
        spacer = QWidget()
        spacer.setSizePolicy(
            spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred
        )
        self.toolbar.addWidget(spacer)
        for name in ("backup", "settings", "lock"):
            self.toolbar.addAction(self.actions_by_name[name])
        self.addToolBar(self.toolbar)

    def update_actions(self) -> None:
        ws = self.workspace
        unlocked = ws is not None
        for action in self._vault_actions:
            action.setEnabled(unlocked)
        self.toolbar.setVisible(unlocked)
        if ws is not None:
            self.actions_by_name["save"].setEnabled(ws.is_dirty() or ws.editing_new)
            self.actions_by_name["revert"].setEnabled(ws.is_dirty())
            self.actions_by_name["archive"].setEnabled(ws.can_archive())
            self.actions_by_name["reactivate"].setEnabled(ws.can_reactivate())

    def _step_client(self, step: int) -> None:
        if self.workspace is None:
            return
        view = self.workspace.list_panel.view
        model = view.model()
        row = view.currentIndex().row() + step if view.currentIndex().isValid() else 0
        if 0 <= row < model.rowCount():
            view.setCurrentIndex(model.index(row, 0))

    # ----- locked / unlocked ------------------------------------------------------------------

    def show_locked(self) -> None:
        """Swap the workspace out for the unlock screen and destroy it."""
        if self.workspace is not None:
            workspace, self.workspace = self.workspace, None
            self.stack.removeWidget(workspace)
            workspace.hide()
            workspace.deleteLater()
        self.stack.setCurrentWidget(self.unlock_screen)
        self.setWindowTitle(LOCKED_TITLE)
        self.statusBar().clearMessage()
        self.lock_hint.clear()
        self.update_actions()

    def show_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.stack.addWidget(workspace)
        self.stack.setCurrentWidget(workspace)
        self.setWindowTitle(TITLE)
        workspace.state_changed.connect(self.update_actions)
        workspace.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.update_actions()

    def set_lock_hint(self, text: str) -> None:
        self.lock_hint.setText(text)

    def show_lock_countdown(self, seconds: int) -> None:
        """The warning before an idle lock; any input hides it (see `IdleWatcher`)."""
        self.lock_countdown.setText(
            f"Locking in {seconds} s — move the mouse or press a key to stay unlocked"
        )
        self.lock_countdown.show()

    def hide_lock_countdown(self) -> None:
        self.lock_countdown.hide()

    # ----- window events ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized():
            self.minimised.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self.close_guard():
            event.accept()
        else:
            event.ignore()

    # ----- help -------------------------------------------------------------------------------

    def _show_shortcuts(self) -> None:
        from ui.shell.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(list(self.actions_by_name.values()), self).exec()

    def _show_guide(self) -> None:
        from ui.shell.guide_window import GuideWindow

        if self.guide_window is None:
            self.guide_window = GuideWindow()
        self.guide_window.show()
        self.guide_window.raise_()

    def about_dialog(self) -> AboutDialog:
        """The About box, with the open vault's Argon2 parameters when one is open."""
        from ui.shell.about_dialog import AboutDialog

        ws = self.workspace
        kdf = ws.vault.header.kdf if ws is not None and ws.vault.is_open else None
        return AboutDialog(kdf, self)

    def _show_about(self) -> None:
        self.about_dialog().exec()
