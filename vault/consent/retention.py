"""How long each client's record is kept, and which records have reached the end of it.

The rule is the practice's, kept in the vault (``vault_meta``, ``retention.*``) and changed
through `save_retention_rule` (an audited settings change). Defaults, from the primer this
product follows (``DOMAIN.md``, "Record retention": "a common rule is 7 years after the last
service for adults, and for minors some years after they reach the age of majority"):

- **7 years after the last session** for everyone;
- for a client who was a **minor** at their last session, the later of that and **7 years
  after reaching the age of majority (18)**. The APA's Record Keeping Guidelines (2007) name 3
  years after majority as the usual floor; 7 is the cautious end, which the therapist adapts
  to their state or country. Laws differ; every number here is a setting.

A client who never had a session (seen for intake paperwork only, say) is counted from the day
their record was archived, the therapist's statement that the file closed, or, while it is
still open, from the day it was created. Never expiring would keep such records forever;
creation alone would ignore a file kept open on purpose. Dates are counted as a person counts
them (`vault.consent.dates`): 29 February plus 7 years is 28 February.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Literal

from vault.audit.entries import append_entry
from vault.consent.common import as_date
from vault.consent.dates import add_years
from vault.store.errors import RecordNotFoundError, ValidationError
from vault.store.vault import Vault

Basis = Literal["last_session", "age_of_majority", "archived", "record_created"]


@dataclass(frozen=True)
class RetentionRule:
    years_after_last_session: int = 7
    age_of_majority: int = 18
    years_after_majority: int = 7


# Field -> (lowest, highest, words for a message); a settings form takes its ranges here.
BOUNDS: dict[str, tuple[int, int, str]] = {
    "years_after_last_session": (1, 100, "Years kept after the last session"),
    "age_of_majority": (14, 25, "The age of majority"),
    "years_after_majority": (0, 100, "Years kept after a minor comes of age"),
}
_PREFIX = "retention."


@dataclass(frozen=True)
class Retention:
    """When one client's record may be destroyed, and the date that made it so."""

    client_id: int
    ends_on: date
    basis: Basis
    counted_from: date  # the last session, the day of majority, archiving or creation
    last_session: date | None

    def reason(self, rule: RetentionRule) -> str:
        """Plain words for the date: "7 years after the last session on 2018-03-02"."""
        start = self.counted_from.isoformat()
        if self.basis == "age_of_majority":
            return (
                f"{rule.years_after_majority} years after coming of age "
                f"({rule.age_of_majority}) on {start}"
            )
        years = rule.years_after_last_session
        what = {"last_session": "the last session", "archived": "the record was archived"}
        return f"{years} years after {what.get(self.basis, 'the record was created')} on {start}"


def validate_retention_rule(rule: RetentionRule) -> RetentionRule:
    for name, (lowest, highest, label) in BOUNDS.items():
        value = getattr(rule, name)
        if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
            raise ValidationError(f"{label} must be between {lowest} and {highest}.", field=name)
    return rule


def load_retention_rule(vault: Vault) -> RetentionRule:
    """The practice's rule; a value never saved (or unreadable) is the default."""
    rows: dict[str, str] = {
        str(key): str(value)
        for key, value in vault.db.query(
            "SELECT key, value FROM vault_meta WHERE substr(key, 1, ?) = ?",
            (len(_PREFIX), _PREFIX),
        )
    }
    values: dict[str, int] = {}
    defaults = RetentionRule()
    for field in fields(RetentionRule):
        text = rows.get(_PREFIX + field.name, "")
        lowest, highest, _ = BOUNDS[field.name]
        number = int(text) if text.isdigit() and len(text) < 4 else None
        ok = number is not None and lowest <= number <= highest
        values[field.name] = number if ok and number is not None else getattr(defaults, field.name)
    return RetentionRule(**values)


def save_retention_rule(vault: Vault, rule: RetentionRule) -> RetentionRule:
    """Store the rule (one audited settings change); nothing is written when it is unchanged."""
    rule = validate_retention_rule(rule)
    if rule == load_retention_rule(vault):
        return rule
    with vault.db.write() as conn:
        conn.executemany(
            "INSERT INTO vault_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [(_PREFIX + name, str(value)) for name, value in asdict(rule).items()],
        )
        append_entry(conn, "settings.changed", record_kind="retention", detail="retention_rule")
    return rule


def retention_end(
    rule: RetentionRule,
    *,
    last_session: date | None,
    date_of_birth: date | None,
    created_on: date,
    archived_on: date | None = None,
) -> tuple[date, Basis, date]:
    """(the day the record may be destroyed, what it was counted from, and that date)."""
    basis: Basis = "record_created"
    start = created_on
    if last_session is not None:
        basis, start = "last_session", last_session
    elif archived_on is not None:
        basis, start = "archived", max(archived_on, created_on)
    ends = add_years(start, rule.years_after_last_session)
    if date_of_birth is not None:
        majority = add_years(date_of_birth, rule.age_of_majority)
        if start < majority:  # a minor at their last service
            by_majority = add_years(majority, rule.years_after_majority)
            if by_majority > ends:
                return by_majority, "age_of_majority", majority
    return ends, basis, start


_CLIENT_DATES = (
    "SELECT c.id, c.date_of_birth, c.created_at, c.archived_at, "
    "(SELECT max(n.session_start) FROM note_participants p JOIN notes n ON n.id = p.note_id "
    "WHERE p.client_id = c.id) FROM clients c"
)


def _day_of(value: object) -> date | None:
    """The date at the start of a stored date or timestamp; None when there is none."""
    try:
        return as_date(str(value)[:10]) if value else None
    except ValueError:
        return None


def _retention(row: tuple[object, ...], rule: RetentionRule) -> Retention:
    last = _day_of(row[4])
    ends, basis, start = retention_end(
        rule,
        last_session=last,
        date_of_birth=_day_of(row[1]),
        created_on=_day_of(row[2]) or date.today(),
        archived_on=_day_of(row[3]),
    )
    return Retention(int(str(row[0])), ends, basis, start, last)


def client_retention(vault: Vault, client_id: int, rule: RetentionRule | None = None) -> Retention:
    row = vault.db.query_one(f"{_CLIENT_DATES} WHERE c.id = ?", (client_id,))
    if row is None:
        raise RecordNotFoundError("client", client_id)
    return _retention(row, rule or load_retention_rule(vault))


def records_past_retention(
    vault: Vault, today: date, rule: RetentionRule | None = None
) -> list[Retention]:
    """Every client whose retention ended on or before `today`, the longest past first."""
    rule = rule or load_retention_rule(vault)
    found = [_retention(row, rule) for row in vault.db.query(_CLIENT_DATES)]
    return sorted((r for r in found if r.ends_on <= today), key=lambda r: (r.ends_on, r.client_id))
