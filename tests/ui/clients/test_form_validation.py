"""A refused save names every wrong field at once, puts the cursor in the first, moves nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from ui.clients.workspace import Workspace
from ui.kit.field_marks import is_marked_invalid
from ui.shell.controller import AppController
from vault.clients.records import list_clients


def _new_client_with_three_mistakes(qtbot: QtBot, controller: AppController) -> Workspace:
    controller.window.show()
    workspace = controller.window.workspace
    assert workspace is not None
    workspace.new_client()
    for name, text in (
        ("pronouns", "they/them"),
        ("date_of_birth", "30/04/1990"),
        ("email", "not-an-address"),
    ):
        widget = workspace.form.widgets[name]
        assert isinstance(widget, QLineEdit)
        qtbot.keyClicks(widget, text)
    return workspace


def _positions(workspace: Workspace) -> dict[str, int]:
    form = workspace.form
    return {
        name: w.mapTo(form.window(), w.rect().topLeft()).y() for name, w in form.widgets.items()
    }


def test_every_invalid_field_is_listed_and_marked(qtbot: QtBot, unlocked: AppController) -> None:
    workspace = _new_client_with_three_mistakes(qtbot, unlocked)
    assert not workspace.save()
    lines = workspace.detail.problems.text().splitlines()
    assert lines[0] == "Not saved: 3 fields to correct"
    assert [line.split(" ")[1] for line in lines[1:]] == ["Full", "Date", "Email"]
    marked = [name for name, w in workspace.form.widgets.items() if is_marked_invalid(w)]
    assert marked == ["full_name", "date_of_birth", "email"]
    assert "Email does not look like an address" in workspace.form.widgets["email"].toolTip()
    assert unlocked.vault is not None and list_clients(unlocked.vault) == []


def test_the_cursor_goes_to_the_first_of_them(qtbot: QtBot, unlocked: AppController) -> None:
    workspace = _new_client_with_three_mistakes(qtbot, unlocked)
    workspace.save()
    first: QWidget = workspace.form.widgets["full_name"]
    assert workspace.form.focusWidget() is first


def test_the_form_does_not_move_when_the_reasons_appear(
    qtbot: QtBot, unlocked: AppController
) -> None:
    workspace = _new_client_with_three_mistakes(qtbot, unlocked)
    qtbot.wait(20)
    before = _positions(workspace)
    workspace.save()
    qtbot.waitUntil(workspace.detail.problems.isVisible)
    qtbot.wait(20)
    assert _positions(workspace) == before


def test_editing_a_marked_field_clears_its_mark_and_a_good_save_clears_the_list(
    qtbot: QtBot, unlocked: AppController
) -> None:
    workspace = _new_client_with_three_mistakes(qtbot, unlocked)
    workspace.save()
    form = workspace.form
    name, email, birth = (form.widgets[n] for n in ("full_name", "email", "date_of_birth"))
    assert isinstance(name, QLineEdit) and isinstance(email, QLineEdit)
    assert isinstance(birth, QLineEdit)
    qtbot.keyClicks(name, "Demo Fixed Name")
    assert not is_marked_invalid(name) and is_marked_invalid(email)
    email.clear()
    birth.clear()
    assert workspace.save()
    assert not workspace.detail.problems.isVisible()
    assert not any(is_marked_invalid(w) for w in form.widgets.values())
