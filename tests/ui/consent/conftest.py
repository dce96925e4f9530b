"""The unlocked app most confidentiality window tests start from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.consent.support import start_app
from tests.ui.notes_support import NotesApp
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> NotesApp:
    return start_app(qtbot, make_controller, app_settings, existing_vault)
