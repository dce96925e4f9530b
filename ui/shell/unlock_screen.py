"""The unlock screen: what anyone sees while the vault is locked, so it shows no client data.

Argon2 and opening run through `background.run_in_background` behind a busy indicator. Each way
opening can fail gets a plain message and, where there is one, the way out: restore from a
backup for a damaged vault, open another or create a new one for a missing vault.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.kit.background import run_in_background
from ui.kit.icons import app_icon
from ui.kit.passphrase_fields import secret_line_edit
from vault import (
    NotAVaultError,
    Vault,
    VaultDamagedError,
    VaultError,
    VaultInUseError,
    VaultMissingError,
    WrongPassphraseError,
)


@dataclass(frozen=True)
class OpenFailure:
    """What to tell the therapist after a failed unlock, and which ways out to offer."""

    message: str
    offer_restore: bool = False
    offer_other: bool = False


def describe_open_error(error: BaseException) -> OpenFailure:
    if isinstance(error, WrongPassphraseError):
        return OpenFailure("That passphrase is not correct. Check Caps Lock and try again.")
    if isinstance(error, VaultInUseError):
        return OpenFailure(
            "This vault is already open in another Confidant window. Switch to that window, "
            "or close it and try again."
        )
    if isinstance(error, VaultDamagedError):
        return OpenFailure(str(error), offer_restore=True)
    if isinstance(error, VaultMissingError | NotAVaultError):
        return OpenFailure(str(error), offer_other=True)
    if isinstance(error, VaultError):
        return OpenFailure(str(error))
    return OpenFailure(
        f"The vault could not be opened because of an unexpected problem "
        f"({type(error).__name__}). Nothing was changed."
    )


class UnlockScreen(QWidget):
    """Emits `unlocked(vault)` once a passphrase opens the vault at `vault_path`."""

    unlocked = Signal(object)
    restore_requested = Signal()
    open_other_requested = Signal()
    create_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault_path: Path | None = None
        self._busy = False

        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(QSize(64, 64)))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel("Confidant is locked")
        self.heading.setObjectName("Heading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.path_label = QLabel()
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)  # names are text
        self.path_label.setObjectName("Hint")
        self.path_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.passphrase = secret_line_edit("Passphrase")
        self.passphrase.setPlaceholderText("Passphrase")
        self.passphrase.returnPressed.connect(self.attempt_unlock)
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setObjectName("Primary")
        self.unlock_button.setAccessibleName("Unlock the vault")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.attempt_unlock)
        passphrase_label = QLabel("&Passphrase:")
        passphrase_label.setBuddy(self.passphrase)

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName("Working")
        retain = self.busy_bar.sizePolicy()
        retain.setRetainSizeWhenHidden(True)  # the card keeps its size: nothing jumps
        self.busy_bar.setSizePolicy(retain)
        self.busy_bar.hide()
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # names are text
        self.message.setObjectName("ErrorMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.restore_button = QPushButton("&Restore from a Backup…")
        self.restore_button.clicked.connect(self.restore_requested)
        self.open_button = QPushButton("&Open Another Vault…")
        self.open_button.clicked.connect(self.open_other_requested)
        self.create_button = QPushButton("Create a &New Vault…")
        self.create_button.clicked.connect(self.create_requested)
        self._set_offers(restore=False, other=False)

        field_row = QHBoxLayout()
        field_row.addWidget(self.passphrase, 1)
        field_row.addWidget(self.unlock_button)
        offers = QHBoxLayout()
        offers.addWidget(self.restore_button)
        offers.addWidget(self.open_button)
        offers.addWidget(self.create_button)
        offers.addStretch(1)

        card = QWidget()
        card.setObjectName("UnlockCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card.setMaximumWidth(520)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(10)
        inner.addWidget(logo)
        inner.addWidget(self.heading)
        inner.addWidget(self.path_label)
        inner.addSpacing(8)
        inner.addWidget(passphrase_label)
        inner.addLayout(field_row)
        inner.addWidget(self.busy_bar)
        inner.addWidget(self.message)
        inner.addLayout(offers)

        footer = QLabel("Your records stay encrypted on this computer. Nothing is sent anywhere.")
        footer.setObjectName("Hint")
        footer.setAlignment(Qt.AlignmentFlag.AlignCenter)

        outer = QVBoxLayout(self)
        outer.addStretch(2)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(card, 3)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(3)
        outer.addWidget(footer)
        self.setTabOrder(self.passphrase, self.unlock_button)

    # ----- state ----------------------------------------------------------------------------

    @property
    def vault_path(self) -> Path | None:
        return self._vault_path

    @property
    def busy(self) -> bool:
        return self._busy

    def set_vault_path(self, path: Path | None) -> None:
        self._vault_path = path
        self.path_label.setText(f"Vault: {path}" if path else "No vault chosen yet.")
        self.clear_message()

    def show_no_vault(self, text: str) -> None:
        """No vault to unlock (first run cancelled, or none found): offer the ways forward."""
        self.heading.setText("Welcome to Confidant")
        self.show_message(text, offer_other=True)
        self.passphrase.setEnabled(False)
        self.unlock_button.setEnabled(False)

    def show_message(
        self,
        text: str,
        *,
        offer_restore: bool = False,
        offer_other: bool = False,
        error: bool = True,
    ) -> None:
        self.message.setObjectName("ErrorMessage" if error else "Hint")
        self.message.style().unpolish(self.message)  # re-read the QSS for the new name
        self.message.style().polish(self.message)
        self.message.setText(text)
        self._set_offers(restore=offer_restore, other=offer_other)

    def clear_message(self) -> None:
        self.message.clear()
        self._set_offers(restore=False, other=False)

    def reset_for_lock(self) -> None:
        """Back to the plain locked state, with the passphrase field ready."""
        self.heading.setText("Confidant is locked")
        self.passphrase.clear()
        self.passphrase.setEnabled(True)
        self.unlock_button.setEnabled(True)
        self.clear_message()
        self.passphrase.setFocus()

    def set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        for button in (self.restore_button, self.open_button, self.create_button):
            button.setEnabled(not busy)
        if busy and text:
            self.show_message(text, error=False)

    def _set_offers(self, *, restore: bool, other: bool) -> None:
        self.restore_button.setVisible(restore)
        self.open_button.setVisible(other)
        self.create_button.setVisible(other)

    # ----- unlocking ------------------------------------------------------------------------

    def attempt_unlock(self) -> None:
        if self._busy:
            return
        path = self._vault_path
        passphrase = self.passphrase.text()
        if path is None:
            self.show_message("Choose a vault first.", offer_other=True)
            return
        if not passphrase:
            self.show_message("Type your passphrase, then press Enter.")
            self.passphrase.setFocus()
            return
        self.set_busy(True, "Unlocking…")
        run_in_background(
            lambda: Vault.open(path, passphrase),
            self._opened,
            self._failed,
            owner=self,
            on_dropped=Vault.close,
        )

    def _opened(self, vault: Vault) -> None:
        self.set_busy(False)
        self.passphrase.clear()
        self.clear_message()
        self.unlocked.emit(vault)

    def _failed(self, error: BaseException) -> None:
        self.set_busy(False)
        failure = describe_open_error(error)
        self.show_message(
            failure.message, offer_restore=failure.offer_restore, offer_other=failure.offer_other
        )
        self.passphrase.setFocus()
        self.passphrase.selectAll()
