"""An unlocked window with every feature, a synthetic client with signed notes, and scripted
answers for the file choosers the export windows use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers, unlock
from tests.ui.notes_support import write_note
from ui.clients.workspace import Workspace
from ui.export.feature import ExportFeature
from ui.kit import prompts
from ui.kit.background import wait_for_workers
from ui.shell.app import Features, register_features
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault import Vault
from vault.clients.records import ClientProfile, add_client
from vault.notes.signing import sign_note

STRONG_PASSWORD = "Demo quartz lantern orbit maple cinema"  # passes the export password bar


@dataclass
class ExportApp:
    controller: AppController
    features: Features
    client_id: int
    note_ids: list[int]

    @property
    def vault(self) -> Vault:
        assert self.controller.vault is not None
        return self.controller.vault

    @property
    def export(self) -> ExportFeature:
        return self.features.export

    @property
    def workspace(self) -> Workspace:
        assert self.controller.window.workspace is not None
        return self.controller.window.workspace


@pytest.fixture(autouse=True)
def open_file_answer(answers: Answers, monkeypatch: pytest.MonkeyPatch) -> Answers:
    """`prompts.choose_open_file` answers `answers.folder` (the file to import)."""

    def choose_open_file(_parent: object, title: str, _filter: str) -> Path | None:
        answers.asked.append(title)
        return answers.folder

    monkeypatch.setattr(prompts, "choose_open_file", choose_open_file)
    return answers


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder exports go to: only what an export writes appears here."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def add_signed_notes(vault: Vault, client_id: int, count: int) -> list[int]:
    ids = []
    for day in range(1, count + 1):
        note_id = write_note(
            vault, (client_id,), f"Demo session {day} went well.", when=f"2026-01-{day:02d}T10:00"
        )
        sign_note(vault, note_id, "Demo Therapist")
        ids.append(note_id)
    return ids


@pytest.fixture
def export_app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> Iterator[ExportApp]:
    app_settings.last_vault_path = existing_vault
    controller = make_controller()
    features = register_features(controller)
    controller.start()
    unlock(qtbot, controller)
    vault = controller.vault
    assert vault is not None
    client = add_client(vault, ClientProfile(full_name="Demo Export Client"))
    notes = add_signed_notes(vault, client.id, 3)
    workspace = controller.window.workspace
    assert workspace is not None
    workspace.list_panel.refresh()
    assert workspace.go_to_client(client.id)
    yield ExportApp(controller, features, client.id, notes)
    wait_for_workers()  # no export of this test outlives it
