"""The whole practice in one encrypted archive, and back into a new vault, losslessly."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import pyzipper

from tests.conftest import PASSPHRASE
from tests.vault.export.builders import MARKER_B, NAME_A, NAME_B, Practice
from tests.vault.export.test_importer import comparable
from vault import Vault
from vault.checks import verify_vault
from vault.clients.records import count_clients, list_clients
from vault.export.errors import ExportCancelledError, ImportRefusedError
from vault.export.gather import gather_record
from vault.export.model import ExportSelection
from vault.export.practice_archive import export_practice, import_practice
from vault.export.record_json import record_to_json
from vault.notes.records import count_notes, get_note

PASSWORD = "maple cinema orbit lantern quartz"


@pytest.fixture
def archive(vault: Vault, practice: Practice, tmp_path: Path) -> Path:
    out = tmp_path / "exports" / "practice.zip"
    out.parent.mkdir()
    export_practice(vault, out, PASSWORD)
    return out


@pytest.fixture
def fresh(tmp_path: Path, fast_kdf) -> Any:  # type: ignore[no-untyped-def]
    v = Vault.create(tmp_path / "fresh.vault", PASSPHRASE, kdf_params=fast_kdf)
    yield v
    v.close()


def _members(path: Path) -> dict[str, bytes]:
    with pyzipper.AESZipFile(path) as zf:
        zf.setpassword(PASSWORD.encode())
        return {name: zf.read(name) for name in zf.namelist()}


def test_the_archive_holds_a_manifest_with_every_members_hash(archive: Path) -> None:
    members = _members(archive)
    manifest = json.loads(members.pop("manifest.json"))
    assert manifest["format"] == "confidant.practice" and manifest["counts"]["clients"] == 4
    assert {m["name"] for m in manifest["members"]} == set(members)
    for m in manifest["members"]:
        assert hashlib.sha256(members[m["name"]]).hexdigest() == m["sha256"]
    assert manifest["counts"]["joint_notes"] == 2


def test_client_records_in_the_archive_keep_the_joint_rule(
    archive: Path, practice: Practice
) -> None:
    record = _members(archive)[f"clients/{practice.a}.json"].decode()
    assert MARKER_B not in record and NAME_B not in record


def test_member_names_hold_no_names(archive: Path) -> None:
    raw = archive.read_bytes()
    for secret in (NAME_A, NAME_B, MARKER_B):
        assert secret.encode() not in raw


def test_the_practice_round_trips_into_a_new_vault(
    vault: Vault, practice: Practice, archive: Path, fresh: Vault
) -> None:
    result = import_practice(fresh, archive, PASSWORD)
    assert verify_vault(fresh) == []
    assert (result.clients, result.joint_notes) == (4, 2)
    assert count_clients(fresh) == 4 and count_notes(fresh) == count_notes(vault)
    by_name = {c.full_name: c.id for c in list_clients(fresh, "all")}
    for old in list_clients(vault, "all"):
        before = record_to_json(
            gather_record(vault, ExportSelection(old.id, include_process_notes=True))
        )
        after = record_to_json(
            gather_record(
                fresh, ExportSelection(by_name[old.full_name], include_process_notes=True)
            )
        )
        assert comparable(after) == comparable(before), old.full_name


def test_joint_notes_are_linked_to_all_their_participants(
    vault: Vault, practice: Practice, archive: Path, fresh: Vault
) -> None:
    import_practice(fresh, archive, PASSWORD)
    by_name = {c.full_name: c.id for c in list_clients(fresh, "all")}
    rows = fresh.db.query(
        "SELECT note_id FROM note_participants GROUP BY note_id HAVING count(*) > 1"
    )
    assert len(rows) == 2
    joint = [get_note(fresh, int(r[0])) for r in rows]
    couples = next(n for n in joint if n.content.service_type == "couples")
    assert set(couples.content.participants) == {by_name[NAME_A], by_name[NAME_B]}
    assert any(
        MARKER_B in s.text and s.private_to == by_name[NAME_B] for s in couples.content.sections
    )


def test_a_practice_archive_goes_only_into_an_empty_vault(archive: Path, vault: Vault) -> None:
    with pytest.raises(ImportRefusedError, match="new, empty vault"):
        import_practice(vault, archive, PASSWORD)


def test_the_wrong_password_imports_nothing(archive: Path, fresh: Vault) -> None:
    with pytest.raises(ImportRefusedError, match="password is not correct"):
        import_practice(fresh, archive, "maple cinema orbit lantern quarts")
    assert count_clients(fresh) == 0


def test_a_cancelled_practice_export_leaves_no_file(
    vault: Vault, practice: Practice, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    calls = iter([False] * 3)
    with pytest.raises(ExportCancelledError):
        export_practice(vault, folder / "p.zip", PASSWORD, cancel=lambda: next(calls, True))
    assert list(folder.iterdir()) == []


def test_a_pdf_per_client_can_be_added(vault: Vault, practice: Practice, tmp_path: Path) -> None:
    out = tmp_path / "p.zip"
    export_practice(
        vault, out, PASSWORD, pdf=lambda record: b"%PDF-demo " + str(record.client_id).encode()
    )
    members = _members(out)
    assert members[f"clients/{practice.a}.pdf"] == f"%PDF-demo {practice.a}".encode()


def test_a_practice_export_writes_no_plaintext_anywhere(
    vault: Vault, practice: Practice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", None)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    export_practice(vault, out_dir / "p.zip", PASSWORD)
    assert list(scratch.iterdir()) == []
    assert [p.name for p in out_dir.iterdir()] == ["p.zip"]
    data = (out_dir / "p.zip").read_bytes()
    for secret in (NAME_A, NAME_B, MARKER_B, "Demo shared session", "Demo Street"):
        assert secret.encode() not in data


def test_an_imported_redacted_copy_goes_through_a_practice_archive_without_seal_ids(
    vault: Vault, practice: Practice, tmp_path: Path, fresh: Vault, fast_kdf
) -> None:  # type: ignore[no-untyped-def]
    """A's copy of the couples note names the partner by role only, with no seal id; moved on
    again in a whole-practice archive it stays so, and still verifies."""
    from vault.export.exporting import export_record
    from vault.export.importer import import_record

    exported = tmp_path / "a.zip"
    export_record(vault, ExportSelection(practice.a), "json", exported, password=PASSWORD)
    import_record(fresh, exported, PASSWORD)
    archive = tmp_path / "moved.zip"
    export_practice(fresh, archive, PASSWORD)
    with Vault.create(tmp_path / "third.vault", PASSPHRASE, kdf_params=fast_kdf) as third:
        result = import_practice(third, archive, PASSWORD)
        assert result.clients == 1 and verify_vault(third) == []
        others = [json.loads(str(r[0])) for r in third.db.query(
            "SELECT others FROM imported_notes WHERE redacted_copy = 1")]  # fmt: skip
        assert others == [[["Partner", None]]]
