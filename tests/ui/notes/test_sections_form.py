"""A private section in the editor says whose it is, and stops saying so when shared again."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.notes.sections_form import NoteSectionsForm
from vault.notes.model import NoteSection

NAMES = {1: "Demo Avery", 2: "Demo Blake"}


def _form(qtbot: QtBot, private_to: int | None) -> NoteSectionsForm:
    form = NoteSectionsForm()
    qtbot.addWidget(form)
    sections = (NoteSection("s", "Subjective", "Demo text", private_to),)
    form.set_sections("soap", sections, (1, 2), NAMES)
    return form


def test_a_private_section_is_labelled_with_whose_it_is(qtbot: QtBot) -> None:
    form = _form(qtbot, 1)
    assert form.private_marks[0].isVisibleTo(form)
    assert form.private_marks[0].text() == "Private to Demo Avery"


def test_making_it_shared_again_removes_the_label(qtbot: QtBot) -> None:
    form = _form(qtbot, 1)
    form.privacy[0].setCurrentIndex(0)
    assert not form.private_marks[0].isVisibleTo(form)


def test_choosing_private_adds_the_label(qtbot: QtBot) -> None:
    form = _form(qtbot, None)
    form.privacy[0].setCurrentIndex(form.privacy[0].findData(2))
    assert form.private_marks[0].text() == "Private to Demo Blake"
