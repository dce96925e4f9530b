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


def test_a_consent_form_is_saved_plain_after_saying_so(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    dialog = open_form(export_app, "print_consent_form")
    assert dialog.warning.isVisible() and dialog.warning.text() == PLAIN_WARNING
    answers.save_path = out / "consent"
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.run.outcome == "done", timeout=20_000)
    target = out / "consent.pdf"
    assert sorted(p.name for p in out.iterdir()) == ["consent.pdf"]
    text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert "Demo Export Client" in text and "limits of confidentiality" in text.lower()
    assert "not encrypted" in dialog.run.message.text()
    entries = list_entries(export_app.vault, AuditFilter(kinds=("form.printed",)))
    assert [e.client_id for e in entries] == [export_app.client_id]


def test_a_release_form_with_a_password_opens_only_with_it(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, out: Path
) -> None:
    dialog = open_form(export_app, "print_release_form")
    dialog.protect.setChecked(True)
    assert not dialog.warning.isVisible() and dialog.password.isVisible()
    dialog.save_button.click()
    assert dialog.problem.text() == "Type a password twice, or generate one."
    dialog.password.fields.first.setText(STRONG_PASSWORD)
    dialog.password.fields.second.setText(STRONG_PASSWORD)
    answers.save_path = out / "release.pdf"
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.run.outcome == "done", timeout=20_000)
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(out / "release.pdf")
    with pikepdf.open(out / "release.pdf", password=STRONG_PASSWORD) as pdf:
        assert pdf.encryption.R == 6
    assert "encrypted with AES-256" in dialog.run.message.text()
