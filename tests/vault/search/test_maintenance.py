"""Merging the search index while idle: fewer segments, the same answers, nothing removed
coming back."""

from __future__ import annotations

from tests.vault.note_helpers import demo_client, soap
from vault.notes.records import create_note, update_note
from vault.search.engine import search_notes
from vault.search.maintenance import merge_step, merge_steps, segment_count


def _notes(vault, count: int) -> list[int]:
    client = demo_client(vault)
    ids = []
    for i in range(count):  # one transaction each: FTS5 writes a segment per commit
        ids.append(create_note(vault, soap((client,), subjective=f"Demo kestrel note {i}")).id)
    return ids


def test_merging_leaves_one_segment_and_the_same_answers(vault):
    ids = _notes(vault, 12)
    before = [h.note_id for h in search_notes(vault, "kestrel").hits]
    assert segment_count(vault) > 1
    while merge_step(vault, pages=4):
        pass
    assert segment_count(vault) == 1
    assert [h.note_id for h in search_notes(vault, "kestrel").hits] == before
    assert sorted(before) == sorted(ids)
    assert not merge_step(vault)  # nothing left: says so


def test_a_word_edited_out_before_the_merge_does_not_come_back(vault):
    client = demo_client(vault)
    note = create_note(vault, soap((client,), subjective="Demo Qzmergegoneword"))
    _notes(vault, 5)
    update_note(vault, note.id, soap((client,), subjective="Demo kept"))
    assert not merge_steps(vault, budget_s=30)
    with vault.db.read() as conn:
        left = conn.execute(
            "SELECT count(*) FROM notes_fts_data WHERE instr(block, ?) > 0", (b"qzmergegoneword",)
        ).fetchone()[0]
    assert left == 0
    assert not search_notes(vault, "Qzmergegoneword").hits
