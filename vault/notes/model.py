"""What a session note is: the typed values that cross between the vault and its front ends.

`NoteContent` is everything the editor holds and autosaves; `Note` is what the vault gives back,
with its signature and its addenda. Validation lives here so the editor, the CLI and imports
all refuse the same things with the same words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from vault.store.errors import ValidationError, raise_problems
from vault.store.text_fields import checked_text, document, line

MODALITIES = ("in_person", "video", "phone")
SERVICE_TYPES = ("individual", "couples", "family", "group")
RISK_LEVELS = ("not_assessed", "none", "low", "moderate", "high")
MAX_SECTIONS = 50
MAX_TEXT_CHARS = 1_000_000
# ICD-10-CM shape: a letter, a digit, a digit or letter (F41, C7A), then optionally a dot and up
# to four more characters (F41.1, F43.10, S06.0X1A).
_ICD10_SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$")


@dataclass(frozen=True)
class RiskAssessment:
    """The risk statement every note may carry: levels from `RISK_LEVELS`, plus free text."""

    to_self: str = "not_assessed"
    to_others: str = "not_assessed"
    safety_plan_reviewed: bool = False
    notes: str = ""


@dataclass(frozen=True)
class NoteSection:
    """One section's text. `private_to` names the one participant (client id) whose private
    disclosure this is, so a joint note's export to another participant can leave it out."""

    key: str
    title: str
    text: str = ""
    private_to: int | None = None


@dataclass(frozen=True)
class NoteContent:
    """The editable content of a note: what the editor autosaves and what signing freezes.

    `session_start` is local ISO date and time (``2026-03-02T14:00``); `template_id` is the
    kind of note (``soap``, ``process``...), see `vault.templates`.
    """

    template_id: str
    session_start: str
    participants: tuple[int, ...]
    sections: tuple[NoteSection, ...]
    duration_minutes: int | None = 50
    modality: str = "in_person"
    service_type: str = "individual"
    diagnoses: tuple[str, ...] = ()
    risk: RiskAssessment = field(default_factory=RiskAssessment)


@dataclass(frozen=True)
class NoteInput:
    """A note written as one block of text, for scripts and tests (`create_note_from_text`);
    the text goes into the template's first section."""

    kind: str
    session_start: str
    participants: tuple[int, ...]
    body: str
    duration_minutes: int | None = 50
    modality: str = "in_person"
    service_type: str = "individual"


@dataclass(frozen=True)
class Signature:
    """Who signed, when (UTC ISO), and the SHA-256 of the canonical signed content."""

    signed_by: str
    signed_at: str
    content_sha256: str


@dataclass(frozen=True)
class Addendum:
    """A dated later addition under a signed note. `kind` is ``addendum`` or ``amendment``
    (made in answer to a client's correction request, then `requested_by` is that client)."""

    id: int
    note_id: int
    kind: str
    written_at: str
    author: str
    reason: str
    text: str
    requested_by: int | None
    request_received_on: str | None
    content_sha256: str


@dataclass(frozen=True)
class Redaction:
    """What left a signed note when one of its participants' records was destroyed.

    `sealed_sha256` is the hash the note was signed with (kept, so anyone can see the note was
    altered after signing); `prior_sha256` is the seal just before this redaction (the signed
    hash, or an earlier redaction's reseal); `remaining_sha256` hashes what remained, in the
    signed format; `resealed_sha256` seals this whole record (`vault.notes.signing.reseal`).
    The departed participant is not named here: the audit trail's ``client.destroyed`` entry
    is their one remaining trace.
    """

    id: int
    note_id: int
    redacted_at: str
    cause: str  # "participant_destroyed"
    sections_removed: tuple[str, ...]
    addenda_removed: tuple[int, ...]
    sealed_sha256: str
    prior_sha256: str
    remaining_sha256: str
    resealed_sha256: str


@dataclass(frozen=True)
class Note:
    id: int
    content: NoteContent
    is_process_note: bool
    created_at: str
    updated_at: str
    signature: Signature | None
    addenda: tuple[Addendum, ...] = ()
    redactions: tuple[Redaction, ...] = ()

    @property
    def is_signed(self) -> bool:
        return self.signature is not None


@dataclass(frozen=True)
class NoteSummary:
    """One line of a list (timeline, unsigned drafts, record set): no section text beyond the
    first line."""

    id: int
    kind: str
    kind_title: str
    session_start: str
    is_process_note: bool
    signed_at: str | None
    first_line: str
    participant_ids: tuple[int, ...]
    addenda_count: int


def normalise_diagnosis(code: str) -> str:
    """``f411`` -> ``F41.1``; raise `ValidationError` when the text is not ICD-10-CM shaped."""
    cleaned = code.strip().upper()
    if "." not in cleaned and len(cleaned) > 3:
        cleaned = f"{cleaned[:3]}.{cleaned[3:]}"
    if not _ICD10_SHAPE.match(cleaned):
        raise ValidationError(
            f"Diagnosis code {code.strip()!r} does not look like an ICD-10-CM code "
            "(a letter, two digits, then optionally a dot and up to four more, like F41.1)."
        )
    return cleaned


def validate_note(note: NoteContent, *, is_process_note: bool, strict: bool = True) -> NoteContent:
    """Return the note with cleaned fields, or raise `InvalidFieldsError` (a `ValidationError`)
    naming every field that is wrong, in the editor's order (`field`: ``session_start``,
    ``duration_minutes``, ``modality``, ``service_type``, ``participants``, ``diagnoses``,
    ``risk_to_self``, ``risk_to_others``, ``risk_notes``, ``sections`` or ``sections.N``).

    `strict=False` is for autosaved drafts: text half-typed in a field (a diagnosis code, say)
    must still be saved, so only what storage itself needs is checked. Signing re-checks
    strictly.
    """
    problems: list[ValidationError] = []

    def check(field_name: str, test: Callable[[], None]) -> None:
        try:
            test()
        except ValidationError as exc:
            problems.append(ValidationError(str(exc), field=field_name))

    participants = tuple(dict.fromkeys(note.participants))
    check("session_start", lambda: _check_session_start(note.session_start))
    check("duration_minutes", lambda: _check_duration(note.duration_minutes))
    check("modality", lambda: _check_choice("Modality", note.modality, MODALITIES))
    check("service_type", lambda: _check_choice("Service type", note.service_type, SERVICE_TYPES))
    if strict and note.service_type == "individual" and len(participants) > 1:
        problems.append(
            ValidationError(
                "An individual session has one participant; choose couples, family or group.",
                field="service_type",
            )
        )
    if not participants:
        problems.append(
            ValidationError("A note needs at least one participant.", field="participants")
        )
    diagnoses: list[str] = []
    check("diagnoses", lambda: diagnoses.extend(_diagnoses(note.diagnoses, strict)))
    if strict and is_process_note and diagnoses:
        problems.append(
            ValidationError(
                "Diagnoses belong in the progress note, not in a psychotherapy (process) note.",
                field="diagnoses",
            )
        )
    check("risk_to_self", lambda: _check_choice("Risk to self", note.risk.to_self, RISK_LEVELS))
    check(
        "risk_to_others", lambda: _check_choice("Risk to others", note.risk.to_others, RISK_LEVELS)
    )
    check("risk_notes", lambda: _check_text("Risk notes", note.risk.notes))
    problems.extend(_section_problems(note.sections, participants))
    raise_problems(problems)
    return replace(note, participants=participants, diagnoses=tuple(diagnoses))


def _check_duration(minutes: int | None) -> None:
    if minutes is not None and not 0 <= minutes <= 24 * 60:
        raise ValidationError("Duration must be between 0 and 1440 minutes.")


def _diagnoses(codes: tuple[str, ...], strict: bool) -> tuple[str, ...]:
    found = tuple(dict.fromkeys(_diagnosis(c, strict) for c in codes if c.strip()))
    for code in found:
        _check_text("Diagnosis code", code, one_line=True)
    return found


def _diagnosis(code: str, strict: bool) -> str:
    try:
        return normalise_diagnosis(code)
    except ValidationError:
        if strict:
            raise
        return code.strip()


def _check_session_start(value: str) -> None:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError("Session date and time must look like 2026-03-02T14:00.") from None


def _check_choice(label: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValidationError(f"{label} must be one of: {', '.join(allowed)}.")


def _section_problems(
    sections: tuple[NoteSection, ...], participants: tuple[int, ...]
) -> list[ValidationError]:
    if len(sections) > MAX_SECTIONS:
        return [
            ValidationError(f"A note can have at most {MAX_SECTIONS} sections.", field="sections")
        ]
    problems: list[ValidationError] = []
    for position, section in enumerate(sections):
        try:
            _check_section(section, participants)
        except ValidationError as exc:
            problems.append(ValidationError(str(exc), field=f"sections.{position}"))
    return problems


def _check_section(section: NoteSection, participants: tuple[int, ...]) -> None:
    if not section.key.strip():
        raise ValidationError("Every section needs a key.")
    _check_text("A section's key", section.key, one_line=True)
    _check_text(f"Section {section.title or section.key}", section.title)
    _check_text(f"Section {section.title or section.key}", section.text)
    if section.private_to is not None and section.private_to not in participants:
        raise ValidationError(
            f"Section {section.title!r} is marked private to someone who is not a "
            "participant of this session."
        )


def _check_text(label: str, text: str, *, one_line: bool = False) -> None:
    checked_text(text, line(label) if one_line else document(label, MAX_TEXT_CHARS))
