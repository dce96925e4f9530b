"""A client's record as a PDF for people: cover, contents, then each chosen section.

`record_pdf` returns plain PDF bytes built in memory; nothing is written anywhere. The caller
encrypts them (`vault.export.pdf_security.encrypt_pdf`) before they leave memory, unless the
therapist deliberately chose an unencrypted copy.

The cover says whose record it is, who keeps it, which sessions it covers, when it was made,
what it includes (the signed forms attached to it among them) and what it leaves out and
why, and the joint-session rule: a reader learns
what they are holding before they read a single note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from vault.clients.practice import PracticeDetails
from vault.export.model import SECTION_TITLES, SECTIONS, ClientRecord
from vault.export.pdf_attachments import embed_forms, forms_cover_blocks
from vault.export.pdf_blocks import (
    Block,
    Bullet,
    Contents,
    Field,
    Heading,
    PageBreak,
    Paragraph,
    Space,
    UnprintableNotice,
)
from vault.export.pdf_document import render_pdf
from vault.export.pdf_sections import (
    consent_blocks,
    diagnoses_blocks,
    disclosures_blocks,
    notes_blocks,
    profile_blocks,
    requests_blocks,
)
from vault.export.pdf_words import count, moment

PDF_TITLE = "Confidential client record"
CONFIDENTIAL = (
    "This document is a confidential health record. It was made for the person it is about, "
    "at their request. If you are not that person and it reached you by mistake, please do "
    "not read further, and let the practice know."
)

_SECTION_BLOCKS: dict[str, Callable[[ClientRecord, str], Iterator[Block]]] = {
    "profile": profile_blocks,
    "consent": consent_blocks,
    "notes": notes_blocks,
    "diagnoses": diagnoses_blocks,
    "disclosures": disclosures_blocks,
    "requests": requests_blocks,
}


def record_pdf(record: ClientRecord, *, paper: str = "A4", practice: PracticeDetails) -> bytes:
    """The record as PDF bytes on `paper` ("A4" or "Letter"), in memory and unencrypted, its
    signed forms attached (`pdf_attachments`)."""
    drawn = render_pdf(
        list(record_blocks(record, practice)),
        paper=paper,
        title=PDF_TITLE,
        running_head=f"{record.client_name} — client record",
    )
    return embed_forms(drawn, record)


def record_blocks(record: ClientRecord, practice: PracticeDetails) -> Iterator[Block]:
    """Everything the PDF says, in order."""
    yield from cover_blocks(record, practice)
    yield Contents()
    for section in SECTIONS:
        if record.includes(section):
            yield PageBreak()
            yield from _SECTION_BLOCKS[section](record, SECTION_TITLES[section])


def cover_blocks(record: ClientRecord, practice: PracticeDetails) -> Iterator[Block]:
    matter = record.front_matter
    yield Paragraph("Client record", "title")
    yield Paragraph(record.client_name, "subtitle")
    yield Space(4)
    yield from practice_blocks(practice)
    yield Field("Sessions", matter.range_text)
    yield Field("Notes", _notes_line(record))
    yield Field("Made", f"{moment(matter.generated_at)}, with Confidant {matter.app_version}")
    yield Space(2)
    yield Paragraph(CONFIDENTIAL, "small")
    yield Heading("What this record includes", 2, in_contents=False)
    for title in matter.included:
        yield Bullet(title)
    if record.selection.include_process_notes and record.includes("notes"):
        yield Bullet("Psychotherapy (process) notes, which the therapist chose to include.")
    yield from forms_cover_blocks(record)
    yield Heading("What this record leaves out, and why", 2, in_contents=False)
    if not matter.excluded:
        yield Paragraph("Nothing: every part of the record is included.")
    for exclusion in matter.excluded:
        yield Paragraph(exclusion.what, "strong")
        why = exclusion.why
        if why == matter.joint_session_rule:
            why = "As the rule for joint sessions below says."
        yield Paragraph(why, "small", indent=2)
        yield Space(1)
    yield Heading("Joint sessions", 2, in_contents=False)
    yield Paragraph(matter.joint_session_rule, "small")
    yield UnprintableNotice()


def practice_blocks(practice: PracticeDetails) -> Iterator[Block]:
    """Who keeps the record, as far as the therapist has filled it in."""
    clinician = ", ".join(p for p in (practice.clinician, practice.credentials) if p)
    for label, value in (
        ("Practice", practice.practice_name),
        ("Clinician", clinician),
        ("Licence number", practice.licence_number),
        ("Contact", practice.contact),
    ):
        if value:
            yield Field(label, value)


def _notes_line(record: ClientRecord) -> str:
    if not record.includes("notes"):
        return "Not included"
    shown = count(len(record.notes), "note")
    if record.process_notes_left_out:
        left = count(record.process_notes_left_out, "psychotherapy note")
        return f"{shown} ({left} left out, see below)"
    return shown
