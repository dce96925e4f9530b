"""A vault whose folder vanished never "saves" into nothing; a call racing the lock is told so."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from vault import Vault, VaultGoneError, VaultLockedError
from vault.clients.records import ClientProfile, add_client, list_clients
from vault.notes.records import NoteInput, create_note_from_text


def _note(client_id: int) -> NoteInput:
    return NoteInput(
        kind="free", session_start="2026-03-02T14:00", participants=(client_id,), body="Demo"
    )


def test_saving_after_the_folder_was_deleted_fails_plainly(vault: Vault) -> None:
    client = add_client(vault, ClientProfile(full_name="Demo Avery"))
    shutil.rmtree(vault.directory)
    assert not vault.files_present()
    with pytest.raises(VaultGoneError, match="no longer there"):
        add_client(vault, ClientProfile(full_name="Demo Blake"))
    with pytest.raises(VaultGoneError):
        create_note_from_text(vault, _note(client.id))
    vault.close()  # locking still works, and says nothing misleading


def test_saving_after_the_folder_was_moved_away_fails(vault: Vault, tmp_path: Path) -> None:
    vault.directory.rename(tmp_path / "moved-by-sync")
    with pytest.raises(VaultGoneError):
        add_client(vault, ClientProfile(full_name="Demo Casey"))


def test_a_database_replaced_under_an_open_vault_is_gone_too(vault: Vault) -> None:
    db = vault.directory / vault.header.database_name
    copy = db.with_name("copy.db")
    shutil.copyfile(db, copy)
    copy.replace(db)  # same name, another file: a sync client "restoring" it
    with pytest.raises(VaultGoneError):
        add_client(vault, ClientProfile(full_name="Demo Drew"))


def test_reading_still_works_and_a_sound_vault_saves(vault: Vault) -> None:
    assert vault.files_present()
    add_client(vault, ClientProfile(full_name="Demo Emery"))
    assert [c.full_name for c in list_clients(vault, "all")] == ["Demo Emery"]


def test_a_call_that_raced_the_lock_gets_vault_locked_not_a_programming_error(
    vault: Vault,
) -> None:
    db = vault.db  # taken before the lock, as a worker thread would have
    vault.close()
    with pytest.raises(VaultLockedError):
        db.query("SELECT count(*) FROM clients")
    with pytest.raises(VaultLockedError), db.write() as conn:
        conn.execute("SELECT 1")


def test_a_call_waiting_for_the_connection_during_lock_gets_vault_locked(vault: Vault) -> None:
    db = vault.db
    started, release = threading.Event(), threading.Event()
    outcome: list[BaseException | None] = []

    def hold_then_query() -> None:
        with db.read():
            started.set()
            release.wait(5)
        try:
            db.query("SELECT count(*) FROM clients")
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=hold_then_query)
    worker.start()
    started.wait(5)
    closer = threading.Thread(target=vault.close)
    closer.start()
    release.set()
    closer.join(5)
    worker.join(5)
    assert len(outcome) == 1
    assert outcome[0] is None or isinstance(outcome[0], VaultLockedError)
