"""How and why a client withdrew their consent (schema 13) travels with the record: in the JSON
export (valid against docs/export-schema.json), into another vault, and in the PDF. A JSON file
an older Confidant wrote, without the field, still imports (with no reason)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import PASSPHRASE
from tests.vault.export.pdf_reading import all_text, one_line
from tests.vault.export.test_record_json import SCHEMA_PATH
from vault import Vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.consents import consents_for, record_consent, withdraw_consent
from vault.export.exporting import export_record
from vault.export.gather import gather_record
from vault.export.importer import import_record
from vault.export.model import ExportSelection
from vault.export.record_json import record_to_json

REASON = "Demo: by letter <b>dated</b> 1 April &amp; ending therapy"


@pytest.fixture
def withdrawn(vault: Vault) -> int:
    client = add_client(vault, ClientProfile(full_name="Demo Withdrawn Client")).id
    consent = record_consent(
        vault, client, given_on=date(2026, 1, 5), how="signed_paper", limits_explained=[]
    )
    withdraw_consent(vault, consent.id, withdrawn_on=date(2026, 4, 1), reason=REASON)
    return client


@pytest.fixture
def other(tmp_path: Path, fast_kdf):  # type: ignore[no-untyped-def]
    with Vault.create(tmp_path / "other.vault", PASSPHRASE, kdf_params=fast_kdf) as v:
        yield v


def _exported(vault: Vault, client: int, folder: Path) -> Path:
    out = folder / "record.json"
    export_record(vault, ExportSelection(client), "json", out, password=None, encrypt=False)
    return out


def test_the_json_export_carries_the_reason_and_meets_the_schema(vault, withdrawn) -> None:
    document = record_to_json(gather_record(vault, ExportSelection(withdrawn)))
    [consent] = document["consents"]
    assert (consent["withdrawn_on"], consent["withdrawal_reason"]) == ("2026-04-01", REASON)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    validator.validate(json.loads(json.dumps(document)))


def test_the_reason_arrives_in_the_importing_vault(vault, withdrawn, other, tmp_path) -> None:
    result = import_record(other, _exported(vault, withdrawn, tmp_path), None)
    [consent] = consents_for(other, result.client_id)
    assert (consent.withdrawn_on, consent.withdrawal_reason) == (date(2026, 4, 1), REASON)


def test_an_older_export_without_the_field_imports_with_no_reason(
    vault, withdrawn, other, tmp_path
) -> None:
    path = _exported(vault, withdrawn, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    for consent in document["consents"]:
        del consent["withdrawal_reason"]
    path.write_text(json.dumps(document), encoding="utf-8")
    result = import_record(other, path, None)
    [consent] = consents_for(other, result.client_id)
    assert (consent.withdrawn_on, consent.withdrawal_reason) == (date(2026, 4, 1), "")


def test_the_pdf_shows_the_reason_as_text(vault, withdrawn, tmp_path) -> None:
    out = tmp_path / "record.pdf"
    export_record(vault, ExportSelection(withdrawn), "pdf", out, password=None, encrypt=False)
    text = one_line(all_text(out.read_bytes()))
    assert "How and why withdrawn" in text
    assert "<b>dated</b>" in text and "&amp;" in text  # literal text, never markup
