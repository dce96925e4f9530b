"""The tab, the home view and their names are gone once the vault locks."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication, QLabel, QTreeWidget
from pytestqt.qtbot import QtBot

from tests.ui.consent.support import feature, show_tab
from tests.ui.notes_support import NotesApp
from ui.consent.tab import ConfidentialityTab
from vault.consent.releases import record_release

NAME = "Demo Lockable Client"


def _texts_on_screen() -> str:
    parts: list[str] = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel):
            parts.append(widget.text())
        elif isinstance(widget, QTreeWidget):
            for row in range(widget.topLevelItemCount()):
                item = widget.topLevelItem(row)
                if item is not None:
                    parts.extend(item.text(c) for c in range(item.columnCount()))
    return "\n".join(parts)


def test_tab_and_home_are_destroyed_at_lock(qtbot: QtBot, app: NotesApp) -> None:
    client = app.add_client(NAME)
    record_release(
        app.vault, client, recipient_name="Demo Marker Recipient", purpose="Demo",
        information="Demo", signed_on=date.today(), expires_on=date.today(),
    )  # fmt: skip
    tab = show_tab(app, client)
    feature(app).show_home()
    assert "Demo Marker Recipient" in _texts_on_screen()
    assert NAME in _texts_on_screen()

    app.controller.lock()

    assert feature(app).tab is None and feature(app).home is None
    qtbot.waitUntil(  # the shell destroys the workspace with deleteLater
        lambda: not any(isinstance(w, ConfidentialityTab) for w in QApplication.allWidgets())
    )
    assert "Demo Marker Recipient" not in _texts_on_screen()
    assert NAME not in _texts_on_screen()
    del tab
