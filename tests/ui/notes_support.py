"""Helpers for the notes tests: an unlocked app with the notes feature, and synthetic notes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from ui.audit.feature import AuditFeature
from ui.clients.workspace import Workspace
from ui.consent.feature import ConsentFeature
from ui.notes.feature import NotesFeature
from ui.notes.tab import NotesTab
from ui.search.feature import SearchFeature
from ui.shell.app import register_features
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault import Vault
from vault.clients.records import ClientProfile, add_client
from vault.notes.records import blank_note, create_note


@dataclass
class NotesApp:
    controller: AppController
    feature: NotesFeature
    search: SearchFeature
    audit: AuditFeature
    consent: ConsentFeature | None = None  # the confidentiality tests use it

    @property
    def vault(self) -> Vault:
        assert self.controller.vault is not None
        return self.controller.vault

    @property
    def workspace(self) -> Workspace:
        assert self.controller.window.workspace is not None
        return self.controller.window.workspace

    @property
    def tab(self) -> NotesTab:
        assert self.feature.tab is not None
        return self.feature.tab

    def add_client(self, name: str) -> int:
        client = add_client(self.vault, ClientProfile(full_name=name))
        self.workspace.list_panel.refresh()
        return client.id

    def show_client(self, client_id: int) -> None:
        assert self.workspace.go_to_client(client_id)
        self.workspace.detail.tabs.setCurrentWidget(self.tab)


def start_notes_app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    vault_dir: Path,
) -> NotesApp:
    app_settings.last_vault_path = vault_dir
    controller = make_controller()
    features = register_features(controller)
    controller.start()
    unlock(qtbot, controller)
    assert controller.vault is not None
    return NotesApp(controller, features.notes, features.search, features.audit, features.consent)


def write_note(
    vault: Vault,
    participants: tuple[int, ...],
    text: str,
    *,
    template: str = "soap",
    when: str = "2026-03-02T14:00",
    service: str = "individual",
) -> int:
    content = blank_note(template, when, participants, service_type=service)
    first = replace(content.sections[0], text=text)
    content = replace(content, sections=(first, *content.sections[1:]))
    return create_note(vault, content).id
