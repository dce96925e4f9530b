"""A flipped byte anywhere in the database is caught by SQLCipher's per-page HMAC; damage to the
structure is found table by table as the whole-file check finds it; every table is checked once."""

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


def test_checks_run_side_by_side_find_what_they_found_one_after_the_other(vault):
    """The page and structure checks run on their own connections beside the record checks;
    the problems, and their order, are those of running everything in turn."""
    from vault.audit.check import check_audit_trail
    from vault.notes.signature_check import check_signed_notes
    from vault.notes.signing import sign_note
    from vault.store.database import check_integrity

    client = add_client(vault, ClientProfile(full_name="Demo Side By Side"))
    note_id = create_note_from_text(
        vault,
        NoteInput(kind="free", session_start="2026-01-05T10:00", participants=(client.id,),
                  body="Demo signed body"),
    )  # fmt: skip
    sign_note(vault, note_id, "Demo Clinician")
    draft = create_note_from_text(
        vault,
        NoteInput(kind="free", session_start="2026-01-06T10:00", participants=(client.id,),
                  body="Demo draft body"),
    )  # fmt: skip
    with vault.db.read() as conn:  # outside a transaction, where the pragma takes effect
        conn.execute("PRAGMA foreign_keys = OFF")
    with vault.db.write() as conn:
        conn.execute("INSERT INTO note_participants (note_id, client_id) VALUES (?, 999)", (draft,))
        for table in ("audit_log", "note_sections"):
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
            ).fetchall():
                conn.execute(f"DROP TRIGGER {name}")
        conn.execute("UPDATE audit_log SET detail = 'demo' WHERE seq = 2")
        conn.execute("UPDATE note_sections SET body = 'Demo forged' WHERE note_id = ?", (note_id,))
    with vault.db.read() as conn:
        conn.execute("PRAGMA foreign_keys = ON")
    in_turn = check_integrity(vault.db) + check_signed_notes(vault) + check_audit_trail(vault)
    found = verify_vault(vault)
    assert found == in_turn
    assert verify_vault(vault, in_turn=True) == found
    assert verify_vault(vault, full=True) == found
    assert any("broken reference in table note_participants" in p for p in found)
    assert any(f"signed note {note_id}" in p for p in found)
    assert any("audit entry 2 was changed" in p for p in found)


def _fill(vault: Vault, count: int = 30) -> None:
    for i in range(count):
        client = add_client(vault, ClientProfile(full_name=f"Demo Structure {i:03d}"))
        create_note_from_text(
            vault,
            NoteInput(
                kind="free",
                session_start=f"2026-01-{i % 28 + 1:02d}T10:00",
                participants=(client.id,),
                body=f"demo body {i} " * 50,
            ),
        )


def _set_index_sql(vault_dir, sql: str) -> None:
    """Rewrite an index's definition in the schema (not its entries): a logic corruption the
    page HMACs cannot see, since the key wrote it."""
    with Vault.open(vault_dir, PASSPHRASE) as v, v.db.read() as conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'notes_by_session'", (sql,))
        conn.execute("PRAGMA writable_schema = OFF")


def test_a_damaged_index_is_found_table_by_table_as_by_the_whole_file_check(vault_dir, fast_kdf):
    from vault.store.database import check_integrity

    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        _fill(v)
    _set_index_sql(vault_dir, "CREATE INDEX notes_by_session ON notes (modality, id)")
    with Vault.open(vault_dir, PASSPHRASE) as v:
        found = verify_vault(v)
        assert found == check_integrity(v.db)
        assert verify_vault(v, full=True) == found
    assert "structure check: row 1 missing from index notes_by_session" in found
    _set_index_sql(vault_dir, "CREATE INDEX notes_by_session ON notes (session_start, id)")
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert verify_vault(v) == []


def test_a_damaged_search_index_is_found(vault):
    from vault.store.database import check_integrity

    _fill(vault, 5)
    with vault.db.write() as conn:
        conn.execute(
            "UPDATE notes_fts_data SET block = zeroblob(length(block)) "
            "WHERE id = (SELECT max(id) FROM notes_fts_data)"
        )
    found = verify_vault(vault)
    assert found and all("notes_fts" in problem for problem in found)
    assert found == check_integrity(vault.db)


def test_every_table_is_checked_once_on_the_lane_of_the_check_that_reads_it():
    from vault.store.integrity import RecordStep, plan_lanes

    tables = [
        ("notes", False),
        ("note_sections", False),
        ("audit_log", False),
        ("notes_fts", True),
        ("notes_fts_data", False),
        ("notes_fts_idx", False),
        ("clients", False),
    ]
    records = [
        RecordStep(("note_sections", "notes", "no_such_table"), lambda conn: []),
        RecordStep(("audit_log", "notes"), lambda conn: []),  # notes: claimed already
    ]
    lanes = plan_lanes(tables, records)
    labels = [[job.label for job in lane.jobs] for lane in lanes]
    assert labels == [
        ["every page's HMAC"],
        [
            "structure of notes_fts",
            "structure of notes_fts_data",
            "structure of notes_fts_idx",
            "references of notes_fts_data",
            "references of notes_fts_idx",
        ],
        [
            "structure of note_sections",
            "structure of notes",
            "references of note_sections",
            "references of notes",
            "record check 1",
        ],
        ["structure of audit_log", "references of audit_log", "record check 2"],
        ["structure of sqlite_schema, free list", "structure of clients", "references of clients"],
    ]
    assert [lane.cached for lane in lanes] == [False, True, True, True, True]
    full = plan_lanes(tables, records, full=True)
    assert [[job.label for job in lane.jobs] for lane in full] == [
        ["every page's HMAC"],
        ["whole file"],
        ["record check 1"],
        ["record check 2"],
    ]
