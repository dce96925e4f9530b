"""Errors of the session-note features, in words a therapist can act on.

They extend the vault's hierarchy (`VaultError`, `ValidationError`) so a front end that catches
those already shows these correctly.
"""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

from vault.store.errors import ValidationError, VaultError

# The exact text the database triggers raise (``vault/schema/0002_notes.sql``, where a test
# holds it); `records.refusing_signed` maps it back to `NoteSignedError`. The one constant.
SIGNED_NOTE_TRIGGER_MESSAGE = "signed notes cannot be changed; add an addendum"


class NoteSignedError(VaultError):
    """A signed note was asked to change: the clinical record is final once signed."""

    def __init__(self, note_id: int, signed_at: str | None = None) -> None:
        when = f" on {signed_at}" if signed_at else ""
        super().__init__(
            f"Note {note_id} was signed{when} and can no longer be changed or deleted. "
            "Add an addendum to it instead.",
            kind="note",
            record_id=note_id,
        )
        self.note_id = note_id


class NoteNotSignedError(VaultError):
    """Addenda and amendments belong to signed notes; an unsigned note is simply edited."""

    def __init__(self, note_id: int) -> None:
        super().__init__(
            f"Note {note_id} is not signed yet: edit it directly, or sign it before adding "
            "an addendum.",
            kind="note",
            record_id=note_id,
        )
        self.note_id = note_id


class TemplateError(VaultError):
    """A note template file is unreadable or malformed; the message names the file."""

    def __init__(self, path: Path | Traversable, why: str) -> None:
        location = Path(str(path))
        super().__init__(
            f"The note template file {location.name} cannot be used: {why}. "
            f"Fix or remove it in {location.parent}.",
            path=location,
        )


class UnknownTemplateError(ValidationError):
    def __init__(self, template_id: str) -> None:
        super().__init__(f"There is no note template called {template_id!r}.")
        self.template_id = template_id
