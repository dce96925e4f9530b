from __future__ import annotations

from tests.vault.note_helpers import demo_client, section, soap, stored
from vault.notes.records import create_notes_together
from vault.notes.signing import sign_note
from vault.notes.timeline import client_timeline, count_client_notes, designated_record_set


def _weekly(vault, client, weeks, **changes):
    return create_notes_together(
        vault,
        [
            soap(
                (client,),
                session_start=f"2026-{1 + w // 4:02d}-{1 + 7 * (w % 4):02d}T10:00",
                **changes,
            )
            for w in range(weeks)
        ],
    )


def test_timeline_is_newest_first_by_default(vault):
    client = demo_client(vault)
    ids = _weekly(vault, client, 5)
    assert [e.id for e in client_timeline(vault, client).entries] == ids[::-1]


def test_timeline_can_run_oldest_first(vault):
    client = demo_client(vault)
    ids = _weekly(vault, client, 5)
    assert [e.id for e in client_timeline(vault, client, newest_first=False).entries] == ids


def test_pages_cover_every_note_once(vault):
    client = demo_client(vault)
    ids = _weekly(vault, client, 23)
    seen, cursor = [], None
    while True:
        page = client_timeline(vault, client, after=cursor, limit=5)
        seen.extend(e.id for e in page.entries)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == ids[::-1]


def test_notes_on_the_same_date_page_without_gaps(vault):
    client = demo_client(vault)
    ids = create_notes_together(vault, [soap((client,)) for _ in range(7)])
    first = client_timeline(vault, client, limit=4)
    second = client_timeline(vault, client, after=first.next_cursor, limit=4)
    assert [e.id for e in first.entries + second.entries] == ids[::-1]
    assert second.next_cursor is None


def test_a_joint_note_appears_under_every_participant(vault):
    a, b = demo_client(vault), demo_client(vault, "Demo Bo Example")
    joint = stored(vault, soap((a, b)))
    for client in (a, b):
        entries = client_timeline(vault, client).entries
        assert [e.id for e in entries] == [joint]
        assert entries[0].participant_ids == (a, b)


def test_an_entry_shows_kind_signed_state_and_first_line(vault):
    client = demo_client(vault)
    note_id = stored(vault, soap((client,), subjective="\n  Demo first line  \nsecond"))
    sign_note(vault, note_id, "Demo Clinician")
    entry = client_timeline(vault, client).entries[0]
    assert (entry.kind, entry.kind_title) == ("soap", "SOAP note")
    assert entry.first_line == "Demo first line"
    assert entry.signed_at is not None


def test_the_first_line_skips_empty_sections(vault):
    client = demo_client(vault)
    content = soap((client,), sections=(section("a", ""), section("b", "Demo second section")))
    stored(vault, content)
    assert client_timeline(vault, client).entries[0].first_line == "Demo second section"


def test_process_notes_show_in_the_timeline_marked(vault):
    client = demo_client(vault)
    stored(vault, soap((client,), template_id="process"))
    entries = client_timeline(vault, client).entries
    assert [e.is_process_note for e in entries] == [True]
    assert client_timeline(vault, client, include_process_notes=False).entries == ()


def test_the_record_set_leaves_out_process_notes(vault):
    client = demo_client(vault)
    progress = stored(vault, soap((client,), session_start="2026-03-02T10:00"))
    stored(vault, soap((client,), template_id="process", session_start="2026-03-02T11:00"))
    assert [e.id for e in designated_record_set(vault, client)] == [progress]
    assert len(designated_record_set(vault, client, include_process_notes=True)) == 2


def test_notes_are_counted_per_client(vault):
    client = demo_client(vault)
    _weekly(vault, client, 3)
    stored(vault, soap((client,), template_id="process"))
    assert count_client_notes(vault, client) == 4
    assert count_client_notes(vault, client, include_process_notes=False) == 3


def test_only_process_notes_lists_and_counts_them_alone(vault):
    client = demo_client(vault)
    stored(vault, soap((client,)))
    process = stored(vault, soap((client,), template_id="process"))
    page = client_timeline(vault, client, only_process_notes=True)
    assert [e.id for e in page.entries] == [process]
    assert count_client_notes(vault, client, only_process_notes=True) == 1


def test_sessions_between_lists_every_clients_sessions_of_those_days_newest_first(vault):
    from datetime import date

    from tests.vault.note_helpers import demo_client, soap, stored
    from vault.notes.timeline import sessions_between

    a = demo_client(vault, "Demo Week One")
    b = demo_client(vault, "Demo Week Two")
    before = stored(vault, soap((a,), session_start="2026-11-23T23:59"))
    first = stored(vault, soap((a,), session_start="2026-11-24T00:00"))
    joint = stored(vault, soap((a, b), session_start="2026-11-30T15:00"))
    today = stored(vault, soap((b,), session_start="2026-12-01T09:30"))
    stored(vault, soap((b,), session_start="2026-12-02T00:00"))
    found = sessions_between(vault, date(2026, 11, 24), date(2026, 12, 1))
    assert [n.id for n in found] == [today, joint, first]
    assert found[1].participant_ids == (a, b)
    assert before not in [n.id for n in found]
