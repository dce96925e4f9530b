"""The status bar's backup line: "Last verified backup: 2 hours ago, on BACKUP-DRIVE".

It shows locked or unlocked, and holds nothing secret: a folder's name and a time. A warning
(no folder, drive missing, last backup failed, newest too old) is shown in the warning style.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from vault.store.auto_backup import BackupStatus


class BackupStatusLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BackupStatus")
        self.setTextFormat(Qt.TextFormat.PlainText)  # a folder name is text
        self.setAccessibleName("Backup status")
        self.warning = False

    def show_status(self, status: BackupStatus) -> None:
        self.warning = status.warning
        self.setText(("⚠ " if status.warning else "") + status.text)
        self.setStyleSheet("color: #b3261e; font-weight: bold;" if status.warning else "")
        self.setToolTip(status.text)

    def show_nothing(self) -> None:
        self.warning = False
        self.setStyleSheet("")
        self.clear()
        self.setToolTip("")

    def show_running(self, folder_name: str) -> None:
        self.warning = False
        self.setStyleSheet("")
        self.setText(f"Backing up to {folder_name}…")
