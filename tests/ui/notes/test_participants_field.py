"""Participants: part of a name and Add (or Enter) adds the match, or says none or several."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.notes.participants_field import ParticipantsField

NAMES = {1: "Demo Avery Stone", 2: "Demo Blake Stone", 3: "Demo Casey Lowe", 4: "Demo Dana Lowe"}


def _field(qtbot: QtBot) -> ParticipantsField:
    field = ParticipantsField()
    qtbot.addWidget(field)
    field.set_clients(NAMES)
    field.set_participants((1,))
    return field


def _type(qtbot: QtBot, field: ParticipantsField, text: str) -> None:
    line = field.picker.lineEdit()
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, text)


def test_part_of_a_name_and_add_adds_the_one_match(qtbot: QtBot) -> None:
    field = _field(qtbot)
    _type(qtbot, field, "casey")
    with qtbot.waitSignal(field.changed):
        field.add_button.click()
    assert field.participants() == (1, 3)
    assert field.picker.currentText() == "" and not field.message.isVisibleTo(field)


def test_enter_adds_the_match_too(qtbot: QtBot) -> None:
    field = _field(qtbot)
    _type(qtbot, field, "Blake")
    line = field.picker.lineEdit()
    assert line is not None
    line.returnPressed.emit()  # what Enter in the picker does
    assert field.participants() == (1, 2)


def test_the_enter_key_in_the_picker_adds(qtbot: QtBot) -> None:
    field = _field(qtbot)
    _type(qtbot, field, "dana")
    field.picker.completer().popup().hide()  # offscreen, the suggestion list cannot close itself
    line = field.picker.lineEdit()
    assert line is not None
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert field.participants() == (1, 4)


def test_no_match_says_so_and_adds_nobody(qtbot: QtBot) -> None:
    field = _field(qtbot)
    _type(qtbot, field, "Zed")
    field.add_button.click()
    assert field.participants() == (1,)
    assert field.message.isVisibleTo(field)
    assert field.message.text() == "No other client's name contains “Zed”."


def test_several_matches_are_named_and_nobody_is_added(qtbot: QtBot) -> None:
    field = _field(qtbot)
    _type(qtbot, field, "lowe")
    field.add_button.click()
    assert field.participants() == (1,)
    assert field.message.text() == (
        "2 clients match “lowe”: Demo Casey Lowe, Demo Dana Lowe. Type more of the name."
    )
    _type(qtbot, field, "dana l")  # typing on hides the message; more letters find one
    assert not field.message.isVisibleTo(field)
    field.add_button.click()
    assert field.participants() == (1, 4)


def test_someone_already_taking_part_is_not_a_match(qtbot: QtBot) -> None:
    field = _field(qtbot)
    _type(qtbot, field, "stone")  # Avery Stone already takes part: Blake is the one match
    field.add_button.click()
    assert field.participants() == (1, 2)


def test_a_whole_name_wins_over_longer_names_containing_it(qtbot: QtBot) -> None:
    field = ParticipantsField()
    qtbot.addWidget(field)
    field.set_clients({1: "Demo Sam", 2: "Demo Sam Lee", 3: "Demo Other"})
    field.set_participants((3,))
    _type(qtbot, field, "demo sam")
    field.add_button.click()
    assert field.participants() == (3, 1)
