"""Every disclosure made, with its basis, and the accounting a client may ask for.

A disclosure rests on a release in force that day, the client's own request, or a named legal
exception with a written justification; anything else is refused and nothing is written.
Disclosures are append-only (schema 6 triggers): the accounting must stay complete.
"""

from __future__ import annotations

from datetime import date

from vault.audit.entries import append_entry
from vault.consent.common import checked_day, checked_id, day, require_client
from vault.consent.dates import accounting_start
from vault.consent.model import BASES, EXCEPTION_CODES, Disclosure
from vault.consent.releases import get_release
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError, ValidationError
from vault.store.text_fields import line, paragraph, stored_text
from vault.store.vault import Vault

_COLUMNS = (
    "id, client_id, disclosed_on, recipient, information, basis, release_id, exception, "
    "justification"
)


def record_disclosure(
    vault: Vault,
    client_id: int,
    *,
    disclosed_on: date,
    recipient: str,
    information: str,
    basis: str,
    release_id: int | None = None,
    exception: str | None = None,
    justification: str = "",
) -> Disclosure:
    checked_id(client_id, "client")
    checked_day(disclosed_on, "The date of the disclosure", "disclosed_on")
    recipient = stored_text(recipient, line("The recipient"), field="recipient")
    information = stored_text(information, paragraph("What was disclosed"), field="information")
    justification = stored_text(
        justification, paragraph("The justification"), field="justification"
    )
    if not recipient:
        raise ValidationError("Name who received the information.", field="recipient")
    if not information:
        raise ValidationError("Say what was disclosed.", field="information")
    release_id, exception = check_disclosure_basis(
        vault, client_id, disclosed_on, basis, release_id, exception, justification
    )
    with vault.db.write() as conn:
        require_client(conn, client_id)
        cursor = conn.execute(
            "INSERT INTO disclosures (client_id, disclosed_on, recipient, information, basis, "
            "release_id, exception, justification, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                client_id,
                disclosed_on.isoformat(),
                recipient,
                information,
                basis,
                release_id,
                exception,
                justification,
                now_iso(),
            ),
        )
        disclosure_id = int(cursor.lastrowid)
        append_entry(
            conn, "disclosure.recorded", record_kind="disclosure", record_id=disclosure_id,
            client_id=client_id, detail=basis,
        )  # fmt: skip
    return get_disclosure(vault, disclosure_id)


def check_disclosure_basis(
    vault: Vault,
    client_id: int,
    disclosed_on: date,
    basis: str,
    release_id: int | None = None,
    exception: str | None = None,
    justification: str = "",
) -> tuple[int | None, str | None]:
    """The rule a disclosure's basis must meet, for callers that must know before they
    disclose (an export checks it before writing its file). Returns the release id and the
    exception as they are stored (each None where the basis does not use it)."""
    if not isinstance(basis, str) or basis not in BASES:
        raise ValidationError(f"The basis must be one of: {', '.join(BASES)}.", field="basis")
    if basis == "release":
        _require_release_in_force(vault, client_id, release_id, disclosed_on)
    else:
        release_id = None
    if basis == "legal_exception":
        if not isinstance(exception, str) or exception not in EXCEPTION_CODES:
            raise ValidationError("Name the legal exception this rests on.", field="exception")
        if not justification.strip():
            raise ValidationError(
                "Write why the exception applied: it is part of the record.",
                field="justification",
            )
    else:
        exception = None
    return release_id, exception


def _require_release_in_force(
    vault: Vault, client_id: int, release_id: int | None, on: date
) -> None:
    if release_id is None:
        raise ValidationError("Choose the release this disclosure rests on.", field="release_id")
    checked_id(release_id, "release")
    release = get_release(vault, release_id)
    if release.client_id != client_id:
        raise ValidationError("That release belongs to another client.", field="release_id")
    if not release.in_force_on(on):
        raise ValidationError(
            f"Release {release_id} was {release.state_on(on)} on {on.isoformat()}, so it "
            "cannot back this disclosure. Get a new release, or record another basis.",
            field="release_id",
        )


def accounting_of_disclosures(
    vault: Vault, client_id: int, as_of: date | None = None, *, since: date | None = None
) -> list[Disclosure]:
    """Disclosures in the six years before `as_of` (to the day, `as_of` included), oldest
    first: what 45 CFR 164.528 entitles the client to. `since` moves the start (an archive)."""
    checked_id(client_id, "client")
    as_of = checked_day(as_of or date.today(), "The date of the accounting", "as_of")
    if as_of < date(1907, 1, 1) and since is None:
        return []
    rows = vault.db.query(
        f"SELECT {_COLUMNS} FROM disclosures WHERE client_id = ? AND disclosed_on >= ? "
        "AND disclosed_on <= ? ORDER BY disclosed_on, id",
        (client_id, (since or accounting_start(as_of)).isoformat(), as_of.isoformat()),
    )
    return [_disclosure(r) for r in rows]


def get_disclosure(vault: Vault, disclosure_id: int) -> Disclosure:
    """The disclosure as stored (what `record_disclosure` returns, read back)."""
    checked_id(disclosure_id, "disclosure")
    row = vault.db.query_one(f"SELECT {_COLUMNS} FROM disclosures WHERE id = ?", (disclosure_id,))
    if row is None:
        raise RecordNotFoundError("disclosure", disclosure_id)
    return _disclosure(row)


def disclosures_for(vault: Vault, client_id: int) -> list[Disclosure]:
    """Every disclosure of the client ever recorded, oldest first, however old: the full log,
    of which the accounting is the six-year window."""
    rows = vault.db.query(
        f"SELECT {_COLUMNS} FROM disclosures WHERE client_id = ? ORDER BY disclosed_on, id",
        (checked_id(client_id, "client"),),
    )
    return [_disclosure(r) for r in rows]


def _disclosure(row: tuple[object, ...]) -> Disclosure:
    return Disclosure(
        int(str(row[0])),
        int(str(row[1])),
        day(row[2]),
        str(row[3]),
        str(row[4]),
        str(row[5]),
        int(str(row[6])) if row[6] is not None else None,
        str(row[7]) if row[7] is not None else None,
        str(row[8]),
    )
