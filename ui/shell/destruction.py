"""Where the window destroys a client's record: the dialog opened over the main window, and
what follows, so nothing of that client is shown or held once they are gone.

The workspace's Destroy Record button, the Client menu's command and the Today view's item all
come here (`WindowFeatureHost.offer_destruction`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from ui.clients.destroy_dialog import DestroyClientDialog
from ui.kit import prompts
from ui.shell.controller import AppController
from vault import RecordNotFoundError
from vault.destruction.destroy import DestructionResult


def offer_destruction(
    controller: AppController, client_id: int, destroyed: Callable[[int], None]
) -> DestroyClientDialog | None:
    """Show the client (asking about unsaved edits first), then the dialog; `destroyed` runs
    after the record is gone. None when the therapist kept unsaved edits or no such client."""
    vault, workspace = controller.vault, controller.window.workspace
    if vault is None or workspace is None:
        return None
    if not workspace.go_to_client(client_id) or not workspace.resolve_unsaved():
        return None
    try:
        dialog = DestroyClientDialog(
            vault, client_id, controller.settings.backup_folder, controller.window
        )
    except RecordNotFoundError:
        workspace.list_panel.refresh()
        return None
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.record_destroyed.connect(lambda result: _after(controller, result, destroyed))
    dialog.finished.connect(dialog.deleteLater)
    dialog.finished.connect(lambda _result: _focus_main_window(controller))
    dialog.open()
    return dialog


def _focus_main_window(controller: AppController) -> None:
    """A closed dialog leaves no window active on some desktops: the therapist goes on in the
    main window, by keyboard too."""
    window = controller.window
    window.raise_()
    window.activateWindow()


def _after(
    controller: AppController, result: DestructionResult, destroyed: Callable[[int], None]
) -> None:
    workspace = controller.window.workspace
    if workspace is not None:
        workspace.forget_destroyed(result.client_id)
    destroyed(result.client_id)
    controller.window.statusBar().showMessage(
        "The client's record was destroyed. Backups made before now still hold it.", 10_000
    )
    if not result.rewritten or not result.log_cleared:
        prompts.warn(
            controller.window,
            "Destroyed, not yet cleared from the file",
            "The record is destroyed, but the vault file could not be rewritten yet (a backup "
            "was being written, or the disk is full). Confidant finishes it when the vault is "
            "locked and unlocked again.",
        )
