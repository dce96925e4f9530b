"""Nothing a therapist writes is readable from the files the vault leaves on disk."""

from __future__ import annotations

import tempfile

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import files_containing
from vault import Vault
from vault.clients.records import ClientProfile, add_client, list_clients, update_client
from vault.notes.records import NoteInput, create_note_from_text
from vault.search.engine import search_notes
from vault.store.backup import backup_vault
from vault.store.unsaved_edits import keep_unsaved_edit

MARKERS = [b"Zqxmarkerclientname", b"Wvumarkernotetext", b"Ypomarkerdraft", b"Jkrmarkersearch"]


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Route every temp file Python or SQLite might make into a folder we can scan."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setenv("SQLITE_TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    return scratch


def test_no_marker_in_any_file_the_vault_wrote(tmp_path, private_tmp, fast_kdf):
    vault_dir = tmp_path / "v"
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        client = add_client(v, ClientProfile(full_name="Demo Zqxmarkerclientname"))
        for i in range(300):
            create_note_from_text(
                v,
                NoteInput(
                    kind="free",
                    session_start=f"2026-01-{i % 28 + 1:02d}T09:00",
                    participants=(client.id,),
                    body=f"Wvumarkernotetext {i} " + "demo words " * 100,
                ),
            )
        keep_unsaved_edit(v, f"client:{client.id}", '{"notes": "Ypomarkerdraft"}')
        list_clients(v, "all", "Jkrmarkersearch")
        search_notes(v, "Jkrmarkersearch")
        search_notes(v, '"Jkrmarkersearch demo" Wvumark', typing=True)
        # A large sort forces SQLite to use temp storage, which must stay in memory.
        v.db.query("SELECT body FROM note_sections ORDER BY body DESC")
        update_client(v, client.id, ClientProfile(full_name="Demo Zqxmarkerclientname II"))
        backup_vault(v, tmp_path)
    assert files_containing(tmp_path, MARKERS) == []
    assert files_containing(private_tmp, MARKERS) == []


def test_markers_are_found_when_present(tmp_path):
    """The scanner itself works: a plaintext copy would be caught."""
    (tmp_path / "leak.txt").write_bytes(b"prefix " + MARKERS[0])
    assert files_containing(tmp_path, MARKERS) == [(tmp_path / "leak.txt", MARKERS[0])]


def test_open_vault_wal_holds_no_plaintext(tmp_path, fast_kdf):
    """While unlocked, committed pages sit in the WAL file: they are encrypted too."""
    with Vault.create(tmp_path / "v", PASSPHRASE, kdf_params=fast_kdf) as v:
        add_client(v, ClientProfile(full_name="Demo Zqxmarkerclientname"))
        assert list((tmp_path / "v").glob("*-wal"))
        assert files_containing(tmp_path, MARKERS) == []
