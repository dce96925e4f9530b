"""The practice's consent and confidentiality policy, in versions that never change.

The text a client agreed to stays exactly what they agreed to: a new wording is a new version,
and each consent names the version it was given under. Confidant ships a plain-language
default (`resources/consent/policy.md`) for the therapist to adapt.
"""

from __future__ import annotations

from dataclasses import dataclass

from resources import bundled
from vault.audit.entries import append_entry
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError, ValidationError
from vault.store.text_fields import checked_text, document
from vault.store.vault import Vault


@dataclass(frozen=True)
class PolicyVersion:
    version: int
    body: str
    created_at: str


def default_policy_text() -> str:
    return bundled("consent", "policy.md").read_text(encoding="utf-8")


def write_policy_version(vault: Vault, body: str) -> PolicyVersion:
    """Store `body` as the next version; earlier versions stay as they were."""
    checked_text(body, document("The policy text", 200_000), field="body")
    if not body.strip():
        raise ValidationError("Write the policy's text first.", field="body")
    stamp = now_iso()
    with vault.db.write() as conn:
        row = conn.execute("SELECT coalesce(max(version), 0) + 1 FROM consent_policies").fetchone()
        version = int(row[0])
        conn.execute(
            "INSERT INTO consent_policies (version, body, created_at) VALUES (?, ?, ?)",
            (version, body, stamp),
        )
        append_entry(conn, "policy.versioned", record_kind="policy", record_id=version)
    return PolicyVersion(version, body, stamp)


def current_policy(vault: Vault) -> PolicyVersion:
    """The newest version, writing the shipped default as version 1 on first use."""
    row = vault.db.query_one(
        "SELECT version, body, created_at FROM consent_policies ORDER BY version DESC LIMIT 1"
    )
    if row is None:
        return write_policy_version(vault, default_policy_text())
    return PolicyVersion(int(row[0]), str(row[1]), str(row[2]))


def policy_version(vault: Vault, version: int) -> PolicyVersion:
    row = vault.db.query_one(
        "SELECT version, body, created_at FROM consent_policies WHERE version = ?", (version,)
    )
    if row is None:
        raise RecordNotFoundError("policy version", version)
    return PolicyVersion(int(row[0]), str(row[1]), str(row[2]))
