"""A word removed from a note is gone from the search index too, not merely hidden.

The index's own blocks (`notes_fts_data`) are read with the key: a removed word must not be in
any of them, whether it was edited out of a draft or its whole draft was discarded.
"""

from __future__ import annotations

from dataclasses import replace

from vault import Vault
from vault.clients.records import ClientProfile, add_client
from vault.notes.model import NoteContent
from vault.notes.records import blank_note
from vault.notes.unsigned import autosave_note, discard_unsigned_note
from vault.search.engine import search_notes

EDITED_OUT = "qqjedited" + "outmarkerzz"
DISCARDED = "qqjdiscarded" + "draftmarkerzz"


def _index_bytes(vault: Vault) -> bytes:
    return b"".join(bytes(row[0]) for row in vault.db.query("SELECT block FROM notes_fts_data"))


def _note_with(vault: Vault, client_id: int, text: str) -> NoteContent:
    note = blank_note("free", "2026-03-02T14:00", (client_id,))
    first = note.sections[0]
    return replace(note, sections=(replace(first, text=text), *note.sections[1:]))


def test_a_word_edited_out_of_a_draft_leaves_the_index(vault: Vault) -> None:
    client = add_client(vault, ClientProfile(full_name="Demo Avery"))
    note_id = autosave_note(vault, None, _note_with(vault, client.id, f"slept {EDITED_OUT} well"))
    assert EDITED_OUT[-12:].encode() in _index_bytes(vault)
    autosave_note(vault, note_id, _note_with(vault, client.id, "slept well"))
    assert search_notes(vault, EDITED_OUT).hits == ()
    assert EDITED_OUT[-12:].encode() not in _index_bytes(vault)


def test_a_discarded_drafts_words_leave_the_index(vault: Vault) -> None:
    client = add_client(vault, ClientProfile(full_name="Demo Blake"))
    keep = autosave_note(vault, None, _note_with(vault, client.id, "a note that stays"))
    gone = autosave_note(vault, None, _note_with(vault, client.id, f"{DISCARDED} and more"))
    discard_unsigned_note(vault, gone)
    assert DISCARDED[-12:].encode() not in _index_bytes(vault)
    assert [h.note_id for h in search_notes(vault, "stays").hits] == [keep]
