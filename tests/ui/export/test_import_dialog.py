"""Vault → Import Record…: a file and its password in, a new client out, or one line why not."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers
from tests.ui.export.conftest import STRONG_PASSWORD, ExportApp
from ui.export.commands import WHOLE_PRACTICE_FILE
from ui.export.import_dialog import ImportDialog
from vault.clients.records import count_clients
from vault.export.exporting import export_record
from vault.export.model import ExportSelection
from vault.export.practice_archive import export_practice


def open_import(app: ExportApp) -> ImportDialog:
    app.export.actions["import_record"].trigger()
    dialog = app.export.import_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def exported_zip(app: ExportApp, out: Path) -> Path:
    result = export_record(
        app.vault, ExportSelection(app.client_id), "json", out / "record.zip",
        password=STRONG_PASSWORD,
    )  # fmt: skip
    return result.path


def test_an_import_adds_the_client_and_shows_them(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    archive = exported_zip(export_app, out)
    dialog = open_import(export_app)
    answers.folder = archive
    dialog.choose_button.click()
    assert dialog.file.text() == str(archive)
    dialog.password.setText(STRONG_PASSWORD)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.outcome == "done", timeout=20_000)
    assert count_clients(export_app.vault) == 2
    text = dialog.run.message.text()
    assert "new client, with 3 notes" in text and "3 notes arrived signed" in text
    workspace = export_app.workspace
    assert workspace.model.rowCount() == 2  # the list was read again
    shown = workspace.current_client
    assert shown is not None and shown.id != export_app.client_id
    assert shown.display_name == "Demo Export Client"
    assert dialog.password.text() == "" and dialog.close_button.isVisible()


def test_a_wrong_password_is_refused_in_one_line_and_may_be_retried(
    qtbot: QtBot, export_app: ExportApp, out: Path
) -> None:
    archive = exported_zip(export_app, out)
    dialog = open_import(export_app)
    dialog.file.setText(str(archive))
    dialog.password.setText("Demo wrong password for this file")
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.outcome == "failed", timeout=20_000)
    reason = dialog.problem.text()
    assert dialog.problem.isVisible() and reason and "\n" not in reason
    assert "password" in reason.lower()
    assert count_clients(export_app.vault) == 1  # nothing was written
    assert dialog.import_button.isEnabled() and dialog.password.text() == ""
    dialog.password.setText(STRONG_PASSWORD)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.outcome == "done", timeout=20_000)
    assert count_clients(export_app.vault) == 2


def test_a_file_that_is_no_export_is_refused_and_says_why(
    qtbot: QtBot, export_app: ExportApp, out: Path
) -> None:
    bogus = out / "notes.json"
    bogus.write_text('{"format": "something else", "version": 1}', encoding="utf-8")
    dialog = open_import(export_app)
    dialog.file.setText(str(bogus))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.outcome == "failed", timeout=20_000)
    reason = dialog.problem.text()
    assert reason and "\n" not in reason and "Traceback" not in reason
    assert count_clients(export_app.vault) == 1


def test_no_file_chosen_says_so_without_work(export_app: ExportApp) -> None:
    dialog = open_import(export_app)
    dialog.import_button.click()
    assert dialog.problem.text() == "Choose the file to import."
    assert dialog.outcome == "" and not dialog.run.running


def test_a_practice_archive_given_as_a_record_says_where_it_goes(
    qtbot: QtBot, export_app: ExportApp, out: Path
) -> None:
    archive = export_practice(export_app.vault, out / "practice.zip", STRONG_PASSWORD).path
    dialog = open_import(export_app)
    dialog.file.setText(str(archive))
    dialog.password.setText(STRONG_PASSWORD)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.outcome == "failed", timeout=20_000)
    assert dialog.problem.text() == WHOLE_PRACTICE_FILE
    assert count_clients(export_app.vault) == 1
