"""Signed consent and release forms in a client's export: beside the JSON in its ZIP, inside a
plain JSON, attached to the PDF; and back into a vault with the record, unchanged."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pypdf
import pytest
import pyzipper

from tests.conftest import PASSPHRASE
from tests.support.form_samples import pdf
from tests.vault.export.builders import CONSENT_FORM_NAME, MARKER_FORM_A, Practice
from tests.vault.export.pdf_reading import page_texts
from vault import Vault
from vault.checks import verify_vault
from vault.consent.attachments import (
    attachment_bytes,
    attachments_for_client,
    get_attachment,
    replace_attachment,
)
from vault.consent.disclosures import accounting_of_disclosures
from vault.export.errors import ImportRefusedError
from vault.export.exporting import export_record
from vault.export.formats import encrypted_zip
from vault.export.gather import gather_record
from vault.export.importer import import_record
from vault.export.model import ExportSelection
from vault.export.practice_archive import export_practice, import_practice
from vault.export.record_json import record_to_json

PASSWORD = "maple cinema orbit lantern quartz"
SCHEMA = Path(__file__).parents[3] / "docs" / "export-schema.json"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def other(tmp_path: Path, fast_kdf: Any) -> Any:
    v = Vault.create(tmp_path / "other.vault", PASSPHRASE, kdf_params=fast_kdf)
    yield v
    v.close()


def _zip_members(path: Path) -> dict[str, bytes]:
    with pyzipper.AESZipFile(path) as zf:
        zf.setpassword(PASSWORD.encode())
        return {name: zf.read(name) for name in zf.namelist()}


def _export_json(vault: Vault, client: int, target: Path, **selection: Any) -> Path:
    export_record(vault, ExportSelection(client, **selection), "json", target, password=PASSWORD)
    return target


def _validate(document: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator(schema, format_checker=validator.FORMAT_CHECKER).validate(document)


def test_the_json_zip_carries_each_form_beside_the_json(
    vault: Vault, practice: Practice, out: Path
) -> None:
    members = _zip_members(_export_json(vault, practice.a, out / "a.zip"))
    document = json.loads(members["record.json"])
    _validate(document)
    forms = document["forms"]
    assert [f["id"] for f in forms] == [practice.consent_form, practice.release_form]
    consent_form = forms[0]
    assert consent_form["file_name"] == CONSENT_FORM_NAME
    assert consent_form["media_type"] == "application/pdf"
    assert consent_form["consent_id"] == document["consents"][0]["id"]
    assert forms[1]["release_id"] == document["releases"][0]["id"]
    assert forms[1]["media_type"] == "image/png"
    for form in forms:
        data = members[form["file"]]
        assert form["file"] == f"forms/form-{form['id']}{Path(form['file']).suffix}"
        assert form["data_base64"] is None
        assert len(data) == form["size_bytes"]
        assert hashlib.sha256(data).hexdigest() == form["sha256"]
        assert data == attachment_bytes(vault, form["id"])
    assert sorted(members) == sorted(["record.json", *(f["file"] for f in forms)])


def test_a_plain_json_file_carries_the_forms_inside_it(
    vault: Vault, practice: Practice, out: Path
) -> None:
    target = out / "a.json"
    export_record(vault, ExportSelection(practice.a), "json", target, password=None, encrypt=False)
    document = json.loads(target.read_bytes())
    _validate(document)
    for form in document["forms"]:
        assert form["file"] is None
        data = base64.b64decode(form["data_base64"], validate=True)
        assert hashlib.sha256(data).hexdigest() == form["sha256"]
    assert sorted(p.name for p in out.iterdir()) == ["a.json"]  # one file, nothing beside it


def test_forms_come_with_the_consent_section_and_not_without_it(
    vault: Vault, practice: Practice, out: Path
) -> None:
    without = _zip_members(
        _export_json(vault, practice.a, out / "a.zip", sections=frozenset({"notes"}))
    )
    assert list(without) == ["record.json"]
    assert json.loads(without["record.json"])["forms"] == []


def test_the_session_range_leaves_consents_and_their_forms_whole(
    vault: Vault, practice: Practice, out: Path
) -> None:
    """The range is the sessions': consents and releases are exported whole, and so are the
    forms they were signed on (the consent here predates every session in the range)."""
    members = _zip_members(
        _export_json(vault, practice.a, out / "a.zip", date_from=date(2025, 5, 1))
    )
    document = json.loads(members["record.json"])
    assert len(document["forms"]) == 2 and len(document["consents"]) == 1


def test_only_forms_still_in_the_record_travel(vault: Vault, practice: Practice, out: Path) -> None:
    better = replace_attachment(
        vault, practice.consent_form, file_name="Demo better scan.pdf", data=pdf("Demo better")
    )
    document = json.loads(
        _zip_members(_export_json(vault, practice.a, out / "a.zip"))["record.json"]
    )
    assert [f["id"] for f in document["forms"]] == [practice.release_form, better.id]


def test_the_disclosure_says_the_forms_left_with_the_record(
    vault: Vault, practice: Practice, out: Path
) -> None:
    _export_json(vault, practice.a, out / "a.zip")
    newest = accounting_of_disclosures(vault, practice.a, date.today())[-1]
    assert newest.information.endswith("; 2 signed forms.")


def test_an_import_brings_the_forms_back_unchanged(
    vault: Vault, practice: Practice, out: Path, other: Vault
) -> None:
    result = import_record(other, _export_json(vault, practice.a, out / "a.zip"), PASSWORD)
    assert result.forms == 2
    assert verify_vault(other) == []  # check_attachments: each SHA-256 matches
    before = attachments_for_client(vault, practice.a)
    after = attachments_for_client(other, result.client_id)
    assert [(a.file_name, a.media_type, a.size_bytes, a.sha256, a.added_at) for a in after] == [
        (a.file_name, a.media_type, a.size_bytes, a.sha256, a.added_at) for a in before
    ]
    assert [attachment_bytes(other, a.id) for a in after] == [
        attachment_bytes(vault, a.id) for a in before
    ]
    kinds = [(a.consent_id is not None, a.release_id is not None) for a in after]
    assert kinds == [(True, False), (False, True)]
    record = record_to_json(gather_record(other, ExportSelection(result.client_id)))
    assert record["forms"][0]["consent_id"] == record["consents"][0]["id"]


def test_a_plain_json_import_brings_the_forms_back(
    vault: Vault, practice: Practice, out: Path, other: Vault
) -> None:
    target = out / "a.json"
    export_record(vault, ExportSelection(practice.a), "json", target, password=None, encrypt=False)
    result = import_record(other, target, None)
    assert result.forms == 2 and verify_vault(other) == []


def _rezipped(path: Path, target: Path, change: Any) -> Path:
    members = _zip_members(path)
    change(members)
    target.write_bytes(encrypted_zip(list(members.items()), PASSWORD))
    return target


def test_a_form_altered_in_the_file_refuses_the_whole_import(
    vault: Vault, practice: Practice, out: Path, other: Vault
) -> None:
    exported = _export_json(vault, practice.a, out / "a.zip")

    def alter(members: dict[str, bytes]) -> None:
        name = next(n for n in members if n.endswith(".pdf"))
        members[name] = pdf("Demo a different form")

    changed = _rezipped(exported, out / "changed.zip", alter)
    with pytest.raises(ImportRefusedError, match="does not match its SHA-256"):
        import_record(other, changed, PASSWORD)
    assert attachments_for_client(other, 1) == [] and other.db.query(
        "SELECT count(*) FROM clients"
    ) == [(0,)]


def test_a_missing_form_file_refuses_the_import(
    vault: Vault, practice: Practice, out: Path, other: Vault
) -> None:
    exported = _export_json(vault, practice.a, out / "a.zip")

    def drop(members: dict[str, bytes]) -> None:
        del members[next(n for n in members if n.endswith(".png"))]

    with pytest.raises(ImportRefusedError, match="holds no forms/form-"):
        import_record(other, _rezipped(exported, out / "changed.zip", drop), PASSWORD)
    assert other.db.query("SELECT count(*) FROM clients") == [(0,)]


def test_a_form_member_outside_forms_is_refused(
    vault: Vault, practice: Practice, out: Path, other: Vault
) -> None:
    exported = _export_json(vault, practice.a, out / "a.zip")

    def rename(members: dict[str, bytes]) -> None:
        document = json.loads(members["record.json"])
        document["forms"][0]["file"] = "record.json"
        members["record.json"] = json.dumps(document).encode()

    with pytest.raises(ImportRefusedError, match=r"forms\[0\]\.file is not where an export"):
        import_record(other, _rezipped(exported, out / "changed.zip", rename), PASSWORD)


def test_a_version_1_export_without_forms_still_imports(
    vault: Vault, practice: Practice, out: Path, other: Vault
) -> None:
    exported = _export_json(vault, practice.a, out / "a.zip")

    def as_version_1(members: dict[str, bytes]) -> None:
        document = json.loads(members["record.json"])
        del document["forms"]
        document["version"] = 1
        members.clear()
        members["record.json"] = json.dumps(document).encode()

    result = import_record(other, _rezipped(exported, out / "v1.zip", as_version_1), PASSWORD)
    assert result.forms == 0 and result.notes > 0 and verify_vault(other) == []


def _pdf_attachments(data: bytes, password: str | None) -> dict[str, list[bytes]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    if password is not None:
        reader.decrypt(password)
    return {name: list(files) for name, files in reader.attachments.items()}


@pytest.mark.parametrize("password", [PASSWORD, None])
def test_the_pdf_carries_each_form_as_an_attachment_listed_on_its_cover(
    vault: Vault, practice: Practice, out: Path, password: str | None
) -> None:
    target = out / "a.pdf"
    export_record(
        vault, ExportSelection(practice.a), "pdf", target, password=password,
        encrypt=password is not None,
    )  # fmt: skip
    data = target.read_bytes()
    attached = _pdf_attachments(data, password)
    consent = get_attachment(vault, practice.consent_form)
    release = get_attachment(vault, practice.release_form)
    assert attached == {
        f"{consent.id}-{consent.file_name}": [attachment_bytes(vault, consent.id)],
        f"{release.id}-{release.file_name}": [attachment_bytes(vault, release.id)],
    }
    cover = " ".join(page_texts(data, password)[0].split())
    assert "Signed forms attached to this PDF" in cover
    assert f"{consent.id}-{consent.file_name}: Consent given 2025-01-10" in cover
    assert "Release to Demo Dr Gp, signed 2025-02-01" in cover
    for form in (consent, release):
        assert form.sha256 in cover.replace(" ", "")
    if password is not None:  # names and bytes are encrypted with the rest
        assert MARKER_FORM_A.encode() not in data and CONSENT_FORM_NAME[:-4].encode() not in data


def test_a_pdf_without_the_consent_section_attaches_nothing(
    vault: Vault, practice: Practice, out: Path
) -> None:
    target = out / "a.pdf"
    export_record(
        vault, ExportSelection(practice.a, sections=frozenset({"notes"})), "pdf", target,
        password=PASSWORD,
    )  # fmt: skip
    assert _pdf_attachments(target.read_bytes(), PASSWORD) == {}
    assert "Signed forms attached" not in page_texts(target.read_bytes(), PASSWORD)[0]


def test_the_practice_archive_carries_the_forms_and_brings_them_back(
    vault: Vault, practice: Practice, tmp_path: Path, fast_kdf: Any
) -> None:
    archive = tmp_path / "practice.zip"
    export_practice(vault, archive, PASSWORD)
    members = _zip_members(archive)
    manifest = {m["name"]: m["sha256"] for m in json.loads(members["manifest.json"])["members"]}
    forms = sorted(n for n in members if n.startswith("forms/"))
    assert forms == [f"forms/form-{practice.consent_form}.pdf",
                     f"forms/form-{practice.release_form}.png"]  # fmt: skip
    for name in forms:
        assert manifest[name] == hashlib.sha256(members[name]).hexdigest()
    with Vault.create(tmp_path / "fresh.vault", PASSPHRASE, kdf_params=fast_kdf) as fresh:
        result = import_practice(fresh, archive, PASSWORD)
        assert result.forms == 2 and verify_vault(fresh) == []
        kept = fresh.db.query("SELECT sha256 FROM consent_attachments ORDER BY id")
        assert [r[0] for r in kept] == [
            get_attachment(vault, i).sha256 for i in (practice.consent_form, practice.release_form)
        ]


def test_a_practice_archive_form_that_differs_from_its_manifest_is_refused(
    vault: Vault, practice: Practice, tmp_path: Path, fast_kdf: Any
) -> None:
    archive = tmp_path / "practice.zip"
    export_practice(vault, archive, PASSWORD)
    members = _zip_members(archive)
    members[f"forms/form-{practice.consent_form}.pdf"] = pdf("Demo swapped form")
    changed = tmp_path / "changed.zip"
    changed.write_bytes(encrypted_zip(list(members.items()), PASSWORD))
    with Vault.create(tmp_path / "fresh.vault", PASSPHRASE, kdf_params=fast_kdf) as fresh:
        with pytest.raises(ImportRefusedError, match="does not match its manifest"):
            import_practice(fresh, changed, PASSWORD)
        assert fresh.db.query("SELECT count(*) FROM clients") == [(0,)]
