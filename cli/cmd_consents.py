"""``consents VAULT --client ID``: the client's consents, oldest first: id, when and how given,
the policy version, when review is due, and a withdrawal with how and why it came."""

from __future__ import annotations

import argparse
from typing import Any

from vault.consent.consents import consents_for
from vault.consent.model import Consent

from .client_listing import register_listing
from .text_output import terminal_safe


def register(subparsers: Any) -> argparse.ArgumentParser:
    return register_listing(
        subparsers,
        "consents",
        help="a client's consents and their withdrawal",
        description=__doc__,
        rows=consents_for,
        document=document,
        line=line,
    )


def document(consent: Consent) -> dict[str, object]:
    return {
        "id": consent.id,
        "client_id": consent.client_id,
        "policy_version": consent.policy_version,
        "given_on": consent.given_on.isoformat(),
        "how": consent.how,
        "limits_explained": list(consent.limits_explained),
        "telehealth": consent.telehealth,
        "telehealth_privacy": consent.telehealth_privacy,
        "review_due": consent.review_due.isoformat(),
        "withdrawn_on": consent.withdrawn_on.isoformat() if consent.withdrawn_on else None,
        "withdrawal_reason": consent.withdrawal_reason,
    }


def line(consent: Consent) -> str:
    text = (
        f"{consent.id}  given {consent.given_on.isoformat()} ({consent.how}), policy version "
        f"{consent.policy_version}"
    )
    if consent.withdrawn_on is None:
        return f"{text}, review due {consent.review_due.isoformat()}"
    text += f", withdrawn {consent.withdrawn_on.isoformat()}"
    if consent.withdrawal_reason:
        text += f": {terminal_safe(consent.withdrawal_reason)}"
    return text
