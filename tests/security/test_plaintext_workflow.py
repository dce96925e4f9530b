"""After a full workflow in the window and the CLI, no marker is readable in any file, and text
the therapist deleted is gone even from the decrypted pages. The markers include every free-text
field of the confidentiality records the workflow writes (a release, a disclosure, an access
and an amendment request, a consent's withdrawal), so these never reach a file in plaintext.

Scanned: every file under the vault and backup folders, the temp folder (TMPDIR/SQLITE_TMPDIR),
Qt's settings file and HOME with its XDG config, cache, data and state folders, all routed
under the test's own folder. The page scan decrypts every page of the database (and its WAL)
with the vault's key (`tests.support.sqlcipher_pages`): a word edited out of a draft and a
discarded draft's words must not be there, while words still in the record must be (which
proves the decryptor reads the pages).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.helpers import files_containing
from tests.security.workflow import (
    MARKERS,
    PRESENT,
    REMOVED,
    Places,
    private_places,
    run_workflow,
    subprocess_cli,
)
from tests.support.figures import SECURITY, record_figures
from tests.support.sqlcipher_pages import database_pages, markers_in_pages, plaintext_of
from tests.ui.conftest import (  # noqa: F401  (fixtures used by this module's tests)
    answers,
    app_settings,
    default_location,
    make_controller,
    settings_path,
)
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault import Vault
from vault.clients.records import ClientProfile, add_client

pytestmark = pytest.mark.slow


@pytest.fixture
def places(tmp_path, settings_path, monkeypatch) -> Places:  # noqa: F811
    return private_places(tmp_path, settings_path, monkeypatch)


def _scan_bytes(places: Places) -> int:
    return sum(p.stat().st_size for p in places.root.rglob("*") if p.is_file())


def test_no_marker_in_any_file_after_the_full_workflow(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],  # noqa: F811
    app_settings: AppSettings,  # noqa: F811
    places: Places,
) -> None:
    run_workflow(qtbot, make_controller, app_settings, places, subprocess_cli)
    app_settings.sync()
    assert places.settings_file.is_file()  # Qt's settings were written and are scanned
    markers = [m.encode() for m in MARKERS] + [PASSPHRASE.encode()]
    hits = files_containing(places.root, markers)
    databases = [p for p in places.root.rglob("data-*.db")]
    with Vault.open(places.vault, PASSPHRASE) as v:
        key = v.key()
    second = places.root / "second.vault"  # the vault the workflow imported its export into
    with Vault.open(second, PASSPHRASE) as v:
        second_key = v.key()

    def key_of(db: Path) -> bytes:
        return second_key if db.is_relative_to(second) else key

    # Closed: the WAL is folded in and gone, so the file alone holds every page.
    page_hits = {
        str(db.relative_to(places.root)): markers_in_pages(db, key_of(db), MARKERS)
        for db in databases
    }
    still_there = {db: [m for m in REMOVED if m in found] for db, found in page_hits.items()}
    record_figures(
        SECURITY,
        "plaintext_workflow",
        files_scanned=sum(1 for p in places.root.rglob("*") if p.is_file()),
        bytes_scanned=_scan_bytes(places),
        marker_hits_in_files=len(hits),
        databases_decrypted=len(databases),
        deleted_words_in_decrypted_pages=sum(len(v) for v in still_there.values()),
    )
    assert hits == []
    assert len(databases) >= 4  # the vault, the window's and the CLI's backups, the import
    for db, found in page_hits.items():
        path = places.root / db
        if not found and path.is_relative_to(places.backups):
            # The automatic backup at the first unlock, made before any record existed: the
            # decryptor must still read its pages.
            assert next(database_pages(path, key))[1].startswith(b"SQLite format 3\x00"), db
            continue
        # The decryptor reads the pages. The export carried every record, the signed form
        # (encrypted, beside its JSON) and the withdrawal's how and why (schema 13) included, so
        # the vault it was imported into holds every word still in the record too.
        assert set(PRESENT) <= set(found), (db, found)
    assert still_there == {db: [] for db in page_hits}


def test_the_page_decryptor_finds_what_is_there_and_only_that(vault, vault_dir) -> None:
    add_client(vault, ClientProfile(full_name="Demo Qwpresentmarker"))
    vault.db.checkpoint()
    db = vault_dir / vault.header.database_name
    found = markers_in_pages(db, vault.key(), ["Qwpresentmarker", "Qwabsentmarker"])
    assert found == ["Qwpresentmarker"]
    pages = list(database_pages(db, vault.key()))
    assert pages[0][1].startswith(b"SQLite format 3\x00")
    assert pages[0][1][16:18] == (4096).to_bytes(2, "big")  # page size, read from page 1
    assert pages[0][1][20] == 80  # the reserve: 16-byte IV and 64-byte HMAC
    wrong = bytes(32)
    assert b"Qwpresentmarker" not in plaintext_of(db, wrong)


def test_the_decryptor_reads_the_wal_of_an_open_vault(vault, vault_dir) -> None:
    add_client(vault, ClientProfile(full_name="Demo Qwwalmarker"))
    db = vault_dir / vault.header.database_name
    assert (vault_dir / (db.name + "-wal")).stat().st_size > 0
    assert markers_in_pages(db, vault.key(), ["Qwwalmarker"]) == ["Qwwalmarker"]


def test_the_page_scan_sees_words_an_index_keeps_after_a_delete(tmp_path) -> None:
    """The scan's positive control for deleted text: a contentless_delete FTS5 index (schema 2's
    kind) keeps a deleted row's terms, and the decrypted-page scan finds them."""
    import sqlcipher3

    from vault.store.database import raw_key_pragma

    key = bytes(range(32))
    db_path = tmp_path / "probe.db"
    conn = sqlcipher3.connect(str(db_path), isolation_level=None)
    conn.execute(raw_key_pragma(key))
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5 (body, content = '', contentless_delete = 1)")
    for i in range(50):
        conn.execute("INSERT INTO t (rowid, body) VALUES (?, ?)", (i, f"demo filler {i}"))
    conn.execute("INSERT INTO t (rowid, body) VALUES (99, 'Demo Gfjprobedeleted words')")
    conn.execute("DELETE FROM t WHERE rowid = 99")
    conn.close()
    assert markers_in_pages(db_path, key, ["Gfjprobedeleted"]) == ["Gfjprobedeleted"]
