"""Clients: the people whose records the vault keeps. Archived here, never deleted: a record is
destroyed only at the end of its retention, by `vault.destruction`, and its id is never given to
another client (`vault.store.ids`)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Literal

import sqlcipher3

from vault.audit.entries import append_entry
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError, ValidationError, raise_problems
from vault.store.ids import next_id
from vault.store.text_fields import TextRule, checked_text, document, line, paragraph
from vault.store.vault import Vault

StatusFilter = Literal["active", "inactive", "all"]
STATUSES = ("active", "inactive")
_EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ClientProfile:
    """The fields a therapist edits. Dates are ISO ``YYYY-MM-DD`` text or empty."""

    full_name: str
    preferred_name: str = ""
    pronouns: str = ""
    date_of_birth: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    emergency_contact: str = ""
    status: str = "active"
    start_date: str = ""
    referral_source: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Client:
    id: int
    profile: ClientProfile
    archived_at: str | None
    created_at: str
    updated_at: str

    @property
    def display_name(self) -> str:
        """The name to show in lists: the preferred name in brackets when there is one."""
        p = self.profile
        if p.preferred_name and p.preferred_name != p.full_name:
            return f"{p.full_name} ({p.preferred_name})"
        return p.full_name


@dataclass(frozen=True)
class ClientSummary:
    """What the client list needs, without loading every field."""

    id: int
    full_name: str
    preferred_name: str
    status: str


# The one text rule (`vault.store.text_fields`) for each field of a profile.
PROFILE_TEXT_RULES: dict[str, TextRule] = {
    "full_name": line("Full name"),
    "preferred_name": line("Preferred name"),
    "pronouns": line("Pronouns", 100),
    "date_of_birth": line("Date of birth", 40),
    "email": line("Email"),
    "phone": line("Phone", 100),
    "address": paragraph("Address"),
    "emergency_contact": paragraph("Emergency contact"),
    "status": line("Status", 40),
    "start_date": line("Start date", 40),
    "referral_source": paragraph("Referral source"),
    "notes": document("Notes", 100_000),
}

_PROFILE_COLUMNS = tuple(f.name for f in fields(ClientProfile))
_DATE_FIELDS = ("date_of_birth", "start_date")


def validate_profile(profile: ClientProfile, today: date | None = None) -> ClientProfile:
    """Return a cleaned profile (trimmed text), or raise `InvalidFieldsError` (a
    `ValidationError`) naming every field that is wrong, in the form's order."""
    cleaned, problems = _checked_profile(profile, today or date.today())
    raise_problems(problems)
    return ClientProfile(**cleaned)


def profile_problems(profile: ClientProfile, today: date | None = None) -> list[ValidationError]:
    """Every field of `profile` that cannot be saved, one problem per field, in form order."""
    return _checked_profile(profile, today or date.today())[1]


def _checked_profile(
    profile: ClientProfile, today: date
) -> tuple[dict[str, str], list[ValidationError]]:
    raw = asdict(profile)
    found: dict[str, ValidationError] = {}
    for name, rule in PROFILE_TEXT_RULES.items():
        try:
            checked_text(raw[name], rule, field=name)
        except ValidationError as exc:
            found[name] = exc
    cleaned = {k: (v.strip() if k != "notes" and isinstance(v, str) else v) for k, v in raw.items()}

    def problem(name: str, message: str) -> None:
        found.setdefault(name, ValidationError(message, field=name))

    if "full_name" not in found and not cleaned["full_name"]:
        problem("full_name", "Full name is required.")
    if "status" not in found and cleaned["status"] not in STATUSES:
        problem("status", f"Status must be one of: {', '.join(STATUSES)}.")
    for name in _DATE_FIELDS:
        value = cleaned[name]
        if name in found or not value:
            continue
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            label = name.replace("_", " ").capitalize()
            problem(name, f"{label} must be a date like 1990-04-30.")
            continue
        if name == "date_of_birth" and parsed > today:
            problem(name, "Date of birth cannot be in the future.")
    if "email" not in found and cleaned["email"] and not _EMAIL_SHAPE.match(cleaned["email"]):
        problem("email", "Email does not look like an address (name@example.org).")
    return cleaned, [found[name] for name in _PROFILE_COLUMNS if name in found]


def add_client(vault: Vault, profile: ClientProfile) -> Client:
    profile = validate_profile(profile)
    stamp = now_iso()
    values = _to_row(profile)
    with vault.db.write() as conn:
        cursor = conn.execute(
            f"INSERT INTO clients (id, {', '.join(_PROFILE_COLUMNS)}, created_at, updated_at) "
            f"VALUES (?, {', '.join('?' * len(_PROFILE_COLUMNS))}, ?, ?)",
            (next_id(conn, "clients"), *values, stamp, stamp),
        )
        client_id = int(cursor.lastrowid)
        _audit(conn, "client.created", client_id)
    return get_client(vault, client_id)


def update_client(vault: Vault, client_id: int, profile: ClientProfile) -> Client:
    profile = validate_profile(profile)
    assignments = ", ".join(f"{name} = ?" for name in _PROFILE_COLUMNS)
    with vault.db.write() as conn:
        cursor = conn.execute(
            f"UPDATE clients SET {assignments}, updated_at = ? WHERE id = ?",
            (*_to_row(profile), now_iso(), client_id),
        )
        if cursor.rowcount == 0:
            raise RecordNotFoundError("client", client_id)
        _audit(conn, "client.edited", client_id)
    return get_client(vault, client_id)


def archive_client(vault: Vault, client_id: int) -> Client:
    """Mark a client inactive and archived; their record stays whole."""
    stamp = now_iso()
    with vault.db.write() as conn:
        cursor = conn.execute(
            "UPDATE clients SET status = 'inactive', archived_at = COALESCE(archived_at, ?), "
            "updated_at = ? WHERE id = ?",
            (stamp, stamp, client_id),
        )
        if cursor.rowcount == 0:
            raise RecordNotFoundError("client", client_id)
        _audit(conn, "client.archived", client_id)
    return get_client(vault, client_id)


def reactivate_client(vault: Vault, client_id: int) -> Client:
    with vault.db.write() as conn:
        cursor = conn.execute(
            "UPDATE clients SET status = 'active', archived_at = NULL, updated_at = ? WHERE id = ?",
            (now_iso(), client_id),
        )
        if cursor.rowcount == 0:
            raise RecordNotFoundError("client", client_id)
        _audit(conn, "client.reactivated", client_id)
    return get_client(vault, client_id)


def view_client(vault: Vault, client_id: int) -> Client:
    """The client as a therapist opens their record: read, and recorded in the audit trail.

    `get_client` reads without a trace, for the vault's own use; front ends that show a
    client's record to a person call this.
    """
    client = get_client(vault, client_id)
    with vault.db.write() as conn:
        _audit(conn, "client.viewed", client_id)
    return client


def _audit(conn: sqlcipher3.Connection, action: str, client_id: int) -> None:
    append_entry(conn, action, record_kind="client", record_id=client_id, client_id=client_id)


def get_client(vault: Vault, client_id: int) -> Client:
    row = vault.db.query_one(
        f"SELECT id, {', '.join(_PROFILE_COLUMNS)}, archived_at, created_at, updated_at "
        "FROM clients WHERE id = ?",
        (client_id,),
    )
    if row is None:
        raise RecordNotFoundError("client", client_id)
    values = row[1 : 1 + len(_PROFILE_COLUMNS)]
    profile = ClientProfile(
        **{k: ("" if v is None else v) for k, v in zip(_PROFILE_COLUMNS, values, strict=True)}
    )
    archived_at, created_at, updated_at = row[1 + len(_PROFILE_COLUMNS) :]
    return Client(int(row[0]), profile, archived_at, created_at, updated_at)


def list_clients(
    vault: Vault, status: StatusFilter = "active", name_contains: str = ""
) -> list[ClientSummary]:
    """Clients in name order, optionally filtered by status and a case-insensitive name part."""
    clauses: list[str] = []
    params: list[str] = []
    if status != "all":
        clauses.append("status = ?")
        params.append(status)
    if any("\ud800" <= ch <= "\udfff" for ch in name_contains):
        return []  # a lone surrogate is in no stored name (text_fields refuses them)
    if name_contains.strip():
        pattern = "%" + _escape_like(name_contains.strip()) + "%"
        clauses.append("(full_name LIKE ? ESCAPE '\\' OR preferred_name LIKE ? ESCAPE '\\')")
        params.extend([pattern, pattern])
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = vault.db.query(
        f"SELECT id, full_name, preferred_name, status FROM clients {where} "
        "ORDER BY full_name COLLATE NOCASE, id",
        tuple(params),
    )
    return [ClientSummary(int(r[0]), r[1], r[2], r[3]) for r in rows]


def count_clients(vault: Vault) -> int:
    row = vault.db.query_one("SELECT count(*) FROM clients")
    return int(row[0]) if row else 0


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _to_row(profile: ClientProfile) -> tuple[str | None, ...]:
    data = asdict(profile)
    return tuple(
        (data[name] or None) if name in _DATE_FIELDS else data[name] for name in _PROFILE_COLUMNS
    )
