"""An export from the window: it runs in the background to one encrypted file, or to none."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta
from pathlib import Path

import pikepdf
import pypdf
import pytest
import pyzipper
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers
from tests.ui.export.conftest import STRONG_PASSWORD, ExportApp
from ui.export.run_dialog import RunDialog
from ui.kit.background import run_in_background
from vault.audit.trail import AuditFilter, list_entries
from vault.consent.disclosures import accounting_of_disclosures
from vault.consent.releases import record_release
from vault.consent.requests import access_requests_for, receive_access_request


def start_json_export(app: ExportApp, answers: Answers, destination: Path) -> RunDialog:
    app.export.export_record()
    dialog = app.export.record_dialog
    assert dialog is not None
    dialog.choices.format_buttons["json"].setChecked(True)
    dialog.password.fields.first.setText(STRONG_PASSWORD)
    dialog.password.fields.second.setText(STRONG_PASSWORD)
    answers.save_path = destination
    dialog.start_export()
    run = app.export.run_dialog
    assert run is not None and run.isVisible()
    return run


def test_an_export_writes_one_encrypted_zip_and_says_what_happened(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    request = receive_access_request(
        export_app.vault, export_app.client_id, received_on=date.today()
    )
    run = start_json_export(export_app, answers, out / "record")
    qtbot.waitUntil(lambda: run.outcome == "done", timeout=20_000)
    target = out / "record.zip"
    assert sorted(p.name for p in out.iterdir()) == ["record.zip"]
    with pyzipper.AESZipFile(target) as archive:
        archive.setpassword(STRONG_PASSWORD.encode())
        data = json.loads(archive.read("record.json"))
    assert data["format"] == "confidant.record" and len(data["notes"]) == 3
    with pyzipper.AESZipFile(target) as archive, pytest.raises(RuntimeError):
        archive.setpassword(b"Demo wrong password")
        archive.read("record.json")
    text = run.panel.message.text()
    assert f"Saved to {target}" in text
    assert "encrypted with AES-256" in text and "3 notes" in text
    assert "disclosure log and in the activity log" in text
    assert f"access request of {request.received_on.isoformat()} is now closed" in text
    assert "Demo Export Client" not in text
    [disclosure] = accounting_of_disclosures(export_app.vault, export_app.client_id, date.today())
    assert disclosure.basis == "client_request"
    [written] = list_entries(export_app.vault, AuditFilter(kinds=("export.written",)))
    assert written.client_id == export_app.client_id
    [closed] = access_requests_for(export_app.vault, export_app.client_id)
    assert closed.fulfilled_on == date.today()
    assert run.close_button.isVisible() and not run.cancel_button.isVisible()


def test_cancel_leaves_no_file_and_says_so(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    gate = threading.Event()
    held: list[bool] = []
    owner = export_app.controller.window
    run_in_background(lambda: gate.wait(10), held.append, owner=owner)  # the queue waits here
    run = start_json_export(export_app, answers, out / "record.zip")
    run.cancel_button.click()
    assert not run.cancel_button.isEnabled() and run.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: run.outcome == "cancelled", timeout=20_000)
    assert run.panel.message.text() == "Cancelled. No file was written."
    assert sorted(p.name for p in out.iterdir()) == []
    assert accounting_of_disclosures(export_app.vault, export_app.client_id, date.today()) == []


def test_escape_while_running_cancels_instead_of_hiding(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    gate = threading.Event()
    run_in_background(lambda: gate.wait(10), lambda _r: None, owner=export_app.controller.window)
    run = start_json_export(export_app, answers, out / "record.zip")
    run.reject()  # what Escape does
    assert run.isVisible() and run.panel.is_cancelled()
    gate.set()
    qtbot.waitUntil(lambda: run.outcome == "cancelled", timeout=20_000)
    run.reject()
    assert not run.isVisible()


def test_a_refused_export_is_one_plain_sentence(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    missing = out / "no-such-folder" / "record.zip"
    run = start_json_export(export_app, answers, missing)
    qtbot.waitUntil(lambda: run.outcome == "failed", timeout=20_000)
    text = run.panel.message.text()
    assert "\n" not in text and "Traceback" not in text and text.endswith(".")
    assert not missing.parent.exists()


def test_a_lock_during_an_export_cancels_it_and_destroys_its_windows(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    gate = threading.Event()
    run_in_background(lambda: gate.wait(10), lambda _r: None)
    run = start_json_export(export_app, answers, out / "record.zip")
    export_app.controller.lock()
    assert run.panel.is_cancelled()
    assert export_app.export.run_dialog is None and export_app.export.record_dialog is None
    gate.set()
    qtbot.waitUntil(lambda: not (out / "record.zip").exists(), timeout=5_000)


def test_a_pdf_export_opens_only_with_the_generated_password(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path, app_settings
) -> None:
    export_app.export.export_record()
    dialog = export_app.export.record_dialog
    assert dialog is not None
    dialog.choices.format_buttons["pdf"].setChecked(True)
    dialog.choices.paper.setCurrentText("Letter")
    dialog.password.generated_choice.setChecked(True)
    password = dialog.password.phrase.text()
    answers.save_path = out / "record.pdf"
    dialog.start_export()
    run = export_app.export.run_dialog
    assert run is not None
    qtbot.waitUntil(lambda: run.outcome == "done", timeout=30_000)
    assert "The password is not in the file." in run.panel.message.text()
    message = run.panel.message  # the window grew to show the whole summary
    qtbot.waitUntil(lambda: message.height() >= message.heightForWidth(message.width()))
    assert password not in run.panel.message.text()  # shown once, in the export dialog only
    assert app_settings.export_paper == "Letter"  # remembered for the next export
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(out / "record.pdf")
    with pikepdf.open(out / "record.pdf", password=password) as pdf:
        assert (
            pdf.encryption.R == 6
            and pdf.encryption.stream_method == pikepdf.models.EncryptionMethod.aesv3
        )
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792)  # Letter, in points
    reader = pypdf.PdfReader(out / "record.pdf")
    reader.decrypt(password)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Demo session 2 went well." in text and "Demo Export Client" in text


def test_a_fhir_export_under_a_release_is_logged_to_its_recipient(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    today = date.today()
    record_release(
        export_app.vault, export_app.client_id, recipient_name="Demo Family Doctor",
        recipient_org="Demo Clinic", purpose="Demo care", information="Demo notes",
        signed_on=today, expires_on=today + timedelta(days=90),
    )  # fmt: skip
    export_app.export.export_record()
    dialog = export_app.export.record_dialog
    assert dialog is not None
    dialog.choices.format_buttons["fhir"].setChecked(True)
    dialog.basis.by_release.setChecked(True)
    dialog.password.fields.first.setText(STRONG_PASSWORD)
    dialog.password.fields.second.setText(STRONG_PASSWORD)
    answers.save_path = out / "for-the-doctor.zip"
    dialog.start_export()
    run = export_app.export.run_dialog
    assert run is not None and dialog.plan is None  # the plan went to the work
    qtbot.waitUntil(lambda: run.outcome == "done", timeout=30_000)
    with pyzipper.AESZipFile(out / "for-the-doctor.zip") as archive:
        archive.setpassword(STRONG_PASSWORD.encode())
        bundle = json.loads(archive.read("fhir-bundle.json"))
    assert bundle["resourceType"] == "Bundle"
    [disclosure] = accounting_of_disclosures(export_app.vault, export_app.client_id, today)
    assert (
        disclosure.basis == "release" and disclosure.recipient == "Demo Family Doctor, Demo Clinic"
    )
    run.close_button.click()
    assert export_app.export.run_dialog is None  # closed, and forgotten with what it held
