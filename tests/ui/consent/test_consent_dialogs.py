"""Recording consent, a revisit and a withdrawal through their dialogs writes them, and the
tab shows them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.consent.support import show_tab
from tests.ui.notes_support import NotesApp
from ui.consent.consent_dialogs import ConsentDialog, RevisitDialog, WithdrawDialog
from vault.consent.consents import consents_for


def test_record_consent_through_the_dialog(qtbot: QtBot, app: NotesApp) -> None:
    client = app.add_client("Demo Consent Client")
    tab = show_tab(app, client)
    dialog = tab.consent.record_consent()
    assert isinstance(dialog, ConsentDialog)
    dialog.limits["harm_to_self"].setChecked(True)
    dialog.limits["court_order"].setChecked(True)
    dialog.how.setCurrentIndex(dialog.how.findData("verbal"))
    dialog.telehealth.setChecked(True)
    dialog.privacy.setPlainText("Demo: uses headphones in a closed room")
    dialog.accept()

    [consent] = consents_for(app.vault, client)
    assert consent.how == "verbal"
    assert consent.limits_explained == ("harm_to_self", "court_order")
    assert consent.telehealth_privacy == "Demo: uses headphones in a closed room"
    assert "policy version 1" in tab.consent.summary.text()
    assert "☑ Risk of serious harm to self" in tab.consent.limits.text()
    assert tab.consent.revisit_button.isEnabled()


def test_a_refused_revisit_keeps_the_dialog_open_and_writes_nothing(
    qtbot: QtBot, app: NotesApp
) -> None:
    client = app.add_client("Demo Revisit Client")
    tab = show_tab(app, client)
    first = tab.consent.record_consent()
    assert first is not None
    first.accept()
    dialog = tab.consent.record_revisit()
    assert isinstance(dialog, RevisitDialog)
    dialog.discussed.setPlainText("x" * 20_000)  # longer than a paragraph may be
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.field_errors["discussed"].isVisible()
    assert tab.consent.revisits.topLevelItemCount() == 0


def test_a_withdrawal_keeps_how_and_why_and_the_tab_shows_it_as_text(
    qtbot: QtBot, app: NotesApp
) -> None:
    client = app.add_client("Demo Withdrawing Client")
    tab = show_tab(app, client)
    first = tab.consent.record_consent()
    assert first is not None
    first.accept()
    dialog = tab.consent.withdraw()
    assert isinstance(dialog, WithdrawDialog)
    qtbot.keyClicks(dialog.reason, "Demo: by <b>letter</b>; moving abroad")
    dialog.accept()

    [consent] = consents_for(app.vault, client)
    assert consent.withdrawal_reason == "Demo: by <b>letter</b>; moving abroad"
    assert consent.withdrawn_on is not None
    review = tab.consent.review
    assert review.text().endswith("How and why: Demo: by <b>letter</b>; moving abroad")
    assert review.textFormat() == Qt.TextFormat.PlainText  # the markup is shown, not applied
    assert not tab.consent.withdraw_button.isEnabled()


def test_a_withdrawal_without_how_or_why_keeps_the_dialog_open(qtbot: QtBot, app: NotesApp) -> None:
    client = app.add_client("Demo Undecided Client")
    tab = show_tab(app, client)
    first = tab.consent.record_consent()
    assert first is not None
    first.accept()
    dialog = tab.consent.withdraw()
    assert isinstance(dialog, WithdrawDialog)
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.field_errors["withdrawal_reason"].isVisible()
    assert "how the client withdrew" in dialog.field_errors["withdrawal_reason"].text()
    [consent] = consents_for(app.vault, client)
    assert consent.withdrawn_on is None
