"""An unlocked app with the confidentiality feature, for these tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.notes_support import NotesApp, start_notes_app
from ui.consent.feature import ConsentFeature
from ui.consent.tab import ConfidentialityTab
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings


def start_app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    vault_dir: Path,
) -> NotesApp:
    return start_notes_app(qtbot, make_controller, app_settings, vault_dir)


def feature(app: NotesApp) -> ConsentFeature:
    assert app.consent is not None
    return app.consent


def show_tab(app: NotesApp, client_id: int) -> ConfidentialityTab:
    tab = feature(app).tab
    assert tab is not None
    assert app.workspace.go_to_client(client_id)
    app.workspace.detail.tabs.setCurrentWidget(tab)
    return tab
