"""Gathering one client's record for an export: every section chosen, under the joint rule.

Reads only, through the record packages' own public functions, while holding the vault's
connection (`Database.read`), so the record is one consistent moment even if the window is
saving meanwhile. Nothing is written here: the export itself records the audit entry and the
disclosure (`vault.export.exporting`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from vault.clients.practice import load_practice_details
from vault.clients.records import get_client
from vault.consent.attachments import forms_in_record
from vault.consent.common import EARLIEST
from vault.consent.consents import consents_for, revisits_for
from vault.consent.dates import accounting_start
from vault.consent.disclosures import accounting_of_disclosures
from vault.consent.policy import policy_version
from vault.consent.releases import releases_for
from vault.consent.requests import access_requests_for, amendment_requests_for
from vault.export.errors import ExportCancelledError
from vault.export.joint import JOINT_SESSION_RULE, PROCESS_NOTES_EXPLANATION, note_for_client
from vault.export.model import (
    SECTION_TITLES,
    SECTIONS,
    ClientRecord,
    ConsentRecord,
    DiagnosisEntry,
    Exclusion,
    ExportSelection,
    FrontMatter,
    RecordNote,
    SignedForm,
)
from vault.notes.model import Note, NoteSummary
from vault.notes.provenance import addendum_seals_of, origins_of
from vault.notes.records import load_notes
from vault.notes.timeline import designated_record_set
from vault.store.clock import now_iso
from vault.store.vault import Vault
from vault.store.version import app_version

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
NOTE_BATCH = 200  # notes loaded per query batch; progress and cancel are checked per note


def gather_record(
    vault: Vault,
    selection: ExportSelection,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    today: date | None = None,
    all_disclosures: bool = False,
) -> ClientRecord:
    """The client's record as `selection` asks, ready for any renderer.

    `progress(done, total)` is called as notes are gathered; `cancel()` is asked between
    notes and, when it answers True, `ExportCancelledError` stops the work. A practice archive
    asks for `all_disclosures` (every one ever recorded, not the six-year accounting).
    """
    today = today or date.today()
    with vault.db.read():
        return _gather(vault, selection, progress, cancel, today, all_disclosures)


def _gather(
    vault: Vault,
    selection: ExportSelection,
    progress: Progress | None,
    cancel: Cancel | None,
    today: date,
    all_disclosures: bool,
) -> ClientRecord:
    client_id = selection.client_id
    client = get_client(vault, client_id)
    wants = selection.sections.__contains__
    in_range = _notes_in_range(vault, selection)
    chosen = [s for s in in_range if selection.include_process_notes or not s.is_process_note]
    left_out = len(in_range) - len(chosen)
    notes: list[RecordNote] = []
    if wants("notes") or wants("diagnoses"):
        notes = _load(vault, client_id, chosen, wants("diagnoses"), progress, cancel)
    record_notes = tuple(notes) if wants("notes") else ()
    accounting_from = EARLIEST if all_disclosures else accounting_start(today)
    return ClientRecord(
        selection=selection,
        client_id=client_id,
        client_name=client.display_name,
        practice=load_practice_details(vault),
        front_matter=_front_matter(selection, record_notes, left_out, accounting_from, today),
        profile=client if wants("profile") else None,
        consents=_consents(vault, client_id) if wants("consent") else (),
        releases=(
            tuple(releases_for(vault, client_id))
            if wants("consent") or wants("disclosures")
            else ()
        ),
        notes=record_notes,
        diagnoses=_diagnoses(notes) if wants("diagnoses") else (),
        disclosures=(
            tuple(accounting_of_disclosures(vault, client_id, today, since=accounting_from))
            if wants("disclosures")
            else ()
        ),
        access_requests=tuple(access_requests_for(vault, client_id)) if wants("requests") else (),
        amendment_requests=(
            tuple(amendment_requests_for(vault, client_id)) if wants("requests") else ()
        ),
        forms=_forms(vault, client_id) if wants("consent") else (),
        process_notes_left_out=left_out,
        notes_total=len(in_range),
        full_name=client.profile.full_name,
        preferred_name=client.profile.preferred_name,
        vault_id=vault.vault_id,
    )


def _notes_in_range(vault: Vault, selection: ExportSelection) -> list[NoteSummary]:
    """Every note of the client whose session date falls in the range, oldest first."""
    every = designated_record_set(vault, selection.client_id, include_process_notes=True)
    start = selection.date_from.isoformat() if selection.date_from else ""
    end = selection.date_to.isoformat() if selection.date_to else "9999-12-31"
    return [s for s in every if start <= s.session_start[:10] <= end]


def _load(
    vault: Vault,
    client_id: int,
    summaries: Sequence[NoteSummary],
    keep_diagnoses: bool,
    progress: Progress | None,
    cancel: Cancel | None,
) -> list[RecordNote]:
    ids = [s.id for s in summaries]
    total = len(ids)
    gathered: list[RecordNote] = []
    if progress:
        progress(0, total)
    with vault.db.read() as conn:
        for start in range(0, total, NOTE_BATCH):
            batch = ids[start : start + NOTE_BATCH]
            found: dict[int, Note] = load_notes(conn, batch)
            origins = origins_of(conn, batch)
            seals = addendum_seals_of(conn, batch) if origins else {}
            for note_id in batch:
                if cancel is not None and cancel():
                    raise ExportCancelledError()
                gathered.append(
                    note_for_client(
                        found[note_id],
                        client_id,
                        keep_diagnoses=keep_diagnoses,
                        origin=origins.get(note_id),
                        addendum_seals=seals,
                    )
                )
                if progress:
                    progress(len(gathered), total)
    return gathered


def _consents(vault: Vault, client_id: int) -> tuple[ConsentRecord, ...]:
    return tuple(
        ConsentRecord(c, policy_version(vault, c.policy_version), tuple(revisits_for(vault, c.id)))
        for c in consents_for(vault, client_id)
    )


def _forms(vault: Vault, client_id: int) -> tuple[SignedForm, ...]:
    """The signed forms of every consent and release the export carries. The date range is
    the sessions': consents and releases go whole, and so do the forms they were signed on."""
    return tuple(SignedForm(form, data) for form, data in forms_in_record(vault, client_id))


def _diagnoses(notes: Sequence[RecordNote]) -> tuple[DiagnosisEntry, ...]:
    """Each code once, in the order it first appeared, with its first and last session."""
    seen: dict[str, list[str]] = defaultdict(list)
    for entry in notes:
        for code in entry.note.content.diagnoses:
            seen[code].append(entry.note.content.session_start)
    return tuple(
        DiagnosisEntry(code, min(starts), max(starts), len(starts)) for code, starts in seen.items()
    )


def _front_matter(
    selection: ExportSelection,
    notes: Sequence[RecordNote],
    process_left_out: int,
    accounting_from: date,
    today: date,
) -> FrontMatter:
    included = tuple(SECTION_TITLES[s] for s in SECTIONS if s in selection.sections)
    excluded = [
        Exclusion(SECTION_TITLES[s], "Not chosen for this export.")
        for s in SECTIONS
        if s not in selection.sections
    ]
    if not selection.include_process_notes:
        what = "Psychotherapy (process) notes"
        if process_left_out:
            what += f" ({process_left_out} in this range)"
        excluded.append(Exclusion(what, PROCESS_NOTES_EXPLANATION))
    private = sum(n.left_out_sections for n in notes)
    amendments = sum(n.left_out_amendments for n in notes)
    if private or amendments:
        counts = []
        if private:
            counts.append(f"{private} section{'s' if private != 1 else ''}")
        if amendments:
            counts.append(f"{amendments} amendment{'s' if amendments != 1 else ''}")
        excluded.append(
            Exclusion(
                "What other participants of joint sessions said in confidence "
                f"({' and '.join(counts)})",
                JOINT_SESSION_RULE,
            )
        )
    return FrontMatter(
        generated_at=now_iso(),
        app_version=app_version(),
        range_text=_range_text(selection),
        included=included,
        excluded=tuple(excluded),
        joint_session_rule=JOINT_SESSION_RULE,
        process_notes_explanation=PROCESS_NOTES_EXPLANATION,
        accounting_from=accounting_from,
        accounting_to=today,
    )


def _range_text(selection: ExportSelection) -> str:
    start, end = selection.date_from, selection.date_to
    if start and end:
        return f"Sessions from {start.isoformat()} to {end.isoformat()}"
    if start:
        return f"Sessions from {start.isoformat()} on"
    if end:
        return f"Sessions up to {end.isoformat()}"
    return "All sessions"
