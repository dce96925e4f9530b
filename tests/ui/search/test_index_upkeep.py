"""The search index is merged while the window is idle, and not while the therapist types."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import ui.search.index_upkeep as upkeep
from tests.ui.notes_support import start_notes_app, write_note
from ui.kit.background import jobs_pending
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault.search.engine import search_notes
from vault.search.maintenance import segment_count


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
):
    app = start_notes_app(qtbot, make_controller, app_settings, existing_vault)
    client = app.add_client("Demo Upkeep Client")
    for i in range(10):  # a commit each: a segment each
        write_note(app.vault, (client,), f"Demo osprey note {i}")
    return app


def test_when_idle_the_index_is_merged_to_one_segment(qtbot: QtBot, app, monkeypatch) -> None:
    monkeypatch.setattr(upkeep, "IDLE_S", 0.0)
    assert segment_count(app.vault) > 1
    app.search.upkeep.run_if_idle()
    qtbot.waitUntil(lambda: segment_count(app.vault) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: jobs_pending() == 0, timeout=5_000)
    assert len(search_notes(app.vault, "osprey").hits) == 10


def test_while_the_therapist_types_nothing_is_merged(qtbot: QtBot, app) -> None:
    segments = segment_count(app.vault)
    assert app.controller.idle.seconds_since_input() < upkeep.IDLE_S  # just unlocked
    app.search.upkeep.run_if_idle()
    qtbot.wait(50)
    assert jobs_pending() == 0 and segment_count(app.vault) == segments
