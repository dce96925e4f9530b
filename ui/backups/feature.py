"""Automatic backups plugged into the window (issue 15).

- **At lock and quit**, when something was committed since the last backup, the backup's view
  of the vault is fixed (a read-only snapshot, `vault.store.auto_backup.prepare_automatic`)
  while the vault is still open; the copy is then written and verified in the background after
  the window has locked. Quitting waits for it (`ui.shell.app` waits for the workers); a kill
  leaves only a hidden staging folder, swept at the next backup.
- **While unlocked**, at most once a day when something changed; locking abandons that copy
  cleanly and the backup at lock takes over.
- **The audit trail** gets every automatic backup (`vault.store.backup_outcomes`): at once for
  the daily one; for the backup at lock at the next unlock, or as soon as it ends if the vault
  was unlocked again meanwhile.
- **The status line** is refreshed after each backup, at lock and unlock, and every minute.
- **Restore** (File menu) lists the backups in the folder, previews them and restores one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ui.backups.restore_dialog import RestoreDialog
from ui.backups.status_label import BackupStatusLabel
from ui.kit import prompts
from ui.kit.background import FREE_QUEUE, run_in_background
from ui.kit.feature_hook import Command, FeatureHost
from vault import Vault, VaultError
from vault.store.auto_backup import (
    AutoBackupSettings,
    AutomaticBackup,
    BackupStatus,
    backup_due,
    backup_status,
    changed_since_last_backup,
    memory_key,
    prepare_automatic,
    recall,
    record_waiting_outcomes,
)
from vault.store.backup import BackupResult, restore_backup
from vault.store.errors import BackupAbandonedError

STATUS_REFRESH_MS = 60_000
DAILY_CHECK_MS = 10 * 60_000
RESTORE_COMMAND = Command(
    "restore_backup",
    "&Restore from a Backup…",
    "",
    "List the backups in the backup folder, preview them and restore one",
    menu="Vault",
)


class BackupsFeature(QObject):
    def __init__(self, host: FeatureHost, settings: Callable[[], AutoBackupSettings]) -> None:
        super().__init__()
        self._host = host
        self._settings = settings
        self._key_check = b""  # from the plaintext header: which backups are this vault's
        self._memory_key: str | None = None
        self._changed = True
        self._running = 0
        self.label = BackupStatusLabel()
        host.add_status_widget(self.label)
        self.restore_action = host.add_command(RESTORE_COMMAND, self.show_restore)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(STATUS_REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh_status)
        self._refresh_timer.start()
        self._daily = QTimer(self)
        self._daily.setInterval(DAILY_CHECK_MS)
        self._daily.timeout.connect(self.back_up_if_due)
        host.on_unlocked(self._unlocked)
        host.on_locking(self._locking)
        host.on_locked(self._locked)
        self.refresh_status()

    # ----- when -------------------------------------------------------------------------------

    def _unlocked(self) -> None:
        vault = self._host.vault
        if vault is None:
            return
        self._key_check = vault.header.key_check
        self._daily.start()
        self.back_up_if_due()

    def _locked(self) -> None:
        self._daily.stop()

    def _locking(self, vault: Vault) -> None:
        """The vault is about to close: fix the backup's view now, write it after the lock."""
        self._remember_state(vault)
        settings = self._settings()
        if not self._changed or settings.folder is None or not settings.folder.is_dir():
            self.refresh_status()
            return
        try:
            backup = prepare_automatic(vault, settings, at_lock=True)
        except VaultError:
            self.refresh_status()  # the vault's own folder went away: nothing to copy from
            return
        self._start(lambda: backup, settings)

    def back_up_if_due(self) -> None:
        """While unlocked: back up when something changed and the last one is a day old."""
        vault = self._host.vault
        settings = self._settings()
        if vault is None or self._running or settings.folder is None:
            self.refresh_status()
            return
        self._remember_state(vault)
        if not settings.folder.is_dir() or not backup_due(vault, at_lock=False):
            self.refresh_status()
            return
        # Fixing the view folds the log into the file first (a checkpoint, with an fsync):
        # on the worker too, so not even that waits on the GUI thread.
        self._start(lambda: prepare_automatic(vault, settings, at_lock=False), settings)

    def _remember_state(self, vault: Vault) -> None:
        self._key_check = vault.header.key_check
        try:
            self._memory_key = memory_key(vault)
            self._changed = changed_since_last_backup(vault)
        except VaultError:
            self._changed = True

    # ----- doing ------------------------------------------------------------------------------

    def _start(self, backup: Callable[[], AutomaticBackup], settings: AutoBackupSettings) -> None:
        """Write on the free queue: the copy never touches the open vault's connection, so
        searches and saves queued for the vault do not wait behind it. `backup` gives the
        prepared backup (at lock: prepared already, before the vault closed)."""
        self._running += 1
        assert settings.folder is not None
        self.label.show_running(settings.folder.name)

        def done(_result: BackupResult) -> None:
            self._running -= 1
            self._changed = False
            self.refresh_status()
            self._record_waiting()

        def failed(error: BaseException) -> None:
            self._running -= 1
            self.refresh_status()
            self._record_waiting()
            if not isinstance(error, BackupAbandonedError) and self._host.vault is not None:
                self._host.show_status("The automatic backup failed; see the status bar.")

        def work() -> BackupResult:
            return backup().run()

        run_in_background(
            work, done, failed, owner=self.label, queue=FREE_QUEUE, on_dropped=_nothing
        )

    def _record_waiting(self) -> None:
        """A backup at lock that ended after the vault was unlocked again: its audit entry,
        kept for the next unlock, goes into the trail now (vault work, on the vault queue)."""
        vault = self._host.vault
        if vault is not None:
            run_in_background(
                lambda: record_waiting_outcomes(vault), _nothing, _nothing, owner=self.label
            )

    def refresh_status(self) -> None:
        if self._running:
            return
        if not self._key_check:
            # No vault unlocked yet this session (the first-run wizard, the unlock screen):
            # which backups are this vault's is not known, and a warning to "choose a folder
            # in Settings" would come before there is a vault to back up.
            self.label.show_nothing()
            return
        settings = self._settings()
        key_check, memory, changed = self._key_check, recall(self._memory_key), self._changed

        def work() -> BackupStatus:
            return backup_status(settings, key_check, memory, changed=changed)

        run_in_background(
            work,
            self.label.show_status,
            _nothing,
            owner=self.label,
            queue=FREE_QUEUE,
            latest_of="backup-status",
        )

    # ----- restore ----------------------------------------------------------------------------

    def show_restore(self) -> None:
        vault = self._host.vault
        if vault is None:
            return
        dialog = RestoreDialog(self._settings().folder, self._host.window)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen is None:
            dialog.deleteLater()
            return
        backup, passphrase = dialog.chosen, dialog.passphrase_text()
        dialog.deleteLater()
        self._restore(backup, vault.directory, passphrase)

    def _restore(self, backup: Path, vault_dir: Path, passphrase: str) -> None:
        """Lock (the backup at lock keeps today's work), restore once the copy verified, then
        open the window on the restored vault with the backup's passphrase."""
        self._host.lock()

        def work() -> tuple[Path | None, Vault]:
            kept = restore_backup(backup, vault_dir, passphrase)  # audit: see restore_backup
            return kept, Vault.open(vault_dir, passphrase)

        def done(result: tuple[Path | None, Vault]) -> None:
            kept, vault = result
            self._host.show_unlocked(vault)
            where = f" The previous files were kept in {kept}." if kept else ""
            prompts.inform(self._host.window, "Backup restored", f"The backup was restored.{where}")

        def failed(error: BaseException) -> None:
            prompts.warn(
                self._host.window,
                "Backup not restored",
                f"The backup was not restored, and the vault was left as it was. {error}"
                if isinstance(error, VaultError)
                else f"The backup was not restored ({type(error).__name__}); the vault was "
                "left as it was.",
            )

        run_in_background(work, done, failed, on_dropped=_close_vault)


def _nothing(_result: object) -> None:
    """An answer nobody waits for any more (the status line was rebuilt)."""


def _close_vault(result: tuple[Path | None, Vault]) -> None:
    result[1].close()
