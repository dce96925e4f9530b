"""What an export holds: the selection a therapist makes and the record gathered from it.

These values cross from the vault to every renderer (JSON, FHIR, PDF) and to the window's
export dialog, so they are small frozen dataclasses with plain fields; no renderer reads the
database. Everything a client's record may show of a joint session has already been decided
here (`vault.export.joint`): a renderer prints what it is given and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from vault.clients.practice import PracticeDetails
from vault.clients.records import Client
from vault.consent.attachments import Attachment
from vault.consent.form_files import MEDIA_TYPES
from vault.consent.model import (
    AccessRequest,
    AmendmentRequest,
    Consent,
    Disclosure,
    Release,
    Revisit,
)
from vault.consent.policy import PolicyVersion
from vault.notes.model import Note
from vault.notes.provenance import AddendumSeal
from vault.store.errors import ValidationError

# The parts of a record a therapist may include, in the order an export presents them.
SECTIONS: tuple[str, ...] = ("profile", "consent", "notes", "diagnoses", "disclosures", "requests")
SECTION_TITLES: dict[str, str] = {
    "profile": "Profile",
    "consent": "Consent, limits of confidentiality and releases",
    "notes": "Session notes, with their addenda and amendments",
    "diagnoses": "Diagnoses",
    "disclosures": "Accounting of disclosures (six years)",
    "requests": "Access and amendment requests and their outcomes",
}
ALL_SECTIONS = frozenset(SECTIONS)


@dataclass(frozen=True)
class ExportSelection:
    """What the therapist chose to export: one client, an optional date range of sessions,
    the sections, and whether psychotherapy (process) notes are included on purpose."""

    client_id: int
    date_from: date | None = None
    date_to: date | None = None
    sections: frozenset[str] = ALL_SECTIONS
    include_process_notes: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.client_id, bool) or not isinstance(self.client_id, int):
            raise ValidationError("Choose the client to export.", field="client_id")
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
                raise ValidationError("The range must be given as dates.", field=name)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValidationError(
                "The range starts after it ends; check the dates.", field="date_from"
            )
        unknown = sorted(set(self.sections) - ALL_SECTIONS)
        if unknown:
            raise ValidationError(
                f"There is no record section called {unknown[0]!r}.", field="sections"
            )
        if not self.sections:
            raise ValidationError("Choose at least one section to export.", field="sections")
        object.__setattr__(self, "sections", frozenset(self.sections))


@dataclass(frozen=True)
class Participant:
    """One person in a session as this record may name them.

    `label` is what is printed: ``"Client"`` for the record's own client, and a role for
    everyone else (``"Partner"``, ``"Family member 2"``, ``"Group member 1"``), never a
    name. `client_id` is this vault's id for the person (None for someone known only from an
    imported copy); `seal_id` is the number the note's signature hash was computed with (the
    same id unless the note was imported): for another participant, their client number in
    the vault the note was signed in. It is a number, not a name, but a stable one (the same
    person in every note, in the order they became clients), so it is kept only where the
    hash needs it: in a complete note, whose signature hash anyone can recompute from the
    file (and which, covering small whole numbers, would give them up to a few guesses
    anyway). A redacted copy is hashed as itself without them, so there another
    participant's `seal_id` is None (`vault.export.joint`).
    """

    label: str
    is_record_client: bool
    client_id: int | None
    seal_id: int | None


@dataclass(frozen=True)
class ImportedFrom:
    """Where a note came from when it entered this vault through an import.

    `source_sha256` is the note's signature hash in the vault it was signed in. A
    `redacted_copy` is a joint note received from another participant's export: the export
    never carries the original hash (it would let a guess of what was left out be tested, see
    `vault.export.joint`), so `source_sha256` is the hash of the copy as it was exported, and
    the copy is sealed again on import over what was received (see `vault.notes.imported`).
    """

    source_note_id: int
    source_sha256: str
    redacted_copy: bool
    imported_at: str
    left_out_sections: int = 0  # as stated by the export the copy came from
    left_out_amendments: int = 0


@dataclass(frozen=True)
class RecordNote:
    """One note as it appears in this client's record.

    `note` is the stored note with everything this client may not see already removed:
    sections private to another participant, amendments another participant asked for, and
    the diagnosis codes when the diagnoses section is left out. The counts say what went,
    so a renderer can state it; `notice` is that statement in words.
    """

    note: Note
    participants: tuple[Participant, ...]
    seal_note_id: int  # the note id its signature hash was computed with (see Participant)
    left_out_sections: int = 0
    left_out_amendments: int = 0
    diagnoses_left_out: bool = False
    imported_from: ImportedFrom | None = None
    # One per addendum of `note`, in order: the note id and requester id its hash covers.
    addendum_seals: tuple[AddendumSeal, ...] = ()

    @property
    def record_client_seal_id(self) -> int:
        """The id the seal used for this record's client (a private section's owner)."""
        seal_id = next(p.seal_id for p in self.participants if p.is_record_client)
        if seal_id is None:
            raise ValueError("the record's client always has a seal id")
        return seal_id

    @property
    def is_redacted(self) -> bool:
        """True when the note's content differs from what was signed, so its signature hash
        cannot be recomputed from this copy (left-out amendments do not count: each addendum
        is sealed on its own)."""
        copy = self.imported_from is not None and self.imported_from.redacted_copy
        return copy or bool(self.left_out_sections or self.diagnoses_left_out)

    @property
    def notice(self) -> str:
        """Plain words for what this copy leaves out; empty when it is complete."""
        parts: list[str] = []
        if self.left_out_sections:
            parts.append(
                _count(self.left_out_sections, "section") + " private to another "
                f"participant {_is_are(self.left_out_sections)} left out"
            )
        if self.left_out_amendments:
            parts.append(
                _count(self.left_out_amendments, "amendment")
                + f" requested by another participant {_is_are(self.left_out_amendments)} left out"
            )
        if self.diagnoses_left_out:
            parts.append("diagnosis codes are left out (the diagnoses section was not chosen)")
        imported = self.imported_from
        if imported is not None and imported.redacted_copy:
            parts.append(
                "this is an imported redacted copy of a joint session note; its original "
                "signature covers sections that were never received"
            )
        if not parts:
            return ""
        if self.is_redacted:
            parts.append(
                "the hashes shown are of this copy as shown, not of the signed original, which "
                "also covers what was left out and is kept in the practice's vault"
            )
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."


@dataclass(frozen=True)
class ConsentRecord:
    """A consent as given: under which policy version (with its exact text) and its revisits."""

    consent: Consent
    policy: PolicyVersion
    revisits: tuple[Revisit, ...] = ()


@dataclass(frozen=True)
class DiagnosisEntry:
    """A diagnosis code as it appears across the exported notes: first and last session."""

    code: str
    first_noted: str  # session_start of the earliest note carrying it
    last_noted: str
    note_count: int


@dataclass(frozen=True)
class Exclusion:
    """Something the record leaves out, and why, in words for the client."""

    what: str
    why: str


@dataclass(frozen=True)
class FrontMatter:
    """What the first page (or the JSON's header) tells the reader before any record."""

    generated_at: str  # UTC ISO 8601
    app_version: str
    range_text: str  # "All sessions" or "Sessions from 2025-01-01 to 2025-12-31"
    included: tuple[str, ...]  # section titles, in order
    excluded: tuple[Exclusion, ...]
    joint_session_rule: str
    process_notes_explanation: str
    accounting_from: date
    accounting_to: date


@dataclass(frozen=True)
class SignedForm:
    """A signed consent or release form of the client's, with its bytes, as an export carries
    it: part of the consent section (the client's right of access covers it)."""

    attachment: Attachment
    data: bytes = field(repr=False)

    @property
    def member(self) -> str:
        """Its name beside the JSON in an export's ZIP: ids only, since a ZIP's file names are
        readable without its password (the form's own name may well hold the client's)."""
        ending = MEDIA_TYPES[self.attachment.media_type][1][0]
        return f"forms/form-{self.attachment.id}{ending}"


@dataclass(frozen=True)
class ClientRecord:
    """Everything gathered for one client's export. Sections not chosen are empty (or None).

    The client's name is always present (the cover page names whose record it is);
    `profile` holds the full profile only when that section was chosen. `releases` come with
    the consent section and with the disclosures (a disclosure names the release it rests on);
    `forms`, the signed forms of its consents and releases, with the consent section only.
    """

    selection: ExportSelection
    client_id: int
    client_name: str
    practice: PracticeDetails
    front_matter: FrontMatter
    profile: Client | None = None
    consents: tuple[ConsentRecord, ...] = ()
    releases: tuple[Release, ...] = ()
    notes: tuple[RecordNote, ...] = ()
    diagnoses: tuple[DiagnosisEntry, ...] = ()
    disclosures: tuple[Disclosure, ...] = ()
    access_requests: tuple[AccessRequest, ...] = ()
    amendment_requests: tuple[AmendmentRequest, ...] = ()
    forms: tuple[SignedForm, ...] = ()
    process_notes_left_out: int = 0  # how many psychotherapy notes in range were not included
    notes_total: int = field(default=0)  # notes in the range before process notes were left out
    full_name: str = ""  # the client's name as two fields (client_name joins them for display)
    preferred_name: str = ""
    vault_id: str = ""  # the exporting vault's random id (FHIR ids stay unique across vaults)

    def includes(self, section: str) -> bool:
        return section in self.selection.sections


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _is_are(n: int) -> str:
    return "is" if n == 1 else "are"
