"""The audit trail plugged into the window: the Activity Log command and its window.

Opening an entry asks for its record: a client goes through the host, a note is emitted as
`note_requested` for the shell to hand to the notes feature (features never import each other).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from ui.audit.viewer import AuditDialog
from ui.kit.feature_hook import Command, FeatureHost

ACTIVITY_COMMAND = Command(
    "activity_log",
    "&Activity Log…",
    "Ctrl+Shift+Y",
    "Who did what and when: the vault's audit trail",
)


class AuditFeature(QObject):
    note_requested = Signal(int, object)

    def __init__(self, host: FeatureHost) -> None:
        super().__init__()
        self._host = host
        self.dialog: AuditDialog | None = None
        self.actions: dict[str, QAction] = {
            ACTIVITY_COMMAND.name: host.add_command(ACTIVITY_COMMAND, self.show_log)
        }
        host.on_locked(self._locked)

    def show_log(self) -> None:
        vault = self._host.vault
        if vault is None:
            return
        if self.dialog is None:
            self.dialog = AuditDialog(vault, self._host.window)
            self.dialog.client_requested.connect(self._host.go_to_client)
            self.dialog.note_requested.connect(self.note_requested)
        else:
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _locked(self) -> None:
        if self.dialog is not None:
            self.dialog.forget()
            self.dialog.deleteLater()
            self.dialog = None
