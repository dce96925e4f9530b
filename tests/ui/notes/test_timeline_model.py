"""The timeline model: pages of a client's notes, fetched as the view asks for more."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from tests.ui.notes_support import write_note
from ui.notes.timeline_model import PAGE_SIZE, TimelineModel
from vault import Vault
from vault.clients.records import ClientProfile, add_client
from vault.notes.model import NoteSection
from vault.notes.records import blank_note, create_notes_together


def test_a_client_with_600_notes_loads_a_page_at_a_time(qtbot: QtBot, vault: Vault) -> None:
    client = add_client(vault, ClientProfile(full_name="Demo Many Notes")).id
    base = blank_note("free", "2020-01-01T09:00", (client,))
    create_notes_together(
        vault,
        [
            replace(
                base,
                session_start=f"20{20 + i // 300:02d}-{1 + i % 12:02d}-"
                f"{1 + i % 28:02d}T{8 + i % 10:02d}:00",
                sections=(NoteSection(base.sections[0].key, "Note", f"Demo note {i}"),),
            )
            for i in range(600)
        ],
    )
    model = TimelineModel(vault)
    model.set_client(client)
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert 0 < model.rowCount() <= PAGE_SIZE <= 100
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 600
    starts = [model.summary_at(r).session_start for r in range(600)]  # type: ignore[union-attr]
    assert starts == sorted(starts, reverse=True)


def test_rows_show_date_kind_state_and_first_line(qtbot: QtBot, vault: Vault) -> None:
    client = add_client(vault, ClientProfile(full_name="Demo Row Person")).id
    write_note(vault, (client,), "Demo first line\nsecond line")
    write_note(
        vault, (client,), "Demo private thoughts", template="process", when="2026-03-03T10:00"
    )
    model = TimelineModel(vault)
    model.set_client(client)
    model.fetchMore()
    record = [model.index(0, c).data() for c in range(4)]
    model.set_process_only(True)
    model.fetchMore()
    process = [model.index(0, c).data() for c in range(4)]
    assert process[0] == "Tue 2026-03-03 10:00"
    assert process[1].startswith("Psychotherapy") and process[2] == "Draft (unsigned)"
    assert record[1] == "SOAP note" and record[3] == "Demo first line"


def test_a_joint_note_shows_under_each_participant(qtbot: QtBot, vault: Vault) -> None:
    first = add_client(vault, ClientProfile(full_name="Demo Partner One")).id
    second = add_client(vault, ClientProfile(full_name="Demo Partner Two")).id
    note = write_note(vault, (first, second), "Demo joint session", service="couples")
    model = TimelineModel(vault)
    for client in (first, second):
        model.set_client(client)
        model.fetchMore()
        assert model.note_id_at(0) == note


def _record_and_process(vault: Vault) -> tuple[int, int, int]:
    client = add_client(vault, ClientProfile(full_name="Demo Two Kinds")).id
    record = write_note(vault, (client,), "Demo progress")
    process = write_note(vault, (client,), "Demo reflections", template="process")
    return client, record, process


def test_the_record_list_leaves_process_notes_out(qtbot: QtBot, vault: Vault) -> None:
    client, record, _ = _record_and_process(vault)
    model = TimelineModel(vault)
    model.set_client(client)
    model.fetchMore()
    assert [model.note_id_at(r) for r in range(model.rowCount())] == [record]


def test_the_process_list_holds_only_process_notes(qtbot: QtBot, vault: Vault) -> None:
    client, _, process = _record_and_process(vault)
    model = TimelineModel(vault)
    model.set_client(client)
    model.set_process_only(True)
    model.fetchMore()
    assert [model.note_id_at(r) for r in range(model.rowCount())] == [process]
