"""Settings: auto-lock, lock on minimise, backups (folder, rotation, warning age), the
practice details for exports, how long records are kept, and the therapist's text snippets.

Lock and backup preferences go to `AppSettings` (a plaintext file: numbers and paths only). The
practice details identify the practice, so they are handed to `save_practice` which stores them
inside the vault; the retention rule is the practice's too, handed to `save_retention`.
Snippets (`ui.shell.snippets_panel`) are saved into the vault as they are changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.kit import prompts
from ui.kit.labels import buddy_label
from ui.shell.backup_folder import ready_backup_folder
from ui.shell.settings_store import (
    BACKUP_NUMBERS,
    MAX_AUTO_LOCK_MINUTES,
    MAX_LOCK_WARNING_SECONDS,
    MIN_AUTO_LOCK_MINUTES,
    AppSettings,
)
from ui.shell.snippets_panel import SnippetsPanel
from vault import ValidationError, Vault, VaultError
from vault.audit.trail import record_setting_change
from vault.clients.practice import PracticeDetails, load_practice_details, save_practice_details
from vault.consent.retention import (
    BOUNDS,
    RetentionRule,
    load_retention_rule,
    save_retention_rule,
    validate_retention_rule,
)

SavePractice = Callable[[PracticeDetails], object]
SaveRetention = Callable[[RetentionRule], object]


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: AppSettings,
        practice: PracticeDetails,
        save_practice: SavePractice,
        parent: QWidget | None = None,
        *,
        vault: Vault | None = None,
        retention: RetentionRule | None = None,
        save_retention: SaveRetention | None = None,
    ) -> None:
        """`vault`, when given, adds the Snippets tab, which reads and writes it directly."""
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._settings = settings
        self._save_practice = save_practice
        self._save_retention = save_retention

        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setSuffix(" min")
        self.auto_lock.setValue(settings.auto_lock_minutes)
        self.lock_warning = QSpinBox()
        self.lock_warning.setRange(0, MAX_LOCK_WARNING_SECONDS)
        self.lock_warning.setSuffix(" s before")
        self.lock_warning.setSpecialValueText("No warning")
        self.lock_warning.setValue(settings.lock_warning_seconds)
        self.lock_on_minimise = QCheckBox("Lock when the window is &minimised")
        self.lock_on_minimise.setAccessibleName("Lock when the window is minimised")
        self.lock_on_minimise.setChecked(settings.lock_on_minimise)
        self.backup_folder = QLineEdit(str(settings.backup_folder or ""))
        self.backup_folder.setPlaceholderText("Not set: choose a folder on another drive")
        browse = QPushButton("B&rowse…")
        browse.setAccessibleName("Choose a backup folder")
        browse.clicked.connect(self._browse)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_folder, 1)
        backup_row.addWidget(browse)

        security = QGroupBox("Locking and backups")
        security_form = QFormLayout(security)
        security_form.addRow(buddy_label("&Auto-lock after:", self.auto_lock), self.auto_lock)
        security_form.addRow(
            buddy_label("&Warn before locking:", self.lock_warning), self.lock_warning
        )
        security_form.addRow("", self.lock_on_minimise)
        security_form.addRow(buddy_label("&Backup folder:", self.backup_folder), backup_row)
        self.backup_numbers: dict[str, QSpinBox] = {}
        for key, text, suffix in (
            ("backup/keep_last", "&Keep the last:", " backups"),
            ("backup/weekly_weeks", "And one a &week for:", " weeks"),
            ("backup/monthly_months", "And one a mo&nth for:", " months"),
            ("backup/warn_after_days", "&Warn when the newest is older than:", " days"),
        ):
            spin = QSpinBox()
            spin.setRange(BACKUP_NUMBERS[key][1], BACKUP_NUMBERS[key][2])
            spin.setSuffix(suffix)
            spin.setValue(settings.backup_number(key))
            self.backup_numbers[key] = spin
            security_form.addRow(buddy_label(text, spin), spin)

        self.practice_name = QLineEdit(practice.practice_name)
        self.clinician = QLineEdit(practice.clinician)
        self.credentials = QLineEdit(practice.credentials)
        self.licence_number = QLineEdit(practice.licence_number)
        self.contact = QPlainTextEdit(practice.contact)
        self.contact.setTabChangesFocus(True)
        self.contact.setFixedHeight(self.contact.fontMetrics().lineSpacing() * 3 + 14)
        practice_box = QGroupBox("Practice details (kept in the vault; the clinician signs notes)")
        practice_form = QFormLayout(practice_box)
        for text, widget in (
            ("&Practice name:", self.practice_name),
            ("&Clinician:", self.clinician),
            ("Cr&edentials:", self.credentials),
            ("&Licence number:", self.licence_number),
            ("C&ontact:", self.contact),
        ):
            practice_form.addRow(buddy_label(text, widget), widget)

        self.retention: dict[str, QSpinBox] = {}
        retention_box = QGroupBox("Record retention (kept in the vault)")
        self._retention_box = retention_box  # alive (unshown) when no Records tab is added
        retention_form = QFormLayout(retention_box)
        rule = retention or RetentionRule()
        for name, text, suffix in (
            ("years_after_last_session", "Keep records a&fter the last session for:", " years"),
            ("age_of_majority", "A minor comes of a&ge at:", " years old"),
            ("years_after_majority", "An&d after coming of age, for:", " years"),
        ):
            spin = QSpinBox()
            spin.setRange(BOUNDS[name][0], BOUNDS[name][1])
            spin.setSuffix(suffix)
            spin.setValue(getattr(rule, name))
            self.retention[name] = spin
            retention_form.addRow(buddy_label(text, spin), spin)

        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # names are text
        self.error.setObjectName("ErrorMessage")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.tabs = QTabWidget()
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addWidget(security)
        general_layout.addWidget(practice_box)
        general_layout.addStretch(1)
        self.tabs.addTab(general, "General")
        if save_retention is not None:
            records = QWidget()
            records_layout = QVBoxLayout(records)
            records_layout.addWidget(retention_box)
            records_layout.addStretch(1)
            self.tabs.addTab(records, "Records")
        self.snippets = SnippetsPanel(vault) if vault is not None else None
        if self.snippets is not None:
            self.tabs.addTab(self.snippets, "Snippets")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(580, self.sizeHint().height())

    def practice_details(self) -> PracticeDetails:
        return PracticeDetails(
            practice_name=self.practice_name.text(),
            clinician=self.clinician.text(),
            credentials=self.credentials.text(),
            licence_number=self.licence_number.text(),
            contact=self.contact.toPlainText(),
        )

    def retention_rule(self) -> RetentionRule:
        return RetentionRule(**{name: spin.value() for name, spin in self.retention.items()})

    def _browse(self) -> None:
        folder = prompts.choose_folder(self, "Choose a backup folder", self.backup_folder.text())
        if folder:
            self.backup_folder.setText(str(folder))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def accept(self) -> None:
        folder_text = self.backup_folder.text().strip()
        folder = Path(folder_text).expanduser() if folder_text else None
        problem = ready_backup_folder(self, folder) if folder is not None else ""
        if problem:
            self._show_error(problem)
            return
        try:
            rule = validate_retention_rule(self.retention_rule()) if self._save_retention else None
            self._save_practice(self.practice_details())
            if self._save_retention is not None and rule is not None:
                self._save_retention(rule)
        except (ValidationError, VaultError) as exc:
            self._show_error(str(exc))
            return
        self._settings.auto_lock_minutes = self.auto_lock.value()
        self._settings.lock_on_minimise = self.lock_on_minimise.isChecked()
        self._settings.lock_warning_seconds = self.lock_warning.value()
        self._settings.backup_folder = folder
        for key, spin in self.backup_numbers.items():
            self._settings.set_backup_number(key, spin.value())
        self._settings.sync()
        super().accept()

    def show_snippets(self) -> None:
        if self.snippets is not None:
            self.tabs.setCurrentWidget(self.snippets)


def open_settings(settings: AppSettings, vault: Vault, window: QWidget) -> bool:
    """Show Settings for the open `vault` (modal); True when saved. A saved change of the
    window's own settings is recorded in the audit trail (which group, never values)."""

    def save(details: PracticeDetails) -> object:
        return save_practice_details(vault, details)

    dialog = SettingsDialog(
        settings, load_practice_details(vault), save, window, vault=vault,
        retention=load_retention_rule(vault),
        save_retention=lambda rule: save_retention_rule(vault, rule),
    )  # fmt: skip
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if accepted and vault.is_open:
        record_setting_change(vault, "window_settings")
    return accepted and vault.is_open
