"""A client's record as a FHIR R4 (4.0.1) Bundle, for another practice's or a client's system.

`record_bundle` gives a JSON-ready dict: a Bundle of type ``collection`` holding the Patient,
an Encounter per session, a DocumentReference per note (and per addendum), a Condition per
diagnosis and a Consent per consent or release. ``collection`` rather than ``document``: a
FHIR document is a Composition first, attested as one clinical document, which a record
gathered on request is not; a collection is "a set of resources collected into a single
package", exactly what is handed over. The JSON export (`vault.export.record_json`) carries
everything else (disclosures, requests) and is what Confidant re-imports.

Other participants of joint sessions appear only as Encounter participants by role, with no
reference to any person. docs/export-fhir.md lists the choices and what differs in R4B.
"""

from __future__ import annotations

from datetime import date, datetime

from vault.export.fhir_common import (
    ACT_CODE,
    CONDITION_CATEGORY,
    FHIR_VERSION,
    ICD10CM,
    JSON,
    UCUM,
    URI_SYSTEM,
    Ids,
    concept,
    instant,
    reference,
    restricted,
    session_period,
    without_empty,
)
from vault.export.fhir_consent import consent_resources
from vault.export.fhir_documents import note_documents
from vault.export.model import ClientRecord, DiagnosisEntry, RecordNote
from vault.export.pdf_words import MODALITY, SERVICE, word
from vault.notes.templates import template_title

_CLASS = {
    "in_person": ("AMB", "ambulatory"),
    "video": ("VR", "virtual"),
    "phone": ("VR", "virtual"),
}


def record_bundle(record: ClientRecord, *, vault_id: str = "") -> JSON:
    """The record as a FHIR R4 Bundle (``collection``), every reference a ``urn:uuid:``.

    The ids mix in the vault's random id (`vault_id`, by default the record's own), so they are
    unique to this vault; the same record exported again gets the same ids.
    """
    ids = Ids(vault_id or record.vault_id)
    patient_url = ids.url("patient", record.client_id)
    conditions = {entry.code: ids.url("condition", entry.code) for entry in record.diagnoses}
    today = datetime.fromisoformat(record.front_matter.generated_at).date()
    resources: list[JSON] = [_patient(record, ids)]
    for entry in record.notes:
        resources.append(_encounter(entry, ids, patient_url, conditions))
    for entry in record.notes:
        resources.extend(note_documents(entry, ids, patient_url))
    resources.extend(_condition(entry, ids, patient_url) for entry in record.diagnoses)
    resources.extend(consent_resources(record.consents, record.releases, ids, patient_url, today))
    generated = instant(record.front_matter.generated_at)
    return {
        "resourceType": "Bundle",
        "id": ids.uuid("bundle", f"{record.client_id}/{generated}"),
        "meta": {**restricted(), "lastUpdated": generated},
        "identifier": {
            "system": URI_SYSTEM,
            "value": ids.url("bundle", f"{record.client_id}/{generated}"),
        },
        "type": "collection",
        "timestamp": generated,
        "entry": [
            {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}
            for resource in resources
        ],
    }


def _patient(record: ClientRecord, ids: Ids) -> JSON:
    names: list[JSON] = [{"use": "official", "text": record.full_name or record.client_name}]
    if record.preferred_name and record.preferred_name != record.full_name:
        names.append({"use": "usual", "text": record.preferred_name})
    resource: JSON = {
        "resourceType": "Patient",
        "id": ids.uuid("patient", record.client_id),
        "meta": restricted(),
    }
    if record.profile is not None:
        profile = record.profile.profile
        names = [{"use": "official", "text": profile.full_name}]
        if profile.preferred_name and profile.preferred_name != profile.full_name:
            names.append({"use": "usual", "text": profile.preferred_name})
        resource.update(
            {
                "active": profile.status == "active",
                "telecom": [
                    *([{"system": "email", "value": profile.email}] if profile.email else []),
                    *([{"system": "phone", "value": profile.phone}] if profile.phone else []),
                ],
                "birthDate": _birth_date(profile.date_of_birth),
                "address": [{"text": profile.address}] if profile.address else [],
                "contact": [
                    {
                        "relationship": [{"text": "Emergency contact"}],
                        "name": {"text": profile.emergency_contact},
                    }
                ]
                if profile.emergency_contact
                else [],
            }
        )
    resource["name"] = names
    return without_empty(resource)


def _birth_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


def _encounter(entry: RecordNote, ids: Ids, patient_url: str, conditions: dict[str, str]) -> JSON:
    content = entry.note.content
    code, display = _CLASS.get(content.modality, ("AMB", "ambulatory"))
    service = word(SERVICE, content.service_type)
    modality = word(MODALITY, content.modality).lower()
    others = [p for p in entry.participants if not p.is_record_client]
    minutes = content.duration_minutes
    return without_empty(
        {
            "resourceType": "Encounter",
            "id": ids.uuid("encounter", entry.note.id),
            "meta": restricted(),
            "status": "finished",
            "class": {"system": ACT_CODE, "code": code, "display": display},
            "type": [{"text": f"{service} psychotherapy session, {modality}"}],
            "serviceType": {"text": template_title(content.template_id)},
            "subject": reference(patient_url),
            # Other participants by role only: a label, never a reference to a person.
            "participant": [{"type": [{"text": p.label}]} for p in others],
            "period": session_period(content.session_start, minutes),
            "length": (
                {"value": minutes, "unit": "min", "system": UCUM, "code": "min"}
                if minutes is not None
                else {}
            ),
            "diagnosis": [
                {"condition": reference(conditions[code])}
                for code in content.diagnoses
                if code in conditions
            ],
        }
    )


def _condition(entry: DiagnosisEntry, ids: Ids, patient_url: str) -> JSON:
    first, last = entry.first_noted[:10], entry.last_noted[:10]
    notes = "note" if entry.note_count == 1 else "notes"
    summary = f"Recorded in {entry.note_count} session {notes}, {first} to {last}."
    return without_empty(
        {
            "resourceType": "Condition",
            "id": ids.uuid("condition", entry.code),
            "meta": restricted(),
            "category": [concept(CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")],
            "code": {"coding": [{"system": ICD10CM, "code": entry.code}], "text": entry.code},
            "subject": reference(patient_url),
            "onsetDateTime": first,
            "recordedDate": first,
            "note": [{"text": summary}],
        }
    )


__all__ = ["FHIR_VERSION", "record_bundle"]
