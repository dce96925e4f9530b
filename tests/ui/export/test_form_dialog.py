"""Client → Print Consent Form… / Print Release Form…: a PDF to print, plain unless protected."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdf
import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers
from tests.ui.export.conftest import STRONG_PASSWORD, ExportApp
from ui.export.form_dialog import PLAIN_WARNING, FormDialog
from vault.audit.trail import AuditFilter, list_entries


def open_form(app: ExportApp, name: str) -> FormDialog:
    app.export.actions[name].trigger()
    dialog = app.export.form_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_a_consent_form_is_encrypted_by_default_with_a_typed_password(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    dialog = open_form(export_app, "print_consent_form")
    assert dialog.password.isVisible() and dialog.password.encrypt
    assert not dialog.password.warning.isVisible()
    answers.save_path = out / "consent"
    dialog.save_button.click()
    assert dialog.problem.text() == "Type a password twice, or generate one."
    assert answers.asked == []  # nothing was asked, nothing written
    dialog.password.fields.first.setText(STRONG_PASSWORD)
    dialog.password.fields.second.setText(STRONG_PASSWORD)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.run.outcome == "done", timeout=20_000)
    target = out / "consent.pdf"
    assert sorted(p.name for p in out.iterdir()) == ["consent.pdf"]
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(target)
    with pikepdf.open(target, password=STRONG_PASSWORD) as pdf:
        assert pdf.encryption.R == 6
    text = "".join(p.extract_text() for p in _reader(target, STRONG_PASSWORD).pages)
    assert "Demo Export Client" in text and "limits of confidentiality" in text.lower()
    assert "encrypted with AES-256" in dialog.run.message.text()
    entries = list_entries(export_app.vault, AuditFilter(kinds=("form.printed",)))
    assert [(e.client_id, e.detail) for e in entries] == [
        (export_app.client_id, "form=consent,encrypted")
    ]


def test_a_release_form_with_a_generated_password_opens_with_it(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    dialog = open_form(export_app, "print_release_form")
    dialog.password.generated_choice.setChecked(True)
    generated = dialog.password.phrase.text()
    assert len(generated.split()) >= 6
    answers.save_path = out / "release.pdf"
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.run.outcome == "done", timeout=20_000)
    with pikepdf.open(out / "release.pdf", password=generated) as pdf:
        assert pdf.encryption.R == 6
    dialog.accept()
    assert dialog.password.phrase.text() == ""  # shown once: gone with the dialog


def test_a_plain_form_takes_the_warning_and_a_confirmation(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    dialog = open_form(export_app, "print_consent_form")
    dialog.password.unencrypted.setChecked(True)
    assert dialog.password.warning.isVisible()
    assert dialog.password.warning.text() == PLAIN_WARNING
    answers.save_path = out / "consent.pdf"
    answers.confirm = False
    dialog.save_button.click()
    assert answers.asked == ["Save without a password?"] and list(out.iterdir()) == []
    answers.confirm = True
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.run.outcome == "done", timeout=20_000)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out / "consent.pdf").pages)
    assert "Demo Export Client" in text
    assert "not encrypted" in dialog.run.message.text()
    entries = list_entries(export_app.vault, AuditFilter(kinds=("form.printed",)))
    assert [e.detail for e in entries] == ["form=consent,plain"]


def _reader(path: Path, password: str) -> pypdf.PdfReader:
    reader = pypdf.PdfReader(path)
    reader.decrypt(password)
    return reader


def test_a_file_the_chooser_agreed_to_replace_is_replaced(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    target = out / "consent.pdf"
    target.write_bytes(b"Demo earlier file")
    dialog = open_form(export_app, "print_consent_form")
    dialog.password.generated_choice.setChecked(True)
    answers.save_path = target  # the chooser itself asked before replacing it
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.run.outcome != "", timeout=20_000)
    assert dialog.run.outcome == "done" and target.read_bytes().startswith(b"%PDF-")
