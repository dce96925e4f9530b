"""Signed forms attached to a consent or a release: kept whole, refused when not a form, saved
out only where the therapist chose, traced in the audit trail by ids only."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3

from tests.support.form_samples import pdf, png
from tests.support.sqlcipher_pages import markers_in_pages
from vault import DiskFullError, RecordNotFoundError, ValidationError, Vault
from vault.audit.trail import AuditFilter, iter_entries
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client
from vault.consent import form_files
from vault.consent.attachments import (
    attach_form,
    attach_form_file,
    attachment_bytes,
    attachments_for_client,
    attachments_of_consent,
    attachments_of_release,
    get_attachment,
    remove_attachment,
    replace_attachment,
    save_attachment,
)
from vault.consent.consents import record_consent
from vault.consent.form_files import MAX_BYTES
from vault.consent.releases import record_release

MARKER = "Qzvdemosignedform"


@pytest.fixture
def client(vault: Vault) -> int:
    return add_client(vault, ClientProfile(full_name="Demo Form Person")).id


@pytest.fixture
def consent(vault: Vault, client: int) -> int:
    return record_consent(
        vault, client, given_on=date(2026, 1, 5), how="signed_paper", limits_explained=[]
    ).id


@pytest.fixture
def release(vault: Vault, client: int) -> int:
    return record_release(
        vault, client, recipient_name="Demo GP", purpose="Demo care", information="Demo dates",
        signed_on=date(2026, 1, 5), expires_on=date(2027, 1, 5),
    ).id  # fmt: skip


def _count(vault: Vault, table: str) -> int:
    row = vault.db.query_one(f"SELECT count(*) FROM {table}")
    assert row is not None
    return int(row[0])


def test_a_form_round_trips_attach_list_read_and_save(
    vault: Vault, client: int, consent: int, tmp_path: Path
) -> None:
    data = pdf(MARKER)
    added = attach_form(vault, consent_id=consent, file_name="Signed consent.pdf", data=data)
    assert (added.client_id, added.consent_id, added.release_id) == (client, consent, None)
    assert added.file_name == "Signed consent.pdf"
    assert added.media_type == "application/pdf"
    assert added.size_bytes == len(data)
    assert added.sha256 == hashlib.sha256(data).hexdigest()
    assert added.in_record and added.added_at.startswith(str(date.today().year))
    assert attachments_of_consent(vault, consent) == [added]
    assert attachments_for_client(vault, client) == [added]
    assert attachment_bytes(vault, added.id) == data
    saved = save_attachment(vault, added.id, tmp_path / "out" / ".." / "copy.pdf")
    assert saved == (tmp_path / "copy.pdf").resolve()
    assert saved.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("copy")] == ["copy.pdf"]
    assert verify_vault(vault) == []


def test_a_release_takes_its_signed_form_too(vault: Vault, release: int, tmp_path: Path) -> None:
    source = tmp_path / "authorisation scan.png"
    source.write_bytes(png())
    added = attach_form_file(vault, source, release_id=release)
    assert added.media_type == "image/png" and added.file_name == "authorisation scan.png"
    assert attachments_of_release(vault, release) == [added]


def test_a_form_belongs_to_exactly_one_existing_record(
    vault: Vault, consent: int, release: int
) -> None:
    with pytest.raises(ValidationError, match="one consent or one release"):
        attach_form(vault, file_name="a.pdf", data=pdf())
    with pytest.raises(ValidationError, match="one consent or one release"):
        attach_form(vault, consent_id=consent, release_id=release, file_name="a.pdf", data=pdf())
    with pytest.raises(RecordNotFoundError):
        attach_form(vault, consent_id=999, file_name="a.pdf", data=pdf())
    assert _count(vault, "consent_attachments") == 0


def test_a_text_file_named_pdf_is_refused_and_nothing_is_written(
    vault: Vault, consent: int
) -> None:
    before = _count(vault, "audit_log")
    with pytest.raises(ValidationError, match=r"PDF, PNG, JPEG or TIFF.*plain text"):
        attach_form(vault, consent_id=consent, file_name="form.pdf", data=b"Demo not a PDF\n")
    with pytest.raises(ValidationError, match="Word document"):
        attach_form(vault, consent_id=consent, file_name="form.pdf", data=b"PK\x03\x04rest")
    with pytest.raises(ValidationError, match="cut short"):
        attach_form(vault, consent_id=consent, file_name="form.pdf", data=pdf()[:-40])
    with pytest.raises(ValidationError, match="empty"):
        attach_form(vault, consent_id=consent, file_name="form.pdf", data=b"")
    assert _count(vault, "consent_attachments") == 0
    assert _count(vault, "consent_attachment_bytes") == 0
    assert _count(vault, "audit_log") == before


def test_a_file_over_the_limit_is_refused_with_its_size_and_nothing_is_written(
    vault: Vault, consent: int, tmp_path: Path
) -> None:
    huge = pdf() + b"%" + b"x" * (MAX_BYTES - len(pdf())) + b"\n%%EOF\n"
    assert len(huge) > MAX_BYTES > 10_000_000
    with pytest.raises(ValidationError, match=r"20\.0 MB; a signed form may be at most 20\.0 MB"):
        attach_form(vault, consent_id=consent, file_name="big.pdf", data=huge)
    source = tmp_path / "big.pdf"
    source.write_bytes(huge)
    with pytest.raises(ValidationError, match=r"at most 20\.0 MB") as refused:
        attach_form_file(vault, source, consent_id=consent)
    assert refused.value.field == "file"
    assert _count(vault, "consent_attachments") == 0


def test_the_size_is_checked_before_the_file_is_read(
    vault: Vault, consent: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "sparse.pdf"
    with open(source, "wb") as handle:
        handle.truncate(2 * 1024**3)  # 2 GB, sparse: reading it whole would take 2 GB of memory
    reads: list[int] = []
    monkeypatch.setattr(form_files, "_read_at_most", lambda _h, limit: reads.append(limit))
    with pytest.raises(ValidationError, match=r"2048\.0 MB"):
        attach_form_file(vault, source, consent_id=consent)
    assert reads == []


def test_the_same_file_twice_is_refused(vault: Vault, consent: int) -> None:
    first = attach_form(vault, consent_id=consent, file_name="a.pdf", data=pdf())
    with pytest.raises(ValidationError, match=f"already attached here \\(form {first.id}\\)"):
        attach_form(vault, consent_id=consent, file_name="again.pdf", data=pdf())


def test_a_form_never_changes_behind_the_vault(vault: Vault, consent: int) -> None:
    added = attach_form(vault, consent_id=consent, file_name="a.pdf", data=pdf())
    for sql in (
        "UPDATE consent_attachments SET file_name = 'other.pdf' WHERE id = ?",
        "UPDATE consent_attachments SET sha256 = replace(sha256, 'a', 'b') WHERE id = ?",
        "UPDATE consent_attachment_bytes SET data = x'00' WHERE attachment_id = ?",
        "DELETE FROM consent_attachment_bytes WHERE attachment_id = ?",
    ):
        with (
            pytest.raises(sqlcipher3.IntegrityError, match="never changes"),
            vault.db.write() as conn,
        ):
            conn.execute(sql, (added.id,))
    assert attachment_bytes(vault, added.id) == pdf()


def test_check_catches_a_tampered_form(vault: Vault, consent: int) -> None:
    added = attach_form(vault, consent_id=consent, file_name="a.pdf", data=pdf(MARKER))
    assert verify_vault(vault) == []
    forged = pdf("Demo forged signature")
    with vault.db.write() as conn:
        conn.execute("DROP TRIGGER consent_attachment_bytes_refuse_update")
        conn.execute(
            "UPDATE consent_attachment_bytes SET data = ? WHERE attachment_id = ?",
            (forged, added.id),
        )
    problems = verify_vault(vault)
    assert f"attached form {added.id} no longer matches its SHA-256: it was changed" in problems
    with pytest.raises(ValidationError, match="damaged or tampered"):
        attachment_bytes(vault, added.id)


def test_check_catches_a_form_whose_file_went_missing(vault: Vault, consent: int) -> None:
    added = attach_form(vault, consent_id=consent, file_name="a.pdf", data=pdf())
    with vault.db.write() as conn:
        conn.execute("DROP TRIGGER consent_attachment_bytes_kept")
        conn.execute("DELETE FROM consent_attachment_bytes WHERE attachment_id = ?", (added.id,))
    assert f"attached form {added.id} has lost its file" in verify_vault(vault)


def test_replacing_keeps_the_trace_and_drops_the_old_bytes(
    vault: Vault, consent: int, vault_dir: Path
) -> None:
    old = attach_form(vault, consent_id=consent, file_name="blurred.pdf", data=pdf(MARKER))
    new = replace_attachment(vault, old.id, file_name="clear scan.pdf", data=pdf("Demo clear"))
    gone = get_attachment(vault, old.id)
    assert (gone.removal, gone.replaced_by, gone.file_name) == ("replaced", new.id, "blurred.pdf")
    assert gone.sha256 == old.sha256 and gone.removed_at is not None
    assert [a.id for a in attachments_of_consent(vault, consent)] == [old.id, new.id]
    with pytest.raises(ValidationError, match=f"replaced by form {new.id}"):
        attachment_bytes(vault, old.id)
    with pytest.raises(ValidationError, match="already left the record"):
        remove_attachment(vault, old.id)
    vault.db.checkpoint()
    db = vault_dir / vault.header.database_name
    assert markers_in_pages(db, vault.key(), [MARKER, "Demo clear"]) == ["Demo clear"]
    assert verify_vault(vault) == []


def test_a_form_attached_by_mistake_leaves_with_its_name(vault: Vault, consent: int) -> None:
    wrong = attach_form(
        vault, consent_id=consent, file_name="Demo Other Person consent.pdf", data=pdf()
    )
    removed = remove_attachment(vault, wrong.id)
    assert (removed.removal, removed.file_name, removed.sha256) == ("mistake", "", wrong.sha256)
    assert verify_vault(vault) == []
    again = attach_form(vault, consent_id=consent, file_name="right.pdf", data=pdf())
    assert again.in_record  # the same bytes may come back once the mistake is gone


def test_audit_entries_name_ids_only(
    vault: Vault, client: int, consent: int, tmp_path: Path
) -> None:
    name = f"Demo {MARKER} form.pdf"
    added = attach_form(vault, consent_id=consent, file_name=name, data=pdf(MARKER))
    save_attachment(vault, added.id, tmp_path / "copy.pdf")
    newer = replace_attachment(vault, added.id, file_name=name, data=pdf("Demo newer"))
    remove_attachment(vault, newer.id)
    entries = [
        e for e in iter_entries(vault, AuditFilter(client_id=client)) if e.kind == "attachment"
    ]
    assert [(e.action, e.record_id, e.detail) for e in entries] == [
        ("attachment.added", added.id, "consent"),
        ("attachment.saved_out", added.id, ""),
        ("attachment.added", newer.id, "consent"),
        ("attachment.removed", added.id, "replaced"),
        ("attachment.removed", newer.id, "mistake"),
    ]
    assert all(e.record_kind == "attachment" and e.client_id == client for e in entries)
    for entry in entries:
        assert MARKER not in repr(entry) and "copy" not in repr(entry)


def test_a_copy_is_never_saved_inside_the_vault_folder(
    vault: Vault, consent: int, vault_dir: Path, tmp_path: Path
) -> None:
    added = attach_form(vault, consent_id=consent, file_name="a.pdf", data=pdf())
    before = sorted(p.name for p in vault_dir.iterdir())
    with pytest.raises(ValidationError, match="outside the vault's folder"):
        save_attachment(vault, added.id, vault_dir / "a.pdf")
    with pytest.raises(ValidationError, match="is a folder"):
        save_attachment(vault, added.id, tmp_path)
    assert sorted(p.name for p in vault_dir.iterdir()) == before
    saved_out = [e for e in iter_entries(vault) if e.action == "attachment.saved_out"]
    assert saved_out == []


def test_a_copy_that_cannot_be_written_leaves_no_entry_and_no_file(
    vault: Vault, consent: int, tmp_path: Path
) -> None:
    added = attach_form(vault, consent_id=consent, file_name="a.pdf", data=pdf())
    missing = tmp_path / "no such folder" / "a.pdf"
    with pytest.raises(Exception, match="does not exist"):
        save_attachment(vault, added.id, missing)
    assert not missing.parent.exists()
    assert [e for e in iter_entries(vault) if e.action == "attachment.saved_out"] == []


def test_saving_replaces_an_existing_file_whole(vault: Vault, consent: int, tmp_path: Path) -> None:
    added = attach_form(vault, consent_id=consent, file_name="a.pdf", data=pdf(MARKER))
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "copy.pdf"
    target.write_bytes(b"Demo older file, much longer than nothing at all " * 1000)
    save_attachment(vault, added.id, target)
    assert target.read_bytes() == pdf(MARKER)
    assert [p.name for p in target.parent.iterdir()] == ["copy.pdf"]  # no temporary left


def test_the_form_bytes_are_not_plaintext_in_any_vault_file(
    vault: Vault, consent: int, vault_dir: Path
) -> None:
    attach_form(vault, consent_id=consent, file_name=f"{MARKER}.pdf", data=pdf(MARKER))
    for path in vault_dir.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path
    vault.db.checkpoint()
    db = vault_dir / vault.header.database_name
    assert markers_in_pages(db, vault.key(), [MARKER]) == [MARKER]  # the decryptor sees it


def test_destroying_the_consent_rows_takes_the_forms_with_them(
    vault: Vault, client: int, consent: int, release: int
) -> None:
    """A record's destruction deletes consents and releases; their forms follow (cascade)."""
    attach_form(vault, consent_id=consent, file_name="a.pdf", data=pdf())
    attach_form(vault, release_id=release, file_name="b.pdf", data=pdf("Demo release"))
    with vault.db.write() as conn:
        conn.execute("DELETE FROM consents WHERE client_id = ?", (client,))
        conn.execute("DELETE FROM releases WHERE client_id = ?", (client,))
    assert _count(vault, "consent_attachments") == 0
    assert _count(vault, "consent_attachment_bytes") == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (needs root, as CI runs); skipped where mounting is not allowed."""
    where = tmp_path / "small"
    where.mkdir()
    try:
        mounted = (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)],
                capture_output=True,
                check=False,
            ).returncode
            == 0
        )
    except FileNotFoundError:
        mounted = False
    if not mounted:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_copy_onto_a_full_disk_fails_clearly_and_leaves_nothing(
    vault: Vault, consent: int, small_disk: Path
) -> None:
    big = pdf() + b"%" + b"x" * 2_000_000 + b"\n%%EOF\n"
    added = attach_form(vault, consent_id=consent, file_name="big.pdf", data=big)
    with pytest.raises(DiskFullError, match="full"):
        save_attachment(vault, added.id, small_disk / "copy.pdf")
    assert list(small_disk.iterdir()) == []  # neither the copy nor its temporary
    assert [e for e in iter_entries(vault) if e.action == "attachment.saved_out"] == []
