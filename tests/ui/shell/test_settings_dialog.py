"""Settings: lock and backup preferences in QSettings, practice details inside the vault."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers
from ui.shell.controller import AppController
from ui.shell.settings_dialog import SettingsDialog
from ui.shell.settings_store import AppSettings
from vault.clients.practice import PracticeDetails, load_practice_details, save_practice_details


def make_dialog(qtbot: QtBot, controller: AppController) -> SettingsDialog:
    vault = controller.vault
    assert vault is not None
    dialog = SettingsDialog(
        controller.settings,
        load_practice_details(vault),
        lambda details: save_practice_details(vault, details),
        controller.window,
    )
    qtbot.addWidget(dialog)
    return dialog


def test_settings_are_saved_where_they_belong(
    qtbot: QtBot, unlocked: AppController, tmp_path: Path, settings_path: Path
) -> None:
    dialog = make_dialog(qtbot, unlocked)
    dialog.auto_lock.setValue(12)
    dialog.lock_on_minimise.setChecked(True)
    dialog.backup_folder.setText(str(tmp_path))
    dialog.practice_name.setText("Demo Practice Rooms")
    dialog.clinician.setText("Demo Clinician")
    dialog.licence_number.setText("DEMO-42")
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    settings = unlocked.settings
    assert (settings.auto_lock_minutes, settings.lock_on_minimise, settings.backup_folder) == (
        12,
        True,
        tmp_path,
    )
    assert unlocked.vault is not None
    details = load_practice_details(unlocked.vault)
    assert details.practice_name == "Demo Practice Rooms"
    assert details.licence_number == "DEMO-42"
    text = settings_path.read_text()
    assert "Demo Clinician" not in text and "DEMO-42" not in text


def test_bad_values_keep_the_dialog_open(
    qtbot: QtBot, unlocked: AppController, tmp_path: Path, answers: Answers
) -> None:
    answers.confirm = False  # not making the missing folder
    dialog = make_dialog(qtbot, unlocked)
    dialog.show()
    dialog.backup_folder.setText(str(tmp_path / "missing"))
    dialog.accept()
    assert dialog.isVisible() and "does not exist" in dialog.error.text()
    dialog.backup_folder.clear()
    dialog.credentials.setText("x" * 1000)
    dialog.accept()
    assert dialog.isVisible() and "Credentials" in dialog.error.text()
    assert unlocked.settings.backup_folder is None


def test_dialog_shows_saved_practice_details(qtbot: QtBot, unlocked: AppController) -> None:
    assert unlocked.vault is not None
    save_practice_details(unlocked.vault, PracticeDetails(contact="1 Demo Street"))
    dialog = make_dialog(qtbot, unlocked)
    assert dialog.contact.toPlainText() == "1 Demo Street"


def test_new_auto_lock_time_applies_at_once(unlocked: AppController) -> None:
    unlocked.settings.auto_lock_minutes = 7
    unlocked._apply_lock_settings()
    assert unlocked.idle.timeout_ms == 7 * 60_000
    assert "7 min" in unlocked.window.lock_hint.text()


def test_app_settings_clamp_and_default(tmp_path: Path) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert settings.auto_lock_minutes == 5
    assert settings.lock_on_minimise is False
    assert settings.last_vault_path is None and settings.backup_folder is None
    settings.auto_lock_minutes = 0
    assert settings.auto_lock_minutes == 1
    settings.auto_lock_minutes = 100_000
    assert settings.auto_lock_minutes == 240


def test_back_up_now_writes_an_encrypted_backup(
    qtbot: QtBot, unlocked: AppController, tmp_path: Path, answers: Answers
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    unlocked.settings.backup_folder = backups
    unlocked.window.actions_by_name["backup"].trigger()
    qtbot.waitUntil(lambda: unlocked.window.actions_by_name["backup"].isEnabled(), timeout=15_000)
    made = [p for p in backups.iterdir() if p.name.startswith("confidant-backup-")]
    assert len(made) == 1
    assert "Encrypted backup written" in unlocked.window.statusBar().currentMessage()
    assert not answers.notices


def test_the_retention_rule_is_edited_here_and_kept_in_the_vault(
    qtbot: QtBot, unlocked: AppController, settings_path: Path
) -> None:
    from vault.consent.retention import RetentionRule, load_retention_rule, save_retention_rule

    vault = unlocked.vault
    assert vault is not None
    dialog = SettingsDialog(
        unlocked.settings,
        load_practice_details(vault),
        lambda details: save_practice_details(vault, details),
        unlocked.window,
        retention=load_retention_rule(vault),
        save_retention=lambda rule: save_retention_rule(vault, rule),
    )
    qtbot.addWidget(dialog)
    spins = dialog.retention
    assert [spins[n].value() for n in ("years_after_last_session", "age_of_majority")] == [7, 18]
    assert spins["age_of_majority"].minimum() == 14 and spins["age_of_majority"].maximum() == 25
    spins["years_after_last_session"].setValue(10)
    spins["age_of_majority"].setValue(19)
    spins["years_after_majority"].setValue(3)
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert load_retention_rule(vault) == RetentionRule(10, 19, 3)
    assert "years_after" not in settings_path.read_text()  # kept in the vault alone


def test_a_missing_backup_folder_can_be_made_from_settings(
    qtbot: QtBot, unlocked: AppController, tmp_path: Path, answers: Answers
) -> None:
    dialog = make_dialog(qtbot, unlocked)
    dialog.backup_folder.setText(str(tmp_path / "made-here"))
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert "Create Backup Folder" in answers.asked
    assert unlocked.settings.backup_folder == tmp_path / "made-here"
    assert (tmp_path / "made-here").is_dir()
