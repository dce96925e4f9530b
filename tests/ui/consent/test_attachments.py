"""Attaching a signed form from the Confidentiality tab, listing it, saving a copy, replacing
and removing it: the file chooser and the questions are answered as a therapist would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.support.form_samples import pdf, png
from tests.ui.conftest import Answers
from tests.ui.consent.support import show_tab
from tests.ui.notes_support import NotesApp
from ui.consent.attachment_panel import AttachmentPanel, documents_folder
from ui.consent.consent_dialogs import ConsentDialog
from ui.consent.release_dialogs import ReleaseDialog
from ui.consent.tab import ConfidentialityTab
from ui.kit.background import jobs_pending
from vault.consent.attachments import attachments_for_client, get_attachment
from vault.consent.consents import consents_for, record_consent
from vault.consent.releases import record_release, releases_for


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    return folder


def _settle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: jobs_pending() == 0, timeout=15_000)
    qtbot.wait(10)


def _row_texts(panel: AttachmentPanel) -> list[list[str]]:
    rows = []
    for row in range(panel.tree.topLevelItemCount()):
        item = panel.tree.topLevelItem(row)
        assert item is not None
        rows.append([item.text(c) for c in range(item.columnCount())])
    return rows


def _consented_tab(app: NotesApp, name: str) -> tuple[int, ConfidentialityTab]:
    client = app.add_client(name)
    record_consent(
        app.vault, client, given_on=date(2026, 1, 5), how="signed_paper", limits_explained=[]
    )
    return client, show_tab(app, client)


def test_attach_list_and_save_a_copy_from_the_consent_section(
    qtbot: QtBot, app: NotesApp, answers: Answers, files: Path, tmp_path: Path
) -> None:
    client, tab = _consented_tab(app, "Demo Attach Client")
    panel = tab.consent.forms
    assert panel.attach_button.isEnabled() and not panel.save_button.isEnabled()
    answers.open_path = files / "Signed consent.pdf"
    answers.open_path.write_bytes(pdf())
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    _settle(qtbot)

    [form] = attachments_for_client(app.vault, client)
    assert form.consent_id == consents_for(app.vault, client)[0].id
    panel = tab.consent.forms  # the same panel, shown again after the change
    [row] = _row_texts(panel)
    assert row[0] == "Signed consent.pdf"
    assert row[1:3] == ["PDF document", f"{len(pdf())} bytes"]
    assert row[4:] == ["consent given 2026-01-05", "in the record"]

    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert panel.save_button.isEnabled()
    answers.save_path = tmp_path / "copy of the form.pdf"
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    assert answers.save_path.read_bytes() == pdf()
    assert "Copy saved" in answers.asked  # the warning that the copy is not encrypted
    assert answers.opened == [answers.save_path.resolve()]


def test_a_copy_is_opened_only_when_the_therapist_says_so(
    qtbot: QtBot, app: NotesApp, answers: Answers, files: Path, tmp_path: Path
) -> None:
    _client, tab = _consented_tab(app, "Demo No Open Client")
    answers.open_path = files / "scan.png"
    answers.open_path.write_bytes(png())
    tab.consent.forms.attach()
    _settle(qtbot)
    panel = tab.consent.forms
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    answers.save_path = tmp_path / "scan copy.png"
    answers.confirm = False  # "Copy saved … Open it now?" answered Cancel
    panel.save_copy()
    _settle(qtbot)
    assert answers.save_path.read_bytes() == png()
    assert answers.opened == []


def test_a_file_that_is_not_a_form_is_refused_with_the_vaults_words(
    qtbot: QtBot, app: NotesApp, answers: Answers, files: Path
) -> None:
    client, tab = _consented_tab(app, "Demo Refused Client")
    answers.open_path = files / "form.pdf"
    answers.open_path.write_text("Demo: a text file, named as if it were a PDF\n")
    tab.consent.forms.attach()
    _settle(qtbot)
    assert attachments_for_client(app.vault, client) == []
    [notice] = answers.notices
    assert notice.startswith("Could not attach the form: A signed form must be a PDF, PNG, JPEG")
    assert notice.endswith("this file is plain text.")
    assert tab.consent.forms.attach_button.isEnabled()  # ready to try another file


def test_cancelling_the_chooser_attaches_nothing(
    qtbot: QtBot, app: NotesApp, answers: Answers
) -> None:
    client, tab = _consented_tab(app, "Demo Cancel Client")
    answers.open_path = None
    tab.consent.forms.attach()
    _settle(qtbot)
    assert attachments_for_client(app.vault, client) == []
    assert answers.notices == []


def test_replace_then_remove_keep_the_trace_in_the_list(
    qtbot: QtBot, app: NotesApp, answers: Answers, files: Path
) -> None:
    client, tab = _consented_tab(app, "Demo Replace Client")
    answers.open_path = files / "blurred.pdf"
    answers.open_path.write_bytes(pdf("Demo blurred"))
    tab.consent.forms.attach()
    _settle(qtbot)
    panel = tab.consent.forms
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    answers.open_path = files / "clear.pdf"
    answers.open_path.write_bytes(pdf("Demo clear"))
    panel.replace()
    _settle(qtbot)
    old, new = attachments_for_client(app.vault, client)
    assert (old.removal, old.replaced_by, new.in_record) == ("replaced", new.id, True)
    rows = _row_texts(panel)
    assert rows[0][0] == "blurred.pdf" and rows[0][5].startswith("replaced ")
    assert rows[0][5].endswith(f"by form {new.id}")
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert not panel.save_button.isEnabled()  # a replaced form's file is gone

    panel.tree.setCurrentItem(panel.tree.topLevelItem(1))
    panel.remove()
    _settle(qtbot)
    assert "Remove the signed form" in answers.asked
    gone = get_attachment(app.vault, new.id)
    assert gone.removal == "mistake" and gone.file_name == ""
    assert _row_texts(panel)[1][0] == "(name removed with the file)"
    assert _row_texts(panel)[1][5].endswith("attached by mistake")


def test_saying_no_to_removal_keeps_the_form(
    qtbot: QtBot, app: NotesApp, answers: Answers, files: Path
) -> None:
    client, tab = _consented_tab(app, "Demo Keep Client")
    answers.open_path = files / "a.pdf"
    answers.open_path.write_bytes(pdf())
    tab.consent.forms.attach()
    _settle(qtbot)
    panel = tab.consent.forms
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    answers.confirm = False
    panel.remove()
    _settle(qtbot)
    assert [f.in_record for f in attachments_for_client(app.vault, client)] == [True]


def test_the_consent_dialog_attaches_the_chosen_form_once_recorded(
    qtbot: QtBot, app: NotesApp, answers: Answers, files: Path
) -> None:
    client = app.add_client("Demo Dialog Form Client")
    tab = show_tab(app, client)
    assert not tab.consent.forms.attach_button.isEnabled()  # no consent yet to attach to
    dialog = tab.consent.record_consent()
    assert isinstance(dialog, ConsentDialog)
    answers.open_path = files / "signed.pdf"
    answers.open_path.write_bytes(pdf())
    qtbot.mouseClick(dialog.form_file.choose_button, Qt.MouseButton.LeftButton)
    assert "signed.pdf" in dialog.form_file.shown.text()
    dialog.accept()
    _settle(qtbot)
    [consent] = consents_for(app.vault, client)
    [form] = attachments_for_client(app.vault, client)
    assert form.consent_id == consent.id and form.file_name == "signed.pdf"
    assert _row_texts(tab.consent.forms)[0][0] == "signed.pdf"


def test_a_release_takes_its_form_in_its_dialog_and_in_its_section(
    qtbot: QtBot, app: NotesApp, answers: Answers, files: Path
) -> None:
    client = app.add_client("Demo Release Form Client")
    tab = show_tab(app, client)
    dialog = tab.releases.new_release()
    assert isinstance(dialog, ReleaseDialog)
    dialog.recipient_name.setText("Demo GP")
    dialog.purpose.setPlainText("Demo care")
    dialog.information.setPlainText("Demo dates")
    (files / "authorisation.pdf").write_bytes(pdf("Demo authorisation"))
    dialog.form_file.set_path(files / "authorisation.pdf")
    dialog.accept()
    _settle(qtbot)
    [release] = releases_for(app.vault, client)
    [form] = attachments_for_client(app.vault, client)
    assert form.release_id == release.id

    tab.releases.tree.setCurrentItem(tab.releases.tree.topLevelItem(0))
    panel = tab.releases.forms
    assert [row[0] for row in _row_texts(panel)] == ["authorisation.pdf"]
    assert _row_texts(panel)[0][4] == "release to Demo GP"
    answers.open_path = files / "page two.png"
    answers.open_path.write_bytes(png())
    panel.attach()
    _settle(qtbot)
    # The release stays under the cursor when the tab is shown again, with both its forms.
    assert tab.releases.tree.currentItem() is not None
    assert [row[0] for row in _row_texts(tab.releases.forms)] == [
        "authorisation.pdf",
        "page two.png",
    ]


def test_no_release_chosen_means_nothing_to_attach_to(app: NotesApp) -> None:
    client = app.add_client("Demo No Release Client")
    record_release(
        app.vault, client, recipient_name="Demo", purpose="Demo", information="Demo",
        signed_on=date(2026, 1, 5), expires_on=date(2027, 1, 5),
    )  # fmt: skip
    tab = show_tab(app, client)
    tab.releases.tree.setCurrentItem(None)  # type: ignore[arg-type]
    assert not tab.releases.forms.attach_button.isEnabled()
    assert "Choose a release" in tab.releases.forms.heading.text()


def test_the_choosers_start_in_documents_or_else_at_home(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    del qtbot  # a QApplication for QStandardPaths
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    assert Path(documents_folder()) == tmp_path  # no Documents folder: not a made-up path
    (tmp_path / "Documents").mkdir()
    assert Path(documents_folder()) == tmp_path / "Documents"
