"""Import files from outside: wrong password, damaged, truncated, nested, oversized, altered.

Each is refused with one plain line (an `ImportRefusedError`) and writes nothing: the vault's
clients, notes, policies and audit trail are exactly as before, and `check` still passes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import pyzipper

from tests.conftest import PASSPHRASE
from tests.vault.export.builders import Practice, build_practice
from vault import Vault
from vault.checks import verify_vault
from vault.export import json_reader
from vault.export.errors import ImportRefusedError
from vault.export.exporting import export_record
from vault.export.formats import encrypted_zip
from vault.export.importer import import_record
from vault.export.model import ExportSelection
from vault.export.practice_archive import export_practice, import_practice

PASSWORD = "maple cinema orbit lantern quartz"


@pytest.fixture
def practice(vault: Vault) -> Practice:
    return build_practice(vault)


@pytest.fixture
def document(vault: Vault, practice: Practice, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "plain.json"
    export_record(vault, ExportSelection(practice.a), "json", out, password=None, encrypt=False)
    return json.loads(out.read_bytes())


@pytest.fixture
def target(tmp_path: Path, fast_kdf) -> Any:  # type: ignore[no-untyped-def]
    v = Vault.create(tmp_path / "target.vault", PASSPHRASE, kdf_params=fast_kdf)
    yield v
    v.close()


def _state(v: Vault) -> tuple[Any, ...]:
    tables = ("clients", "notes", "note_addenda", "consents", "releases", "disclosures",
              "consent_policies", "audit_log", "imported_notes", "access_requests")  # fmt: skip
    return tuple(v.db.query_one(f"SELECT count(*) FROM {t}")[0] for t in tables)  # type: ignore[index]


def _zip(tmp_path: Path, data: bytes, password: str = PASSWORD) -> Path:
    path = tmp_path / "crafted.zip"
    path.write_bytes(encrypted_zip([("record.json", data)], password))
    return path


def _refused(target: Vault, path: Path, password: str | None, match: str) -> None:
    before = _state(target)
    with pytest.raises(ImportRefusedError, match=match) as caught:
        import_record(target, path, password)
    assert "\n" not in str(caught.value)
    assert _state(target) == before
    assert verify_vault(target) == []


def test_the_wrong_password_is_refused(document, target, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _zip(tmp_path, json.dumps(document).encode())
    _refused(target, path, "maple cinema orbit lantern quarts", "password is not correct")


def test_an_encrypted_file_without_a_password_is_refused(document, target, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _refused(target, _zip(tmp_path, json.dumps(document).encode()), None, "give its password")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_a_truncated_file_is_refused(document, target, tmp_path, keep: float) -> None:  # type: ignore[no-untyped-def]
    path = _zip(tmp_path, json.dumps(document).encode())
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    _refused(target, path, PASSWORD, "damaged|incomplete")


@pytest.mark.parametrize("where", [0.2, 0.35, 0.5, 0.65, 0.8, 0.95])
def test_a_flipped_byte_in_the_encrypted_data_is_refused(document, target, tmp_path, where) -> None:  # type: ignore[no-untyped-def]
    """Wherever it lands: in the compressed stream (which may fail first) or near the HMAC."""
    path = _zip(tmp_path, json.dumps(document).encode())
    data = bytearray(path.read_bytes())
    data[int(len(data) * where)] ^= 0x01
    path.write_bytes(bytes(data))
    _refused(target, path, PASSWORD, "damaged|incomplete|not valid|not UTF-8|no record.json")


def test_deeply_nested_json_is_refused(target, tmp_path) -> None:  # type: ignore[no-untyped-def]
    nested = b"[" * 100_000 + b"]" * 100_000
    _refused(target, _zip(tmp_path, nested), PASSWORD, "nested")


def test_nesting_inside_a_valid_looking_export_is_refused(document, target, tmp_path) -> None:  # type: ignore[no-untyped-def]
    deep: Any = "x"
    for _ in range(30):
        deep = {"a": deep}
    document["practice"]["practice_name"] = deep
    _refused(target, _zip(tmp_path, json.dumps(document).encode()), PASSWORD, "nested")


def test_an_oversized_member_is_refused_before_it_is_read(
    document,
    target,
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(json_reader, "MAX_JSON_BYTES", 10_000)
    _refused(target, _zip(tmp_path, json.dumps(document).encode()), PASSWORD, "larger than")


def test_a_zip_bomb_is_refused(target, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(json_reader, "MAX_JSON_BYTES", 1_000_000)
    _refused(target, _zip(tmp_path, b" " * 50_000_000), PASSWORD, "larger than")


def test_a_ten_megabyte_field_is_refused(document, target, tmp_path) -> None:  # type: ignore[no-untyped-def]
    document["notes"][0]["sections"][0]["text"] = "x" * 10_000_000
    _refused(target, _zip(tmp_path, json.dumps(document).encode()), PASSWORD, "notes\\[0\\]")


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d.update(format="something.else"), "not a Confidant record export"),
        (lambda d: d.update(version=99), "version 99"),
        (lambda d: d.pop("notes"), "lacks 'notes'"),
        (lambda d: d.update(surprise=1), "unknown field"),
        (lambda d: d["notes"][0].update(session_start=12), "session_start should be text"),
        (lambda d: d["notes"][0]["risk"].update(to_self="extreme"), "to_self"),
        (lambda d: d["notes"][0].update(participants=[]), "record's client once"),
        (lambda d: d["client"]["profile"].update(full_name="  "), "Full name"),
        (lambda d: d["disclosures"][0].update(release_id=999), "release the file does not hold"),
        (lambda d: d["consents"][0].update(given_on="2025-13-01"), "date like"),
        (lambda d: d["notes"][0]["sections"][0].update(text="bad \ud800"), "acceptable text"),
        (lambda d: d.update(notes="many"), "should be a list"),
    ],
)
def test_a_malformed_export_is_refused_by_the_place_it_breaks(
    document,
    target,
    tmp_path,
    change: Callable[[dict[str, Any]], None],
    match: str,  # type: ignore[no-untyped-def]
) -> None:
    change(document)
    data = json.dumps(document, ensure_ascii=True).encode()
    _refused(target, _zip(tmp_path, data), PASSWORD, match)


def test_a_signed_note_altered_after_export_is_refused(document, target, tmp_path) -> None:  # type: ignore[no-untyped-def]
    signed = next(n for n in document["notes"] if n["signature"] and not n["redacted"])
    signed["sections"][0]["text"] += " (changed)"
    _refused(target, _zip(tmp_path, json.dumps(document).encode()), PASSWORD, "altered after")


@pytest.mark.parametrize("which", ["complete", "redacted"])
def test_claiming_to_be_a_redacted_copy_switches_off_no_check(  # type: ignore[no-untyped-def]
    document, target, tmp_path, which
) -> None:
    """Found in review: the redacted-copy flag once skipped the content check, so an edited
    export became a signed note here. Every note must now match the hash it carries."""
    signed = next(
        n for n in document["notes"] if n["signature"] and n["redacted"] is (which == "redacted")
    )
    signed["redacted"] = True
    signed["left_out_sections"] = max(1, signed["left_out_sections"])
    signed["sections"][0]["text"] += " (changed)"
    _refused(target, _zip(tmp_path, json.dumps(document).encode()), PASSWORD, "altered after")


def test_an_altered_addendum_is_refused(document, target, tmp_path) -> None:  # type: ignore[no-untyped-def]
    note = next(n for n in document["notes"] if n["addenda"])
    note["addenda"][0]["text"] = "Demo rewritten."
    _refused(target, _zip(tmp_path, json.dumps(document).encode()), PASSWORD, "altered after")


def test_a_note_claiming_another_signer_is_refused(document, target, tmp_path) -> None:  # type: ignore[no-untyped-def]
    signed = next(n for n in document["notes"] if n["signature"] and not n["redacted"])
    signed["signature"]["signed_by"] = "Demo Someone Else"
    _refused(target, _zip(tmp_path, json.dumps(document).encode()), PASSWORD, "altered after")


def test_an_unencrypted_member_in_a_zip_is_refused(document, target, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plain.zip"
    buffer = io.BytesIO()
    with pyzipper.ZipFile(buffer, "w") as zf:
        zf.writestr("record.json", json.dumps(document))
    path.write_bytes(buffer.getvalue())
    _refused(target, path, PASSWORD, "not encrypted")


def test_an_empty_or_missing_file_is_refused(target, tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    _refused(target, empty, PASSWORD, "empty")
    _refused(target, tmp_path / "missing.zip", PASSWORD, "not a file")


def test_a_practice_archive_with_an_altered_member_is_refused(
    vault: Vault, practice: Practice, target: Vault, tmp_path: Path
) -> None:
    archive = tmp_path / "practice.zip"
    export_practice(vault, archive, PASSWORD)
    with pyzipper.AESZipFile(archive) as zf:
        zf.setpassword(PASSWORD.encode())
        members = {n: zf.read(n) for n in zf.namelist()}
    name = f"clients/{practice.b}.json"
    members[name] = members[name].replace(b"Demo Ben Partner", b"Demo Ben Altered")
    archive.write_bytes(encrypted_zip(list(members.items()), PASSWORD))
    before = _state(target)
    with pytest.raises(ImportRefusedError, match="does not match its manifest"):
        import_practice(target, archive, PASSWORD)
    assert _state(target) == before


def test_a_practice_archive_missing_a_member_is_refused(
    vault: Vault, practice: Practice, target: Vault, tmp_path: Path
) -> None:
    archive = tmp_path / "practice.zip"
    export_practice(vault, archive, PASSWORD)
    with pyzipper.AESZipFile(archive) as zf:
        zf.setpassword(PASSWORD.encode())
        members = {n: zf.read(n) for n in zf.namelist() if n != f"clients/{practice.c}.json"}
    archive.write_bytes(encrypted_zip(list(members.items()), PASSWORD))
    with pytest.raises(ImportRefusedError, match="incomplete or altered"):
        import_practice(target, archive, PASSWORD)
    assert _state(target)[0] == 0


@pytest.mark.slow
def test_every_flipped_bit_of_an_export_is_refused_or_changes_nothing(
    vault: Vault, target: Vault, tmp_path: Path
) -> None:
    """A bit flipped at each byte of a small encrypted export: refused in one line, or (in
    ZIP metadata the format leaves unauthenticated: times, attributes) the very same record."""
    from collections import Counter

    from tests.vault.export.test_importer import comparable
    from tests.vault.note_helpers import demo_client, soap, stored
    from vault.export.gather import gather_record
    from vault.export.record_json import record_to_json
    from vault.notes.signing import sign_note

    client = demo_client(vault, "Demo Flip Client")
    sign_note(vault, stored(vault, soap((client,))), "Demo Clinician")
    source = tmp_path / "small.zip"
    export_record(vault, ExportSelection(client), "json", source, password=PASSWORD)
    expected = comparable(record_to_json(gather_record(vault, ExportSelection(client))))
    data = source.read_bytes()
    outcomes: Counter[str] = Counter()
    changed: list[int] = []
    for offset in range(len(data)):
        flipped = bytearray(data)
        flipped[offset] ^= 0x01
        path = tmp_path / "flipped.zip"
        path.write_bytes(bytes(flipped))
        try:
            result = import_record(target, path, PASSWORD)
        except ImportRefusedError:
            outcomes["refused"] += 1
            continue
        outcomes["imported unchanged"] += 1
        got = comparable(record_to_json(gather_record(target, ExportSelection(result.client_id))))
        if got["notes"] != expected["notes"] or got["client"] != expected["client"]:
            changed.append(offset)
    assert verify_vault(target) == []
    from tests.support.figures import SECURITY, record_figures

    print(record_figures(SECURITY, "export_bit_flips", bytes=len(data), **outcomes))
    assert changed == []
    assert outcomes["refused"] > 0.9 * len(data)
