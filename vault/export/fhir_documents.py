"""Session notes as FHIR DocumentReferences: the note's text, attached as plain text.

One DocumentReference per note (LOINC 11506-3 "Progress note", as US Core files a progress
note) and one per addendum or amendment, which ``appends`` to its note: each was sealed on
its own, and a receiving system keeps them apart as the vault does. The attachment is the
note as this client may see it (other participants by role only, their private sections
already gone, see `vault.export.joint`), so nothing here decides what to leave out.
"""

from __future__ import annotations

from collections.abc import Iterator

from vault.export.fhir_common import (
    CONFIDENTIALITY,
    JSON,
    LOINC,
    US_CORE_DOC_CATEGORY,
    Ids,
    concept,
    instant,
    reference,
    session_period,
    sha256_identifier,
    text_attachment,
    without_empty,
)
from vault.export.model import RecordNote
from vault.export.pdf_words import MODALITY, RISK, SERVICE, moment, session_time, word
from vault.notes.addenda import AMENDMENT
from vault.notes.model import Addendum
from vault.notes.templates import template_title

PROGRESS_NOTE = ("11506-3", "Progress note")


def note_documents(entry: RecordNote, ids: Ids, patient_url: str) -> Iterator[JSON]:
    """The note's DocumentReference, then one for each of its addenda, oldest first."""
    note = entry.note
    content = note.content
    kind = template_title(content.template_id)
    signature = note.signature
    url = ids.url("document", note.id)
    if note.is_process_note:
        # Not a progress note, and more restricted: no LOINC code claims otherwise.
        doc_type: JSON = {"text": f"Psychotherapy note ({kind})"}
        label = "V"
    else:
        doc_type = concept(LOINC, *PROGRESS_NOTE, text=kind)
        label = "R"
    identifiers = [sha256_identifier(signature.content_sha256)] if signature else []
    yield without_empty(
        {
            "resourceType": "DocumentReference",
            "id": ids.uuid("document", note.id),
            "meta": {"security": [{"system": CONFIDENTIALITY, "code": label}]},
            "identifier": identifiers,
            "status": "current",
            "docStatus": "final" if signature else "preliminary",
            "type": doc_type,
            "category": [concept(US_CORE_DOC_CATEGORY, "clinical-note", "Clinical Note")],
            "subject": reference(patient_url),
            "date": instant(signature.signed_at if signature else note.updated_at),
            "author": [{"display": signature.signed_by}] if signature else [],
            "authenticator": {"display": signature.signed_by} if signature else {},
            "description": entry.notice,
            "content": [
                {
                    "attachment": text_attachment(
                        note_text(entry),
                        f"{kind}, {session_time(content.session_start)}",
                        instant(signature.signed_at) if signature else "",
                    )
                }
            ],
            "context": {
                "encounter": [reference(ids.url("encounter", note.id))],
                "period": session_period(content.session_start, content.duration_minutes),
            },
        }
    )
    for addendum in note.addenda:
        yield _addendum_document(addendum, ids, patient_url, url)


def _addendum_document(addendum: Addendum, ids: Ids, patient_url: str, note_url: str) -> JSON:
    title = "Amendment" if addendum.kind == AMENDMENT else "Addendum"
    lines = [f"{title}, written {moment(addendum.written_at)} by {addendum.author}"]
    if addendum.reason:
        lines.append(f"Reason: {addendum.reason}")
    lines += ["", addendum.text]
    return without_empty(
        {
            "resourceType": "DocumentReference",
            "id": ids.uuid("addendum", addendum.id),
            "meta": {"security": [{"system": CONFIDENTIALITY, "code": "R"}]},
            "identifier": [sha256_identifier(addendum.content_sha256)],
            "status": "current",
            "docStatus": "final",
            "type": concept(LOINC, *PROGRESS_NOTE, text=title),
            "category": [concept(US_CORE_DOC_CATEGORY, "clinical-note", "Clinical Note")],
            "subject": reference(patient_url),
            "date": instant(addendum.written_at),
            "author": [{"display": addendum.author}],
            "relatesTo": [{"code": "appends", "target": reference(note_url)}],
            "content": [
                {
                    "attachment": text_attachment(
                        "\n".join(lines), title, instant(addendum.written_at)
                    )
                }
            ],
            "context": {"encounter": [reference(ids.url("encounter", addendum.note_id))]},
        }
    )


def note_text(entry: RecordNote) -> str:
    """The note as plain text: a short header, then each section under its title."""
    note = entry.note
    content = note.content
    duration = content.duration_minutes
    lines = [
        template_title(content.template_id),
        f"Session: {session_time(content.session_start)}",
        f"Service: {word(SERVICE, content.service_type)}",
        f"Modality: {word(MODALITY, content.modality)}",
        f"Duration: {duration} minutes" if duration is not None else "Duration: not recorded",
        "Participants: " + ", ".join(p.label for p in entry.participants),
    ]
    if content.diagnoses:
        lines.append("Diagnoses (ICD-10-CM): " + ", ".join(content.diagnoses))
    if note.signature:
        lines.append(f"Signed by {note.signature.signed_by}, {moment(note.signature.signed_at)}")
        lines.append(f"Content hash (SHA-256): {note.signature.content_sha256}")
    else:
        lines.append("Not signed: a draft, which may still change")
    if entry.notice:
        lines.append(entry.notice)
    for section in content.sections:
        lines += ["", section.title or section.key, section.text]
    risk = content.risk
    if risk.to_self != "not_assessed" or risk.to_others != "not_assessed" or risk.notes:
        lines += [
            "",
            "Risk",
            f"To self: {word(RISK, risk.to_self)}; to others: {word(RISK, risk.to_others)}; "
            f"safety plan reviewed: {'yes' if risk.safety_plan_reviewed else 'no'}",
        ]
        if risk.notes:
            lines.append(risk.notes)
    return "\n".join(lines) + "\n"
