"""Forms for the client to sign on paper: consent and confidentiality, and a release.

`consent_form_pdf` prints the practice's current policy version for one client, with the
limits of confidentiality as boxes to tick while they are explained, and lines to sign and
date. `release_form_pdf` is an authorisation to disclose with the core elements of
45 CFR 164.508(c) as fields to fill in: who may disclose, to whom, the purpose, what may be
shared, the expiry date or event, the right to revoke, the required statements, signature and
date. Both are plain PDF bytes in memory; `vault.export.pdf_form_output` encrypts and writes
them.

A form is blank but for the client's name and the practice's details: what it will hold once
signed is written on paper, not here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from vault.clients.practice import PracticeDetails
from vault.consent.model import LIMITS
from vault.consent.policy import PolicyVersion
from vault.export.pdf_blocks import (
    Block,
    Bullet,
    Checkbox,
    Field,
    FillIn,
    Heading,
    Paragraph,
    SignatureLine,
    Space,
    UnprintableNotice,
)
from vault.export.pdf_document import render_pdf
from vault.export.pdf_policy import policy_blocks
from vault.export.pdf_record import practice_blocks

FormKind = Literal["consent", "release"]
FORM_KINDS: tuple[FormKind, ...] = ("consent", "release")
FORM_TITLES: dict[FormKind, str] = {
    "consent": "Consent to treatment and limits of confidentiality",
    "release": "Authorisation to release information",
}

CONSENT_STATEMENT = (
    "I have read this policy. My therapist has explained the limits of confidentiality ticked "
    "above, and I have been able to ask questions about them. I consent to treatment on these "
    "terms. I understand that I may withdraw my consent at any time, in writing or by telling "
    "my therapist, and that withdrawing does not undo what was already shared with my "
    "permission."
)
REVOCATION = (
    "You may revoke this authorisation at any time by telling the practice in writing. "
    "Revoking it stops further disclosures; it cannot undo a disclosure already made in "
    "reliance on it."
)
NOT_A_CONDITION = (
    "Your treatment, payment, enrolment in a health plan or eligibility for benefits does not "
    "depend on whether you sign this authorisation."
)
REDISCLOSURE = (
    "Information disclosed under this authorisation may be disclosed again by the person who "
    "receives it, and may then no longer be protected by federal privacy rules."
)
PSYCHOTHERAPY_NOTES = (
    "This form does not authorise the release of psychotherapy notes (the therapist's separate "
    "process notes): they may only be released with a separate authorisation for them alone."
)
INFORMATION_CHOICES = (
    "Dates of attendance",
    "Diagnosis",
    "Treatment plan and summary of progress",
    "Session (progress) notes",
    "Consent and accounting of disclosures",
    "Other (describe on the lines below)",
)


def consent_form_pdf(
    client_name: str, policy: PolicyVersion, practice: PracticeDetails, *, paper: str = "A4"
) -> bytes:
    """The consent and limits-of-confidentiality form for `client_name`, in memory."""
    return render_pdf(
        list(consent_form_blocks(client_name, policy, practice)),
        paper=paper,
        title=FORM_TITLES["consent"],
        running_head=f"{FORM_TITLES['consent']} — {client_name}",
    )


def release_form_pdf(client_name: str, practice: PracticeDetails, *, paper: str = "A4") -> bytes:
    """The release-of-information form for `client_name`, in memory."""
    return render_pdf(
        list(release_form_blocks(client_name, practice)),
        paper=paper,
        title=FORM_TITLES["release"],
        running_head=f"{FORM_TITLES['release']} — {client_name}",
    )


def consent_form_blocks(
    client_name: str, policy: PolicyVersion, practice: PracticeDetails
) -> Iterator[Block]:
    yield Paragraph(FORM_TITLES["consent"], "title")
    yield Space(2)
    yield from practice_blocks(practice)
    yield Field("Client", client_name)
    yield Field("Policy", f"Version {policy.version}, written {policy.created_at[:10]}")
    yield Space(2)
    yield from policy_blocks(policy.body)
    yield Heading("The limits of confidentiality we discussed", 2, in_contents=False)
    yield Paragraph("Your therapist ticks each one as it is explained to you.", "small")
    for _, label in LIMITS:
        yield Checkbox(label)
    yield Heading("Sessions by video or telephone", 2, in_contents=False)
    yield Checkbox("I may have sessions by video or telephone, as the policy describes.")
    yield FillIn("What I will do to keep those sessions private where I am", lines=2)
    yield Heading("Agreement", 2, in_contents=False)
    yield Paragraph(CONSENT_STATEMENT)
    yield SignatureLine("Client's signature")
    yield SignatureLine("Parent's or guardian's signature (if the client is under 18)")
    yield SignatureLine("Therapist's signature")
    yield UnprintableNotice()


def release_form_blocks(client_name: str, practice: PracticeDetails) -> Iterator[Block]:
    discloser = ", ".join(p for p in (practice.clinician, practice.practice_name) if p)
    yield Paragraph(FORM_TITLES["release"], "title")
    yield Paragraph(
        "This form lets the practice share information from your record with someone you "
        "choose. Fill in every part; a part left blank makes the authorisation invalid.",
        "small",
    )
    yield Space(2)
    yield Field("Client", client_name)
    yield Space(1)
    yield FillIn("1. Who may disclose the information", discloser, lines=0 if discloser else 1)
    yield FillIn("2. To whom (name, organisation and address)", lines=3)
    yield FillIn(
        "3. The purpose of the disclosure (“at my request” is enough if you are asking for "
        "it yourself)",
        lines=2,
    )
    yield Heading("4. What information may be shared", 2, in_contents=False)
    for choice in INFORMATION_CHOICES:
        yield Checkbox(choice)
    yield FillIn("Details, or other information", lines=2)
    yield Paragraph(PSYCHOTHERAPY_NOTES, "small")
    yield FillIn("5. This authorisation expires on (date), or when (event)", lines=1)
    yield Heading("6. Your rights", 2, in_contents=False)
    for text in (REVOCATION, NOT_A_CONDITION, REDISCLOSURE):
        yield Bullet(text)
    yield Bullet("You are entitled to a copy of this form once it is signed.")
    yield SignatureLine("7. Signature of the client or their personal representative")
    yield FillIn("If signed by a personal representative: their name and authority to act")
    yield UnprintableNotice()
