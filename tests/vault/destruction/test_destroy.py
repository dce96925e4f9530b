"""Destroying a client: every row and page of theirs gone, the partner's joint note whole and
still verifying, the trail a chain with one anonymous tombstone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.support.sqlcipher_pages import markers_in_pages, plain_sql_dump, plaintext_of
from tests.vault.destruction.practice import GONE, GONE_NAME, KEPT, Practice, build_practice
from vault import RecordNotFoundError, Vault
from vault.audit.trail import AuditFilter, list_entries
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, list_clients
from vault.consent.disclosures import accounting_of_disclosures
from vault.destruction.destroy import destroy_client
from vault.destruction.plan import preview_destruction
from vault.notes.records import get_note
from vault.notes.signing import signature_problems
from vault.search.engine import search_notes
from vault.store.compaction import scrub_pending


@pytest.fixture
def practice(vault: Vault) -> Practice:
    return build_practice(vault)


def _db(vault: Vault) -> Path:
    return vault.directory / vault.header.database_name


def _all_files_plain(vault: Vault) -> bytes:
    """Every byte of every file in the vault folder, and every decrypted page of the database
    and its log (the unsaved edits live in the database)."""
    raw = b"".join(p.read_bytes() for p in vault.directory.iterdir() if p.is_file())
    return raw + plaintext_of(_db(vault), vault.key())


def _dump(vault: Vault) -> str:
    with vault.db.read() as conn:
        return plain_sql_dump(conn, vault.directory.parent)


def test_the_practice_holds_every_marker_before_the_destruction(
    vault: Vault, practice: Practice
) -> None:
    vault.db.checkpoint()
    assert markers_in_pages(_db(vault), vault.key(), GONE) == GONE
    dump = _dump(vault)
    assert [m for m in GONE if m not in dump] == []


def test_no_marker_of_the_destroyed_client_is_left_in_any_row_or_page(
    vault: Vault, practice: Practice
) -> None:
    destroy_client(vault, practice.gone, GONE_NAME)
    assert markers_in_pages(_db(vault), vault.key(), GONE) == []
    plain = _all_files_plain(vault)
    assert [m for m in GONE if m.encode() in plain or m.lower().encode() in plain] == []
    dump = _dump(vault)
    assert [m for m in GONE if m.lower() in dump.lower()] == []
    wal = _db(vault).with_name(_db(vault).name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert not scrub_pending(vault.db)


def test_the_partner_keeps_their_joint_note_text_and_private_section(
    vault: Vault, practice: Practice
) -> None:
    before = get_note(vault, practice.joint_note)
    destroy_client(vault, practice.gone, GONE_NAME)
    note = get_note(vault, practice.joint_note)
    assert note.content.participants == (practice.kept,)
    texts = [s.text for s in note.content.sections]
    assert texts == ["Keptsharedtext both attended", "Keptprivatesection words"]
    assert [s.private_to for s in note.content.sections] == [None, practice.kept]
    assert [a.text for a in note.addenda] == ["A shared demo addendum", "Keptcorrection words"]
    assert note.signature == before.signature  # the signer, the time and the signed hash stay
    dump = _dump(vault)
    assert [m for m in KEPT if m not in dump] == []
    assert get_note(vault, practice.kept_note).content.sections[0].text == "Keptownnote"


def test_the_joint_note_carries_its_redaction_and_still_verifies(
    vault: Vault, practice: Practice
) -> None:
    sealed = get_note(vault, practice.joint_note).signature
    assert sealed is not None
    destroy_client(vault, practice.gone, GONE_NAME)
    note = get_note(vault, practice.joint_note)
    (redaction,) = note.redactions
    assert redaction.cause == "participant_destroyed"
    assert redaction.sections_removed == ("private",)
    assert len(redaction.addenda_removed) == 1
    assert redaction.sealed_sha256 == redaction.prior_sha256 == sealed.content_sha256
    assert signature_problems(note) == []
    assert verify_vault(vault) == []


def test_every_row_of_the_client_is_gone(vault: Vault, practice: Practice) -> None:
    destroy_client(vault, practice.gone, GONE_NAME)
    gone = practice.gone
    with pytest.raises(RecordNotFoundError):
        preview_destruction(vault, gone)
    for note_id in practice.alone_notes:
        with pytest.raises(RecordNotFoundError):
            get_note(vault, note_id)
    for table in ("consents", "releases", "disclosures", "access_requests", "amendment_requests"):
        assert vault.db.query(f"SELECT count(*) FROM {table} WHERE client_id = ?", (gone,)) == [
            (0,)
        ]
    assert vault.db.query("SELECT count(*) FROM consent_revisits") == [(0,)]
    assert vault.db.query("SELECT count(*) FROM drafts") == [(0,)]
    assert vault.db.query("SELECT count(*) FROM note_sections WHERE private_to = ?", (gone,)) == [
        (0,)
    ]
    assert [c.id for c in list_clients(vault, "all")] == [practice.kept]
    assert accounting_of_disclosures(vault, practice.kept) == []


def test_search_finds_nothing_of_the_destroyed_client(vault: Vault, practice: Practice) -> None:
    assert search_notes(vault, "Gonealonenotetext").hits
    destroy_client(vault, practice.gone, GONE_NAME)
    for word in ("Gonealonenotetext", "Goneprivatesection", "Qzvanishing", "Goneamendmenttext"):
        assert search_notes(vault, word).hits == ()
    assert [h.note_id for h in search_notes(vault, "Keptsharedtext").hits] == [practice.joint_note]
    assert search_notes(vault, "Kpartner").hits  # the partner's name still finds their notes


def test_the_trail_keeps_a_tombstone_with_the_id_and_counts_and_no_name(
    vault: Vault, practice: Practice
) -> None:
    earlier = list_entries(vault, AuditFilter(client_id=practice.gone), limit=1000)
    result = destroy_client(vault, practice.gone, GONE_NAME)
    after = list_entries(vault, AuditFilter(client_id=practice.gone), limit=1000)
    assert after[: len(earlier)] == earlier  # hash-chained: nothing earlier changes
    tombstone = after[-1]
    assert tombstone.seq == result.audit_seq
    assert (tombstone.action, tombstone.record_kind, tombstone.record_id) == (
        "client.destroyed",
        "client",
        practice.gone,
    )
    assert tombstone.detail == (
        "notes=2,joint_kept=1,consents=1,releases=1,disclosures=1,requests=2"
    )
    redacted = list_entries(vault, AuditFilter(kinds=("note.redacted",)))
    assert [(e.record_id, e.client_id) for e in redacted] == [(practice.joint_note, practice.kept)]
    assert verify_vault(vault) == []  # the audit chain and every seal


def test_ids_of_destroyed_records_are_never_given_again(vault: Vault, practice: Practice) -> None:
    destroy_client(vault, practice.gone, GONE_NAME)
    again = add_client(vault, ClientProfile(full_name="Demo Next Client"))
    assert again.id > practice.gone and again.id > practice.kept
    only = add_client(vault, ClientProfile(full_name="Demo Newest Client"))
    destroy_client(vault, only.id, "Demo Newest Client")
    assert add_client(vault, ClientProfile(full_name="Demo After")).id == only.id + 1


def test_a_note_id_of_a_destroyed_newest_note_is_not_reused(vault: Vault) -> None:
    from tests.vault.note_helpers import soap, stored
    from vault.notes.signing import sign_note

    client = add_client(vault, ClientProfile(full_name="Demo Single Note")).id
    other = add_client(vault, ClientProfile(full_name="Demo Other Person")).id
    note = stored(vault, soap((client,)))
    sign_note(vault, note, "Demo Clinician")
    destroy_client(vault, client, "Demo Single Note")
    assert stored(vault, soap((other,))) == note + 1


def test_destroying_both_partners_removes_the_joint_note_with_its_redaction(
    vault: Vault, practice: Practice
) -> None:
    destroy_client(vault, practice.gone, GONE_NAME)
    destroy_client(vault, practice.kept, "Demo Kpartner Stayswell")
    assert vault.db.query("SELECT count(*) FROM notes") == [(0,)]
    assert vault.db.query("SELECT count(*) FROM note_redactions") == [(0,)]
    assert markers_in_pages(_db(vault), vault.key(), GONE + KEPT) == []
    assert verify_vault(vault) == []


def test_a_client_with_nothing_but_a_profile_is_destroyed(vault: Vault) -> None:
    client = add_client(vault, ClientProfile(full_name="Demo Only Profile", notes="Xqprofiletext"))
    result = destroy_client(vault, client.id, "  Demo Only Profile \n")
    assert result.preview.counts.notes == 0 and result.rewritten and result.log_cleared
    assert markers_in_pages(_db(vault), vault.key(), ["Xqprofiletext"]) == []
    assert verify_vault(vault) == []


def test_a_destruction_interrupted_before_its_rewrite_finishes_at_the_next_unlock(
    vault: Vault, practice: Practice, tmp_path: Path
) -> None:
    def crash(step: str) -> None:
        if step == "committed":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        destroy_client(vault, practice.gone, GONE_NAME, step_hook=crash)
    assert scrub_pending(vault.db)
    # The files as a killed process leaves them: committed in the log, never rewritten.
    crashed = tmp_path / "crashed.vault"
    crashed.mkdir()
    for path in vault.directory.iterdir():
        if path.name != ".lock" and not path.name.endswith("-shm"):
            shutil.copy2(path, crashed / path.name)
    assert markers_in_pages(crashed / _db(vault).name, vault.key(), GONE) != []
    with Vault.open(crashed, PASSPHRASE) as reopened:
        assert not scrub_pending(reopened.db)
        assert markers_in_pages(_db(reopened), reopened.key(), GONE) == []
        assert verify_vault(reopened) == []


def test_the_result_names_the_backups_that_still_hold_the_record(
    vault: Vault, practice: Practice, tmp_path: Path
) -> None:
    from vault.store.backup import backup_vault

    folder = tmp_path / "backups"
    folder.mkdir()
    made = backup_vault(vault, folder)
    result = destroy_client(vault, practice.gone, GONE_NAME, backup_folder=folder)
    assert result.backups.paths == (made,)
    notice = result.backups.notice()
    assert notice.startswith("Backups made before the destruction still hold this record")
    assert f"{folder} holds 1 backup" in notice
    (copy,) = made.glob("*.db")
    assert "Qzvanishing" in markers_in_pages(copy, vault.key(), GONE)  # as the notice says


def test_signed_forms_leave_with_the_client_bytes_and_names_too(vault: Vault) -> None:
    from datetime import date

    from tests.support.form_samples import pdf
    from vault.consent.attachments import attach_form, replace_attachment
    from vault.consent.consents import record_consent
    from vault.consent.releases import record_release

    client = add_client(vault, ClientProfile(full_name="Demo Formholder Qxform")).id
    consent = record_consent(
        vault, client, given_on=date(2018, 1, 2), how="signed_paper",
        limits_explained=["harm_to_self"],
    )  # fmt: skip
    release = record_release(
        vault, client, recipient_name="Demo Doctor", purpose="Demo", information="Demo",
        signed_on=date(2018, 1, 3), expires_on=date(2019, 1, 3),
    )  # fmt: skip
    first = attach_form(
        vault, file_name="Qxformfilename.pdf", data=pdf("Qxformpagetext"), consent_id=consent.id
    )
    replace_attachment(vault, first.id, file_name="Qxformbetter.pdf", data=pdf("Qxformrescan"))
    attach_form(
        vault, file_name="Qxreleaseform.pdf", data=pdf("Qxreleasetext"), release_id=release.id
    )
    markers = ["Qxformfilename", "Qxformpagetext", "Qxformbetter", "Qxformrescan", "Qxreleasetext"]
    vault.db.checkpoint()
    assert markers_in_pages(_db(vault), vault.key(), markers) != []
    result = destroy_client(vault, client, "Demo Formholder Qxform")
    assert result.preview.counts.attachments == 3
    assert vault.db.query("SELECT count(*) FROM consent_attachments") == [(0,)]
    assert vault.db.query("SELECT count(*) FROM consent_attachment_bytes") == [(0,)]
    assert markers_in_pages(_db(vault), vault.key(), [*markers, "Formholder"]) == []
    assert verify_vault(vault) == []
