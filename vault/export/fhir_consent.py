"""Consents and releases of information as FHIR R4 Consent resources.

R4's Consent (which R4B keeps) needs a scope, a category, the patient, and a policy or a
policy rule. A consent to treatment and confidentiality has scope ``patient-privacy``
(it governs who may see the record), the policy version's exact text attached as its source,
the limits explained listed with it, and its revisits as verifications. A release of
information (an authorisation to disclose) is a Consent of the same scope whose provision
names the recipient as information recipient for the release's period.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from vault.consent.model import LIMITS, Consent, Release
from vault.export.fhir_common import (
    CONSENT_SCOPE,
    JSON,
    LOINC,
    PARTICIPATION,
    Ids,
    concept,
    day,
    reference,
    restricted,
    text_attachment,
    without_empty,
)
from vault.export.model import ConsentRecord
from vault.export.pdf_words import HOW_GIVEN, word

PATIENT_CONSENT = ("59284-0", "Patient Consent")
_LIMIT_LABELS = dict(LIMITS)


def consent_resources(
    consents: tuple[ConsentRecord, ...],
    releases: tuple[Release, ...],
    ids: Ids,
    patient_url: str,
    today: date,
) -> Iterator[JSON]:
    for entry in consents:
        yield _consent(entry, ids, patient_url)
    for release in releases:
        yield _release(release, ids, patient_url, today)


def _consent(entry: ConsentRecord, ids: Ids, patient_url: str) -> JSON:
    consent = entry.consent
    explained = [_LIMIT_LABELS.get(code, code) for code in consent.limits_explained]
    source = "\n".join(
        [
            f"Confidentiality policy, version {entry.policy.version}",
            "",
            entry.policy.body.rstrip("\n"),
            "",
            f"Consent given {consent.given_on.isoformat()}: {word(HOW_GIVEN, consent.how)}.",
            "Limits of confidentiality explained: " + ("; ".join(explained) or "none recorded"),
            f"Sessions by video or telephone: {'yes' if consent.telehealth else 'no'}",
            f"Privacy at home: {consent.telehealth_privacy or 'not recorded'}",
            *_withdrawal(consent),
        ]
    )
    return without_empty(
        {
            "resourceType": "Consent",
            "id": ids.uuid("consent", consent.id),
            "meta": restricted(),
            "status": "inactive" if consent.withdrawn_on else "active",
            "scope": concept(CONSENT_SCOPE, "patient-privacy", "Privacy Consent"),
            "category": [concept(LOINC, *PATIENT_CONSENT, text="Consent to treatment")],
            "patient": reference(patient_url),
            "dateTime": consent.given_on.isoformat(),
            "sourceAttachment": text_attachment(
                source + "\n", f"Confidentiality policy, version {entry.policy.version}"
            ),
            "policyRule": {"text": f"Confidentiality policy, version {entry.policy.version}"},
            "verification": [
                {"verified": True, "verificationDate": r.revisited_on.isoformat()}
                for r in entry.revisits
            ],
            "provision": {
                "type": "permit",
                "period": {"start": consent.given_on.isoformat(), "end": day(consent.withdrawn_on)},
            },
        }
    )


def _withdrawal(consent: Consent) -> list[str]:
    """The same facts the PDF shows: when the consent was withdrawn, and how and why."""
    if consent.withdrawn_on is None:
        return []
    lines = [f"Withdrawn on {consent.withdrawn_on.isoformat()}"]
    if consent.withdrawal_reason:
        lines.append(f"How and why withdrawn: {consent.withdrawal_reason}")
    return lines


def _release(release: Release, ids: Ids, patient_url: str, today: date) -> JSON:
    recipient = ", ".join(p for p in (release.recipient_name, release.recipient_org) if p)
    lines = [
        f"Release of information to {recipient}",
        f"Address: {release.recipient_address}" if release.recipient_address else "",
        f"Purpose: {release.purpose}",
        f"What may be shared: {release.information}",
        f"Who may disclose: {release.disclosed_by}" if release.disclosed_by else "",
        f"Signed on {release.signed_on.isoformat()}; in force from {release.starts_on.isoformat()}",
        f"Expires on {release.expires_on.isoformat()}" if release.expires_on else "",
        f"Expires when: {release.expiry_event}" if release.expiry_event else "",
        f"Revoked on {release.revoked_on.isoformat()}" if release.revoked_on else "",
    ]
    end = release.revoked_on or release.expires_on
    return without_empty(
        {
            "resourceType": "Consent",
            "id": ids.uuid("release", release.id),
            "meta": restricted(),
            "status": "active" if release.in_force_on(today) else "inactive",
            "scope": concept(CONSENT_SCOPE, "patient-privacy", "Privacy Consent"),
            "category": [concept(LOINC, *PATIENT_CONSENT, text="Release of information")],
            "patient": reference(patient_url),
            "dateTime": release.signed_on.isoformat(),
            "sourceAttachment": text_attachment(
                "\n".join(line for line in lines if line) + "\n", "Release of information"
            ),
            "policyRule": {"text": "Authorisation to disclose (45 CFR 164.508)"},
            "provision": {
                "type": "permit",
                "period": {"start": release.starts_on.isoformat(), "end": day(end)},
                "actor": [
                    {
                        "role": concept(PARTICIPATION, "IRCP", "information recipient"),
                        "reference": {"display": recipient or release.recipient_name},
                    }
                ],
            },
        }
    )
