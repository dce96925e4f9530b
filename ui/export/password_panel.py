"""The export password: typed twice with the strength meter, or generated and shown once.

Encrypted is the default and the easy path. A generated password is a Diceware-style phrase
(`vault.export.passwords.generate_password`) shown large and selectable with Copy, only in this
panel, which is destroyed with its dialog. Leaving a file unencrypted takes a separate checkbox
that first shows the warning and is asked again, as a confirmation, before anything is
written (`confirm_unencrypted`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.export.wording import HAND_OVER_LINE, UNENCRYPTED_WARNING
from ui.kit import prompts
from ui.kit.clipboard import SECRET_CLEAR_MS, copy_secret
from ui.kit.passphrase_fields import PassphraseFields
from vault.export.passwords import assess_export_password, generate_password
from vault.store.passphrase_policy import PassphraseVerdict


class PasswordPanel(QGroupBox):
    """`changed` fires whenever what `problem()` says may have changed."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        allow_unencrypted: bool = True,
        unencrypted_warning: str = UNENCRYPTED_WARNING,
        generate: Callable[[], str] = generate_password,
        assess: Callable[[str], PassphraseVerdict] = assess_export_password,
    ) -> None:
        super().__init__("Password", parent)
        self._generate = generate
        self._generated = ""
        self._unencrypted_warning = unencrypted_warning
        self.typed_choice = QRadioButton("&Type a password")
        self.generated_choice = QRadioButton("&Generate a password")
        self.typed_choice.setChecked(True)
        choices = QButtonGroup(self)
        choices.addButton(self.typed_choice)
        choices.addButton(self.generated_choice)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.typed_choice)
        choice_row.addWidget(self.generated_choice)
        choice_row.addStretch(1)

        self.fields = PassphraseFields(first_label="Pass&word:", assess=assess, noun="password")
        self.phrase = QLabel()
        self.phrase.setTextFormat(Qt.TextFormat.PlainText)
        self.phrase.setWordWrap(True)
        self.phrase.setObjectName("GeneratedPassword")
        self.phrase.setAccessibleName("Generated password")
        self.phrase.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.phrase.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.phrase.setFont(font)
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setToolTip(
            f"Copy the password; the clipboard is cleared after {SECRET_CLEAR_MS // 1000} s "
            "and when the vault locks"
        )
        self.again_button = QPushButton("&New Password")
        for button in (self.copy_button, self.again_button):
            button.setAutoDefault(False)  # Enter is for the dialog's own button (Export…)
        self.copied = QLabel()
        self.copied.setObjectName("Hint")
        send = QLabel(f"Write it down or copy it now: it is shown only here. {HAND_OVER_LINE}")
        send.setWordWrap(True)
        generated_page = QWidget()
        generated_layout = QVBoxLayout(generated_page)
        generated_layout.setContentsMargins(0, 0, 0, 0)
        generated_layout.addWidget(self.phrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.copied, 1)
        generated_layout.addLayout(buttons)
        generated_layout.addWidget(send)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.fields)
        self.pages.addWidget(generated_page)

        self.unencrypted = QCheckBox("Save &without a password (not encrypted)")
        self.unencrypted.setVisible(allow_unencrypted)
        self.warning = QLabel(unencrypted_warning)
        self.warning.setObjectName("ErrorMessage")
        self.warning.setWordWrap(True)
        self.warning.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(choice_row)
        layout.addWidget(self.pages)
        layout.addWidget(self.unencrypted)
        layout.addWidget(self.warning)

        self.generated_choice.toggled.connect(self._mode_changed)
        self.copy_button.clicked.connect(self.copy)
        self.again_button.clicked.connect(self.new_password)
        self.unencrypted.toggled.connect(self._encryption_changed)
        self.fields.changed.connect(self.changed.emit)

    # ----- what was chosen --------------------------------------------------------------------

    @property
    def encrypt(self) -> bool:
        return not self.unencrypted.isChecked()

    @property
    def generated(self) -> bool:
        return self.encrypt and self.generated_choice.isChecked()

    def password(self) -> str | None:
        """The password to encrypt with; None for a deliberate unencrypted export."""
        if not self.encrypt:
            return None
        return self._generated if self.generated_choice.isChecked() else self.fields.passphrase()

    def problem(self) -> str:
        """Why the export cannot start yet, in words; "" when the password side is ready."""
        if not self.encrypt or self.generated_choice.isChecked():
            return ""
        if not self.fields.passphrase():
            return "Type a password twice, or generate one."
        if not self.fields.verdict.acceptable:
            return self.fields.verdict.explanation
        if not self.fields.matches():
            return "The two passwords do not match yet."
        return ""

    def confirm_unencrypted(self, parent: QWidget | None) -> bool:
        """The deliberate second step of an unencrypted export; True when it may go ahead."""
        if self.encrypt:
            return True
        return prompts.confirm(
            parent, "Save without a password?", self._unencrypted_warning, "Save Unencrypted"
        )

    # ----- doing ------------------------------------------------------------------------------

    def new_password(self) -> None:
        self._generated = self._generate()
        self.phrase.setText(self._generated)
        self.copied.clear()
        self.changed.emit()

    def copy(self) -> None:
        if self._generated:
            copy_secret(self._generated)
            self.copied.setText(f"Copied. The clipboard is cleared in {SECRET_CLEAR_MS // 1000} s.")

    def forget(self) -> None:
        """Drop every secret this panel holds (its dialog is closing or the vault locking)."""
        self._generated = ""
        self.phrase.clear()
        self.fields.clear()

    def _mode_changed(self, generated: bool) -> None:
        self.pages.setCurrentIndex(1 if generated else 0)
        if generated and not self._generated:
            self.new_password()
        if generated:
            self.phrase.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def _encryption_changed(self, unencrypted: bool) -> None:
        for widget in (self.typed_choice, self.generated_choice, self.pages):
            widget.setEnabled(not unencrypted)
        self.warning.setVisible(unencrypted)
        self.changed.emit()
