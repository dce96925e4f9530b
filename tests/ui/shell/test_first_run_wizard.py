"""First run: the wizard creates a vault, refuses weak passphrases, never freezes."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.ui.conftest import Answers
from ui.shell.backup_folder import CREATE_TITLE
from ui.shell.controller import AppController
from ui.shell.first_run_wizard import FirstRunWizard
from ui.shell.main_window import TITLE
from ui.shell.settings_store import AppSettings
from vault import Vault
from vault.store.kdf import floor_params
from vault.store.layout import is_vault_dir


def make_wizard(qtbot: QtBot, location: Path) -> FirstRunWizard:
    wizard = FirstRunWizard(location, kdf_params=floor_params())
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def next_button(wizard: FirstRunWizard) -> bool:
    return bool(wizard.button(QWizard.WizardButton.NextButton).isEnabled()) or bool(
        wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    )


def fill_to_creation(qtbot: QtBot, wizard: FirstRunWizard, passphrase: str = PASSPHRASE) -> None:
    assert wizard.currentPage() is wizard.location_page
    wizard.next()
    assert wizard.currentPage() is wizard.passphrase_page
    qtbot.keyClicks(wizard.passphrase_page.fields.first, passphrase)
    qtbot.keyClicks(wizard.passphrase_page.fields.second, passphrase)
    assert wizard.passphrase_page.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.recovery_page
    assert not wizard.recovery_page.isComplete()  # must acknowledge the warning first
    wizard.recovery_page.understood.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.create_page


def test_wizard_creates_a_vault(qtbot: QtBot, tmp_path: Path) -> None:
    location = tmp_path / "appdata" / "Practice.vault"  # parent does not exist yet
    wizard = make_wizard(qtbot, location)
    fill_to_creation(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=15_000)
    assert wizard.create_page.isComplete()
    vault = wizard.vault
    assert vault is not None and vault.is_open
    assert is_vault_dir(location)
    assert wizard.passphrase_page.fields.passphrase() == ""  # not kept in the widget
    vault.close()
    Vault.open(location, PASSPHRASE).close()


def test_weak_passphrase_is_refused_with_a_plain_explanation(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = make_wizard(qtbot, tmp_path / "v")
    wizard.next()
    fields = wizard.passphrase_page.fields
    qtbot.keyClicks(fields.first, "password123")
    qtbot.keyClicks(fields.second, "password123")
    assert not wizard.passphrase_page.isComplete()
    assert not next_button(wizard)
    assert "Too easy to guess" in fields.explanation.text()
    assert fields.verdict.score < 3


def test_short_passphrase_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = make_wizard(qtbot, tmp_path / "v")
    wizard.next()
    fields = wizard.passphrase_page.fields
    fields.first.setText("Zq8#vL2!")
    fields.second.setText("Zq8#vL2!")
    assert not wizard.passphrase_page.isComplete()
    assert "at least 10 characters" in fields.explanation.text()


def test_mismatched_passphrases_are_refused(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = make_wizard(qtbot, tmp_path / "v")
    wizard.next()
    fields = wizard.passphrase_page.fields
    fields.first.setText(PASSPHRASE)
    fields.second.setText(PASSPHRASE + "x")
    assert not wizard.passphrase_page.isComplete()
    assert "do not match" in fields.match_label.text()


def test_occupied_location_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "something.txt").write_text("synthetic")
    wizard = make_wizard(qtbot, occupied)
    wizard.next()
    assert wizard.currentPage() is wizard.location_page
    assert "not empty" in wizard.location_page.error.text()


def _to_recovery_page(wizard: FirstRunWizard, backup: Path) -> None:
    wizard.next()
    wizard.passphrase_page.fields.first.setText(PASSPHRASE)
    wizard.passphrase_page.fields.second.setText(PASSPHRASE)
    wizard.next()
    wizard.recovery_page.understood.setChecked(True)
    wizard.recovery_page.backup_edit.setText(str(backup))


def test_a_missing_backup_folder_is_offered_and_made_private(
    qtbot: QtBot, tmp_path: Path, answers: Answers
) -> None:
    backups = tmp_path / "new-backups"
    wizard = make_wizard(qtbot, tmp_path / "v")
    _to_recovery_page(wizard, backups)
    wizard.next()
    assert CREATE_TITLE in answers.asked
    assert backups.is_dir() and stat.S_IMODE(backups.stat().st_mode) == 0o700
    assert wizard.currentPage() is wizard.create_page
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=15_000)
    assert wizard.backup_folder == backups
    assert wizard.vault is not None
    wizard.vault.close()


def test_declining_to_make_the_backup_folder_stays_on_the_page(
    qtbot: QtBot, tmp_path: Path, answers: Answers
) -> None:
    answers.confirm = False
    wizard = make_wizard(qtbot, tmp_path / "v")
    _to_recovery_page(wizard, tmp_path / "no-such-folder")
    wizard.next()
    assert wizard.currentPage() is wizard.recovery_page
    assert "does not exist" in wizard.recovery_page.error.text()
    assert not (tmp_path / "no-such-folder").exists()


def test_a_backup_folder_on_a_missing_drive_is_never_made(
    qtbot: QtBot, tmp_path: Path, answers: Answers
) -> None:
    unplugged = tmp_path / "media" / "usb-drive" / "backups"
    wizard = make_wizard(qtbot, tmp_path / "v")
    _to_recovery_page(wizard, unplugged)
    wizard.next()
    assert wizard.currentPage() is wizard.recovery_page
    assert "connect the drive" in wizard.recovery_page.error.text()
    assert CREATE_TITLE not in answers.asked
    assert not (tmp_path / "media").exists()


def test_step_numbers_match_the_pages_shown(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = make_wizard(qtbot, tmp_path / "v")
    titles = [wizard.page(i).title() for i in wizard.pageIds()]
    assert [t.split(":")[0] for t in titles] == [f"Step {n} of 4" for n in range(1, 5)]
    fill_to_creation(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=15_000)
    assert "Step" not in wizard.create_page.step.text()
    assert wizard.vault is not None
    wizard.vault.close()


def test_cancel_is_gone_once_the_vault_exists(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = make_wizard(qtbot, tmp_path / "v")
    cancel = wizard.button(QWizard.WizardButton.CancelButton)
    assert cancel.isVisible()
    fill_to_creation(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=15_000)
    qtbot.wait(50)  # let the wizard lay its buttons out again after completeChanged
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert wizard.vault is not None
    wizard.vault.close()


def test_window_stays_responsive_while_the_key_is_derived(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = make_wizard(qtbot, tmp_path / "v")
    ticks: list[int] = []
    timer = QTimer(wizard)  # a GUI-thread timer: it only ticks while the event loop runs
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    fill_to_creation(qtbot, wizard)
    ticks.clear()
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=15_000)
    timer.stop()
    assert len(ticks) >= 3, "the event loop stalled while Argon2 ran"
    assert wizard.vault is not None
    wizard.vault.close()


def test_first_start_runs_the_wizard_and_opens_the_workspace(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    default_location: Path,
    tmp_path: Path,
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    controller = make_controller()
    controller.start()
    wizard = controller.wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.location_page.location() == default_location
    fill_to_creation_with_backup(qtbot, wizard, backups)
    qtbot.waitUntil(lambda: wizard.vault is not None, timeout=15_000)
    wizard.accept()
    qtbot.waitUntil(lambda: controller.vault is not None)
    assert controller.window.workspace is not None
    assert controller.window.windowTitle() == TITLE
    assert app_settings.last_vault_path == default_location
    assert app_settings.backup_folder == backups


def fill_to_creation_with_backup(qtbot: QtBot, wizard: FirstRunWizard, backups: Path) -> None:
    wizard.next()
    wizard.passphrase_page.fields.first.setText(PASSPHRASE)
    wizard.passphrase_page.fields.second.setText(PASSPHRASE)
    wizard.next()
    wizard.recovery_page.understood.setChecked(True)
    wizard.recovery_page.backup_edit.setText(str(backups))
    wizard.next()


def test_cancelled_first_run_offers_create_or_open(
    qtbot: QtBot, make_controller: Callable[[], AppController]
) -> None:
    controller = make_controller()
    controller.start()
    assert controller.wizard is not None
    controller.wizard.reject()
    qtbot.waitUntil(lambda: controller.wizard is None)
    screen = controller.window.unlock_screen
    assert screen.create_button.isVisibleTo(controller.window)
    assert screen.open_button.isVisibleTo(controller.window)
    assert controller.vault is None
