"""The whole practice through the window: out to one encrypted archive, back into a new vault."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pyzipper
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from tests.ui.conftest import Answers, unlock
from tests.ui.export.conftest import ExportApp
from ui.export.commands import NOT_EMPTY_TEXT
from ui.export.practice_dialog import ARCHIVE_CONTENTS, PracticeExportDialog
from ui.export.run_dialog import RunDialog
from ui.kit.background import run_in_background
from vault import Vault
from vault.clients.records import count_clients, list_clients
from vault.notes.records import count_notes
from vault.notes.signature_check import check_signed_notes


def open_practice_export(app: ExportApp) -> PracticeExportDialog:
    app.export.actions["export_practice"].trigger()
    dialog = app.export.practice_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def start_practice_export(app: ExportApp, answers: Answers, target: Path) -> tuple[RunDialog, str]:
    dialog = open_practice_export(app)
    assert not dialog.password.unencrypted.isVisible()  # an archive is always encrypted
    dialog.password.generated_choice.setChecked(True)
    password = dialog.password.phrase.text()
    answers.save_path = target
    dialog.start_export()
    run = app.export.run_dialog
    assert run is not None and run.isVisible()
    return run, password


def test_the_practice_goes_out_and_comes_back_into_a_new_vault(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path, tmp_path: Path
) -> None:
    run, password = start_practice_export(export_app, answers, out / "practice")
    qtbot.waitUntil(lambda: run.outcome == "done", timeout=60_000)
    archive = out / "practice.zip"
    assert sorted(p.name for p in out.iterdir()) == ["practice.zip"]
    text = run.panel.message.text()
    assert f"Saved to {archive}" in text and "encrypted with AES-256" in text
    assert "1 client; their records hold 3 notes" in text and password not in text
    with pyzipper.AESZipFile(archive) as zf:
        zf.setpassword(password.encode())
        manifest = json.loads(zf.read("manifest.json"))
        names = set(zf.namelist())
    assert manifest["counts"]["clients"] == 1
    assert f"clients/{export_app.client_id}.pdf" in names  # PDFs are in by default
    run.accept()

    controller = export_app.controller
    controller.lock()
    fresh = tmp_path / "fresh.vault"
    Vault.create(fresh, PASSPHRASE, kdf_params=SESSION_FLOOR).close()
    controller.window.unlock_screen.set_vault_path(fresh)
    unlock(qtbot, controller)
    vault = controller.vault
    assert vault is not None and vault.directory == fresh
    export_app.export.actions["import_practice"].trigger()
    dialog = export_app.export.import_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.file.setText(str(archive))
    dialog.import_button.click()
    assert dialog.problem.text() == "Type the archive's password."
    dialog.password.setText(password)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.outcome == "done", timeout=60_000)
    assert "1 client came in, with 3 notes" in dialog.run.message.text()
    assert [c.full_name for c in list_clients(vault)] == ["Demo Export Client"]
    assert count_notes(vault) == 3 and check_signed_notes(vault) == []
    workspace = controller.window.workspace
    assert workspace is not None and workspace.model.rowCount() == 1  # the list was re-read


def test_an_archive_is_imported_only_into_an_empty_vault(
    export_app: ExportApp, answers: Answers
) -> None:
    export_app.export.actions["import_practice"].trigger()
    assert export_app.export.import_dialog is None
    assert answers.notices == [f"Import Practice Archive: {NOT_EMPTY_TEXT}"]


def test_the_dialog_says_what_the_archive_holds(export_app: ExportApp) -> None:
    dialog = open_practice_export(export_app)
    labels = [label.text() for label in dialog.findChildren(type(dialog.problem))]
    assert ARCHIVE_CONTENTS in labels and "The one client in this vault." in labels
    dialog.pdfs.setChecked(False)
    assert not dialog.paper.isEnabled()


def test_cancelling_the_practice_export_leaves_no_file(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    gate = threading.Event()
    run_in_background(lambda: gate.wait(10), lambda _r: None, owner=export_app.controller.window)
    run, _password = start_practice_export(export_app, answers, out / "practice.zip")
    run.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: run.outcome == "cancelled", timeout=30_000)
    assert run.panel.message.text() == "Cancelled. No file was written."
    assert list(out.iterdir()) == []
    assert count_clients(export_app.vault) == 1


def test_the_password_has_the_focus_and_enter_exports(
    qtbot: QtBot, export_app: ExportApp, answers: Answers
) -> None:
    dialog = open_practice_export(export_app)
    first = dialog.password.fields.first
    assert dialog.focusWidget() is first
    first.setText("Demo quartz lantern orbit maple cinema")
    dialog.password.fields.second.setText("Demo quartz lantern orbit maple cinema")
    qtbot.keyClick(dialog.password.fields.second, Qt.Key.Key_Return)
    assert "Save the Practice Archive As" in answers.asked
