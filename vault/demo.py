"""Obviously synthetic practice data for demos, screenshots and benchmarks.

Names are built from invented syllables with a "Demo" prefix, so nothing here could be mistaken
for a real person. Seeded, so the same arguments give the same vault. Notes follow the bundled
templates' sections, in several kinds (about 5% joint sessions), 1-3 KB of text each; older
notes are signed, the most recent one per client is left as an unsigned draft. One former
client, archived, is past their retention with every note signed (one a couples session with
another client), so the destruction of a record can be seen from start to end.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

from vault.clients.records import ClientProfile, add_client, archive_client
from vault.consent.consents import record_consent
from vault.consent.dates import add_days, add_months, add_years
from vault.consent.disclosures import record_disclosure
from vault.consent.model import LIMITS
from vault.consent.releases import record_release, revoke_release
from vault.consent.requests import receive_access_request, receive_amendment_request
from vault.notes.model import NoteContent, NoteSection, RiskAssessment
from vault.notes.records import create_notes_together
from vault.notes.signing import sign_notes
from vault.notes.templates import get_template
from vault.search.bulk import bulk_indexing
from vault.store.vault import Vault

_SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vo", "zu", "bel", "dri", "fen", "gor", "hal")
_TOPICS = (
    "work deadlines",
    "sleep",
    "a sibling",
    "their partner",
    "money worries",
    "a new job",
    "grief after a loss",
    "panic in supermarkets",
    "exam stress",
    "loneliness",
    "parenting",
    "a house move",
    "chronic pain",
    "social media use",
    "perfectionism",
    "an upcoming holiday",
    "conflict with a manager",
    "drinking at weekends",
    "returning to study",
    "friendships",
)
_FEELINGS = (
    "anxious",
    "low",
    "irritable",
    "hopeful",
    "overwhelmed",
    "calmer",
    "tired",
    "ashamed",
    "restless",
    "relieved",
    "angry",
    "numb",
    "motivated",
    "tearful",
    "settled",
)
_METHODS = (
    "cognitive restructuring",
    "behavioural activation",
    "grounding",
    "paced breathing",
    "motivational interviewing",
    "problem solving",
    "values clarification",
    "exposure planning",
    "sleep hygiene education",
    "mindfulness practice",
    "role play",
    "psychoeducation",
    "a thought record",
    "self-compassion exercises",
    "a worry-time schedule",
)
_SENTENCES = (
    "Client reported feeling {feeling} about {topic} for most of the week.",
    "Discussed {topic}; client linked it to feeling {feeling} in the evenings.",
    "Practised {method} in session and client rated distress lower afterwards.",
    "Affect {feeling}, speech normal in rate and volume, good eye contact.",
    "Reviewed homework on {method}; completed on four of seven days.",
    "Explored how {topic} connects to earlier experiences in the family.",
    "Client identified one small step about {topic} to try before next session.",
    "Introduced {method} as a response when feeling {feeling}.",
    "Progress towards the goal about {topic} is steady; client more {feeling} than before.",
    "Agreed to continue weekly sessions and revisit {topic} next time.",
    "No risk to self or others reported; safety plan reviewed and unchanged.",
    "Homework: notice three moments connected with {topic} and note the feeling.",
)
_DIAGNOSES = ("F41.1", "F32.1", "F43.10", "F40.10", "F33.0", "F43.23", "Z63.0", "F51.01")
_CYCLE = ("soap", "soap", "dap", "birp", "girp", "free", "soap", "dap", "progress_review")

ProgressFn = Callable[[int, int], None]


def demo_name(rng: random.Random) -> tuple[str, str]:
    first = "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize()
    last = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
    return f"Demo {first}", last


def demo_note_text(rng: random.Random, target_chars: int) -> str:
    sentences: list[str] = []
    length = 0
    while length < target_chars:
        sentence = rng.choice(_SENTENCES).format(
            feeling=rng.choice(_FEELINGS), topic=rng.choice(_TOPICS), method=rng.choice(_METHODS)
        )
        sentences.append(sentence)
        length += len(sentence) + 1
    return " ".join(sentences)


def _kind_for(rng: random.Random, index: int, total: int, active: bool) -> str:
    if index == 0:
        return "intake"
    if index == 1:
        return "treatment_plan"
    if index == total - 1 and not active and total > 2:
        return "discharge"
    if rng.random() < 0.05:
        return "process"
    return rng.choice(_CYCLE)


def demo_note(
    rng: random.Random,
    kind: str,
    session_start: str,
    participants: tuple[int, ...],
    diagnoses: tuple[str, ...],
) -> NoteContent:
    """One synthetic note of `kind`, 1-3 KB spread over the template's sections."""
    template = get_template(kind)
    budget = rng.randint(1000, 3000)
    share = max(120, budget // len(template.sections))
    sections = [NoteSection(s.id, s.title, demo_note_text(rng, share)) for s in template.sections]
    joint = len(participants) > 1
    if joint and rng.random() < 0.3:
        sections.append(
            NoteSection(
                "private", "Said privately", demo_note_text(rng, 150), private_to=participants[1]
            )
        )
    risk = (
        RiskAssessment()
        if template.process_note
        else RiskAssessment(
            to_self=rng.choice(("none", "none", "none", "low")),
            to_others="none",
            safety_plan_reviewed=rng.random() < 0.2,
            notes="No current ideation, intent or plan reported.",
        )
    )
    return NoteContent(
        template_id=kind,
        session_start=session_start,
        participants=participants,
        sections=tuple(sections),
        duration_minutes=rng.choice((50, 50, 50, 60, 90)),
        modality=rng.choice(("in_person", "in_person", "video", "phone")),
        service_type="couples" if joint else "individual",
        diagnoses=() if template.process_note else diagnoses,
        risk=risk,
    )


def fill_demo(
    vault: Vault,
    *,
    clients: int = 12,
    notes_per_client: int = 6,
    seed: int = 20261125,
    progress: ProgressFn | None = None,
    signed_by: str = "Demo Clinician",
) -> None:
    """Add `clients` synthetic clients with `notes_per_client` notes each; 5% joint sessions.

    All in one transaction with the index filled in bulk (`vault.search.bulk`), so a large
    demo or benchmark vault builds in minutes rather than hours.
    """
    with vault.db.write() as conn, bulk_indexing(conn):
        _fill_demo(vault, clients, notes_per_client, seed, progress, signed_by)


def _fill_demo(
    vault: Vault,
    clients: int,
    notes_per_client: int,
    seed: int,
    progress: ProgressFn | None,
    signed_by: str,
) -> None:
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    ids: list[int] = []
    for index in range(clients):
        first, last = demo_name(rng)
        active = rng.random() < 0.8
        client = add_client(
            vault,
            ClientProfile(
                full_name=f"{first} {last}",
                preferred_name=first.split()[-1],
                pronouns=rng.choice(("she/her", "he/him", "they/them")),
                status="active" if active else "inactive",
                start_date=f"20{rng.randint(11, 25):02d}-{rng.randint(1, 12):02d}-01",
                referral_source=rng.choice(("self", "GP", "employer programme")),
            ),
        )
        ids.append(client.id)
        diagnoses = tuple(rng.sample(_DIAGNOSES, rng.randint(1, 2)))
        start = datetime(2012, 1, 2, 9, 0) + timedelta(
            days=rng.randint(0, 4000), hours=rng.randint(0, 8)
        )
        contents: list[NoteContent] = []
        for n in range(notes_per_client):
            participants: tuple[int, ...] = (client.id,)
            if len(ids) > 1 and rng.random() < 0.05:
                participants = (client.id, rng.choice(ids[:-1]))
            session = (start + timedelta(days=7 * n)).isoformat(timespec="minutes")
            kind = _kind_for(rng, n, notes_per_client, active)
            contents.append(demo_note(rng, kind, session, participants, diagnoses))
        note_ids = create_notes_together(vault, contents)
        if len(note_ids) > 1:
            sign_notes(vault, note_ids[:-1], signed_by)
        if progress:
            progress(index + 1, clients)
    if len(ids) >= 3:
        fill_demo_confidentiality(vault, ids, date.today())
        fill_demo_past_retention(vault, ids[0], date.today(), seed, signed_by)


def fill_demo_past_retention(
    vault: Vault, partner: int, today: date, seed: int, signed_by: str
) -> int:
    """A former client last seen nine years ago, archived, every note signed: past the default
    seven-year retention, with one couples session shared with `partner` (each with a section
    said privately), so destroying the record shows the joint note kept for the partner."""
    rng = random.Random(seed + 1)  # noqa: S311 - demo data, not security
    client = add_client(
        vault,
        ClientProfile(
            full_name="Demo Former Tasvolo",
            preferred_name="Former",
            pronouns="they/them",
            date_of_birth="1979-04-30",
            status="inactive",
            start_date=add_years(today, -10).isoformat(),
            referral_source="self",
        ),
    )
    first = datetime.combine(add_years(today, -10), datetime.min.time()).replace(hour=10)
    kinds = ("intake", "treatment_plan", "soap", "discharge")
    sessions = [(first + timedelta(days=90 * n)).isoformat(timespec="minutes") for n in range(4)]
    contents = [
        demo_note(rng, kind, session, (client.id,), ("F43.10",))
        for kind, session in zip(kinds, sessions, strict=True)
    ]
    shared = demo_note(
        rng, "soap", add_years(today, -9).isoformat() + "T16:00", (client.id, partner), ()
    )
    contents.append(
        replace(
            shared,
            sections=(
                *shared.sections,
                NoteSection("private", "Said privately", demo_note_text(rng, 150), client.id),
                NoteSection("private", "Said privately", demo_note_text(rng, 150), partner),
            ),
        )
    )
    sign_notes(vault, create_notes_together(vault, contents), signed_by)
    archive_client(vault, client.id)
    return client.id


def fill_demo_confidentiality(vault: Vault, ids: list[int], today: date) -> None:
    """Consents (one overdue for review), releases (one expired, one revoked), disclosures (one
    older than the six-year accounting), an access request due within a week and an amendment
    request, so a new user sees every kind of confidentiality record."""
    a, b, c = ids[0], ids[1], ids[2]
    limits = [code for code, _ in LIMITS[:4]]
    record_consent(
        vault, a, given_on=add_months(today, -3), how="signed_paper", limits_explained=limits
    )
    record_consent(
        vault, b, given_on=add_months(today, -14), how="electronic", limits_explained=limits,
        telehealth=True, telehealth_privacy="Joins from a closed room at home",
    )  # fmt: skip
    record_consent(vault, c, given_on=add_months(today, -2), how="verbal", limits_explained=limits)
    expired = record_release(
        vault, a, recipient_name="Demo Family Doctor", purpose="Coordinating care",
        information="Dates of sessions and diagnosis", signed_on=add_months(today, -14),
        expires_on=add_months(today, -2),
    )  # fmt: skip
    revoked = record_release(
        vault, b, recipient_name="Demo Employer Programme", purpose="Confirming attendance",
        information="Dates of attendance only", signed_on=add_months(today, -6),
        expiry_event="End of the programme",
    )  # fmt: skip
    revoke_release(vault, revoked.id, revoked_on=add_months(today, -1))
    current = record_release(
        vault, c, recipient_name="Demo Psychiatrist", purpose="Medication review",
        information="Summary of progress", signed_on=add_months(today, -1),
        expires_on=add_days(today, 20),
    )  # fmt: skip
    record_disclosure(
        vault, a, disclosed_on=add_months(expired.starts_on, 1), recipient="Demo Family Doctor",
        information="Dates of sessions", basis="release", release_id=expired.id,
    )  # fmt: skip
    record_disclosure(
        vault, c, disclosed_on=add_days(today, -5), recipient="Demo Psychiatrist",
        information="Summary of progress", basis="release", release_id=current.id,
    )  # fmt: skip
    record_disclosure(
        vault, b, disclosed_on=add_years(today, -7), recipient="Demo Court",
        information="Attendance record", basis="legal_exception", exception="court_order",
        justification="Demo subpoena, served in person",
    )  # fmt: skip
    receive_access_request(vault, a, received_on=add_days(today, -25))
    receive_amendment_request(
        vault, b, received_on=add_days(today, -10), what_asked="Correct the year of a move"
    )
