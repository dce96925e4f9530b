"""A disclosure backed by an expired release is refused next to the release, nothing written."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from tests.ui.consent.support import show_tab
from tests.ui.notes_support import NotesApp
from ui.consent.labels import to_qdate
from ui.consent.release_dialogs import DisclosureDialog
from vault.consent.disclosures import accounting_of_disclosures
from vault.consent.releases import record_release


def test_disclosure_on_an_expired_release_is_refused(qtbot: QtBot, app: NotesApp) -> None:
    client = app.add_client("Demo Release Client")
    record_release(
        app.vault, client, recipient_name="Demo Family Doctor", purpose="Demo care",
        information="Demo dates", signed_on=date(2024, 1, 10), expires_on=date(2024, 6, 30),
    )  # fmt: skip
    tab = show_tab(app, client)
    assert tab.releases.tree.topLevelItem(0).text(0) == "EXPIRED"  # type: ignore[union-attr]
    dialog = tab.disclosures.record_disclosure()
    assert isinstance(dialog, DisclosureDialog)
    dialog.disclosed_on.setDate(to_qdate(date(2025, 2, 3)))
    dialog.recipient.setText("Demo Family Doctor")
    dialog.information.setPlainText("Demo session dates")
    dialog.accept()

    message = dialog.field_errors["release_id"]
    assert dialog.isVisible()
    assert message.isVisible()
    assert "was expired on 2025-02-03" in message.text()
    assert accounting_of_disclosures(app.vault, client, date(2025, 12, 31)) == []
