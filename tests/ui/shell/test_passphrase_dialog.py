"""Vault → Change Passphrase: current + new twice, re-encrypted off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from ui.shell.controller import AppController
from ui.shell.passphrase_dialog import ChangePassphraseDialog
from vault import Vault

NEW = "demo harbour lantern quietly folding"


def _dialog(qtbot: QtBot, controller: AppController) -> ChangePassphraseDialog:
    assert controller.vault is not None
    dialog = ChangePassphraseDialog(controller.vault, controller.window)
    qtbot.addWidget(dialog)
    return dialog


def test_the_vault_opens_with_the_new_passphrase_afterwards(
    qtbot: QtBot, unlocked: AppController
) -> None:
    dialog = _dialog(qtbot, unlocked)
    dialog.current.setText(PASSPHRASE)
    dialog.fields.first.setText(NEW)
    dialog.fields.second.setText(NEW)
    dialog.change()
    assert dialog.busy and dialog.progress.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert dialog.result() == ChangePassphraseDialog.DialogCode.Accepted
    assert unlocked.vault is not None
    directory = unlocked.vault.directory
    unlocked.lock()
    Vault.open(directory, NEW).close()


def test_a_wrong_current_passphrase_changes_nothing(qtbot: QtBot, unlocked: AppController) -> None:
    dialog = _dialog(qtbot, unlocked)
    dialog.current.setText("Demo wrong passphrase")
    dialog.fields.first.setText(NEW)
    dialog.fields.second.setText(NEW)
    dialog.change()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert "not right" in dialog.error.text()
    assert unlocked.vault is not None and unlocked.vault.check_passphrase(PASSPHRASE)


def test_the_button_waits_for_a_strong_matching_passphrase(
    qtbot: QtBot, unlocked: AppController
) -> None:
    dialog = _dialog(qtbot, unlocked)
    dialog.current.setText(PASSPHRASE)
    dialog.fields.first.setText(NEW)
    dialog.fields.second.setText(NEW + "x")
    assert not dialog.ok_button.isEnabled()
    dialog.fields.second.setText(NEW)
    assert dialog.ok_button.isEnabled()


def test_the_idle_lock_pauses_while_re_encrypting(qtbot: QtBot, unlocked: AppController) -> None:
    seen: list[bool] = []

    def fill_in() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, ChangePassphraseDialog)
        )
        dialog.current.setText(PASSPHRASE)
        dialog.fields.first.setText(NEW)
        dialog.fields.second.setText(NEW)
        dialog.change()
        seen.append(unlocked.idle.running)

    QTimer.singleShot(0, fill_in)
    unlocked.window.actions_by_name["change_passphrase"].trigger()
    assert seen == [False]
    assert unlocked.idle.running
    assert "Passphrase changed" in unlocked.window.statusBar().currentMessage()


def test_the_command_is_in_the_vault_menu(unlocked: AppController) -> None:
    menu = next(a.menu() for a in unlocked.window.menuBar().actions() if a.text() == "&Vault")
    assert unlocked.window.actions_by_name["change_passphrase"] in menu.actions()  # type: ignore[union-attr]
