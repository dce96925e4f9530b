"""What every FHIR resource of an export shares: stable ids, references, code systems, times.

Ids are UUIDs derived (version 5) from the vault's own record ids, so the same record exported
twice gives the same ``urn:uuid:`` references, and a receiving system can tell an update from
a new resource. With the vault's random id mixed in, two vaults' "client 1" never collide.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import date, datetime, timedelta
from typing import Any

JSON = dict[str, Any]

FHIR_VERSION = "4.0.1"
LOINC = "http://loinc.org"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
UCUM = "http://unitsofmeasure.org"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
US_CORE_DOC_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category"
URI_SYSTEM = "urn:ietf:rfc:3986"  # the identifier's value is itself a URI

_NAMESPACE = uuid.UUID("6f1d0a4e-0c1e-5b7e-9a55-c0f1da47e0a1")  # Confidant's FHIR ids


class Ids:
    """The ``urn:uuid:`` of each resource, derived from the vault's record ids."""

    def __init__(self, vault_id: str = "") -> None:
        self._vault = vault_id

    def uuid(self, kind: str, key: object) -> str:
        return str(uuid.uuid5(_NAMESPACE, f"{self._vault}/{kind}/{key}"))

    def url(self, kind: str, key: object) -> str:
        return "urn:uuid:" + self.uuid(kind, key)


def reference(url: str, display: str = "") -> JSON:
    ref: JSON = {"reference": url}
    if display:
        ref["display"] = display
    return ref


def concept(system: str, code: str, display: str = "", text: str = "") -> JSON:
    coding: JSON = {"system": system, "code": code}
    if display:
        coding["display"] = display
    result: JSON = {"coding": [coding]}
    if text:
        result["text"] = text
    return result


def restricted() -> JSON:
    """The confidentiality label every resource of a therapy record carries."""
    return {"security": [{"system": CONFIDENTIALITY, "code": "R", "display": "restricted"}]}


def text_attachment(text: str, title: str, created: str = "") -> JSON:
    """A UTF-8 plain-text attachment, with its SHA-1 (the hash FHIR R4 defines) and size."""
    data = text.encode("utf-8")
    attachment: JSON = {
        "contentType": "text/plain; charset=utf-8",
        "data": base64.b64encode(data).decode("ascii"),
        "size": len(data),
        "hash": base64.b64encode(hashlib.sha1(data, usedforsecurity=False).digest()).decode(),
        "title": title,
    }
    if created:
        attachment["creation"] = created
    return attachment


def sha256_identifier(hex_digest: str) -> JSON:
    """A signature hash as a URI identifier (RFC 6920 "named information")."""
    raw = bytes.fromhex(hex_digest)
    value = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
    return {"system": URI_SYSTEM, "value": f"ni:///sha-256;{value}"}


def session_period(session_start: str, minutes: int | None) -> JSON:
    """A session's period with the time zone FHIR requires on a time of day.

    Sessions are stored in local time, as the therapist typed them; the offset is the one this
    computer's time zone had on that day (summer time included).
    """
    start = datetime.fromisoformat(session_start).astimezone()
    period: JSON = {"start": start.isoformat(timespec="seconds")}
    if minutes is not None:
        period["end"] = (start + timedelta(minutes=minutes)).isoformat(timespec="seconds")
    return period


def instant(iso: str) -> str:
    """A stored UTC time as a FHIR instant (``2026-03-02T14:05:09+00:00``)."""
    return datetime.fromisoformat(iso).isoformat(timespec="seconds")


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def without_empty(resource: JSON) -> JSON:
    """`resource` without empty strings, lists or objects: FHIR forbids empty elements."""
    cleaned: JSON = {}
    for key, value in resource.items():
        if isinstance(value, dict):
            value = without_empty(value)
        elif isinstance(value, list):
            value = [without_empty(v) if isinstance(v, dict) else v for v in value]
            value = [v for v in value if v not in ("", None, {}, [])]
        if value in ("", None, {}, []):
            continue
        cleaned[key] = value
    return cleaned
