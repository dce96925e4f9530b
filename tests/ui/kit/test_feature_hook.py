"""The hook later features use to add a tab beside "Profile" (e.g. session notes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.ui.conftest import unlock
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault import Vault
from vault.clients.records import ClientProfile, add_client


class FakeNotesTab(QWidget):
    def __init__(self, vault: Vault, log: list[str]) -> None:
        super().__init__()
        self.vault = vault
        self.log = log

    def show_client(self, client_id: int | None) -> None:
        self.log.append(f"show {client_id}")

    def may_leave_client(self) -> bool:
        return True

    def stash_for_lock(self) -> None:
        self.log.append(f"stash open={self.vault.is_open}")


def test_registered_tab_follows_the_client_and_is_told_before_lock(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> None:
    log: list[str] = []
    app_settings.last_vault_path = existing_vault
    controller = make_controller()
    controller.register_client_tab("Notes", lambda vault: FakeNotesTab(vault, log))
    controller.start()
    unlock(qtbot, controller)
    workspace = controller.window.workspace
    assert workspace is not None and controller.vault is not None
    assert workspace.detail.tabs.count() == 2
    assert workspace.detail.tabs.tabText(1) == "Notes"
    client = add_client(controller.vault, ClientProfile(full_name="Demo Tab Person"))
    workspace.list_panel.refresh()
    workspace.open_client(client.id)
    assert log[-1] == f"show {client.id}"
    controller.lock()
    assert log[-1] == "stash open=True"  # called while the vault could still save a draft


def test_a_tab_without_the_protocol_is_refused(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> None:
    app_settings.last_vault_path = existing_vault
    controller = make_controller()
    controller.register_client_tab("Broken", lambda _vault: QWidget())
    controller.start()
    vault = Vault.open(existing_vault, PASSPHRASE)
    with pytest.raises(TypeError, match="show_client"):
        controller._unlocked(vault)
    assert not vault.is_open and controller.vault is None
    assert controller.window.workspace is None
