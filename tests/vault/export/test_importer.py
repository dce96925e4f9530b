"""Importing a JSON export into another vault: an equal record, signatures still verifiable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE
from tests.vault.export.builders import MARKER_B, NAME_A, NAME_B, Practice
from vault import Vault
from vault.checks import verify_vault
from vault.clients.records import count_clients, list_clients
from vault.export.errors import ImportRefusedError
from vault.export.exporting import export_record
from vault.export.gather import gather_record
from vault.export.importer import import_record
from vault.export.model import ExportSelection
from vault.export.record_json import record_to_json
from vault.notes.records import count_notes

PASSWORD = "maple cinema orbit lantern quartz"


@pytest.fixture
def other(tmp_path: Path, fast_kdf) -> Any:  # type: ignore[no-untyped-def]
    v = Vault.create(tmp_path / "other.vault", PASSPHRASE, kdf_params=fast_kdf)
    yield v
    v.close()


@pytest.fixture
def exported(vault: Vault, practice: Practice, tmp_path: Path) -> Path:
    out = tmp_path / "exports" / "a.zip"
    out.parent.mkdir()
    export_record(
        vault, ExportSelection(practice.a, include_process_notes=True), "json", out,
        password=PASSWORD,
    )  # fmt: skip
    return out


_IDS = {"id", "client_id", "note_id", "amendment_id", "release_id", "consent_id", "file",
        "generated_at",
        "imported_at", "policy_version", "imported_from", "created_at", "updated_at"}  # fmt: skip


def comparable(value: Any) -> Any:
    """A record's JSON without what an import rightly changes: ids, bookkeeping times (and a
    draft's seal numbers, which are only its ids: a draft has no seal)."""
    if isinstance(value, dict) and value.get("signature", 0) is None:
        value = {k: v for k, v in value.items() if k != "seal_note_id"}
        value["participants"] = [{**p, "seal_id": 0} for p in value["participants"]]
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in _IDS}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def _record(v: Vault, client_id: int) -> dict:  # type: ignore[type-arg]
    return record_to_json(gather_record(v, ExportSelection(client_id, include_process_notes=True)))


def test_an_import_gives_an_equal_record_that_passes_check(
    vault: Vault, practice: Practice, exported: Path, other: Vault
) -> None:
    result = import_record(other, exported, PASSWORD)
    assert verify_vault(other) == []
    original = comparable(_record(vault, practice.a))
    imported = comparable(_record(other, result.client_id))
    # the disclosure this very export recorded is the one difference, and it is the newest
    assert imported["disclosures"] == original["disclosures"][:-1]
    original["disclosures"] = imported["disclosures"] = []
    copy = next(n for n in imported["notes"] if n["service_type"] == "couples")
    assert "imported redacted copy" in copy.pop("notice")
    next(n for n in original["notes"] if n["service_type"] == "couples").pop("notice")
    assert imported == original
    assert (result.notes, result.signed_notes, result.redacted_copies) == (5, 3, 1)


def test_the_imported_notes_keep_their_signature_hashes(
    vault: Vault, practice: Practice, exported: Path, other: Vault
) -> None:
    result = import_record(other, exported, PASSWORD)
    before = {n["session_start"]: n["signature"] for n in _record(vault, practice.a)["notes"]}
    after = {n["session_start"]: n["signature"] for n in _record(other, result.client_id)["notes"]}
    assert before == after


def test_the_redacted_copy_is_marked_and_holds_nothing_of_the_partner(
    practice: Practice, exported: Path, other: Vault
) -> None:
    result = import_record(other, exported, PASSWORD)
    notes = _record(other, result.client_id)["notes"]
    couples = next(n for n in notes if n["service_type"] == "couples")
    assert couples["imported_from"]["redacted_copy"] and couples["redacted"]
    assert "imported redacted copy" in couples["notice"]
    assert [p["label"] for p in couples["participants"]] == ["Client", "Partner"]
    assert [c.full_name for c in list_clients(other, "all")] == [NAME_A]
    text = json.dumps(notes)
    assert MARKER_B not in text and NAME_B not in text


def test_a_re_export_from_the_new_vault_imports_again(
    practice: Practice, exported: Path, other: Vault, tmp_path: Path, fast_kdf
) -> None:  # type: ignore[no-untyped-def]
    first = import_record(other, exported, PASSWORD)
    again = tmp_path / "exports" / "again.zip"
    export_record(other, ExportSelection(first.client_id, include_process_notes=True), "json",
                  again, password=PASSWORD)  # fmt: skip
    third = Vault.create(tmp_path / "third.vault", PASSPHRASE, kdf_params=fast_kdf)
    try:
        result = import_record(third, again, PASSWORD)
        assert verify_vault(third) == []
        assert (
            comparable(_record(third, result.client_id))["notes"]
            == comparable(_record(other, first.client_id))["notes"]
        )
    finally:
        third.close()


def test_a_redacted_copy_arrives_without_the_partners_seal_id_and_keeps_its_hash(
    practice: Practice, exported: Path, other: Vault
) -> None:
    result = import_record(other, exported, PASSWORD)
    (others,) = [
        json.loads(str(r[0]))
        for r in other.db.query("SELECT others FROM imported_notes WHERE redacted_copy = 1")
    ]
    assert others == [["Partner", None]]
    assert verify_vault(other) == []
    couples = next(n for n in _record(other, result.client_id)["notes"] if n["left_out_sections"])
    assert [p["seal_id"] for p in couples["participants"]] == [practice.a, None]


def test_a_complete_note_without_another_participants_seal_id_is_refused(
    exported: Path, other: Vault, tmp_path: Path
) -> None:
    import pyzipper

    with pyzipper.AESZipFile(exported) as zf:
        zf.setpassword(PASSWORD.encode())
        document = json.loads(zf.read("record.json"))
    family = next(n for n in document["notes"] if n["service_type"] == "family")
    family["participants"][1]["seal_id"] = None
    document["forms"] = []  # a plain JSON file has no files beside it
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportRefusedError, match=r"participants\.seal_id should be a whole number"):
        import_record(other, changed, None)
    assert count_clients(other) == 0


def test_importing_twice_gives_two_clients(exported: Path, other: Vault) -> None:
    import_record(other, exported, PASSWORD)
    import_record(other, exported, PASSWORD)
    assert count_clients(other) == 2 and count_notes(other) == 10
    assert verify_vault(other) == []


def test_the_practice_policy_stays_current_after_an_import(exported: Path, other: Vault) -> None:
    from vault.consent.policy import current_policy, write_policy_version

    write_policy_version(other, "Demo policy of the other practice.")
    import_record(other, exported, PASSWORD)
    assert current_policy(other).body == "Demo policy of the other practice."


def test_a_vault_without_a_policy_keeps_the_shipped_default_current(
    exported: Path, other: Vault
) -> None:
    from vault.consent.policy import current_policy, default_policy_text

    import_record(other, exported, PASSWORD)
    assert current_policy(other).body == default_policy_text()


def test_an_import_into_a_vault_without_a_policy_does_not_repeat_one(
    exported: Path, other: Vault
) -> None:
    import_record(other, exported, PASSWORD)
    bodies = [str(r[0]) for r in other.db.query("SELECT body FROM consent_policies")]
    assert len(bodies) == len(set(bodies)) == 1
