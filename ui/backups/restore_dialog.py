"""Restore in the window: the backups in a folder, a preview of each, then one restored.

The list comes from the folder's plaintext (date, size, complete or not); typing the passphrase
the backups were made with and choosing Preview opens each read-only in the background and
shows its clients, notes, newest note and generation, and whether it verified. Restore asks
once more (`prompts.confirm`), then the feature locks, restores and reopens the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.kit import prompts
from ui.kit.background import FREE_QUEUE, run_in_background
from ui.kit.labels import buddy_label
from ui.kit.passphrase_fields import secret_line_edit
from vault import VaultError, WrongPassphraseError
from vault.backup_preview import BackupPreview, BackupPreviewer
from vault.store.backup_catalog import BackupEntry, list_backups

COLUMNS = ("Made", "Size", "State", "Clients", "Notes", "Newest note", "Generation")


class RestoreDialog(QDialog):
    def __init__(self, folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from a Backup")
        self.chosen: Path | None = None
        self._entries: list[BackupEntry] = []
        self.folder = QLineEdit(str(folder or ""))
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName("Backup folder")
        browse = QPushButton("&Other Folder…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.passphrase = secret_line_edit("Passphrase the backups were made with")
        self.preview_button = QPushButton("&Preview")
        self.preview_button.clicked.connect(self.preview_all)
        self.passphrase.returnPressed.connect(self.preview_all)
        pass_row = QHBoxLayout()
        pass_row.addWidget(self.passphrase, 1)
        pass_row.addWidget(self.preview_button)
        form = QFormLayout()
        form.addRow(buddy_label("Backup &folder:", self.folder), folder_row)
        form.addRow(buddy_label("Pa&ssphrase they were made with:", self.passphrase), pass_row)
        self.table = QTreeWidget()
        self.table.setHeaderLabels(list(COLUMNS))
        self.table.setRootIsDecorated(False)
        self.table.setAccessibleName("Backups found")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "&Restore This Backup", QDialogButtonBox.ButtonRole.AcceptRole
        )
        # Enter previews; restoring is never the default answer to a keystroke.
        self.restore_button.setAutoDefault(False)
        self.preview_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(900, 420)
        self.reload()
        self.passphrase.setFocus()

    def passphrase_text(self) -> str:
        return self.passphrase.text()

    def _browse(self) -> None:
        folder = prompts.choose_folder(
            self, "Choose the folder holding backups", self.folder.text()
        )
        if folder is not None:
            self.folder.setText(str(folder))
            self.reload()

    def reload(self) -> None:
        self.table.clear()
        text = self.folder.text()
        self._entries = list_backups(Path(text)) if text else []
        for entry in self._entries:
            made = entry.made_at.strftime("%Y-%m-%d %H:%M UTC") if entry.made_at else "unknown"
            state = "verified when written" if entry.complete else "incomplete: not usable"
            row = [made, f"{entry.size_bytes / 2**20:,.1f} MB", state, "", "", "", ""]
            QTreeWidgetItem(self.table, row)
        self._fit_columns()
        first = self.table.topLevelItem(0)
        if first is not None:
            self.table.setCurrentItem(first)
            self.message.setText(
                "Type the passphrase the backups were made with, then Preview to see what "
                "each holds."
            )
        else:
            self.message.setText("No backups were found in this folder.")
        self._update_buttons()

    def preview_all(self) -> None:
        """Open each backup read-only in the background, one after the other."""
        passphrase = self.passphrase.text()
        if not passphrase or not self._entries:
            return
        previewer = BackupPreviewer(passphrase)
        self.preview_button.setEnabled(False)
        self.message.setText("Checking the backups…")
        for row, entry in enumerate(self._entries):
            self._preview_one(previewer, row, entry, last=row == len(self._entries) - 1)

    def _set_cells(self, row: int, texts: tuple[str, ...]) -> None:
        item = self.table.topLevelItem(row)
        if item is not None:  # the list was reloaded meanwhile
            for column, text in enumerate(texts, start=2):
                item.setText(column, text)
            self._fit_columns()

    def _fit_columns(self) -> None:
        for column in range(len(COLUMNS)):
            self.table.resizeColumnToContents(column)

    def _preview_one(
        self, previewer: BackupPreviewer, row: int, entry: BackupEntry, *, last: bool
    ) -> None:
        def shown(preview: BackupPreview) -> None:
            state = (
                "verified now" if preview.verified else "DAMAGED: " + "; ".join(preview.problems)
            )
            newest = preview.newest_note[:10] if preview.newest_note else "none"
            generation = str(preview.commit_counter) if preview.commit_counter is not None else "?"
            self._set_cells(
                row, (state, str(preview.clients), str(preview.notes), newest, generation)
            )
            finish()

        def failed(error: BaseException) -> None:
            if isinstance(error, WrongPassphraseError):
                self._set_cells(row, ("this passphrase does not open it",))
            else:
                self._set_cells(
                    row, (str(error) if isinstance(error, VaultError) else "unreadable",)
                )
            finish()

        def finish() -> None:
            if last:
                self.preview_button.setEnabled(True)
                self.message.setText(
                    "Choose a backup to restore. The current vault is copied "
                    "aside first, and kept until the restored copy verified."
                )

        run_in_background(
            lambda: previewer.preview(entry), shown, failed, owner=self, queue=FREE_QUEUE
        )

    def _selected(self) -> BackupEntry | None:
        item = self.table.currentItem()
        if item is None:
            return None
        entry = self._entries[self.table.indexOfTopLevelItem(item)]
        return entry if entry.complete else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self._selected() is not None)

    def accept(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        if not self.passphrase.text():
            self.message.setText("Type the passphrase this backup was made with first.")
            return
        if not prompts.confirm(
            self,
            "Restore from backup",
            f"Lock the vault and replace it with the backup {entry.path.name}? The current "
            "files are copied aside first, so nothing is deleted.",
            "Lock and Restore",
        ):
            return
        self.chosen = entry.path
        super().accept()
