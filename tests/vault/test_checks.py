"""A flipped byte anywhere in the database is caught by SQLCipher's per-page HMAC."""

from __future__ import annotations

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import flip_byte
from vault import Vault, VaultDamagedError
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, get_client, list_clients
from vault.notes.records import NoteInput, create_note_from_text, note_body
from vault.search.engine import search_notes

PAGE = 4096


@pytest.fixture
def closed_vault(vault_dir, fast_kdf):
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        for i in range(40):
            c = add_client(v, ClientProfile(full_name=f"Demo Tamper {i:03d}"))
            create_note_from_text(
                v,
                NoteInput(
                    kind="free",
                    session_start="2026-01-05T10:00",
                    participants=(c.id,),
                    body=f"demo body {i} " * 80,
                ),
            )
    return vault_dir


def _read_everything(vault: Vault) -> None:
    for summary in list_clients(vault, "all"):
        get_client(vault, summary.id)
    for (note_id,) in vault.db.query("SELECT id FROM notes"):
        note_body(vault, note_id)
    search_notes(vault, "demo body")


def _offsets(size: int) -> list[int]:
    """Positions in every page: page start (salt/IV area), middle, and end (HMAC area)."""
    offsets: list[int] = []
    for page_start in range(0, size, PAGE):
        offsets += [page_start, page_start + 17, page_start + PAGE // 2, page_start + PAGE - 1]
    return [o for o in offsets if o < size]


def test_every_flipped_byte_is_reported(closed_vault):
    db = closed_vault / "data-1.db"
    original = db.read_bytes()
    offsets = _offsets(len(original))
    assert len(offsets) > 40
    undetected: list[int] = []
    for offset in offsets:
        db.write_bytes(original)
        flip_byte(db, offset)
        try:
            with Vault.open(closed_vault, PASSPHRASE) as v:
                problems = verify_vault(v)
                if not problems:
                    _read_everything(v)
                    undetected.append(offset)
        except VaultDamagedError:
            pass
    db.write_bytes(original)
    assert undetected == []


def test_reading_a_damaged_page_raises_instead_of_returning_other_data(closed_vault):
    db = closed_vault / "data-1.db"
    with Vault.open(closed_vault, PASSPHRASE) as v:
        row = v.db.query_one("SELECT rootpage FROM sqlite_master WHERE name = 'clients'")
    assert row is not None
    flip_byte(db, (int(row[0]) - 1) * PAGE + PAGE // 2)  # inside a page holding client rows
    with pytest.raises(VaultDamagedError), Vault.open(closed_vault, PASSPHRASE) as v:
        _read_everything(v)
