"""Vault → Change Passphrase…: the current passphrase, the new one twice with the strength meter.

The change is `Vault.change_passphrase`, the same crash-safe call as the CLI's `passwd`
(re-encrypt a copy, prove it opens, switch the header). It runs off the GUI thread through
`run_in_background`, with the idle lock paused meanwhile so the vault is not closed under it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ui.kit.background import run_in_background
from ui.kit.passphrase_fields import PassphraseFields, secret_line_edit
from ui.shell.idle_watcher import IdleWatcher
from vault import Vault, VaultError
from vault.store.errors import WrongPassphraseError

BACKUP_NOTE = "Backups made before now keep the old passphrase."


class ChangePassphraseDialog(QDialog):
    """`busy_changed(True)` while re-encrypting, so the shell can pause the idle lock."""

    busy_changed = Signal(bool)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.busy = False
        self.setWindowTitle("Change Passphrase")
        self.setMinimumWidth(460)
        self.current = secret_line_edit("Current passphrase")
        self.fields = PassphraseFields(first_label="&New passphrase:")
        intro = QLabel(
            "Every page of the vault is re-encrypted under the new passphrase. If Confidant "
            f"stops part-way, the vault still opens with the old one. {BACKUP_NOTE}"
        )
        intro.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("ErrorMessage")
        self.error.setWordWrap(True)
        self.error.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: re-encryption has no reliable percentage
        self.progress.setFormat("Re-encrypting…")
        self.progress.setTextVisible(True)
        self.progress.setAccessibleName("Re-encrypting every page of the vault")
        self.progress.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Change Passphrase")
        current_form = QFormLayout()
        label = QLabel("&Current passphrase:")
        label.setBuddy(self.current)
        current_form.addRow(label, self.current)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(current_form)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        self.current.textChanged.connect(self._update)
        self.fields.changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(
            not self.busy and bool(self.current.text()) and self.fields.is_acceptable()
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        for widget in (self.current, self.fields, self.buttons):
            widget.setEnabled(not busy)
        self._update()
        self.busy_changed.emit(busy)

    def change(self) -> None:
        if self.busy or not self.ok_button.isEnabled():
            return
        current, new = self.current.text(), self.fields.passphrase()
        if current == new:
            self._show_error("The new passphrase is the same as the current one.")
            return
        vault = self.vault
        self._show_error("")
        self._set_busy(True)
        run_in_background(
            lambda: vault.change_passphrase(current, new), self._done, self._failed, owner=self
        )

    def _done(self, _result: object) -> None:
        self._set_busy(False)
        self.current.clear()
        self.fields.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, WrongPassphraseError):
            self._show_error("The current passphrase is not right. Nothing was changed.")
            self.current.selectAll()
            self.current.setFocus()
        elif isinstance(error, VaultError):
            self._show_error(f"The passphrase was not changed: {error}")
        else:
            self._show_error(
                f"The passphrase was not changed ({type(error).__name__}). The vault still "
                "opens with the current passphrase."
            )

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def reject(self) -> None:
        """No closing while re-encrypting: the answer must arrive here."""
        if not self.busy:
            super().reject()


def open_passphrase_change(vault: Vault | None, window: QMainWindow, idle: IdleWatcher) -> None:
    """Show the dialog for the open vault, pausing the idle lock while it re-encrypts."""
    if vault is None:
        return
    dialog = ChangePassphraseDialog(vault, window)
    dialog.busy_changed.connect(lambda busy: idle.stop() if busy else idle.start())
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if accepted:
        window.statusBar().showMessage(f"Passphrase changed. {BACKUP_NOTE}", 8000)
