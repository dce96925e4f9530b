"""Start from the previous note: copied sections are marked until edited, and signing asks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers, unlock
from tests.ui.notes_support import NotesApp, start_notes_app
from ui.notes.sections_form import copied_label, short_date
from ui.notes.signer import SIGN_COPIED_TITLE
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault.clients.practice import PracticeDetails, save_practice_details
from vault.notes.previous import CopiedFrom, copied_sections
from vault.notes.records import blank_note, create_note, get_note

LAST_WEEK = f"{date.today() - timedelta(days=7)}T10:00"  # before the new note's "now"
SHOWN = short_date(LAST_WEEK)


@pytest.fixture
def app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    existing_vault: Path,
) -> NotesApp:
    return start_notes_app(qtbot, make_controller, app_settings, existing_vault)


def _client_with_a_soap_note(app: NotesApp) -> tuple[int, int]:
    client = app.add_client("Demo Returning Client")
    content = blank_note("soap", LAST_WEEK, (client,))
    texts = ("Demo reported sleeping better", "", "Demo steady progress", "Demo plan: weekly")
    sections = tuple(replace(s, text=t) for s, t in zip(content.sections, texts, strict=True))
    note_id = create_note(app.vault, replace(content, sections=sections)).id
    app.show_client(client)
    return client, note_id


def _start_from_previous(app: NotesApp) -> None:
    app.tab.start_note("soap")
    app.feature.actions["start_from_previous"].trigger()


def test_copied_sections_are_filled_and_each_is_marked(qtbot: QtBot, app: NotesApp) -> None:
    _client, source = _client_with_a_soap_note(app)
    _start_from_previous(app)
    editor = app.tab.editor
    form = editor.sections
    assert [e.toPlainText() for e in form.edits] == [
        "Demo reported sleeping better",
        "",
        "Demo steady progress",
        "Demo plan: weekly",
    ]
    shown = [m.isVisibleTo(form) for m in form.copy_marks]
    assert shown == [True, False, True, True]
    assert form.copy_marks[0].text().startswith(f"Copied from the note of {SHOWN}")
    assert form.copy_marks[0].text().endswith("edit to confirm")
    assert f"Copied 3 sections from the note of {SHOWN}" in editor.bar.notice.text()
    assert editor.bar.notice.isVisibleTo(editor)
    assert editor.note_id is not None  # saved at once, with its marks
    assert set(copied_sections(app.vault, editor.note_id)) == {0, 2, 3}
    assert copied_sections(app.vault, editor.note_id)[0].note_id == source


def test_the_mark_is_never_part_of_the_saved_text(qtbot: QtBot, app: NotesApp) -> None:
    _client_with_a_soap_note(app)
    _start_from_previous(app)
    editor = app.tab.editor
    assert editor.note_id is not None
    stored = get_note(app.vault, editor.note_id)
    assert stored.content.sections[0].text == "Demo reported sleeping better"
    assert all("Copied from" not in s.text for s in stored.content.sections)


def test_editing_a_copied_section_clears_its_mark_only(qtbot: QtBot, app: NotesApp) -> None:
    _client_with_a_soap_note(app)
    _start_from_previous(app)
    editor = app.tab.editor
    form = editor.sections
    qtbot.keyClicks(form.edits[0], " and woke less")
    assert not form.copy_marks[0].isVisibleTo(form)
    assert form.copy_marks[3].isVisibleTo(form)
    assert editor.save_now()
    assert editor.note_id is not None
    assert set(copied_sections(app.vault, editor.note_id)) == {2, 3}


def test_marks_come_back_when_the_draft_is_reopened_after_a_lock(
    qtbot: QtBot, app: NotesApp
) -> None:
    client, _source = _client_with_a_soap_note(app)
    _start_from_previous(app)
    note_id = app.tab.editor.note_id
    app.controller.lock()
    unlock(qtbot, app.controller)
    app.show_client(client)
    assert app.tab.open_note(note_id)  # type: ignore[arg-type]
    form = app.tab.editor.sections
    qtbot.waitUntil(lambda: [m.isVisibleTo(form) for m in form.copy_marks] == [1, 0, 1, 1])


def test_signing_with_unedited_copies_asks_and_names_them(
    qtbot: QtBot, app: NotesApp, answers: Answers
) -> None:
    save_practice_details(app.vault, PracticeDetails(clinician="Demo Clinician"))
    _client_with_a_soap_note(app)
    _start_from_previous(app)
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[0], " today")
    answers.confirm = False
    editor.sign()
    assert SIGN_COPIED_TITLE in answers.asked and not editor.is_signed
    answers.confirm = True
    editor.sign()
    assert editor.is_signed


def test_signing_after_every_copy_was_edited_asks_the_usual_question(
    qtbot: QtBot, app: NotesApp, answers: Answers
) -> None:
    save_practice_details(app.vault, PracticeDetails(clinician="Demo Clinician"))
    _client_with_a_soap_note(app)
    _start_from_previous(app)
    editor = app.tab.editor
    for position in (0, 2, 3):
        qtbot.keyClicks(editor.sections.edits[position], " (today)")
    editor.sign()
    assert "Sign Note" in answers.asked and SIGN_COPIED_TITLE not in answers.asked
    assert editor.is_signed


def test_without_an_earlier_note_it_says_so(qtbot: QtBot, app: NotesApp) -> None:
    app.show_client(app.add_client("Demo First Timer"))
    _start_from_previous(app)
    editor = app.tab.editor
    assert editor.bar.notice.text() == "No earlier SOAP note for this client to start from."
    assert not any(m.isVisibleTo(editor.sections) for m in editor.sections.copy_marks)


def test_the_label_says_the_year_only_when_it_is_not_this_one() -> None:
    today = date(2026, 12, 1)
    assert short_date("2026-11-03T10:00", today) == "3 Nov"
    assert short_date("2025-11-03T10:00", today) == "3 Nov 2025"
    source = CopiedFrom(1, "2026-11-03T10:00")
    assert copied_label(source, today) == "Copied from the note of 3 Nov — edit to confirm"
