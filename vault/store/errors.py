"""Errors a therapist can read.

Every failure of the storage layer is one of these, with a message that says what happened and
what to do. None of them is raised after a byte of the vault has been changed by the failed
operation: the operations that write stage their work beside the vault first.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class VaultError(Exception):
    """Base of every error the vault raises on purpose.

    The message is for a person. The structured fields are for a front end, so no caller ever
    parses a message: `path` (the vault, backup or file concerned), `kind` and `record_id` (the
    record concerned, e.g. ``"note"``, 12) and `field` (the input to put the cursor in).
    """

    def __init__(
        self,
        message: str = "",
        *,
        path: object = None,
        kind: str | None = None,
        record_id: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path: Path | None = Path(str(path)) if path is not None else None
        self.kind = kind
        self.record_id = record_id
        self.field = field


class WrongPassphraseError(VaultError):
    def __init__(self) -> None:
        super().__init__("The passphrase is not correct for this vault. Nothing was changed.")


class NotAVaultError(VaultError):
    def __init__(self, path: object, why: str = "") -> None:
        detail = f" ({why})" if why else ""
        super().__init__(f"{path} is not a Confidant vault{detail}.", path=path)
        self.why = why or "it is not a Confidant vault"


class VaultDamagedError(VaultError):
    """The passphrase is right but the encrypted data fails its integrity checks."""

    def __init__(self, path: object, why: str = "") -> None:
        detail = f": {why}" if why else ""
        super().__init__(
            f"The vault at {path} is damaged or has been tampered with{detail}. "
            "Restore it from a backup; the damaged files were left as they are.",
            path=path,
        )
        self.why = why or "it is damaged"


class VaultInUseError(VaultError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"The vault at {path} is already open in another Confidant window or process. "
            "Close it there first.",
            path=path,
        )


class VaultExistsError(VaultError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"There is already a vault or other files at {path}; choose a new folder.", path=path
        )


class VaultMissingError(VaultError):
    def __init__(self, path: object) -> None:
        super().__init__(f"No vault was found at {path}.", path=path)
        self.why = "nothing is there"


class LocationError(VaultError):
    """A folder is missing, not a folder, or cannot be written."""


class DiskFullError(VaultError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"The disk holding {path} is full. Nothing was saved by this step; "
            "free some space and try again.",
            path=path,
        )


class DiskIOError(VaultError):
    """The operating system reported a read or write failure: a disk problem, not tampering."""

    def __init__(self, path: object) -> None:
        super().__init__(
            f"The disk holding {path} reported an error while reading or writing. The step that "
            "failed was not saved. Check the disk (or its connection), then try again.",
            path=path,
        )


class VaultGoneError(VaultError):
    """The open vault's files are no longer where they were opened: never save into the void."""

    def __init__(self, path: object) -> None:
        super().__init__(
            f"The vault's files at {path} are no longer there: the drive may have been removed, "
            "or another program (a sync client, say) moved or deleted the folder. This change "
            "was not saved. Keep Confidant open, since your unsaved text is still on screen; "
            "reconnect the drive or put the folder back, then lock and unlock to carry on.",
            path=path,
        )


class VaultLockedError(VaultError):
    def __init__(self) -> None:
        super().__init__("The vault is locked. Unlock it first.")


class WeakPassphraseError(VaultError):
    """Raised by callers that enforce a passphrase policy; the vault itself accepts any."""


class RecordNotFoundError(VaultError):
    def __init__(self, kind: str, record_id: object) -> None:
        super().__init__(
            f"No {kind} with id {record_id} exists in this vault.",
            kind=kind,
            record_id=record_id if isinstance(record_id, int) else None,
        )


class ValidationError(VaultError):
    """A record's fields do not make sense; the message names the field for a person, and
    `field` names it for a front end that wants to put the cursor there."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field)


class InvalidFieldsError(ValidationError):
    """One or more fields of a record are wrong at once, so a form can say all of them in one
    go. `problems` holds one `ValidationError` per field in the form's order; `field` is the
    first one's (where the cursor goes) and the message lists them all."""

    def __init__(self, problems: Sequence[ValidationError]) -> None:
        if not problems:
            raise ValueError("InvalidFieldsError needs at least one problem")
        self.problems: tuple[ValidationError, ...] = tuple(problems)
        message = " ".join(str(p) for p in self.problems)
        if len(self.problems) > 1:
            message = f"{len(self.problems)} fields need attention. {message}"
        super().__init__(message, field=self.problems[0].field)


def raise_problems(problems: Sequence[ValidationError]) -> None:
    """Raise `InvalidFieldsError` when there is any problem (one problem keeps its own words)."""
    if problems:
        raise InvalidFieldsError(problems)


class BackupError(VaultError):
    """A backup could not be written or verified, or a restore source is unusable."""


class BackupAbandonedError(BackupError):
    """A backup given up on purpose because the vault locked; nothing half-made was kept."""
