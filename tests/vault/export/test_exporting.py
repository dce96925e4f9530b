"""Exporting a record: encrypted by default, written once, accounted for, nothing left behind."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
import pyzipper

from tests.vault.export.builders import (
    CONSENT_FORM_NAME,
    MARKER_A_PRIVATE,
    MARKER_B,
    MARKER_FORM_A,
    MARKER_NOTE_A,
    NAME_A,
    Practice,
)
from vault import ValidationError, Vault
from vault.audit.trail import AuditFilter, iter_entries
from vault.consent.disclosures import accounting_of_disclosures
from vault.consent.releases import releases_for
from vault.consent.requests import get_access_request
from vault.export.errors import ExportCancelledError, ExportError
from vault.export.exporting import ExportBasis, export_record
from vault.export.model import ExportSelection
from vault.export.passwords import generate_password

PASSWORD = "maple cinema orbit lantern quartz"
MARKERS = (NAME_A, MARKER_NOTE_A, MARKER_A_PRIVATE, MARKER_B, "Demo Street", "ada@example.org",
           MARKER_FORM_A, CONSENT_FORM_NAME[:-4])  # fmt: skip


def _open_zip(path: Path, password: str = PASSWORD) -> dict:  # type: ignore[type-arg]
    with pyzipper.AESZipFile(path) as archive:
        archive.setpassword(password.encode())
        names = archive.namelist()
        assert names[0] == "record.json"
        assert all(n.startswith("forms/form-") for n in names[1:])  # ids only, never a name
        for name in names:
            info = archive.getinfo(name)
            assert info.wz_aes_strength == 3 and info.CRC == 0, name  # AES-256, AE-2
        return json.loads(archive.read("record.json"))


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """A folder of its own for export files (the vault lives beside it in tmp_path)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _scan(folder: Path) -> list[str]:
    found = []
    for path in _files_under(folder):
        data = path.read_bytes()
        found += [f"{path.name}: {m}" for m in MARKERS if m.encode() in data]
    return found


def test_a_json_export_is_an_aes_256_zip_that_opens_with_its_password(
    vault: Vault, practice: Practice, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "record.zip"
    out.parent.mkdir()
    result = export_record(vault, ExportSelection(practice.a), "json", out, password=PASSWORD)
    assert result.encrypted and result.path == out and out.stat().st_size == result.bytes_written
    assert _open_zip(out)["client"]["full_name"] == NAME_A
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert _files_under(out.parent) == [out]


def test_the_wrong_password_opens_nothing(vault: Vault, practice: Practice, exports: Path) -> None:
    out = exports / "record.zip"
    export_record(vault, ExportSelection(practice.a), "json", out, password=PASSWORD)
    with pytest.raises(RuntimeError, match=r"[Bb]ad password"):
        _open_zip(out, "maple cinema orbit lantern quart")


def test_no_plaintext_reaches_the_temp_folder_or_the_destination(
    vault: Vault, practice: Practice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    export_record(vault, ExportSelection(practice.a), "json", out_dir / "r.zip", password=PASSWORD)
    assert _scan(temp) == [] and _scan(out_dir) == []
    assert _files_under(temp) == []


def test_an_unencrypted_export_is_a_deliberate_choice(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    out = exports / "record.json"
    with pytest.raises(ValidationError, match="needs a password"):
        export_record(vault, ExportSelection(practice.a), "json", out, password=None)
    with pytest.raises(ValidationError, match="takes no password"):
        export_record(
            vault, ExportSelection(practice.a), "json", out, password=PASSWORD, encrypt=False
        )
    result = export_record(
        vault, ExportSelection(practice.a), "json", out, password=None, encrypt=False
    )
    assert not result.encrypted and json.loads(out.read_bytes())["client"]["id"] == practice.a


def test_a_weak_password_is_refused_before_any_work(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    with pytest.raises(ValidationError, match="not strong enough"):
        export_record(
            vault, ExportSelection(practice.a), "json", exports / "r.zip", password="secret123"
        )
    assert _files_under(exports) == []


def test_a_generated_password_works(vault: Vault, practice: Practice, exports: Path) -> None:
    password = generate_password()
    out = exports / "r.zip"
    export_record(vault, ExportSelection(practice.a), "json", out, password=password)
    assert _open_zip(out, password)["client"]["id"] == practice.a


def test_the_export_is_recorded_in_the_audit_trail_by_id_and_format(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    export_record(vault, ExportSelection(practice.a), "json", exports / "r.zip", password=PASSWORD)
    (entry,) = iter_entries(vault, AuditFilter(kinds=("export.written",)))
    assert (entry.record_kind, entry.record_id, entry.client_id) == (
        "client",
        practice.a,
        practice.a,
    )
    assert entry.detail == "json,encrypted"


def test_the_export_is_a_disclosure_on_the_clients_own_request(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    result = export_record(
        vault, ExportSelection(practice.a), "json", exports / "r.zip", password=PASSWORD
    )
    newest = accounting_of_disclosures(vault, practice.a)[-1]
    assert newest.id == result.disclosure_id and newest.basis == "client_request"
    assert newest.disclosed_on == date.today() and "JSON export" in newest.information
    assert newest.recipient == "The client (their own request)"


def test_an_export_under_a_release_needs_one_in_force(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    (expired,) = releases_for(vault, practice.a)  # ran out on 2026-02-01
    out = exports / "r.zip"
    with pytest.raises(ValidationError, match="cannot back this disclosure"):
        export_record(
            vault, ExportSelection(practice.a), "json", out, password=PASSWORD,
            basis=ExportBasis("release", expired.id), today=date(2026, 3, 1),
        )  # fmt: skip
    assert not out.exists()
    result = export_record(
        vault, ExportSelection(practice.a), "json", out, password=PASSWORD,
        basis=ExportBasis("release", expired.id), today=date(2025, 12, 1),
    )  # fmt: skip
    disclosed = accounting_of_disclosures(vault, practice.a, date(2025, 12, 1))[-1]
    assert (disclosed.id, disclosed.release_id) == (result.disclosure_id, expired.id)
    assert disclosed.recipient == "Demo Dr Gp, Demo Clinic"


def test_an_export_can_close_the_open_access_request(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    result = export_record(
        vault, ExportSelection(practice.a), "json", exports / "r.zip", password=PASSWORD,
        close_request=practice.access_request,
    )  # fmt: skip
    request = get_access_request(vault, practice.access_request)
    assert result.request_closed == practice.access_request
    assert (request.fulfilled_on, request.fulfilled_how) == (date.today(), "export")


def test_another_clients_request_cannot_be_closed(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    with pytest.raises(ValidationError, match="another client"):
        export_record(
            vault, ExportSelection(practice.b), "json", exports / "r.zip", password=PASSWORD,
            close_request=practice.access_request,
        )  # fmt: skip
    assert _files_under(exports) == []


def test_a_cancelled_export_leaves_no_file_and_records_nothing(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    before = len(accounting_of_disclosures(vault, practice.a))
    calls = iter([False, False, True])
    with pytest.raises(ExportCancelledError):
        export_record(
            vault, ExportSelection(practice.a), "json", exports / "r.zip", password=PASSWORD,
            cancel=lambda: next(calls, True),
        )  # fmt: skip
    assert _files_under(exports) == []
    assert len(accounting_of_disclosures(vault, practice.a)) == before
    assert list(iter_entries(vault, AuditFilter(kinds=("export.written",)))) == []


def test_a_failure_while_recording_leaves_no_file(
    vault: Vault, practice: Practice, exports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vault.export.exporting as exporting

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("demo failure")

    monkeypatch.setattr(exporting, "fulfil_access_request", broken)
    with pytest.raises(OSError):
        export_record(
            vault, ExportSelection(practice.a), "json", exports / "r.zip", password=PASSWORD,
            close_request=practice.access_request,
        )  # fmt: skip
    assert _files_under(exports) == []
    assert list(iter_entries(vault, AuditFilter(kinds=("export.written",)))) == []


def test_an_existing_file_is_not_replaced_unless_asked(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    out = exports / "r.zip"
    out.write_bytes(b"keep me")
    with pytest.raises(ExportError, match="already exists"):
        export_record(vault, ExportSelection(practice.a), "json", out, password=PASSWORD)
    assert out.read_bytes() == b"keep me"
    export_record(
        vault, ExportSelection(practice.a), "json", out, password=PASSWORD, overwrite=True
    )
    assert _open_zip(out)["client"]["id"] == practice.a


def test_a_missing_folder_or_a_folder_as_destination_is_refused(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    with pytest.raises(ExportError):
        export_record(vault, ExportSelection(practice.a), "json", exports, password=PASSWORD)
    with pytest.raises(Exception, match="does not exist"):
        export_record(
            vault, ExportSelection(practice.a), "json", exports / "no" / "r.zip",
            password=PASSWORD,
        )  # fmt: skip


def test_an_unknown_format_is_refused(vault: Vault, practice: Practice, exports: Path) -> None:
    with pytest.raises(ExportError, match="no export format"):
        export_record(vault, ExportSelection(practice.a), "docx", exports / "r", password=PASSWORD)


def test_a_partial_left_by_a_killed_export_is_swept_by_the_next(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    stale = exports / ".old.zip.confidant-partial-999999999-0badc0de"
    stale.write_bytes(b"encrypted leftovers")
    export_record(vault, ExportSelection(practice.a), "json", exports / "r.zip", password=PASSWORD)
    assert not stale.exists()


def test_progress_reaches_the_end(vault: Vault, practice: Practice, exports: Path) -> None:
    seen: list[tuple[int, int]] = []
    export_record(
        vault, ExportSelection(practice.a), "json", exports / "r.zip", password=PASSWORD,
        progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    assert seen[-1] == (4, 4)


def test_the_zip_holds_nothing_readable_without_the_password(
    vault: Vault, practice: Practice, exports: Path
) -> None:
    out = exports / "r.zip"
    export_record(vault, ExportSelection(practice.a), "json", out, password=PASSWORD)
    raw = out.read_bytes()
    assert b"record.json" in raw  # the member's name is the only plain text
    for marker in MARKERS:
        assert marker.encode() not in raw
    with pyzipper.AESZipFile(io.BytesIO(raw)) as archive, pytest.raises(RuntimeError):
        archive.read("record.json")
    assert os.path.getsize(out) == len(raw)


def test_a_full_disk_says_so_and_leaves_no_file(
    vault: Vault, practice: Practice, exports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import vault.export.writing as writing
    from vault import DiskFullError

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writing.os, "fsync", full)
    with pytest.raises(DiskFullError):
        export_record(vault, ExportSelection(practice.a), "json", exports / "r.zip",
                      password=PASSWORD)  # fmt: skip
    monkeypatch.undo()
    assert _files_under(exports) == []
    assert list(iter_entries(vault, AuditFilter(kinds=("export.written",)))) == []
