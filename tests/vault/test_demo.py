from __future__ import annotations

from vault.checks import verify_vault
from vault.demo import fill_demo
from vault.notes.records import count_notes, get_note
from vault.notes.unsigned import list_unsigned_notes


def test_demo_notes_follow_templates_in_several_kinds(vault):
    fill_demo(vault, clients=8, notes_per_client=12)
    kinds = {row[0] for row in vault.db.query("SELECT DISTINCT kind FROM notes")}
    assert {"intake", "treatment_plan", "soap", "dap"} <= kinds
    assert count_notes(vault) == 96 + 5  # and the former client's five, past retention
    assert verify_vault(vault) == []


def test_demo_notes_hold_one_to_three_kilobytes(vault):
    fill_demo(vault, clients=4, notes_per_client=5)
    for (note_id,) in vault.db.query("SELECT id FROM notes"):
        size = sum(len(s.text) for s in get_note(vault, note_id).content.sections)
        assert 900 <= size <= 3600


def test_demo_includes_joint_sessions(vault):
    fill_demo(vault, clients=20, notes_per_client=20)
    joint = vault.db.query(
        "SELECT count(*) FROM (SELECT note_id FROM note_participants GROUP BY note_id "
        "HAVING count(*) > 1)"
    )[0][0]
    assert 0.02 < joint / 400 < 0.1


def test_demo_leaves_the_latest_note_of_each_client_unsigned(vault):
    fill_demo(vault, clients=3, notes_per_client=4)
    assert len(list_unsigned_notes(vault)) == 3


def test_demo_has_a_former_client_past_retention_ready_to_destroy(vault):
    from datetime import date

    from vault.clients.records import get_client
    from vault.consent.due import DESTRUCTION_DUE, due_items
    from vault.destruction.destroy import destroy_client
    from vault.destruction.plan import preview_destruction

    fill_demo(vault, clients=4, notes_per_client=3)
    due = [i for i in due_items(vault, date.today()) if i.kind == DESTRUCTION_DUE]
    former = [i.client_id for i in due if get_client(vault, i.client_id).archived_at]
    assert len(former) == 1
    preview = preview_destruction(vault, former[0])
    assert preview.counts.unsigned_notes == 0 and preview.counts.joint_notes == 1
    assert preview.counts.private_sections >= 1
    destroy_client(vault, former[0], preview.client.profile.full_name)
    assert verify_vault(vault) == []
