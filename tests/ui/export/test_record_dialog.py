"""The Export Record dialog: what it builds from its widgets, and what it will not let through."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers
from tests.ui.export.conftest import STRONG_PASSWORD, ExportApp
from ui.export.basis_box import RELEASE_ROLE
from ui.export.record_dialog import ExportRecordDialog
from vault.consent.releases import record_release, revoke_release
from vault.consent.requests import receive_access_request
from vault.export.joint import JOINT_SESSION_RULE, PROCESS_NOTES_EXPLANATION
from vault.export.model import ALL_SECTIONS, SECTION_TITLES, SECTIONS, ExportSelection


def open_dialog(app: ExportApp) -> ExportRecordDialog:
    app.export.export_record()
    dialog = app.export.record_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_by_default_everything_but_process_notes_is_chosen(export_app: ExportApp) -> None:
    dialog = open_dialog(export_app)
    assert dialog.selection() == ExportSelection(export_app.client_id)
    assert dialog.selection().sections == ALL_SECTIONS
    assert not dialog.choices.process_notes.isChecked()
    assert dialog.choices.process_explanation.text() == PROCESS_NOTES_EXPLANATION
    assert dialog.choices.joint_rule.text() == JOINT_SESSION_RULE
    titles = [box.text() for box in dialog.choices.section_boxes.values()]
    assert titles == [SECTION_TITLES[name] for name in SECTIONS]
    assert dialog.windowTitle() == "Export Record — Demo Export Client"
    assert dialog.password.encrypt  # encrypted unless the therapist decides otherwise


def test_the_selection_follows_the_widgets(export_app: ExportApp) -> None:
    dialog = open_dialog(export_app)
    choices = dialog.choices
    choices.some_sessions.setChecked(True)
    choices.date_from.setDate(QDate(2026, 1, 2))
    choices.date_to.setDate(QDate(2026, 1, 31))
    choices.section_boxes["profile"].setChecked(False)
    choices.section_boxes["requests"].setChecked(False)
    choices.process_notes.setChecked(True)
    assert dialog.selection() == ExportSelection(
        export_app.client_id,
        date_from=date(2026, 1, 2),
        date_to=date(2026, 1, 31),
        sections=frozenset({"consent", "notes", "diagnoses", "disclosures"}),
        include_process_notes=True,
    )
    choices.section_boxes["notes"].setChecked(False)
    assert not choices.process_notes.isEnabled()
    assert not dialog.selection().include_process_notes  # no notes, no process notes


def test_a_reversed_range_or_no_section_says_why_and_exports_nothing(
    export_app: ExportApp, answers: Answers
) -> None:
    dialog = open_dialog(export_app)
    dialog.choices.some_sessions.setChecked(True)
    dialog.choices.date_from.setDate(QDate(2026, 2, 1))
    dialog.choices.date_to.setDate(QDate(2026, 1, 1))
    dialog.start_export()
    assert "starts after it ends" in dialog.problem.text()
    dialog.choices.all_sessions.setChecked(True)
    for box in dialog.choices.section_boxes.values():
        box.setChecked(False)
    dialog.start_export()
    assert dialog.problem.text() == "Choose at least one section to export."
    assert dialog.plan is None and dialog.isVisible()
    assert "Save the Record As" not in answers.asked


def test_the_formats_say_who_they_are_for_and_paper_is_for_pdf(export_app: ExportApp) -> None:
    dialog = open_dialog(export_app)
    buttons = dialog.choices.format_buttons
    assert buttons["pdf"].text() == "PDF — for people"
    assert buttons["json"].text() == "JSON — for machines"
    assert buttons["fhir"].text() == "FHIR — for machines"
    buttons["json"].setChecked(True)
    assert not dialog.choices.paper.isEnabled()
    buttons["pdf"].setChecked(True)
    assert dialog.choices.paper.isEnabled()


def test_an_expired_or_revoked_release_cannot_be_chosen(export_app: ExportApp) -> None:
    vault, client = export_app.vault, export_app.client_id
    today = date.today()
    expired = record_release(
        vault, client, recipient_name="Demo Old Doctor", purpose="Demo care",
        information="Demo dates", signed_on=today - timedelta(days=400),
        expires_on=today - timedelta(days=30),
    )  # fmt: skip
    revoked = record_release(
        vault, client, recipient_name="Demo Revoked Clinic", purpose="Demo care",
        information="Demo dates", signed_on=today - timedelta(days=20),
        expires_on=today + timedelta(days=300),
    )  # fmt: skip
    revoke_release(vault, revoked.id, revoked_on=today - timedelta(days=1))
    dialog = open_dialog(export_app)
    basis = dialog.basis
    assert not basis.by_release.isEnabled()  # none of them is in force today
    model = basis.release_list.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        assert not index.flags() & Qt.ItemFlag.ItemIsEnabled
        assert "cannot be used" in index.data()
    basis.by_release.setChecked(True)  # even if forced, no release is the basis
    basis.release_list.setCurrentIndex(0)
    assert basis.chosen_release() is None
    assert basis.problem() == "Choose a release of information that is in force today."
    assert {model.index(r, 0).data(RELEASE_ROLE) for r in range(2)} == {expired.id, revoked.id}


def test_a_release_in_force_is_the_basis_and_leaves_the_request_open(
    export_app: ExportApp,
) -> None:
    vault, client = export_app.vault, export_app.client_id
    today = date.today()
    release = record_release(
        vault, client, recipient_name="Demo Family Doctor", purpose="Demo care",
        information="Demo dates", signed_on=today - timedelta(days=5),
        expires_on=today + timedelta(days=60),
    )  # fmt: skip
    request = receive_access_request(vault, client, received_on=today - timedelta(days=3))
    dialog = open_dialog(export_app)
    basis = dialog.basis
    assert basis.basis().kind == "client_request"
    assert basis.close_request.isChecked()
    assert basis.close_request.text().replace("&", "") == (
        f"This closes the open access request of {request.received_on.isoformat()}"
    )
    assert basis.request_to_close() == request.id
    basis.by_release.setChecked(True)
    assert basis.basis().kind == "release" and basis.basis().release_id == release.id
    assert basis.request_to_close() is None  # a release to a third party fulfils no request


def test_unencrypted_needs_the_checkbox_and_a_confirmation(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, tmp_path
) -> None:
    dialog = open_dialog(export_app)
    dialog.choices.format_buttons["json"].setChecked(True)
    panel = dialog.password
    assert panel.problem() == "Type a password twice, or generate one."
    panel.unencrypted.setChecked(True)
    assert panel.warning.isVisible() and not panel.pages.isEnabled()
    assert panel.password() is None and panel.problem() == ""
    answers.confirm = False  # the therapist thinks again
    answers.save_path = tmp_path / "plain.json"
    dialog.start_export()
    assert "Save without a password?" in answers.asked
    assert "Save the Record As" not in answers.asked and dialog.plan is None
    answers.confirm = True
    dialog.start_export()
    run = export_app.export.run_dialog
    assert run is not None
    qtbot.waitUntil(lambda: run.outcome == "done", timeout=20_000)
    assert (tmp_path / "plain.json").read_bytes().startswith(b"{")  # plain, as confirmed
    assert "NOT encrypted: anyone who has the file can read it." in run.panel.message.text()


def test_a_typed_password_must_be_strong_and_typed_twice(export_app: ExportApp) -> None:
    dialog = open_dialog(export_app)
    fields = dialog.password.fields
    fields.first.setText("demo1234")
    assert "Too short" in dialog.password.problem()
    fields.first.setText(STRONG_PASSWORD)
    fields.second.setText(STRONG_PASSWORD + "x")
    assert dialog.password.problem() == "The two passwords do not match yet."
    fields.second.setText(STRONG_PASSWORD)
    assert dialog.password.problem() == "" and dialog.password.password() == STRONG_PASSWORD


def test_a_generated_password_is_shown_large_and_copied(
    qtbot: QtBot, export_app: ExportApp
) -> None:
    dialog = open_dialog(export_app)
    panel = dialog.password
    panel.generated_choice.setChecked(True)
    phrase = panel.phrase.text()
    assert len(phrase.split()) == 7 and panel.password() == phrase
    assert panel.phrase.isVisible()
    assert panel.phrase.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert panel.phrase.font().pointSizeF() > dialog.font().pointSizeF()
    assert "by another channel than the file" in "".join(
        label.text() for label in panel.findChildren(type(panel.phrase))
    )
    panel.copy_button.click()
    assert QGuiApplication.clipboard().text() == phrase
    assert panel.copied.text().startswith("Copied.")
    panel.again_button.click()
    assert panel.phrase.text() != phrase  # a new one replaces it, never shown twice
    dialog.reject()
    assert panel.phrase.text() == "" and panel.password() == ""  # forgotten with the dialog


def test_the_chosen_file_gets_the_format_extension(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, tmp_path
) -> None:
    dialog = open_dialog(export_app)
    dialog.choices.format_buttons["fhir"].setChecked(True)
    dialog.password.generated_choice.setChecked(True)
    answers.save_path = tmp_path / "for-the-clinic"
    dialog.start_export()
    run = export_app.export.run_dialog
    assert run is not None
    qtbot.waitUntil(lambda: run.outcome == "done", timeout=20_000)
    assert (tmp_path / "for-the-clinic.zip").is_file()
    assert "The password is not in the file." in run.panel.message.text()


def test_the_profile_offers_the_export_as_a_button(export_app: ExportApp) -> None:
    detail = export_app.workspace.detail
    [button] = [b for b in detail.action_buttons if b.text() == "Export Record…"]
    assert button.isVisible() and button.isEnabled()
    button.click()
    assert export_app.export.record_dialog is not None
    assert export_app.export.record_dialog.isVisible()
    export_app.workspace.new_client()
    assert not button.isVisible()  # a client not yet saved has no record to export


def test_markup_in_names_and_paths_is_shown_as_typed(
    qtbot: QtBot, export_app: ExportApp, answers: Answers, tmp_path
) -> None:
    today = date.today()
    record_release(
        export_app.vault, export_app.client_id, recipient_name="<b>Demo</b> & <i>Co",
        purpose="Demo care", information="Demo dates", signed_on=today,
        expires_on=today + timedelta(days=30),
    )  # fmt: skip
    dialog = open_dialog(export_app)
    assert dialog.basis.release_list.itemText(0).startswith("<b>Demo</b> & <i>Co — until")
    folder = tmp_path / "<img src=x>"
    folder.mkdir()
    dialog.choices.format_buttons["json"].setChecked(True)
    dialog.password.generated_choice.setChecked(True)
    answers.save_path = folder / "<b>record<i>.zip"
    dialog.start_export()
    run = export_app.export.run_dialog
    assert run is not None
    qtbot.waitUntil(lambda: run.outcome != "", timeout=20_000)
    assert run.outcome == "done", run.panel.message.text()
    for label in (run.heading, run.panel.message, dialog.problem):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert str(folder / "<b>record<i>.zip") in run.panel.message.text()


def test_the_dialog_is_keyboard_usable(
    qtbot: QtBot, export_app: ExportApp, answers: Answers
) -> None:
    dialog = open_dialog(export_app)
    fields = dialog.password.fields
    fields.first.setText(STRONG_PASSWORD)
    fields.second.setText(STRONG_PASSWORD)
    qtbot.keyClick(fields.second, Qt.Key.Key_Return)  # Enter is Export…
    assert "Save the Record As" in answers.asked
    dialog = open_dialog(export_app)
    qtbot.keyClick(dialog.choices.all_sessions, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.plan is None


def test_the_shortcut_opens_one_dialog_at_a_time(export_app: ExportApp, answers: Answers) -> None:
    first = open_dialog(export_app)
    export_app.export.actions["export_record"].trigger()  # Ctrl+Shift+X again, dialog still up
    assert export_app.export.record_dialog is first and first.isVisible()
    first.reject()
    export_app.export.actions["export_record"].trigger()
    assert export_app.export.record_dialog is not first
