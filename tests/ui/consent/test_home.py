"""The home view lists an overdue consent review, and Enter opens that client's tab."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from tests.ui.consent.support import feature, start_app
from tests.ui.notes_support import NotesApp
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault.consent.consents import record_consent
from vault.consent.dates import add_months


def test_overdue_consent_is_listed_and_enter_opens_the_client(qtbot: QtBot, app: NotesApp) -> None:
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


def _sessions_app(qtbot, make_controller, app_settings, existing_vault):
    from datetime import timedelta

    from tests.ui.notes_support import write_note

    app = start_app(qtbot, make_controller, app_settings, existing_vault)
    a = app.add_client("Demo Session Alpha")
    b = app.add_client("Demo Session Beta")
    today = date.today()

    def day(back: int, time: str) -> str:
        return f"{(today - timedelta(days=back)).isoformat()}T{time}"

    notes = {
        "today": write_note(app.vault, (a,), "Demo today", when=day(0, "09:30")),
        "joint": write_note(
            app.vault, (a, b), "Demo joint", when=day(3, "16:00"), service="couples"
        ),
        "old": write_note(app.vault, (b,), "Demo old", when=day(8, "10:00")),
    }
    consent = feature(app)
    consent.show_home()
    assert consent.home is not None
    return app, consent.home, notes, (a, b)


def test_todays_and_recent_sessions_are_listed_newest_first(
    qtbot, make_controller, app_settings, existing_vault
) -> None:
    _app, home, notes, _ids = _sessions_app(qtbot, make_controller, app_settings, existing_vault)
    rows = [home.sessions.topLevelItem(i) for i in range(home.sessions.topLevelItemCount())]
    assert [r.data(0, Qt.ItemDataRole.UserRole)[1] for r in rows] == [
        notes["today"],
        notes["joint"],
    ]
    assert rows[0].text(0) == "Today 09:30"
    assert rows[0].text(1) == "Demo Session Alpha"
    assert rows[1].text(1) == "Demo Session Alpha & Demo Session Beta"
    assert rows[0].text(2) == "SOAP note, not signed yet" or rows[0].text(2).endswith(
        "not signed yet"
    )
    assert home.sessions_label.text() == "&Sessions today (1) and in the last week (1):"


def test_enter_on_a_session_opens_its_note(
    qtbot, make_controller, app_settings, existing_vault
) -> None:
    app, home, notes, (a, b) = _sessions_app(qtbot, make_controller, app_settings, existing_vault)
    home.sessions.setFocus()
    home.sessions.setCurrentItem(home.sessions.topLevelItem(1))
    QTest.keyClick(home.sessions, Qt.Key.Key_Return)
    assert not home.isVisible()
    assert app.workspace.current_client is not None and app.workspace.current_client.id in (a, b)
    assert app.tab.editor.note_id == notes["joint"]
    assert app.workspace.detail.tabs.currentWidget() is app.tab


def test_a_double_click_on_a_session_opens_its_note(
    qtbot, make_controller, app_settings, existing_vault
) -> None:
    app, home, notes, _ids = _sessions_app(qtbot, make_controller, app_settings, existing_vault)
    home.show()
    row = home.sessions.topLevelItem(0)
    rect = home.sessions.visualItemRect(row)
    viewport = home.sessions.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: app.tab.editor.note_id == notes["today"])


def test_the_open_button_acts_on_the_list_last_used(
    qtbot, make_controller, app_settings, existing_vault
) -> None:
    app, home, notes, _ids = _sessions_app(qtbot, make_controller, app_settings, existing_vault)
    from PySide6.QtWidgets import QApplication

    home.show()
    home.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is home)
    assert home.tree.hasFocus()  # the due list first
    QTest.keyClick(home.tree, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: home.sessions.hasFocus())
    home.open_button.click()
    assert app.tab.editor.note_id == notes["today"]


def test_the_main_window_has_the_focus_again_when_today_closes(
    qtbot, make_controller, app_settings, existing_vault
) -> None:
    from PySide6.QtWidgets import QApplication

    app, home, _notes, _ids = _sessions_app(qtbot, make_controller, app_settings, existing_vault)
    window = app.controller.window
    home.show()
    home.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is home)
    QTest.keyClick(home, Qt.Key.Key_Escape)
    assert not home.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_at_unlock_the_view_follows_the_window_when_something_is_due(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> None:
    """Its facts are read on the background helper: the workspace is there first."""
    app = start_app(qtbot, make_controller, app_settings, existing_vault)
    client = app.add_client("Demo Unlock Due")
    record_consent(
        app.vault, client, given_on=add_months(date.today(), -14), how="electronic",
        limits_explained=["harm_to_self"],
    )  # fmt: skip
    app.controller.lock()
    unlock(qtbot, app.controller)
    assert app.controller.window.workspace is not None
    qtbot.waitUntil(lambda: feature(app).home is not None, timeout=10_000)
    home = feature(app).home
    assert home is not None and home.isVisible()
    assert home.tree.topLevelItem(0).text(1) == "Demo Unlock Due"  # type: ignore[union-attr]
