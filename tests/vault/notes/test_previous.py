"""Start from the previous note: which note, what is copied, and the marks kept with the draft."""

from __future__ import annotations

from dataclasses import replace

from tests.vault.note_helpers import demo_client, soap, stored
from vault import Vault
from vault.notes.model import NoteContent
from vault.notes.previous import CopiedFrom, copied_sections, fill_from_previous, previous_note
from vault.notes.records import blank_note
from vault.notes.unsigned import autosave_note, discard_unsigned_note


def new_soap(client: int, start: str = "2026-03-16T10:00") -> NoteContent:
    return blank_note("soap", start, (client,))


def test_the_previous_note_is_the_newest_of_that_kind_before_the_session(vault: Vault) -> None:
    client = demo_client(vault)
    older = stored(vault, soap((client,), session_start="2026-03-02T10:00"))
    newer = stored(vault, soap((client,), session_start="2026-03-09T10:00"))
    stored(vault, soap((client,), session_start="2026-03-20T10:00"))  # after the new session
    stored(vault, soap((client,), session_start="2026-03-10T10:00", template_id="dap"))
    stored(vault, soap((demo_client(vault, "Demo Other"),), session_start="2026-03-11T10:00"))
    found = previous_note(vault, client, "soap", before="2026-03-16T10:00")
    assert found is not None and found.id == newer
    again = previous_note(vault, client, "soap", before="2026-03-16T10:00", excluding=newer)
    assert again is not None and again.id == older
    assert previous_note(vault, client, "birp", before="2026-03-16T10:00") is None


def test_empty_sections_are_filled_and_typed_ones_kept(vault: Vault) -> None:
    client = demo_client(vault)
    previous_id = stored(
        vault, soap((client,), subjective="Demo last week", plan="Demo plan to copy")
    )
    previous = previous_note(vault, client, "soap", before="2026-03-16T10:00")
    assert previous is not None and previous.id == previous_id
    start = new_soap(client)
    typed = replace(start.sections[0], text="Demo typed today")
    start = replace(start, sections=(typed, *start.sections[1:]))
    filled = fill_from_previous(start, previous)
    texts = [s.text for s in filled.content.sections]
    assert texts == ["Demo typed today", "", "", "Demo plan to copy"]
    assert filled.copied == {3: CopiedFrom(previous_id, "2026-03-02T14:00")}
    assert filled.typed_kept == 1 and filled.private_left_out == 0


def test_a_private_section_of_a_joint_note_is_never_copied(vault: Vault) -> None:
    avery, blake = demo_client(vault, "Demo Avery"), demo_client(vault, "Demo Blake")
    joint = soap((avery, blake), subjective="Demo shared", plan="Demo Blake alone said")
    sections = list(joint.sections)
    sections[3] = replace(sections[3], private_to=blake)
    stored(vault, replace(joint, sections=tuple(sections)))
    previous = previous_note(vault, avery, "soap", before="2026-03-16T10:00")
    assert previous is not None
    filled = fill_from_previous(new_soap(avery), previous)
    assert [s.text for s in filled.content.sections] == ["Demo shared", "", "", ""]
    assert set(filled.copied) == {0} and filled.private_left_out == 1
    assert all(s.private_to is None for s in filled.content.sections)


def test_marks_are_saved_with_the_draft_and_follow_edits(vault: Vault) -> None:
    client = demo_client(vault)
    source = CopiedFrom(stored(vault, soap((client,))), "2026-03-02T14:00")
    content = new_soap(client)
    note_id = autosave_note(vault, None, content, copied={0: source, 3: source})
    assert copied_sections(vault, note_id) == {0: source, 3: source}
    autosave_note(vault, note_id, content)  # no marks given: left as they are
    assert copied_sections(vault, note_id) == {0: source, 3: source}
    autosave_note(vault, note_id, content, copied={3: source})  # section 0 was edited
    assert copied_sections(vault, note_id) == {3: source}
    discard_unsigned_note(vault, note_id)
    assert copied_sections(vault, note_id) == {}
