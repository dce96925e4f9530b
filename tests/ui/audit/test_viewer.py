"""The Activity Log window: every entry, filters, opening a record, export, gone at lock."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers
from tests.ui.notes_support import NotesApp, start_notes_app, write_note
from ui.audit.model import ENTRY_ROLE
from ui.kit.background import jobs_pending
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> NotesApp:
    return start_notes_app(qtbot, make_controller, app_settings, existing_vault)


def _open_log(app: NotesApp):
    app.audit.actions["activity_log"].trigger()
    dialog = app.audit.dialog
    assert dialog is not None
    return dialog


def _actions(dialog) -> list[str]:
    model = dialog.model
    return [model.index(r, 0).data(ENTRY_ROLE).action for r in range(model.rowCount())]


def test_the_log_lists_what_happened_and_names_clients_for_the_therapist(app: NotesApp) -> None:
    client = app.add_client("Demo Logged Person")
    app.show_client(client)
    dialog = _open_log(app)
    actions = _actions(dialog)
    assert "vault.unlocked" in actions and "client.created" in actions
    assert "client.viewed" in actions  # opening the record in the window was recorded
    shown = [dialog.model.index(r, 4).data() for r in range(dialog.model.rowCount())]
    assert "Demo Logged Person (1)" in shown


def test_filters_narrow_the_log(app: NotesApp) -> None:
    first = app.add_client("Demo First Person")
    app.add_client("Demo Second Person")
    dialog = _open_log(app)
    dialog.kind.setCurrentIndex(dialog.kind.findData("client"))
    assert {a.split(".")[0] for a in _actions(dialog)} == {"client"}
    dialog.client.setCurrentIndex(dialog.client.findData(first))
    rows = range(dialog.model.rowCount())
    assert {dialog.model.index(r, 0).data(ENTRY_ROLE).client_id for r in rows} == {first}


def test_opening_a_note_entry_opens_the_note(app: NotesApp) -> None:
    client = app.add_client("Demo Note Person")
    note = write_note(app.vault, (client,), "Demo words")
    dialog = _open_log(app)
    dialog.kind.setCurrentIndex(dialog.kind.findData("note"))
    dialog._open(dialog.model.index(0, 0))
    assert app.tab.editor.note_id == note


def test_export_writes_ids_only(qtbot: QtBot, app: NotesApp, answers: Answers, tmp_path) -> None:
    app.add_client("Demo Exported Person")
    dialog = _open_log(app)
    answers.save_path = tmp_path / "log.jsonl"
    dialog.export("json")
    qtbot.waitUntil(lambda: jobs_pending() == 0, timeout=5000)
    lines = [json.loads(line) for line in answers.save_path.read_text().splitlines()]
    assert lines and all("Demo" not in json.dumps(line) for line in lines)
    assert any("Activity log exported" in n for n in answers.notices)


def test_the_log_window_is_gone_at_lock(app: NotesApp) -> None:
    _open_log(app)
    app.controller.lock()
    assert app.audit.dialog is None
    assert not app.audit.actions["activity_log"].isEnabled()
