"""The JSON export of a client's record: ``confidant.record`` version 2.

Documented by ``docs/export-schema.json`` (JSON Schema 2020-12) and complete enough to be
imported into another vault (`vault.export.importer`). Version 2 added the signed forms
(`forms`): listed with name, type, size and SHA-256, and in a ZIP stored beside the JSON
(`SignedForm.member`), or inside a plain JSON file as Base64 (one file, nothing beside it).
Every note carries the ids its signature hash was computed with (`seal_note_id`, the
participants' `seal_id`, each addendum's `seal_note_id` and `seal_requested_by`), so anyone
can recompute its hash from this file alone (canonical form: `vault.notes.signing`). Other
participants appear by role label only, with their seal id where the hash needs it (a
complete note; never in a redacted copy, see `vault.export.joint`).
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from vault.clients.records import Client
from vault.consent.model import AccessRequest, AmendmentRequest, Disclosure, Release
from vault.export.model import SECTIONS, ClientRecord, ConsentRecord, RecordNote, SignedForm
from vault.notes.model import Addendum
from vault.notes.provenance import AddendumSeal
from vault.notes.templates import template_title

JSON_FORMAT = "confidant.record"
JSON_VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1 had no forms
JSON_MEDIA_TYPE = "application/json"

Json = dict[str, Any]


def record_json_bytes(record: ClientRecord, *, forms_beside: bool = True) -> bytes:
    """The record as UTF-8 JSON text, one line (Python's fast C encoder only runs without
    indentation: 7x faster on a 500-note record; any JSON viewer lays it out).

    `forms_beside`: the signed forms travel as files beside the JSON (a ZIP); otherwise their
    bytes are in the JSON itself, as Base64."""
    document = record_to_json(record, forms_beside=forms_beside)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


def forms_beside_json(record: ClientRecord) -> list[tuple[str, bytes]]:
    """The ZIP members beside ``record.json``: each signed form under its `member` name."""
    return [(form.member, form.data) for form in record.forms]


def record_to_json(record: ClientRecord, *, forms_beside: bool = True) -> Json:
    front = record.front_matter
    selection = record.selection
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "generated_at": front.generated_at,
        "app_version": front.app_version,
        "selection": {
            "client_id": selection.client_id,
            "date_from": _day(selection.date_from),
            "date_to": _day(selection.date_to),
            "sections": _ordered(selection.sections),
            "include_process_notes": selection.include_process_notes,
        },
        "front_matter": {
            "range_text": front.range_text,
            "included": list(front.included),
            "excluded": [{"what": e.what, "why": e.why} for e in front.excluded],
            "joint_session_rule": front.joint_session_rule,
            "process_notes_explanation": front.process_notes_explanation,
            "accounting_from": front.accounting_from.isoformat(),
            "accounting_to": front.accounting_to.isoformat(),
        },
        "practice": asdict(record.practice),
        "client": _client(record),
        "consents": [_consent(c) for c in record.consents],
        "releases": [_release(r) for r in record.releases],
        "notes": [note_to_json(n) for n in record.notes],
        "diagnoses": [asdict(d) for d in record.diagnoses],
        "disclosures": [_disclosure(d) for d in record.disclosures],
        "access_requests": [_access(r) for r in record.access_requests],
        "amendment_requests": [_amendment(r) for r in record.amendment_requests],
        "forms": [_form(f, forms_beside) for f in record.forms],
        "counts": {
            "notes": len(record.notes),
            "notes_in_range": record.notes_total,
            "process_notes_left_out": record.process_notes_left_out,
        },
    }


def _ordered(sections: frozenset[str]) -> list[str]:
    return [s for s in SECTIONS if s in sections]


def _client(record: ClientRecord) -> Json:
    client: Client | None = record.profile
    return {
        "id": record.client_id,
        "display_name": record.client_name,
        "full_name": record.full_name,
        "preferred_name": record.preferred_name,
        "profile": asdict(client.profile) if client else None,
        "archived_at": client.archived_at if client else None,
    }


def _consent(item: ConsentRecord) -> Json:
    c = item.consent
    return {
        "id": c.id,
        "policy_version": c.policy_version,
        "policy_text": item.policy.body,
        "given_on": c.given_on.isoformat(),
        "how": c.how,
        "limits_explained": list(c.limits_explained),
        "telehealth": c.telehealth,
        "telehealth_privacy": c.telehealth_privacy,
        "review_due": c.review_due.isoformat(),
        "withdrawn_on": _day(c.withdrawn_on),
        "withdrawal_reason": c.withdrawal_reason,
        "revisits": [
            {"id": r.id, "revisited_on": r.revisited_on.isoformat(), "discussed": r.discussed}
            for r in item.revisits
        ],
    }


def _release(r: Release) -> Json:
    return {
        "id": r.id,
        "recipient_name": r.recipient_name,
        "recipient_org": r.recipient_org,
        "recipient_address": r.recipient_address,
        "purpose": r.purpose,
        "information": r.information,
        "disclosed_by": r.disclosed_by,
        "starts_on": r.starts_on.isoformat(),
        "expires_on": _day(r.expires_on),
        "expiry_event": r.expiry_event,
        "signed_on": r.signed_on.isoformat(),
        "revoked_on": _day(r.revoked_on),
    }


def note_to_json(item: RecordNote) -> Json:
    """One note of a client's record, with what its seal covers and what was left out."""
    note = item.note
    content = note.content
    signature = note.signature
    return {
        "id": note.id,
        "seal_note_id": item.seal_note_id,
        "template_id": content.template_id,
        "kind_title": template_title(content.template_id),
        "is_process_note": note.is_process_note,
        "session_start": content.session_start,
        "duration_minutes": content.duration_minutes,
        "modality": content.modality,
        "service_type": content.service_type,
        "participants": [
            {"label": p.label, "is_record_client": p.is_record_client, "seal_id": p.seal_id}
            for p in item.participants
        ],
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "text": s.text,
                "private_to_client": s.private_to is not None,
            }
            for s in content.sections
        ],
        "diagnoses": list(content.diagnoses),
        "risk": asdict(content.risk),
        "created_at": note.created_at,
        "updated_at": note.updated_at,
        "signature": asdict(signature) if signature else None,
        "addenda": [
            _addendum(a, seal) for a, seal in zip(note.addenda, item.addendum_seals, strict=True)
        ],
        "left_out_sections": item.left_out_sections,
        "left_out_amendments": item.left_out_amendments,
        "diagnoses_left_out": item.diagnoses_left_out,
        "redacted": item.is_redacted,
        "notice": item.notice,
        "imported_from": asdict(item.imported_from) if item.imported_from else None,
    }


def _addendum(a: Addendum, seal: AddendumSeal) -> Json:
    return {
        "id": a.id,
        "kind": a.kind,
        "written_at": a.written_at,
        "author": a.author,
        "reason": a.reason,
        "text": a.text,
        "requested_by_client": a.requested_by is not None,
        "request_received_on": a.request_received_on,
        "content_sha256": a.content_sha256,
        "seal_note_id": seal.note_id,
        "seal_requested_by": seal.requested_by,
    }


def _form(form: SignedForm, beside: bool) -> Json:
    a = form.attachment
    return {
        "id": a.id,
        "consent_id": a.consent_id,
        "release_id": a.release_id,
        "file_name": a.file_name,
        "media_type": a.media_type,
        "size_bytes": a.size_bytes,
        "sha256": a.sha256,
        "added_at": a.added_at,
        "file": form.member if beside else None,
        "data_base64": None if beside else base64.b64encode(form.data).decode("ascii"),
    }


def _disclosure(d: Disclosure) -> Json:
    return {
        "id": d.id,
        "disclosed_on": d.disclosed_on.isoformat(),
        "recipient": d.recipient,
        "information": d.information,
        "basis": d.basis,
        "release_id": d.release_id,
        "exception": d.exception,
        "justification": d.justification,
    }


def _access(r: AccessRequest) -> Json:
    return {
        "id": r.id,
        "received_on": r.received_on.isoformat(),
        "due_on": r.due_on.isoformat(),
        "extended_to": _day(r.extended_to),
        "extension_reason": r.extension_reason,
        "fulfilled_on": _day(r.fulfilled_on),
        "fulfilled_how": r.fulfilled_how,
    }


def _amendment(r: AmendmentRequest) -> Json:
    return {
        "id": r.id,
        "note_id": r.note_id,
        "received_on": r.received_on.isoformat(),
        "what_asked": r.what_asked,
        "due_on": r.due_on.isoformat(),
        "decision": r.decision,
        "decided_on": _day(r.decided_on),
        "reason": r.reason,
        "amendment_id": r.amendment_id,
        "disagreement": r.disagreement,
    }


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None
