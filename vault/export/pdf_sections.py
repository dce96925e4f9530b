"""The body of a printed record, one function per section, as blocks (`vault.export.pdf_blocks`).

Each function prints what the gathered `ClientRecord` holds and nothing else: the joint-session
rule has already been applied (`vault.export.joint`), so other participants appear only by
the role label they were given, and a section private to someone else is simply not there.
"""

from __future__ import annotations

from collections.abc import Iterator

from vault.consent.model import LIMITS, AccessRequest, AmendmentRequest, Disclosure, Release
from vault.export.model import ClientRecord, ConsentRecord, RecordNote
from vault.export.pdf_blocks import Block, Checkbox, Field, Heading, Paragraph, Rule, Space
from vault.export.pdf_policy import policy_blocks
from vault.export.pdf_words import (
    DECISION,
    EXCEPTION,
    HOW_GIVEN,
    MODALITY,
    RISK,
    SERVICE,
    count,
    day,
    moment,
    session_time,
    word,
)
from vault.notes.addenda import AMENDMENT
from vault.notes.model import Addendum, Note
from vault.notes.templates import template_title

_PROFILE_FIELDS = (
    ("full_name", "Full name"),
    ("preferred_name", "Preferred name"),
    ("pronouns", "Pronouns"),
    ("date_of_birth", "Date of birth"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("address", "Address"),
    ("emergency_contact", "Emergency contact"),
    ("status", "Status"),
    ("start_date", "First session"),
    ("referral_source", "Referred by"),
    ("notes", "Notes"),
)


def profile_blocks(record: ClientRecord, title: str) -> Iterator[Block]:
    yield Heading(title)
    if record.profile is None:
        return
    profile = record.profile.profile
    for name, label in _PROFILE_FIELDS:
        value = getattr(profile, name)
        if value:
            yield Field(label, value)
    yield Field("Record opened", moment(record.profile.created_at))
    if record.profile.archived_at:
        yield Field("Archived", moment(record.profile.archived_at))


def consent_blocks(record: ClientRecord, title: str) -> Iterator[Block]:
    yield Heading(title)
    if not record.consents:
        yield Paragraph("No consent to treatment and confidentiality is recorded.")
    for entry in record.consents:
        yield from _consent(entry)
    yield Heading("Releases of information", 1)
    if not record.releases:
        yield Paragraph("No release of information (authorisation to disclose) is recorded.")
    for release in record.releases:
        yield from _release(release)


def _consent(entry: ConsentRecord) -> Iterator[Block]:
    consent = entry.consent
    yield Heading(
        f"Consent given {day(consent.given_on)} (policy version {consent.policy_version})", 1
    )
    yield Field("Given on", day(consent.given_on))
    yield Field("How", word(HOW_GIVEN, consent.how))
    yield Field("Review due", day(consent.review_due))
    if consent.withdrawn_on is not None:
        yield Field("Withdrawn on", day(consent.withdrawn_on))
        if consent.withdrawal_reason:
            yield Field("How and why withdrawn", consent.withdrawal_reason)
    yield Field("Sessions by video", "Yes" if consent.telehealth else "No")
    if consent.telehealth_privacy:
        yield Field("Privacy at home", consent.telehealth_privacy)
    yield Heading("Limits of confidentiality explained", 2, in_contents=False)
    explained = set(consent.limits_explained)
    for code, label in LIMITS:
        yield Checkbox(label, checked=code in explained)
    for revisit in entry.revisits:
        yield Field("Revisited", f"{day(revisit.revisited_on)}: {revisit.discussed or '—'}")
    yield Heading(f"The policy as agreed (version {entry.policy.version})", 2, in_contents=False)
    yield from policy_blocks(entry.policy.body)


def _release(release: Release) -> Iterator[Block]:
    recipient = ", ".join(p for p in (release.recipient_name, release.recipient_org) if p)
    yield Heading(f"Release {release.id}: to {recipient or 'a recipient'}", 2, in_contents=False)
    yield Field("Recipient", release.recipient_name)
    if release.recipient_org:
        yield Field("Organisation", release.recipient_org)
    if release.recipient_address:
        yield Field("Address", release.recipient_address)
    yield Field("Purpose", release.purpose)
    yield Field("What may be shared", release.information)
    yield Field("Who may disclose", release.disclosed_by)
    yield Field("In force from", day(release.starts_on))
    yield Field("Expires", day(release.expires_on, release.expiry_event or "—"))
    if release.expires_on is not None and release.expiry_event:
        yield Field("Or on", release.expiry_event)
    yield Field("Signed on", day(release.signed_on))
    if release.revoked_on is not None:
        yield Field("Revoked on", day(release.revoked_on))


def notes_blocks(record: ClientRecord, title: str) -> Iterator[Block]:
    yield Heading(title)
    if not record.notes:
        yield Paragraph("No session notes fall within this record's range.")
    requested = {r.amendment_id: r for r in record.amendment_requests if r.amendment_id is not None}
    for index, entry in enumerate(record.notes):
        if index:
            yield Rule()
        yield from _note(entry, requested)


def _note(entry: RecordNote, requested: dict[int, AmendmentRequest]) -> Iterator[Block]:
    note = entry.note
    content = note.content
    kind = template_title(content.template_id)
    if note.is_process_note:
        kind += " (psychotherapy note)"
    yield Heading(f"{session_time(content.session_start)} · {kind}", 1)
    yield Field("Session", session_time(content.session_start))
    yield Field("Kind", kind)
    yield Field("Service", word(SERVICE, content.service_type))
    yield Field("Modality", word(MODALITY, content.modality))
    duration = content.duration_minutes
    yield Field("Duration", count(duration, "minute") if duration is not None else "—")
    yield Field("Participants", ", ".join(p.label for p in entry.participants))
    if content.diagnoses:
        yield Field("Diagnoses", ", ".join(content.diagnoses))
    yield from _signature(entry)
    if entry.notice:
        yield Paragraph(entry.notice, "small")
    for section in content.sections:
        yield Heading(section.title or section.key, 2, in_contents=False)
        yield Paragraph(section.text if section.text.strip() else "(left empty)")
    yield from _risk(note)
    for addendum in note.addenda:
        yield from _addendum(addendum, requested.get(addendum.id))


def _signature(entry: RecordNote) -> Iterator[Block]:
    signature = entry.note.signature
    if signature is None:
        yield Field("Signed", "Not signed: a draft, which may still change")
        return
    yield Field("Signed by", signature.signed_by)
    yield Field("Signed at", moment(signature.signed_at))
    yield Field("Content hash (SHA-256)", signature.content_sha256, mono=True)
    origin = entry.imported_from
    if origin is not None:
        yield Field("Imported", moment(origin.imported_at))
        yield Field("Original hash", origin.source_sha256, mono=True)
    if entry.is_redacted:
        yield Paragraph(
            "The hash is that of the complete note as it was signed; this copy leaves part of "
            "it out, so the hash cannot be recomputed from this copy.",
            "small",
        )


def _risk(note: Note) -> Iterator[Block]:
    risk = note.content.risk
    assessed = risk.to_self != "not_assessed" or risk.to_others != "not_assessed"
    if not (assessed or risk.notes or risk.safety_plan_reviewed):
        return
    yield Heading("Risk", 2, in_contents=False)
    yield Field("To self", word(RISK, risk.to_self))
    yield Field("To others", word(RISK, risk.to_others))
    yield Field("Safety plan reviewed", "Yes" if risk.safety_plan_reviewed else "No")
    if risk.notes:
        yield Paragraph(risk.notes)


def _addendum(addendum: Addendum, request: AmendmentRequest | None) -> Iterator[Block]:
    if addendum.kind == AMENDMENT:
        title = "Amendment"
        if addendum.request_received_on:
            title += f", requested {addendum.request_received_on}"
    else:
        title = "Addendum"
    yield Space(1)
    yield Heading(f"{title}, written {moment(addendum.written_at)}", 2, in_contents=False)
    yield Field("Written by", addendum.author)
    if addendum.reason:
        yield Field("Reason", addendum.reason)
    if request is not None:
        yield Field("In answer to", f"Amendment request of {day(request.received_on)}")
    yield Field("Hash (SHA-256)", addendum.content_sha256, mono=True)
    yield Paragraph(addendum.text)


def diagnoses_blocks(record: ClientRecord, title: str) -> Iterator[Block]:
    yield Heading(title)
    if not record.diagnoses:
        yield Paragraph("No diagnosis is recorded in the notes of this range.")
        return
    yield Paragraph("ICD-10-CM codes as recorded in the session notes.", "small")
    for entry in record.diagnoses:
        first, last = session_time(entry.first_noted)[:10], session_time(entry.last_noted)[:10]
        span = first if first == last else f"{first} to {last}"
        yield Field(entry.code, f"{span}, in {count(entry.note_count, 'note')}")


def disclosures_blocks(record: ClientRecord, title: str) -> Iterator[Block]:
    matter = record.front_matter
    yield Heading(title)
    yield Paragraph(
        f"Every time the practice shared your information with someone else from "
        f"{day(matter.accounting_from)} to {day(matter.accounting_to)}: the date, who received "
        "it, what was shared, and on what basis.",
        "small",
    )
    if not record.disclosures:
        yield Paragraph("No disclosures were made in this period.")
    for disclosure in record.disclosures:
        yield from _disclosure(disclosure)


def _disclosure(disclosure: Disclosure) -> Iterator[Block]:
    yield Heading(f"{day(disclosure.disclosed_on)}: {disclosure.recipient}", 2, in_contents=False)
    yield Field("What was shared", disclosure.information)
    if disclosure.basis == "release":
        basis = f"Your written authorisation (release {disclosure.release_id})"
    elif disclosure.basis == "client_request":
        basis = "Your own request"
    else:
        basis = "Required or allowed by law: " + word(EXCEPTION, disclosure.exception or "")
    yield Field("Basis", basis)
    if disclosure.justification:
        yield Field("Why", disclosure.justification)


def requests_blocks(record: ClientRecord, title: str) -> Iterator[Block]:
    yield Heading(title)
    if not (record.access_requests or record.amendment_requests):
        yield Paragraph("No request to see or to correct the record is recorded.")
    for access in record.access_requests:
        yield from _access(access)
    notes = {entry.note.id: entry.note for entry in record.notes}
    for amendment in record.amendment_requests:
        yield from _amendment(amendment, notes)


def _access(request: AccessRequest) -> Iterator[Block]:
    yield Heading(f"Request for a copy, received {day(request.received_on)}", 2, in_contents=False)
    yield Field("Due by", day(request.due_on))
    if request.extended_to is not None:
        yield Field("Extended to", day(request.extended_to))
        yield Field("Why extended", request.extension_reason or "—")
    if request.fulfilled_on is not None:
        yield Field("Fulfilled on", day(request.fulfilled_on))
        if request.fulfilled_how:
            yield Field("How", request.fulfilled_how)
    else:
        yield Field("Outcome", "Open")


def _amendment(request: AmendmentRequest, notes: dict[int, Note]) -> Iterator[Block]:
    yield Heading(
        f"Request to correct the record, received {day(request.received_on)}",
        2,
        in_contents=False,
    )
    if request.note_id is not None:
        note = notes.get(request.note_id)
        about = (
            f"The note of {session_time(note.content.session_start)}"
            if note is not None
            else "A note outside this record's range"
        )
        yield Field("About", about)
    yield Field("What was asked", request.what_asked)
    yield Field("Due by", day(request.due_on))
    if request.decision is None:
        yield Field("Outcome", "Open")
        return
    yield Field("Decision", word(DECISION, request.decision))
    yield Field("Decided on", day(request.decided_on))
    if request.reason:
        yield Field("Reason", request.reason)
    if request.disagreement:
        yield Field("Statement of disagreement", request.disagreement)
