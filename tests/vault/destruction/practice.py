"""A synthetic practice for destruction tests: the client to destroy ("Demo Qzvanishing"), a
partner who stays, and every kind of record between them, each carrying a marker string.

Markers of the destroyed client (`GONE`) must leave every file; markers of the partner
(`KEPT`) must stay in the partner's notes. The shared sections of the joint note say nothing
of the destroyed client in particular (they belong to the partner's record too, and stay).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date

from vault import Vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.consents import record_consent, record_revisit
from vault.consent.disclosures import record_disclosure
from vault.consent.releases import record_release
from vault.consent.requests import (
    decide_amendment_request,
    receive_access_request,
    receive_amendment_request,
)
from vault.notes.addenda import add_addendum, add_amendment
from vault.notes.model import NoteContent, NoteSection, RiskAssessment
from vault.notes.records import blank_note, create_note
from vault.notes.signing import sign_notes
from vault.store.unsaved_edits import keep_unsaved_edit

GONE_NAME = "Demo Qzvanishing Zorbavel"
GONE = [
    "Qzvanishing",
    "Zorbavel",
    "Gonealonenotetext",
    "Goneaddendumtext",
    "Goneprivatesection",
    "Goneamendmenttext",
    "Gonerisknotes",
    "Gonetelehealthroom",
    "Gonerevisittalk",
    "Gonereleasepurpose",
    "Gonereleaserecipient",
    "Gonedisclosedinfo",
    "Goneamendasked",
    "Goneunsavededit",
]
KEPT_NAME = "Demo Kpartner Stayswell"
KEPT = ["Kpartner", "Keptsharedtext", "Keptprivatesection", "Keptownnote", "Keptcorrection"]


@dataclass(frozen=True)
class Practice:
    gone: int
    kept: int
    alone_notes: tuple[int, ...]
    joint_note: int
    kept_note: int


def _note(
    participants: tuple[int, ...], session: str, sections: tuple[NoteSection, ...]
) -> NoteContent:
    service = "individual" if len(participants) == 1 else "couples"
    note = blank_note("free", session, participants, service_type=service)
    return replace(note, sections=sections)


def build_practice(vault: Vault) -> Practice:
    gone = add_client(vault, ClientProfile(full_name=GONE_NAME, preferred_name="Qzvanishing"))
    kept = add_client(vault, ClientProfile(full_name=KEPT_NAME))
    alone = [
        create_note(
            vault,
            replace(
                _note(
                    (gone.id,),
                    f"2017-0{i + 1}-10T10:00",
                    (NoteSection("note", "Note", f"Gonealonenotetext {i} demo words"),),
                ),
                risk=RiskAssessment(notes="Gonerisknotes demo"),
            ),
        ).id
        for i in range(2)
    ]
    joint = create_note(
        vault,
        _note(
            (gone.id, kept.id),
            "2017-03-10T10:00",
            (
                NoteSection("note", "Session", "Keptsharedtext both attended"),
                NoteSection("private", "Said privately", "Goneprivatesection words", gone.id),
                NoteSection("private", "Said privately", "Keptprivatesection words", kept.id),
            ),
        ),
    ).id
    kept_note = create_note(
        vault,
        _note((kept.id,), "2025-06-10T10:00", (NoteSection("note", "Note", "Keptownnote"),)),
    ).id
    sign_notes(vault, [*alone, joint, kept_note], "Demo Clinician")
    add_addendum(
        vault, alone[0], text="Goneaddendumtext later", reason="Demo reason", author="Demo"
    )
    add_addendum(vault, joint, text="A shared demo addendum", reason="Demo", author="Demo")
    asked = receive_amendment_request(
        vault, gone.id, received_on=date(2017, 4, 1), what_asked="Goneamendasked", note_id=joint
    )
    amendment = add_amendment(
        vault, joint, text="Goneamendmenttext", reason="Demo request", author="Demo",
        requested_by=gone.id, request_received_on="2017-04-01",
    )  # fmt: skip
    decide_amendment_request(
        vault, asked.id, decision="accepted", decided_on=date(2017, 4, 2),
        amendment_id=amendment.id,
    )  # fmt: skip
    add_amendment(
        vault, joint, text="Keptcorrection words", reason="Demo request", author="Demo",
        requested_by=kept.id, request_received_on="2017-04-03",
    )  # fmt: skip
    consent = record_consent(
        vault, gone.id, given_on=date(2017, 1, 2), how="signed_paper",
        limits_explained=["harm_to_self"], telehealth=True,
        telehealth_privacy="Gonetelehealthroom",
    )  # fmt: skip
    record_revisit(vault, consent.id, revisited_on=date(2017, 6, 1), discussed="Gonerevisittalk")
    record_consent(
        vault, kept.id, given_on=date(2017, 1, 2), how="verbal", limits_explained=["court_order"]
    )
    release = record_release(
        vault, gone.id, recipient_name="Gonereleaserecipient", purpose="Gonereleasepurpose",
        information="Demo dates", signed_on=date(2017, 1, 5), expires_on=date(2018, 1, 5),
    )  # fmt: skip
    record_disclosure(
        vault, gone.id, disclosed_on=date(2017, 2, 1), recipient="Gonereleaserecipient",
        information="Gonedisclosedinfo", basis="release", release_id=release.id,
    )  # fmt: skip
    receive_access_request(vault, gone.id, received_on=date(2017, 5, 1))
    keep_unsaved_edit(vault, f"client:{gone.id}", json.dumps({"notes": "Goneunsavededit"}))
    return Practice(gone.id, kept.id, tuple(alone), joint, kept_note)
