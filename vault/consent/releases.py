"""Releases of information: who may receive what, for what purpose, until when.

An expired or revoked release is shown as such and cannot back a new disclosure
(`Release.in_force_on`). A revocation is recorded, never a deletion.
"""

from __future__ import annotations

from datetime import date

from vault.audit.entries import append_entry
from vault.consent.common import as_date, checked_day, checked_id, day, require_client
from vault.consent.model import Release
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError, ValidationError
from vault.store.text_fields import line, paragraph, stored_text
from vault.store.vault import Vault

_COLUMNS = (
    "id, client_id, recipient_name, recipient_org, recipient_address, purpose, information, "
    "disclosed_by, starts_on, expires_on, expiry_event, signed_on, revoked_on"
)


def record_release(
    vault: Vault,
    client_id: int,
    *,
    recipient_name: str,
    purpose: str,
    information: str,
    signed_on: date,
    starts_on: date | None = None,
    expires_on: date | None = None,
    expiry_event: str = "",
    recipient_org: str = "",
    recipient_address: str = "",
    disclosed_by: str = "",
) -> Release:
    """Record a signed authorisation; it needs an expiry date or an expiry event."""
    rules = {
        "recipient_name": line("The recipient's name"),
        "recipient_org": line("The recipient's organisation"),
        "recipient_address": paragraph("The recipient's address"),
        "purpose": paragraph("The purpose"),
        "information": paragraph("What may be shared"),
        "disclosed_by": line("Who may disclose"),
        "expiry_event": paragraph("The expiry event"),
    }
    given = {
        "recipient_name": recipient_name, "recipient_org": recipient_org,
        "recipient_address": recipient_address, "purpose": purpose, "information": information,
        "disclosed_by": disclosed_by, "expiry_event": expiry_event,
    }  # fmt: skip
    text = {name: stored_text(given[name], rule, field=name) for name, rule in rules.items()}
    for name in ("recipient_name", "purpose", "information"):
        if not text[name]:
            raise ValidationError(f"{rules[name].label} is required.", field=name)
    checked_id(client_id, "client")
    checked_day(signed_on, "The date it was signed", "signed_on")
    starts = checked_day(starts_on or signed_on, "The start date", "starts_on", may_be_future=True)
    if expires_on is not None:
        checked_day(expires_on, "The expiry date", "expires_on", may_be_future=True)
    if starts < signed_on:
        raise ValidationError(
            "A release cannot take effect before it was signed.", field="starts_on"
        )
    if expires_on is None and not text["expiry_event"]:
        raise ValidationError(
            "A release needs an expiry date or an expiry event.", field="expires_on"
        )
    if expires_on is not None and expires_on < starts:
        raise ValidationError("The release cannot expire before it starts.", field="expires_on")
    with vault.db.write() as conn:
        require_client(conn, client_id)
        cursor = conn.execute(
            "INSERT INTO releases (client_id, recipient_name, recipient_org, recipient_address, "
            "purpose, information, disclosed_by, starts_on, expires_on, expiry_event, signed_on, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                client_id,
                text["recipient_name"],
                text["recipient_org"],
                text["recipient_address"],
                text["purpose"],
                text["information"],
                text["disclosed_by"],
                starts.isoformat(),
                expires_on.isoformat() if expires_on else None,
                text["expiry_event"],
                signed_on.isoformat(),
                now_iso(),
            ),
        )
        release_id = int(cursor.lastrowid)
        append_entry(
            conn, "release.recorded", record_kind="release", record_id=release_id,
            client_id=client_id,
        )  # fmt: skip
    return get_release(vault, release_id)


def revoke_release(vault: Vault, release_id: int, *, revoked_on: date) -> Release:
    release = get_release(vault, release_id)
    checked_day(revoked_on, "The date of revocation", "revoked_on")
    if release.revoked_on is not None:
        raise ValidationError("This release was already revoked.")
    if revoked_on < release.starts_on:
        raise ValidationError("A release cannot be revoked before it took effect.")
    with vault.db.write() as conn:
        latest = conn.execute(
            "SELECT max(disclosed_on) FROM disclosures WHERE release_id = ?", (release_id,)
        ).fetchone()[0]
        if latest is not None and revoked_on.isoformat() <= str(latest):
            raise ValidationError(
                f"Information was disclosed under this release on {latest}; it can only be "
                "revoked from the day after.",
                field="revoked_on",
            )
        conn.execute(
            "UPDATE releases SET revoked_on = ? WHERE id = ?", (revoked_on.isoformat(), release_id)
        )
        append_entry(
            conn, "release.revoked", record_kind="release", record_id=release_id,
            client_id=release.client_id,
        )  # fmt: skip
    return get_release(vault, release_id)


def get_release(vault: Vault, release_id: int) -> Release:
    checked_id(release_id, "release")
    row = vault.db.query_one(f"SELECT {_COLUMNS} FROM releases WHERE id = ?", (release_id,))
    if row is None:
        raise RecordNotFoundError("release", release_id)
    return _release(row)


def releases_for(vault: Vault, client_id: int) -> list[Release]:
    rows = vault.db.query(
        f"SELECT {_COLUMNS} FROM releases WHERE client_id = ? ORDER BY starts_on, id",
        (client_id,),
    )
    return [_release(r) for r in rows]


def releases_expiring(vault: Vault, today: date, within_days: int = 30) -> list[Release]:
    """Releases in force today that expire within `within_days` (for the due list)."""
    rows = vault.db.query(
        f"SELECT {_COLUMNS} FROM releases WHERE revoked_on IS NULL AND expires_on >= ? "
        "AND expires_on <= date(?, ?) ORDER BY expires_on",
        (today.isoformat(), today.isoformat(), f"+{int(within_days)} days"),
    )
    return [_release(r) for r in rows]


def _release(row: tuple[object, ...]) -> Release:
    text = [str(v) for v in row]
    return Release(
        id=int(text[0]),
        client_id=int(text[1]),
        recipient_name=text[2],
        recipient_org=text[3],
        recipient_address=text[4],
        purpose=text[5],
        information=text[6],
        disclosed_by=text[7],
        starts_on=day(row[8]),
        expires_on=as_date(row[9]),
        expiry_event=text[10],
        signed_on=day(row[11]),
        revoked_on=as_date(row[12]),
    )
