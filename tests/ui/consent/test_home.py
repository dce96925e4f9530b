"""The home view lists an overdue consent review, and Enter opens that client's tab."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.ui.consent.support import feature, start_app
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault.consent.consents import record_consent
from vault.consent.dates import add_months


def test_overdue_consent_is_listed_and_enter_opens_the_client(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> None:
    app = start_app(qtbot, make_controller, app_settings, existing_vault)
    app.add_client("Demo Other Client")
    client = app.add_client("Demo Overdue Client")
    record_consent(
        app.vault, client, given_on=add_months(date.today(), -14), how="electronic",
        limits_explained=["harm_to_self"],
    )  # fmt: skip
    consent = feature(app)
    consent.show_home()
    home = consent.home
    assert home is not None
    row = home.tree.topLevelItem(0)
    assert row is not None
    assert row.text(1) == "Demo Overdue Client"
    assert "overdue by" in row.text(0)
    assert "1 overdue" in home.summary.text()

    home.tree.setCurrentItem(row)
    QTest.keyClick(home.tree, Qt.Key.Key_Return)

    assert app.workspace.current_client is not None
    assert app.workspace.current_client.id == client
    assert app.workspace.detail.tabs.currentWidget() is consent.tab
    assert consent.tab is not None
    assert "OVERDUE" in consent.tab.consent.review.text()
