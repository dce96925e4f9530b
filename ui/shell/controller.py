"""The app's conductor: which screen shows, when the vault opens and when it locks.

It owns the one open `Vault` (or none), the main window, the idle watcher and the settings.
Locking is the security-critical path, so it lives here in one method: keep unsaved edits as
encrypted drafts, close every other window, swap in the unlock screen, destroy the workspace,
close the vault (dropping the key).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog

from ui.clients.workspace import Workspace
from ui.kit import prompts
from ui.kit.background import run_in_background
from ui.kit.clipboard import clear_own_clipboard
from ui.kit.feature_hook import ClientTabFactory, ClientTabSpec
from ui.kit.held_edits import forget_all, held, write_held_into
from ui.shell.backup_wording import backup_failure_text, restore_failure_text
from ui.shell.first_run_wizard import FirstRunWizard
from ui.shell.idle_watcher import IdleWatcher
from ui.shell.main_window import TITLE, MainWindow
from ui.shell.passphrase_dialog import open_passphrase_change
from ui.shell.settings_dialog import open_settings
from ui.shell.settings_store import AppSettings, default_vault_path
from vault import Vault, VaultError, VaultGoneError, VaultMissingError
from vault.store.backup import backup_vault, restore_backup, sweep_abandoned_backups
from vault.store.kdf import Argon2Params
from vault.store.layout import is_vault_dir

PRESENCE_CHECK_MS = 3_000  # how often an unlocked vault's files are checked for (one stat)
NO_VAULT_TEXT = "No vault is open. Create a new vault, or open one you already have."


class AppController(QObject):
    locked = Signal()
    unlocked = Signal()
    locking = Signal(object)  # the Vault, still open, just before it closes (backups at lock)

    def __init__(
        self,
        settings: AppSettings,
        *,
        kdf_params: Argon2Params | None = None,
        default_location: Path | None = None,
    ) -> None:
        """`kdf_params` is for tests (fast Argon2); the app leaves it None so vaults calibrate."""
        super().__init__()
        self.settings = settings
        self._kdf_params = kdf_params
        self._default_location = default_location or default_vault_path()
        self._tab_specs: list[ClientTabSpec] = []
        self.features: tuple[QObject, ...] = ()  # plugged in by `ui.shell.app`
        self._quitting = False
        self.vault: Vault | None = None
        self.wizard: FirstRunWizard | None = None
        self.window = MainWindow()
        self.window.close_guard = self._may_close
        self.idle = IdleWatcher(self._auto_lock_ms(), self)
        self._presence = QTimer(self)
        self._presence.setInterval(PRESENCE_CHECK_MS)
        self._presence.timeout.connect(self._check_vault_present)
        self._gone_reported = False
        self.idle.idle.connect(lambda: self.lock("idle"))
        self.idle.countdown.connect(self.window.show_lock_countdown)
        self.idle.countdown_cancelled.connect(self.window.hide_lock_countdown)
        self.window.lock_requested.connect(lambda: self.lock("manual"))
        self.window.settings_requested.connect(self.open_settings)
        self.window.backup_requested.connect(self.back_up_now)
        self.window.passphrase_requested.connect(
            lambda: open_passphrase_change(self.vault, self.window, self.idle)
        )
        self.window.minimised.connect(self._minimised)
        screen = self.window.unlock_screen
        screen.unlocked.connect(self._unlocked)
        screen.open_other_requested.connect(self.open_other_vault)
        screen.create_requested.connect(self.start_first_run)
        screen.restore_requested.connect(self.restore_from_backup)

    # ----- extension hook -----------------------------------------------------------------------

    def register_client_tab(self, title: str, factory: ClientTabFactory) -> None:
        """Add a tab beside "Profile" (see `ui.kit.feature_hook`); it shows from the next unlock."""
        self._tab_specs.append(ClientTabSpec(title, factory))

    # ----- start --------------------------------------------------------------------------------

    def start(self) -> None:
        geometry = self.settings.window_geometry
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        self.window.show()
        screen = self.window.unlock_screen
        path = self.settings.last_vault_path
        if path is None and is_vault_dir(self._default_location):
            path = self._default_location
        if path is None:
            screen.set_vault_path(None)
            screen.show_no_vault(NO_VAULT_TEXT)
            self.window.setWindowTitle(TITLE)  # nothing to be locked yet
            self.start_first_run()
            return
        screen.set_vault_path(path)
        screen.reset_for_lock()
        if not is_vault_dir(path):
            screen.show_message(
                str(VaultMissingError(path)) + " Open another vault, or create a new one.",
                offer_other=True,
            )

    def start_first_run(self) -> None:
        if self.vault is not None or self.wizard is not None:
            return
        wizard = FirstRunWizard(
            self._default_location,
            backup_folder=self.settings.backup_folder,
            kdf_params=self._kdf_params,
            parent=self.window,
        )
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.finished.connect(lambda _result: self._first_run_finished(wizard))
        self.wizard = wizard
        wizard.open()

    def _first_run_finished(self, wizard: FirstRunWizard) -> None:
        self.wizard = None
        vault = wizard.vault
        wizard.deleteLater()
        if vault is None:
            if self.vault is None and not is_vault_dir(
                self.window.unlock_screen.vault_path or Path()
            ):
                self.window.unlock_screen.show_no_vault(NO_VAULT_TEXT)
            return
        if wizard.backup_folder is not None:
            self.settings.backup_folder = wizard.backup_folder
        self._unlocked(vault)

    # ----- unlock / lock ------------------------------------------------------------------------

    def _auto_lock_ms(self) -> int:
        return self.settings.auto_lock_minutes * 60_000

    def _unlocked(self, vault: Vault) -> None:
        if self._quitting or self.vault is not None:
            vault.close()  # arrived after quitting, or a second vault: never leave one open
            return
        try:
            workspace = Workspace(vault, list(self._tab_specs))
        except BaseException:
            vault.close()  # a broken feature tab must not leave the vault open behind the lock
            raise
        self.vault = vault
        self.settings.last_vault_path = vault.directory
        self.settings.sync()
        self.window.unlock_screen.set_vault_path(vault.directory)
        self.window.show_workspace(workspace)
        self._write_held_edits(vault)
        workspace.restore_latest_draft()
        self._apply_lock_settings()
        self.idle.start()
        self._presence.start()
        self.unlocked.emit()
        if vault.rollback_warning:
            prompts.warn(self.window, "This vault is older than expected", vault.rollback_warning)
        folder = self.settings.backup_folder
        if folder is not None:  # unfinished copies a killed backup left there
            run_in_background(lambda: sweep_abandoned_backups(folder), _ignore, _ignore)

    def _write_held_edits(self, vault: Vault) -> None:
        saved, failed = write_held_into(vault)
        if saved:
            prompts.inform(
                self.window,
                "Unsaved work saved",
                f"Before the last lock, {' and '.join(saved)} could not be saved and was kept "
                "in memory. It is now saved in the vault as a draft.",
            )
        if failed:
            prompts.warn(
                self.window,
                "Unsaved work still not saved",
                f"{' and '.join(failed).capitalize()} still cannot be saved into this vault. "
                "It stays in memory: keep Confidant open, and try locking and unlocking again.",
            )

    def _check_vault_present(self) -> None:
        """Every few seconds: a vault whose folder vanished is said at once, not at next save."""
        vault = self.vault
        if vault is None or vault.files_present() or self._gone_reported:
            return
        self._gone_reported = True
        self.window.statusBar().showMessage("The vault's folder is gone: nothing can be saved.")
        prompts.warn(
            self.window, "The vault's folder is gone", str(VaultGoneError(vault.directory))
        )

    def _apply_lock_settings(self) -> None:
        minutes = self.settings.auto_lock_minutes
        self.idle.set_timeout_ms(minutes * 60_000)
        self.idle.set_warning_ms(min(self.settings.lock_warning_seconds * 1000, minutes * 30_000))
        self.window.set_lock_hint(f"Locks after {minutes} min without use (Ctrl+L locks now)")

    def lock(self, reason: str = "manual") -> None:
        """Hide everything and close the vault. Unsaved edits become encrypted drafts first.

        `reason` (``manual``, ``idle``, ``minimised``, ``quit``) goes into the audit trail.
        """
        vault = self.vault
        if vault is None:
            return
        self.idle.stop()
        self._presence.stop()
        self._gone_reported = False
        problem = ""
        workspace = self.window.workspace
        if workspace is not None and vault.is_open:
            try:
                workspace.stash_for_lock()
            except VaultError as exc:
                problem = f"Unsaved changes could not be kept before locking: {exc}"
        self._close_other_windows()
        clear_own_clipboard()
        self.window.show_locked()
        self.vault = None
        self.locking.emit(vault)
        vault.close(reason)
        screen = self.window.unlock_screen
        screen.set_vault_path(vault.directory)
        screen.reset_for_lock()
        if problem:
            screen.show_message(problem)
        self.locked.emit()

    def _close_other_windows(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget is self.window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            widget.close()

    def _minimised(self) -> None:
        if self.vault is not None and self.settings.lock_on_minimise:
            self.lock("minimised")

    # ----- commands -----------------------------------------------------------------------------

    def open_settings(self) -> None:
        vault = self.vault
        if vault is not None and open_settings(self.settings, vault, self.window):
            self._apply_lock_settings()
            self.window.statusBar().showMessage("Settings saved.", 4000)

    def back_up_now(self) -> None:
        vault = self.vault
        if vault is None:
            return
        folder = self.settings.backup_folder
        if folder is None or not folder.is_dir():
            prompts.inform(
                self.window,
                "Choose a backup folder",
                "Choose where backups go in Settings, then back up again.",
            )
            self.open_settings()
            return
        self.window.actions_by_name["backup"].setEnabled(False)

        def done(path: Path) -> None:
            if self.vault is vault:
                self.window.actions_by_name["backup"].setEnabled(True)
                self.window.statusBar().showMessage(f"Encrypted backup written to {path}.", 8000)

        def failed(error: BaseException) -> None:
            if self.vault is not vault:  # locked mid-copy: say so, or the therapist never knows
                prompts.warn(
                    self.window,
                    "Backup not finished",
                    "The vault locked while a backup was being written, so that backup was "
                    "not kept. Back up again after unlocking.",
                )
                return
            self.window.actions_by_name["backup"].setEnabled(True)
            self.window.statusBar().clearMessage()
            prompts.warn(self.window, "Backup failed", backup_failure_text(error))

        run_in_background(
            lambda: backup_vault(vault, folder),
            done,
            failed,
            owner=self.window,
            busy_label="Backing up…",
        )

    def open_other_vault(self) -> None:
        screen = self.window.unlock_screen
        start = screen.vault_path.parent if screen.vault_path else self._default_location.parent
        folder = prompts.choose_folder(self.window, "Open a vault folder", str(start))
        if folder is None:
            return
        if not is_vault_dir(folder):
            screen.show_message(
                f"{folder} is not a Confidant vault. Choose the vault folder "
                "itself (it holds confidant-vault.json).",
                offer_other=True,
            )
            return
        screen.set_vault_path(folder)
        screen.reset_for_lock()

    def restore_from_backup(self) -> None:
        screen = self.window.unlock_screen
        vault_dir = screen.vault_path
        passphrase = screen.passphrase.text()
        if vault_dir is None:
            return
        if not passphrase:
            screen.show_message(
                "Type the passphrase the backup was made with, then choose "
                "Restore from a Backup again.",
                offer_restore=True,
            )
            return
        start = str(self.settings.backup_folder or vault_dir.parent)
        backup = prompts.choose_folder(self.window, "Choose the backup to restore", start)
        if backup is None:
            return
        if not prompts.confirm(
            self.window,
            "Restore from backup",
            f"Replace the vault at {vault_dir} with the backup in {backup}? The current files "
            "are copied aside first, so nothing is deleted.",
            "Restore",
        ):
            return
        screen.set_busy(True, "Checking and restoring the backup…")

        def done(kept: Path | None) -> None:
            screen.set_busy(False)
            screen.show_message(
                "The backup was restored."
                + (f" The previous files were kept in {kept}." if kept else ""),
                error=False,
            )
            screen.attempt_unlock()

        def failed(error: BaseException) -> None:
            screen.set_busy(False)
            message = restore_failure_text(error)
            screen.show_message(f"The backup was not restored. {message}", offer_restore=True)

        run_in_background(lambda: restore_backup(backup, vault_dir, passphrase), done, failed)

    # ----- quitting -----------------------------------------------------------------------------

    def _may_close(self) -> bool:
        workspace = self.window.workspace
        if workspace is not None and not workspace.resolve_unsaved():
            return False
        self.settings.window_geometry = self.window.saveGeometry()
        self.settings.sync()
        self.lock("quit")
        waiting = held()
        if waiting and not prompts.confirm(
            self.window,
            "Unsaved work would be lost",
            f"{' and '.join(e.what for e in waiting).capitalize()} could not be saved and is "
            "only in memory. Quitting now loses it. Unlock the vault again to save it instead.",
            "Quit and Lose It",
        ):
            return False
        forget_all()
        return True

    def shutdown(self) -> None:
        """After the event loop: refuse late unlocks and make sure the vault is closed."""
        self._quitting = True
        self.lock("quit")
        if self.wizard is not None and self.wizard.vault is not None:
            self.wizard.vault.close()  # created while the app was closing


def _ignore(_result: object) -> None:
    """A sweep that finds nothing, or cannot reach the folder, has nothing to tell."""
