from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import REPO
from tests.vault.note_helpers import demo_client, soap, stored
from vault import RecordNotFoundError, Vault
from vault.checks import verify_vault
from vault.notes.records import get_note
from vault.notes.signing import sign_note
from vault.notes.unsigned import autosave_note, discard_unsigned_note, list_unsigned_notes
from vault.search.engine import search_notes


def test_first_autosave_creates_a_draft_and_later_ones_update_it(vault):
    client = demo_client(vault)
    note_id = autosave_note(vault, None, soap((client,), subjective="Demo half"))
    assert autosave_note(vault, note_id, soap((client,), subjective="Demo halfway")) == note_id
    assert get_note(vault, note_id).content.sections[0].text == "Demo halfway"


def test_a_draft_keeps_half_typed_fields(vault):
    client = demo_client(vault)
    note_id = autosave_note(vault, None, soap((client,), diagnoses=("F4",)))
    assert get_note(vault, note_id).content.diagnoses == ("F4",)


def test_autosave_keeps_the_search_index_in_step(vault):
    client = demo_client(vault)
    note_id = autosave_note(vault, None, soap((client,), subjective="Demo quokka"))
    autosave_note(vault, note_id, soap((client,), subjective="Demo wombat"))
    assert search_notes(vault, "quokka").hits == ()
    assert [h.note_id for h in search_notes(vault, "wombat").hits] == [note_id]


def test_unsigned_notes_are_listed_oldest_session_first(vault):
    client = demo_client(vault)
    later = stored(vault, soap((client,), session_start="2026-03-09T10:00"))
    earlier = stored(vault, soap((client,), session_start="2026-03-02T10:00"))
    assert [n.id for n in list_unsigned_notes(vault)] == [earlier, later]


def test_signed_notes_leave_the_unsigned_list(vault):
    client = demo_client(vault)
    note_id = stored(vault, soap((client,)))
    sign_note(vault, note_id, "Demo Clinician")
    assert list_unsigned_notes(vault) == []


def test_a_discarded_draft_is_gone_from_notes_and_search(vault):
    client = demo_client(vault)
    note_id = stored(vault, soap((client,), subjective="Demo platypus"))
    discard_unsigned_note(vault, note_id)
    with pytest.raises(RecordNotFoundError):
        get_note(vault, note_id)
    assert search_notes(vault, "platypus").hits == ()
    assert vault.db.query("SELECT count(*) FROM notes_fts") == [(0,)]


_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    from tests.vault.note_helpers import soap
    from vault import Vault
    from vault.notes.unsigned import autosave_note

    vault = Vault.open(sys.argv[1], sys.argv[3])
    client = int(sys.argv[4])
    note_id = None
    text = ""
    for i in range(100000):
        text += f"Demo word {i}. "
        note_id = autosave_note(vault, note_id, soap((client,), subjective=text))
        print(note_id, len(text), flush=True)
    """
)


@pytest.mark.slow
def test_autosaved_text_survives_sigkill_of_the_writer(vault_dir, fast_kdf):
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        client = demo_client(v)
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(vault_dir), str(REPO), PASSPHRASE, str(client)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    lines = [writer.stdout.readline() for _ in range(40)]
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    note_id, reported = (int(x) for x in lines[-1].split())
    with Vault.open(vault_dir, PASSPHRASE) as v:
        text = get_note(v, note_id).content.sections[0].text
        assert len(text) >= reported
        assert text.startswith("Demo word 0. Demo word 1. ")
        assert verify_vault(v) == []
