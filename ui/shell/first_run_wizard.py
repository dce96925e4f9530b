"""First run: where the vault lives, its passphrase, the can't-recover warning, then creation.

Each page's title says which step of how many it is, and the creation page's own progress
never uses step numbers of its own. A backup folder that does not exist yet is offered to be
made (`ui.shell.backup_folder`). Once the vault exists there is nothing left to cancel, so
Cancel goes.

Creation (Argon2 calibration and key derivation, about a second or two) runs through
`background.run_in_background`, with a busy indicator, so the window never freezes. Tests pass
fast `kdf_params` through the constructor; the real app lets the vault calibrate.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ui.kit import prompts
from ui.kit.background import FREE_QUEUE, run_in_background
from ui.kit.icons import app_icon
from ui.kit.passphrase_fields import PassphraseFields
from ui.shell.backup_folder import ready_backup_folder
from ui.shell.settings_store import DEFAULT_VAULT_NAME
from vault import Vault
from vault.store.kdf import Argon2Params, calibrate


def _wrapped(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # paths and messages are text, never markup
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


def location_problem(path: Path) -> str:
    """Why a vault cannot be created at `path`, or "" when it can (parents are made as needed)."""
    if not path.is_absolute():
        return "Choose a full folder path."
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        return f"{path} already exists and is not empty. Choose a new folder name."
    parent = next((p for p in path.parents if p.exists()), None)
    if parent is None or not parent.is_dir():
        return f"The folder {path.parent} cannot be used."
    return ""


class LocationPage(QWizardPage):
    def __init__(self, default_location: Path) -> None:
        super().__init__()
        self.setTitle("Where should your vault live?")
        self.setSubTitle(
            "Your client records are kept in one encrypted folder on this computer. "
            "The suggested place is fine for most people."
        )
        self.path_edit = QLineEdit(str(default_location))
        self.path_edit.setAccessibleName("Vault folder")
        browse = QPushButton("B&rowse…")
        browse.setAccessibleName("Choose where to put the vault")
        browse.clicked.connect(self._browse)
        self.error = _wrapped("", "ErrorMessage")
        label = QLabel("Vault &folder:")
        label.setBuddy(self.path_edit)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(lambda _text: self.error.clear())

    def location(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def _browse(self) -> None:
        folder = prompts.choose_folder(
            self, "Choose a folder to hold the vault", str(self.location().parent)
        )
        if folder:
            self.path_edit.setText(str(folder / DEFAULT_VAULT_NAME))

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        problem = location_problem(self.location())
        self.error.setText(problem)
        return not problem


class PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Choose a passphrase")
        self.setSubTitle(
            "It unlocks your vault. Use at least 10 characters; several unrelated words work well."
        )
        self.fields = PassphraseFields()
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addStretch(1)
        self.fields.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        return self.fields.is_acceptable()


class RecoveryPage(QWizardPage):
    def __init__(self, backup_folder: Path | None) -> None:
        super().__init__()
        self.setTitle("A lost passphrase cannot be recovered")
        self.setSubTitle("Please read this before creating the vault.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Create Vault")
        warning = _wrapped(
            "Your records are encrypted with your passphrase. If you forget it, nobody can open "
            "the vault again: not you, not Confidant's makers, not an IT expert. There is no "
            "reset. Write the passphrase down and keep it somewhere safe and private, such as a "
            "locked drawer.",
            "Warning",
        )
        self.understood = QCheckBox("I &understand that a lost passphrase cannot be recovered")
        self.understood.setAccessibleName("I understand a lost passphrase cannot be recovered")
        self.understood.toggled.connect(self.completeChanged)
        self.backup_edit = QLineEdit(str(backup_folder) if backup_folder else "")
        self.backup_edit.setPlaceholderText("for example a folder on an external drive")
        self.backup_edit.setAccessibleName("Backup folder")
        browse = QPushButton("B&rowse…")
        browse.setAccessibleName("Choose a backup folder")
        browse.clicked.connect(self._browse)
        backup_label = QLabel("Backup &folder (recommended):")
        backup_label.setBuddy(self.backup_edit)
        self.error = _wrapped("", "ErrorMessage")
        row = QHBoxLayout()
        row.addWidget(self.backup_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(self.understood)
        layout.addSpacing(12)
        layout.addWidget(
            _wrapped(
                "Backups are encrypted copies of the vault. Keep them on another drive, so a "
                "broken or lost computer does not take your records with it.",
                "Hint",
            )
        )
        layout.addWidget(backup_label)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def backup_folder(self) -> Path | None:
        text = self.backup_edit.text().strip()
        return Path(text).expanduser() if text else None

    def _browse(self) -> None:
        folder = prompts.choose_folder(self, "Choose a backup folder")
        if folder:
            self.backup_edit.setText(str(folder))

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        return self.understood.isChecked()

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        folder = self.backup_folder()
        problem = ready_backup_folder(self, folder) if folder is not None else ""
        if problem:
            self.error.setText(f"{problem} Leave it empty to choose one later in Settings.")
            return False
        self.error.clear()
        return True


class CreatePage(QWizardPage):
    """Runs the slow creation in the background and shows where it is up to."""

    def __init__(self, kdf_params: Argon2Params | None) -> None:
        super().__init__()
        self.setTitle("Creating your vault")
        self.setSubTitle("This takes a few seconds. The window stays usable meanwhile.")
        self._kdf_params = kdf_params
        self.vault: Vault | None = None
        self.running = False
        self.step = _wrapped("")
        self.step.setAccessibleName("Progress")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Working")
        self.error = _wrapped("", "ErrorMessage")
        self.retry = QPushButton("&Try Again")
        self.retry.clicked.connect(self.start)
        self.retry.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt name)
        self.start()

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        return self.vault is not None

    def _wizard(self) -> FirstRunWizard:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        return wizard

    def start(self) -> None:
        if self.running or self.vault is not None:
            return
        self.running = True
        self.error.clear()
        self.retry.hide()
        self.busy.show()
        self._wizard().set_busy(True)
        if self._kdf_params is None:
            self.step.setText(
                "First, measuring this computer's speed, so the key is as strong as it can "
                "be while unlocking stays quick…"
            )
            run_in_background(calibrate, self._create, self._failed, owner=self, queue=FREE_QUEUE)
        else:
            self._create(self._kdf_params)

    def _create(self, params: Argon2Params) -> None:
        wizard = self._wizard()
        location = wizard.location_page.location()
        passphrase = wizard.passphrase_page.fields.passphrase()
        self.step.setText("Now deriving your key and creating the encrypted vault…")

        def work() -> Vault:
            location.parent.mkdir(parents=True, exist_ok=True)
            return Vault.create(location, passphrase, kdf_params=params)

        run_in_background(work, self._created, self._failed, owner=self, on_dropped=Vault.close)

    def _created(self, vault: Vault) -> None:
        self.running = False
        self.vault = vault
        self.busy.hide()
        self.step.setText("Your vault is ready and unlocked. Press Finish to start.")
        wizard = self._wizard()
        wizard.passphrase_page.fields.clear()
        wizard.set_busy(False)
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.busy.hide()
        self.step.clear()
        self.error.setText(f"The vault could not be created. {error}")
        self.retry.show()
        self._wizard().set_busy(False)


class FirstRunWizard(QWizard):
    """Creates a vault. When accepted, `vault` is the new, open vault and `backup_folder` is set."""

    def __init__(
        self,
        default_location: Path,
        *,
        backup_folder: Path | None = None,
        kdf_params: Argon2Params | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set up Confidant")
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(620, 460)
        self.location_page = LocationPage(default_location)
        self.passphrase_page = PassphrasePage()
        self.recovery_page = RecoveryPage(backup_folder)
        self.create_page = CreatePage(kdf_params)
        pages = (self.location_page, self.passphrase_page, self.recovery_page, self.create_page)
        for number, page in enumerate(pages, start=1):
            page.setTitle(f"Step {number} of {len(pages)}: {page.title()}")
            self.addPage(page)

    @property
    def vault(self) -> Vault | None:
        return self.create_page.vault

    @property
    def backup_folder(self) -> Path | None:
        return self.recovery_page.backup_folder()

    def set_busy(self, busy: bool) -> None:
        self.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)
        if self.vault is not None:  # created: there is nothing left to cancel
            self.setOption(QWizard.WizardOption.NoCancelButton, True)
            self.button(QWizard.WizardButton.FinishButton).setFocus()

    def reject(self) -> None:
        """Closing mid-creation is ignored; closing after it just goes in: the vault exists."""
        if self.create_page.running:
            return
        if self.vault is not None:
            self.accept()
            return
        super().reject()
