"""Clients through the window: create, edit, save, archive, filter, unsaved-change protection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers
from ui.clients.workspace import Workspace
from ui.shell.controller import AppController
from ui.shell.main_window import TITLE
from vault.clients.records import get_client, list_clients

NAMES = ("Demo Kalo Renvo", "Demo Mizu Tasbel", "Demo Drifen Halgor")


def ws_of(controller: AppController) -> Workspace:
    workspace = controller.window.workspace
    assert workspace is not None
    return workspace


def field(workspace: Workspace, name: str) -> QLineEdit:
    widget = workspace.form.widgets[name]
    assert isinstance(widget, QLineEdit)
    return widget


def add_via_keyboard(qtbot: QtBot, controller: AppController, name: str) -> None:
    window = controller.window
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    workspace = ws_of(controller)
    assert workspace.editing_new
    qtbot.keyClicks(field(workspace, "full_name"), name)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not workspace.is_dirty(), workspace.detail.error.text()


def shown_names(workspace: Workspace) -> list[str]:
    model = workspace.model
    return [str(model.data(model.index(r, 0))) for r in range(model.rowCount())]


def test_create_with_keyboard_round_trips_through_the_vault(
    qtbot: QtBot, unlocked: AppController
) -> None:
    unlocked.window.show()
    unlocked.window.activateWindow()
    for name in NAMES:
        add_via_keyboard(qtbot, unlocked, name)
    assert unlocked.vault is not None
    assert sorted(c.full_name for c in list_clients(unlocked.vault)) == sorted(NAMES)
    workspace = ws_of(unlocked)
    assert shown_names(workspace) == sorted(NAMES)
    assert workspace.list_panel.current_client_id() == workspace.current_client.id  # type: ignore[union-attr]
    assert unlocked.window.windowTitle() == TITLE


def test_edit_and_save_updates_the_record(qtbot: QtBot, unlocked: AppController) -> None:
    add_via_keyboard(qtbot, unlocked, NAMES[0])
    workspace = ws_of(unlocked)
    client = workspace.current_client
    assert client is not None
    field(workspace, "pronouns").setText("they/them")
    field(workspace, "date_of_birth").setText("1990-04-30")
    workspace.form.widgets["notes"].setPlainText("Synthetic profile note.")  # type: ignore[union-attr]
    assert workspace.is_dirty()
    assert unlocked.window.actions_by_name["save"].isEnabled()
    assert workspace.save()
    assert unlocked.vault is not None
    saved = get_client(unlocked.vault, client.id).profile
    assert (saved.pronouns, saved.date_of_birth, saved.notes) == (
        "they/them",
        "1990-04-30",
        "Synthetic profile note.",
    )
    assert not workspace.is_dirty()
    assert not unlocked.window.actions_by_name["save"].isEnabled()


def test_invalid_field_is_explained_and_not_saved(qtbot: QtBot, unlocked: AppController) -> None:
    add_via_keyboard(qtbot, unlocked, NAMES[0])
    workspace = ws_of(unlocked)
    field(workspace, "date_of_birth").setText("30/04/1990")
    assert not workspace.save()
    assert "Date of birth" in workspace.detail.problems.text()
    assert workspace.is_dirty()
    assert unlocked.vault is not None
    assert get_client(unlocked.vault, workspace.current_client.id).profile.date_of_birth == ""  # type: ignore[union-attr]


def test_new_client_needs_a_name(unlocked: AppController) -> None:
    workspace = ws_of(unlocked)
    workspace.new_client()
    field(workspace, "pronouns").setText("she/her")
    assert not workspace.save()
    assert "Full name is required" in workspace.detail.problems.text()
    assert QApplication.focusWidget() in (None, workspace.form.widgets["full_name"])


def test_archive_keeps_the_record_and_moves_it_to_inactive(
    qtbot: QtBot, unlocked: AppController, answers: Answers
) -> None:
    for name in NAMES:
        add_via_keyboard(qtbot, unlocked, name)
    workspace = ws_of(unlocked)
    target = workspace.current_client
    assert target is not None
    unlocked.window.actions_by_name["archive"].trigger()
    assert "Archive client" in answers.asked
    assert target.profile.full_name not in shown_names(workspace)
    assert unlocked.vault is not None
    archived = get_client(unlocked.vault, target.id)
    assert archived.archived_at is not None and archived.profile.status == "inactive"
    assert workspace.can_reactivate()
    workspace.set_status_filter("inactive")
    assert shown_names(workspace) == [target.profile.full_name]
    workspace.reactivate()
    assert get_client(unlocked.vault, target.id).archived_at is None


def test_archive_can_be_cancelled(qtbot: QtBot, unlocked: AppController, answers: Answers) -> None:
    add_via_keyboard(qtbot, unlocked, NAMES[0])
    answers.confirm = False
    ws_of(unlocked).archive()
    assert unlocked.vault is not None
    assert list_clients(unlocked.vault)[0].status == "active"


def test_filter_finds_by_part_of_a_name(qtbot: QtBot, unlocked: AppController) -> None:
    for name in NAMES:
        add_via_keyboard(qtbot, unlocked, name)
    workspace = ws_of(unlocked)
    qtbot.keyClick(unlocked.window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(workspace.list_panel.filter_edit, "mizu")
    assert shown_names(workspace) == ["Demo Mizu Tasbel"]
    assert "1 client shown" in workspace.list_panel.count_label.text()
    workspace.list_panel.filter_edit.clear()
    assert len(shown_names(workspace)) == 3
    workspace.set_status_filter("inactive")
    assert shown_names(workspace) == []
    workspace.set_status_filter("all")
    assert len(shown_names(workspace)) == 3


def test_switching_away_from_unsaved_edits_asks_first(
    qtbot: QtBot, unlocked: AppController, answers: Answers
) -> None:
    for name in NAMES[:2]:
        add_via_keyboard(qtbot, unlocked, name)
    workspace = ws_of(unlocked)
    editing = workspace.current_client
    assert editing is not None
    other_row = 1 - workspace.model.row_of(editing.id)  # type: ignore[operator]
    field(workspace, "phone").setText("0100 000 000")

    answers.unsaved = "cancel"
    workspace.list_panel.view.setCurrentIndex(workspace.model.index(other_row, 0))
    assert answers.asked == ["unsaved"]
    assert workspace.current_client == editing
    assert workspace.is_dirty()
    assert workspace.list_panel.current_client_id() == editing.id

    answers.unsaved = "save"
    workspace.list_panel.view.setCurrentIndex(workspace.model.index(other_row, 0))
    assert workspace.current_client is not None and workspace.current_client.id != editing.id
    assert unlocked.vault is not None
    assert get_client(unlocked.vault, editing.id).profile.phone == "0100 000 000"


def test_discarding_unsaved_edits_leaves_the_record_unchanged(
    qtbot: QtBot, unlocked: AppController, answers: Answers
) -> None:
    add_via_keyboard(qtbot, unlocked, NAMES[0])
    workspace = ws_of(unlocked)
    editing = workspace.current_client
    assert editing is not None
    field(workspace, "phone").setText("0100 999 999")
    answers.unsaved = "discard"
    workspace.new_client()
    assert workspace.editing_new
    assert unlocked.vault is not None
    assert get_client(unlocked.vault, editing.id).profile.phone == ""


def test_quitting_with_unsaved_edits_asks_and_can_be_cancelled(
    qtbot: QtBot, unlocked: AppController, answers: Answers
) -> None:
    add_via_keyboard(qtbot, unlocked, NAMES[0])
    field(ws_of(unlocked), "phone").setText("0100 111 111")
    answers.unsaved = "cancel"
    assert not unlocked.window.close()
    assert unlocked.vault is not None
    answers.unsaved = "save"
    assert unlocked.window.close()
    assert unlocked.vault is None  # quitting locks


def test_no_client_name_in_the_window_title(qtbot: QtBot, unlocked: AppController) -> None:
    for name in NAMES:
        add_via_keyboard(qtbot, unlocked, name)
    workspace = ws_of(unlocked)
    for row in range(workspace.model.rowCount()):
        workspace.list_panel.view.setCurrentIndex(workspace.model.index(row, 0))
        assert unlocked.window.windowTitle() == TITLE
