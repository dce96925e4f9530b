"""Fixtures for the window's tests: isolated settings, fast Argon2, scripted answers to prompts.

Every modal question goes through `ui.prompts`, which is replaced here, so no test can hang on a
dialog; tests set `answers` to choose what the "therapist" replies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from ui.kit import prompts, system_viewer
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault import Vault


@dataclass
class Answers:
    unsaved: prompts.UnsavedChoice = "save"
    confirm: bool = True
    folder: Path | None = None
    save_path: Path | None = None
    open_path: Path | None = None
    opened: list[Path] = field(default_factory=list)  # files "opened in the system viewer"
    asked: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    scripted = Answers()

    def ask_unsaved(_parent: object) -> prompts.UnsavedChoice:
        scripted.asked.append("unsaved")
        return scripted.unsaved

    def confirm(_parent: object, title: str, _text: str, _label: str) -> bool:
        scripted.asked.append(title)
        return scripted.confirm

    def notice(_parent: object, title: str, text: str) -> None:
        scripted.notices.append(f"{title}: {text}")

    def choose_folder(_parent: object, title: str, _start: str = "") -> Path | None:
        scripted.asked.append(title)
        return scripted.folder

    monkeypatch.setattr(prompts, "ask_unsaved_changes", ask_unsaved)
    monkeypatch.setattr(prompts, "confirm", confirm)
    monkeypatch.setattr(prompts, "inform", notice)
    monkeypatch.setattr(prompts, "warn", notice)

    def choose_save_file(_parent: object, title: str, _suggested: str, _filter: str) -> Path | None:
        scripted.asked.append(title)
        return scripted.save_path

    def choose_open_file(
        _parent: object, title: str, _filter: str, _start: str = ""
    ) -> Path | None:
        scripted.asked.append(title)
        return scripted.open_path

    def open_saved_file(path: Path) -> bool:
        scripted.opened.append(path)
        return True

    monkeypatch.setattr(prompts, "choose_folder", choose_folder)
    monkeypatch.setattr(prompts, "choose_save_file", choose_save_file)
    monkeypatch.setattr(prompts, "choose_open_file", choose_open_file)
    monkeypatch.setattr(system_viewer, "open_saved_file", open_saved_file)
    return scripted


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings" / "confidant.ini"


@pytest.fixture
def app_settings(settings_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))


@pytest.fixture
def default_location(tmp_path: Path) -> Path:
    return tmp_path / "appdata" / "Practice.vault"


@pytest.fixture
def make_controller(
    qtbot: QtBot, app_settings: AppSettings, default_location: Path
) -> Iterator[Callable[[], AppController]]:
    made: list[AppController] = []

    def make() -> AppController:
        controller = AppController(
            app_settings, kdf_params=SESSION_FLOOR, default_location=default_location
        )
        qtbot.addWidget(controller.window)
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()


@pytest.fixture
def existing_vault(vault_dir: Path) -> Path:
    """A closed vault on disk (fast Argon2), with no clients."""
    Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR).close()
    return vault_dir


def unlock(qtbot: QtBot, controller: AppController, passphrase: str = PASSPHRASE) -> None:
    screen = controller.window.unlock_screen
    screen.passphrase.setText(passphrase)
    screen.attempt_unlock()
    qtbot.waitUntil(lambda: not screen.busy, timeout=15_000)


@pytest.fixture
def unlocked(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> AppController:
    """A controller whose window shows the workspace of `existing_vault`."""
    app_settings.last_vault_path = existing_vault
    controller = make_controller()
    controller.start()
    unlock(qtbot, controller)
    assert controller.vault is not None, controller.window.unlock_screen.message.text()
    return controller
