"""The answered requests and the full disclosure list, read in the tab by keyboard."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget
from pytestqt.qtbot import QtBot

from tests.ui.consent.support import show_tab
from tests.ui.notes_support import NotesApp
from vault.consent.disclosures import record_disclosure
from vault.consent.requests import (
    decide_amendment_request,
    fulfil_access_request,
    receive_access_request,
    receive_amendment_request,
)


def _column(tree: QTreeWidget, column: int) -> list[str]:
    items = [tree.topLevelItem(row) for row in range(tree.topLevelItemCount())]
    return [item.text(column) for item in items if item is not None]


def test_answered_requests_show_how_each_was_answered(qtbot: QtBot, app: NotesApp) -> None:
    client = app.add_client("Demo Answered Client")
    access = receive_access_request(app.vault, client, received_on=date(2025, 1, 10))
    fulfil_access_request(
        app.vault, access.id, fulfilled_on=date(2025, 1, 30), how="Demo: a printed copy"
    )
    amendment = receive_amendment_request(
        app.vault, client, received_on=date(2025, 3, 1), what_asked="Demo: <b>remove</b> it"
    )
    decide_amendment_request(
        app.vault, amendment.id, decision="denied", decided_on=date(2025, 4, 1),
        reason="Demo: the record is accurate", disagreement="Demo: I see it otherwise",
    )  # fmt: skip
    receive_access_request(app.vault, client, received_on=date.today())  # still open
    tab = show_tab(app, client)
    answered = tab.answered
    assert _column(answered.tree, 0) == ["2025-03-01", "2025-01-10"]  # newest answer first
    assert _column(answered.tree, 2) == ["2025-04-01", "2025-01-30"]
    assert _column(answered.tree, 3)[1] == "Fulfilled: Demo: a printed copy"
    assert _column(answered.tree, 3)[0].startswith("Denied: Demo: the record is accurate")
    assert tab.requests.tree.topLevelItemCount() == 1  # the open one stays in its own list
    assert answered.detail.isHidden()

    answered.tree.setFocus()
    qtbot.keyClick(answered.tree, Qt.Key.Key_Home)
    assert answered.tree.indexOfTopLevelItem(answered.tree.currentItem()) == 0
    text = answered.detail.text()
    assert "What the client asked: Demo: <b>remove</b> it" in text  # shown as typed
    assert answered.detail.textFormat() == Qt.TextFormat.PlainText
    assert "The client's statement of disagreement: Demo: I see it otherwise" in text
    qtbot.keyClick(answered.tree, Qt.Key.Key_Down)
    assert "Fulfilled on 2025-01-30: Demo: a printed copy" in answered.detail.text()


def test_every_disclosure_can_be_shown_not_only_the_accounting(qtbot: QtBot, app: NotesApp) -> None:
    client = app.add_client("Demo Disclosures Client")
    for on, who in ((date(2012, 5, 1), "Demo Old Court"), (date(2025, 5, 1), "Demo GP")):
        record_disclosure(
            app.vault, client, disclosed_on=on, recipient=who, information="Demo dates",
            basis="client_request",
        )  # fmt: skip
    record_disclosure(
        app.vault, client, disclosed_on=date(2025, 6, 1), recipient="Demo crisis team",
        information="Demo risk", basis="legal_exception", exception="harm_to_self",
        justification="Demo: imminent risk, stated in session",
    )  # fmt: skip
    tab = show_tab(app, client)
    section = tab.disclosures
    assert _column(section.tree, 1) == ["Demo GP", "Demo crisis team"]  # the six years
    section.every.setChecked(True)
    assert _column(section.tree, 1) == ["Demo Old Court", "Demo GP", "Demo crisis team"]
    assert not section.as_of.isEnabled()
    assert "3 disclosures in all" in section.summary.text()
    assert "1 of them (dimmed) are older than the six years" in section.summary.text()

    section.tree.setFocus()
    qtbot.keyClick(section.tree, Qt.Key.Key_End)
    text = section.detail.text()
    assert "Disclosed on 2025-06-01 to Demo crisis team." in text
    assert "Why it applied: Demo: imminent risk, stated in session" in text
    section.every.setChecked(False)
    assert _column(section.tree, 1) == ["Demo GP", "Demo crisis team"]
    assert section.as_of.isEnabled()


def test_a_client_without_disclosures_is_told_so(app: NotesApp) -> None:
    tab = show_tab(app, app.add_client("Demo Quiet Client"))
    tab.disclosures.every.setChecked(True)
    assert tab.disclosures.summary.text() == "No disclosure has been recorded for this client."
    assert tab.disclosures.detail.isHidden()
