"""The practice's own details (printed on exports), kept inside the encrypted vault.

They live in ``vault_meta`` under ``practice.*`` keys rather than in the app's settings file,
because a clinician's name and licence number identify the practice and so must never sit on
disk in plaintext.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from vault.audit.entries import append_entry
from vault.store.text_fields import checked_text, line, paragraph
from vault.store.vault import Vault

MAX_FIELD_CHARS = 300

# Field name -> (vault_meta key, label used in messages).
_KEYS: dict[str, tuple[str, str]] = {
    "practice_name": ("practice.name", "Practice name"),
    "clinician": ("practice.clinician", "Clinician"),
    "credentials": ("practice.credentials", "Credentials"),
    "licence_number": ("practice.licence_number", "Licence number"),
    "contact": ("practice.contact", "Contact"),
}


@dataclass(frozen=True)
class PracticeDetails:
    """Who keeps the records. All optional free text; ``contact`` may span lines."""

    practice_name: str = ""
    clinician: str = ""
    credentials: str = ""
    licence_number: str = ""
    contact: str = ""


def validate_practice_details(details: PracticeDetails) -> PracticeDetails:
    """Trimmed details, or `ValidationError` naming the field that is too long."""
    cleaned: dict[str, str] = {}
    for name, value in asdict(details).items():
        label = _KEYS[name][1]
        rule = paragraph(label, MAX_FIELD_CHARS) if name == "contact" else line(label)
        cleaned[name] = checked_text(value, rule, field=name).strip()
    return PracticeDetails(**cleaned)


def load_practice_details(vault: Vault) -> PracticeDetails:
    """The saved details; fields never saved come back empty."""
    values: dict[str, str] = {}
    for field in fields(PracticeDetails):
        key = _KEYS[field.name][0]
        row = vault.db.query_one("SELECT value FROM vault_meta WHERE key = ?", (key,))
        values[field.name] = str(row[0]) if row else ""
    return PracticeDetails(**values)


def save_practice_details(vault: Vault, details: PracticeDetails) -> PracticeDetails:
    """Validate and store all fields in one transaction; returns what was stored."""
    details = validate_practice_details(details)
    data = asdict(details)
    with vault.db.write() as conn:
        conn.executemany(
            "INSERT INTO vault_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [(_KEYS[name][0], data[name]) for name in _KEYS],
        )
        append_entry(conn, "settings.changed", record_kind="practice", detail="practice_details")
    return details
