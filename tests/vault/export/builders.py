"""A synthetic practice with every kind of record an export carries, joint sessions included.

Names and texts are "Demo ..." only. Marker strings let tests prove that what belongs to the
other participant of a joint session never reaches client A's export, in any form.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from tests.support.form_samples import pdf, png
from tests.vault.note_helpers import section, soap, stored
from vault import Vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.attachments import attach_form
from vault.consent.consents import record_consent, record_revisit
from vault.consent.disclosures import record_disclosure
from vault.consent.releases import record_release
from vault.consent.requests import (
    decide_amendment_request,
    receive_access_request,
    receive_amendment_request,
)
from vault.notes.addenda import add_addendum, add_amendment
from vault.notes.signing import sign_note

SIGNER = "Demo Clinician, LMFT"
NAME_A = "Demo Ada Example"
NAME_B = "Demo Ben Partner"
NAME_C = "Demo Cleo Family"
NAME_D = "Demo Dev Family"
MARKER_B = "DEMO-PRIVATE-MARKER-B"
MARKER_B_AMENDMENT = "DEMO-AMENDMENT-MARKER-B"
MARKER_A_PRIVATE = "DEMO-OWN-PRIVATE-MARKER-A"
MARKER_PROCESS = "DEMO-PROCESS-MARKER"
MARKER_NOTE_A = "DEMO-NOTE-MARKER-A"
MARKER_FORM_A = "DEMO-SIGNED-FORM-MARKER-A"  # inside A's signed consent form (a PDF)
CONSENT_FORM_NAME = "Demo Ada consent signed.pdf"  # a form's name may well hold the client's


@dataclass(frozen=True)
class Practice:
    a: int
    b: int
    c: int
    d: int
    individual: int
    couples: int
    family: int
    process: int
    unsigned: int
    access_request: int
    consent_form: int  # A's signed consent form (a PDF with MARKER_FORM_A)
    release_form: int  # A's signed release form (a PNG scan)


def build_practice(vault: Vault) -> Practice:
    a = add_client(
        vault,
        ClientProfile(
            full_name=NAME_A,
            preferred_name="Ada",
            pronouns="she/her",
            date_of_birth="1990-04-30",
            email="ada@example.org",
            address="1 Demo Street",
        ),
    ).id
    b = add_client(vault, ClientProfile(full_name=NAME_B)).id
    c = add_client(vault, ClientProfile(full_name=NAME_C)).id
    d = add_client(vault, ClientProfile(full_name=NAME_D)).id

    individual = stored(
        vault,
        soap(
            (a,),
            subjective=f"{MARKER_NOTE_A} calmer week.",
            session_start="2025-03-02T14:00",
            diagnoses=("F41.1",),
        ),
    )
    sign_note(vault, individual, SIGNER)
    add_addendum(vault, individual, text="Demo later detail.", reason="Recalled", author=SIGNER)
    add_amendment(
        vault,
        individual,
        text="Demo corrected date.",
        reason="Client asked",
        author=SIGNER,
        requested_by=a,
        request_received_on="2025-03-10",
    )

    couples_content = soap(
        (a, b), subjective="Demo shared session.", session_start="2025-04-01T10:00"
    )
    couples_content = replace(
        couples_content,
        sections=(
            *couples_content.sections,
            section("private_b", f"{MARKER_B} said alone.", private_to=b),
            section("private_a", f"{MARKER_A_PRIVATE} said alone.", private_to=a),
        ),
    )
    couples = stored(vault, couples_content)
    sign_note(vault, couples, SIGNER)
    add_amendment(
        vault,
        couples,
        text=f"{MARKER_B_AMENDMENT} correction.",
        reason="B asked",
        author=SIGNER,
        requested_by=b,
        request_received_on="2025-04-10",
    )
    add_addendum(vault, couples, text="Demo shared addendum.", reason="Clarify", author=SIGNER)

    family_content = replace(
        soap((a, c, d), subjective="Demo family session.", session_start="2025-05-01T10:00"),
        service_type="family",
    )
    family = stored(vault, family_content)
    sign_note(vault, family, SIGNER)

    process = stored(
        vault,
        soap(
            (a,),
            subjective=f"{MARKER_PROCESS} thoughts.",
            template_id="process",
            session_start="2025-03-02T15:00",
        ),
    )
    unsigned = stored(vault, soap((a,), subjective="Demo draft.", session_start="2025-06-01T09:00"))

    consent = record_consent(
        vault,
        a,
        given_on=date(2025, 1, 10),
        how="signed_paper",
        limits_explained=("harm_to_self", "court_order"),
        telehealth=True,
        telehealth_privacy="Demo: a closed room.",
    )
    record_revisit(vault, consent.id, revisited_on=date(2025, 6, 1), discussed="Demo review.")
    consent_form = attach_form(
        vault, file_name=CONSENT_FORM_NAME, data=pdf(f"Demo {MARKER_FORM_A} signed"),
        consent_id=consent.id,
    ).id  # fmt: skip
    release = record_release(
        vault,
        a,
        recipient_name="Demo Dr Gp",
        recipient_org="Demo Clinic",
        recipient_address="2 Demo Road",
        purpose="Continuity of care",
        information="Diagnosis and dates of sessions",
        disclosed_by=SIGNER,
        starts_on=date(2025, 2, 1),
        expires_on=date(2026, 2, 1),
        signed_on=date(2025, 2, 1),
    )
    release_form = attach_form(
        vault, file_name="Demo release scan.png", data=png(), release_id=release.id
    ).id
    record_disclosure(
        vault,
        a,
        disclosed_on=date(2025, 2, 15),
        recipient="Demo Dr Gp",
        information="Dates of sessions",
        basis="release",
        release_id=release.id,
    )
    access = receive_access_request(vault, a, received_on=date(2025, 6, 2))
    amendment_request = receive_amendment_request(
        vault,
        a,
        received_on=date(2025, 3, 10),
        what_asked="Demo: fix the date.",
        note_id=individual,
    )
    amendment_id = max(x.id for x in _amendments(vault, individual))
    decide_amendment_request(
        vault,
        amendment_request.id,
        decision="accepted",
        decided_on=date(2025, 3, 12),
        amendment_id=amendment_id,
    )
    return Practice(
        a, b, c, d, individual, couples, family, process, unsigned, access.id, consent_form,
        release_form,
    )  # fmt: skip


def _amendments(vault: Vault, note_id: int):  # type: ignore[no-untyped-def]
    from vault.notes.addenda import addenda_for_note

    return [x for x in addenda_for_note(vault, note_id) if x.kind == "amendment"]
