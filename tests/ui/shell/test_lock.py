"""Locking: Ctrl+L, auto-lock after idle time, what it hides, and unsaved edits surviving it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import unlock
from ui.clients.workspace import Workspace
from ui.kit import prompts
from ui.shell.controller import AppController
from ui.shell.main_window import LOCKED_TITLE
from vault.clients.records import ClientProfile, add_client, get_client, list_clients
from vault.store.unsaved_edits import unsaved_edit_keys

SECRET_NAME = "Demo Lockprobe Zuvo"


def ws_of(controller: AppController) -> Workspace:
    workspace = controller.window.workspace
    assert workspace is not None
    return workspace


def visible_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
    return texts


def add_and_open(controller: AppController, name: str = SECRET_NAME) -> int:
    assert controller.vault is not None
    client = add_client(controller.vault, ClientProfile(full_name=name))
    workspace = ws_of(controller)
    workspace.list_panel.refresh()
    workspace.open_client(client.id)
    return client.id


def assert_locked(controller: AppController) -> None:
    window = controller.window
    assert controller.vault is None
    assert window.workspace is None
    assert window.stack.currentWidget() is window.unlock_screen
    assert window.windowTitle() == LOCKED_TITLE
    assert not window.toolbar.isVisible()
    assert not window.actions_by_name["new_client"].isEnabled()
    assert all(SECRET_NAME not in text for text in visible_texts(window))


def test_ctrl_l_locks_and_hides_everything(qtbot: QtBot, unlocked: AppController) -> None:
    add_and_open(unlocked)
    vault = unlocked.vault
    assert vault is not None
    assert any(SECRET_NAME in text for text in visible_texts(unlocked.window))
    qtbot.keyClick(unlocked.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert_locked(unlocked)
    assert not vault.is_open  # connection closed, key dropped
    unlock(qtbot, unlocked)
    assert unlocked.vault is not None


def test_auto_lock_fires_after_the_idle_time(qtbot: QtBot, unlocked: AppController) -> None:
    add_and_open(unlocked)
    unlocked.idle.set_timeout_ms(200)
    with qtbot.waitSignal(unlocked.locked, timeout=5000):
        pass
    assert_locked(unlocked)


def test_auto_lock_uses_the_configured_minutes(unlocked: AppController) -> None:
    assert unlocked.idle.timeout_ms == 5 * 60_000
    assert unlocked.idle.running
    assert "5 min" in unlocked.window.lock_hint.text()


def test_unsaved_edits_survive_a_lock_encrypted(
    qtbot: QtBot, unlocked: AppController, existing_vault: Path
) -> None:
    client_id = add_and_open(unlocked)
    workspace = ws_of(unlocked)
    unsaved_note = "Synthetic unsaved sentence Qwertyzzz."
    workspace.form.widgets["notes"].setPlainText(unsaved_note)  # type: ignore[union-attr]
    assert workspace.is_dirty()
    unlocked.idle.set_timeout_ms(200)
    qtbot.waitSignal(unlocked.locked, timeout=5000).wait()
    assert_locked(unlocked)
    for path in existing_vault.rglob("*"):  # kept, but never in plaintext
        if path.is_file():
            assert b"Qwertyzzz" not in path.read_bytes(), path.name

    unlock(qtbot, unlocked)
    workspace = ws_of(unlocked)
    assert workspace.current_client is not None and workspace.current_client.id == client_id
    assert workspace.form.profile().notes == unsaved_note
    assert workspace.is_dirty()
    assert workspace.detail.banner.isVisibleTo(unlocked.window)
    assert workspace.save()
    assert unlocked.vault is not None
    assert get_client(unlocked.vault, client_id).profile.notes == unsaved_note
    assert unsaved_edit_keys(unlocked.vault, "client:") == []


def test_unsaved_new_client_survives_a_lock(qtbot: QtBot, unlocked: AppController) -> None:
    workspace = ws_of(unlocked)
    workspace.new_client()
    workspace.form.widgets["full_name"].setText("Demo Halfway Typed")  # type: ignore[union-attr]
    unlocked.lock()
    unlock(qtbot, unlocked)
    workspace = ws_of(unlocked)
    assert workspace.editing_new
    assert workspace.form.profile().full_name == "Demo Halfway Typed"
    assert workspace.save()
    assert unlocked.vault is not None
    assert [c.full_name for c in list_clients(unlocked.vault)] == ["Demo Halfway Typed"]


def test_lock_during_an_unsaved_changes_question_keeps_the_draft(
    qtbot: QtBot, unlocked: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    client_id = add_and_open(unlocked)
    add_and_open(unlocked, "Demo Other Person")
    ws_of(unlocked).open_client(client_id)
    ws_of(unlocked).form.widgets["phone"].setText("0100 222 333")  # type: ignore[union-attr]

    def lock_while_asking(_parent: object) -> prompts.UnsavedChoice:
        unlocked.lock()  # the idle timer fires while the question is up
        return "cancel"

    monkeypatch.setattr(prompts, "ask_unsaved_changes", lock_while_asking)
    ws_of(unlocked).new_client()
    assert_locked(unlocked)
    unlock(qtbot, unlocked)
    assert ws_of(unlocked).form.profile().phone == "0100 222 333"


def test_lock_closes_other_windows(qtbot: QtBot, unlocked: AppController) -> None:
    dialog = QDialog(unlocked.window)
    dialog.setWindowTitle("Some dialog")
    dialog.show()
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    unlocked.lock()
    assert not dialog.isVisible()
    assert not other.isVisible()
    assert all(
        not w.isVisible() for w in QApplication.topLevelWidgets() if w is not unlocked.window
    )


def test_lock_on_minimise_when_enabled(qtbot: QtBot, unlocked: AppController) -> None:
    unlocked.window.show()
    unlocked.window.setWindowState(Qt.WindowState.WindowMinimized)
    qtbot.wait(50)
    assert unlocked.vault is not None  # off by default
    unlocked.window.setWindowState(Qt.WindowState.WindowNoState)
    unlocked.settings.lock_on_minimise = True
    unlocked.window.setWindowState(Qt.WindowState.WindowMinimized)
    qtbot.waitUntil(lambda: unlocked.vault is None)
    assert_locked(unlocked)


def test_workspace_widgets_are_destroyed_at_lock(qtbot: QtBot, unlocked: AppController) -> None:
    add_and_open(unlocked)
    workspace = ws_of(unlocked)
    destroyed: list[bool] = []
    workspace.destroyed.connect(lambda: destroyed.append(True))
    unlocked.lock()
    qtbot.waitUntil(lambda: bool(destroyed))


def test_lock_clears_text_copied_from_a_record(unlocked: AppController) -> None:
    clipboard = QApplication.clipboard()
    clipboard.setText(SECRET_NAME)
    if not clipboard.ownsClipboard():
        pytest.skip("this Qt platform (offscreen) cannot tell who owns the clipboard")
    unlocked.lock()
    assert SECRET_NAME not in clipboard.text()
