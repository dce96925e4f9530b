"""The FHIR R4 bundle: valid by fhir.resources' R4B models, complete, and naming no one else."""

from __future__ import annotations

import base64
import json
from collections import Counter
from datetime import date
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from tests.vault.export.builders import (
    MARKER_A_PRIVATE,
    MARKER_B,
    MARKER_B_AMENDMENT,
    MARKER_NOTE_A,
    MARKER_PROCESS,
    NAME_A,
    NAME_B,
    NAME_C,
    NAME_D,
    Practice,
)
from vault import Vault
from vault.consent.consents import consents_for, withdraw_consent
from vault.export.fhir import record_bundle
from vault.export.gather import gather_record
from vault.export.model import ClientRecord, ExportSelection

# R4's required bindings for the codes used here (fhir.resources checks structure, not these).
R4_CODES = {
    ("Encounter", "status"): {
        "planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled",
        "entered-in-error", "unknown",
    },
    ("DocumentReference", "status"): {"current", "superseded", "entered-in-error"},
    ("DocumentReference", "docStatus"): {"preliminary", "final", "amended", "entered-in-error"},
    ("Consent", "status"): {
        "draft", "proposed", "active", "rejected", "inactive", "entered-in-error",
    },
}  # fmt: skip
RELATIONS = {"replaces", "transforms", "signs", "appends"}


def _record(vault: Vault, client: int, **selection: Any) -> ClientRecord:
    return gather_record(vault, ExportSelection(client, **selection))


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _attachments(bundle: dict[str, Any]) -> str:
    found = []
    for entry in bundle["entry"]:
        resource = entry["resource"]
        for content in resource.get("content", []):
            found.append(base64.b64decode(content["attachment"]["data"]).decode("utf-8"))
        if "sourceAttachment" in resource:
            found.append(base64.b64decode(resource["sourceAttachment"]["data"]).decode("utf-8"))
    return "\n".join(found)


@pytest.fixture
def record(vault: Vault, practice: Practice) -> ClientRecord:
    return _record(vault, practice.a)


@pytest.fixture
def bundle(record: ClientRecord) -> dict[str, Any]:
    return record_bundle(record, vault_id="demo0vault0id")


def test_the_bundle_validates_as_fhir(bundle: dict[str, Any]) -> None:
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    assert json.loads(json.dumps(bundle)) == bundle  # plain JSON all the way down


def test_it_holds_one_resource_per_record(bundle: dict[str, Any], record: ClientRecord) -> None:
    kinds = Counter(e["resource"]["resourceType"] for e in bundle["entry"])
    addenda = sum(len(n.note.addenda) for n in record.notes)
    assert kinds == {
        "Patient": 1,
        "Encounter": len(record.notes),
        "DocumentReference": len(record.notes) + addenda,
        "Condition": len(record.diagnoses),
        "Consent": len(record.consents) + len(record.releases),
    }
    assert len(record.notes) == 4 and addenda == 3


def test_codes_are_from_r4_value_sets(bundle: dict[str, Any]) -> None:
    for entry in bundle["entry"]:
        resource = entry["resource"]
        for (kind, element), allowed in R4_CODES.items():
            if resource["resourceType"] == kind and element in resource:
                assert resource[element] in allowed, (kind, element, resource[element])
        for relation in resource.get("relatesTo", []):
            assert relation["code"] in RELATIONS


def test_notes_are_progress_notes_with_their_text(bundle: dict[str, Any]) -> None:
    notes = [d for d in _resources(bundle, "DocumentReference") if "relatesTo" not in d]
    for document in notes:
        coding = document["type"]["coding"][0]
        assert (coding["system"], coding["code"]) == ("http://loinc.org", "11506-3")
        attachment = document["content"][0]["attachment"]
        assert attachment["contentType"].startswith("text/plain")
    assert MARKER_NOTE_A in _attachments(bundle)
    assert {d["docStatus"] for d in notes} == {"final", "preliminary"}  # one draft


def test_addenda_append_to_their_note(bundle: dict[str, Any]) -> None:
    by_url = {e["fullUrl"]: e["resource"] for e in bundle["entry"]}
    addenda = [d for d in _resources(bundle, "DocumentReference") if "relatesTo" in d]
    assert len(addenda) == 3
    for addendum in addenda:
        (relation,) = addendum["relatesTo"]
        target = by_url[relation["target"]["reference"]]
        assert relation["code"] == "appends" and target["resourceType"] == "DocumentReference"


def test_no_other_participant_is_named_or_quoted(bundle: dict[str, Any]) -> None:
    everything = json.dumps(bundle, ensure_ascii=False) + _attachments(bundle)
    for absent in (NAME_B, NAME_C, NAME_D, MARKER_B, MARKER_B_AMENDMENT, MARKER_PROCESS):
        assert absent not in everything
    assert MARKER_A_PRIVATE in everything and NAME_A in everything
    roles = {
        t["text"]
        for e in _resources(bundle, "Encounter")
        for p in e.get("participant", [])
        for t in p["type"]
    }
    assert roles == {"Partner", "Family member 1", "Family member 2"}
    for encounter in _resources(bundle, "Encounter"):
        for participant in encounter.get("participant", []):
            assert "individual" not in participant


def test_every_reference_resolves_inside_the_bundle(bundle: dict[str, Any]) -> None:
    urls = {e["fullUrl"] for e in bundle["entry"]}
    text = json.dumps(bundle)
    references = [r.split('"')[0] for r in text.split('"reference": "')[1:]]
    assert references and all(r in urls for r in references)


def test_diagnoses_are_icd_10_cm_conditions(bundle: dict[str, Any]) -> None:
    (condition,) = _resources(bundle, "Condition")
    assert condition["code"]["coding"] == [
        {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "F41.1"}
    ]


def test_consents_carry_their_policy_text_and_releases_their_recipient(
    bundle: dict[str, Any],
) -> None:
    consents = _resources(bundle, "Consent")
    scopes = {c["scope"]["coding"][0]["code"] for c in consents}
    assert scopes == {"patient-privacy"}
    texts = _attachments(bundle)
    assert "Confidentiality policy, version 1" in texts
    assert "Limits of confidentiality explained: Risk of serious harm to self" in texts
    actors = [a["reference"]["display"] for c in consents for a in c["provision"].get("actor", [])]
    assert actors == ["Demo Dr Gp, Demo Clinic"]


def test_a_withdrawn_consent_says_when_how_and_why(vault: Vault, practice: Practice) -> None:
    consent = consents_for(vault, practice.a)[0]
    reason = "Demo client withdrew in writing & asked <b>no</b> further contact."
    withdraw_consent(vault, consent.id, withdrawn_on=date(2026, 3, 9), reason=reason)
    bundle = record_bundle(_record(vault, practice.a))
    Bundle.model_validate(bundle)
    ended = [c for c in _resources(bundle, "Consent") if c["status"] == "inactive"]
    (withdrawn,) = [c for c in ended if c["provision"]["period"].get("end") == "2026-03-09"]
    text = base64.b64decode(withdrawn["sourceAttachment"]["data"]).decode("utf-8")
    assert "Withdrawn on 2026-03-09\n" in text
    assert f"How and why withdrawn: {reason}\n" in text


def test_session_times_carry_a_time_zone(bundle: dict[str, Any]) -> None:
    for encounter in _resources(bundle, "Encounter"):
        start = encounter["period"]["start"]
        assert start[19:] and start[19] in "+-Z"


def test_ids_are_stable_and_unique_to_the_vault(record: ClientRecord) -> None:
    first = record_bundle(record, vault_id="demo-vault-1")
    again = record_bundle(record, vault_id="demo-vault-1")
    other = record_bundle(record, vault_id="demo-vault-2")

    def ids(b: dict[str, Any]) -> list[str]:
        return [e["fullUrl"] for e in b["entry"]]

    assert ids(first) == ids(again)
    assert not set(ids(first)) & set(ids(other))
    assert all(url.startswith("urn:uuid:") for url in ids(first))


def test_chosen_psychotherapy_notes_are_not_coded_as_progress_notes(
    vault: Vault, practice: Practice
) -> None:
    bundle = record_bundle(_record(vault, practice.a, include_process_notes=True))
    Bundle.model_validate(bundle)
    process = [
        d for d in _resources(bundle, "DocumentReference") if "Psychotherapy" in d["type"]["text"]
    ]
    assert len(process) == 1 and "coding" not in process[0]["type"]
    assert process[0]["meta"]["security"][0]["code"] == "V"
    assert MARKER_PROCESS in _attachments(bundle)


def test_a_record_without_profile_still_names_its_patient(vault: Vault, practice: Practice) -> None:
    bundle = record_bundle(_record(vault, practice.a, sections=frozenset({"notes"})))
    Bundle.model_validate(bundle)
    (patient,) = _resources(bundle, "Patient")
    assert patient["name"][0]["text"] == NAME_A
    assert "birthDate" not in patient and "telecom" not in patient
