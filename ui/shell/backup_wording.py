"""What to tell the therapist when a backup or a restore fails, in the words of that task.

Kept apart from the unlock screen's wording: "could not be opened" is about the vault being
unlocked, while a failed backup or restore is about the copy.
"""

from __future__ import annotations

from vault import BackupError, VaultError, WrongPassphraseError


def backup_failure_text(error: BaseException) -> str:
    if isinstance(error, VaultError):
        return f"The backup was not written. {error} The vault itself is unchanged."
    return (
        f"The backup was not written because of an unexpected problem ({type(error).__name__}). "
        "The vault itself is unchanged."
    )


def restore_failure_text(error: BaseException) -> str:
    if isinstance(error, WrongPassphraseError):
        return (
            "That passphrase does not open the chosen backup. A backup opens with the passphrase "
            "the vault had when the backup was made. Nothing was changed."
        )
    if isinstance(error, BackupError):
        return f"{error} Nothing was changed."
    if isinstance(error, VaultError):
        return f"{error}"
    return (
        f"The backup could not be restored because of an unexpected problem "
        f"({type(error).__name__}). Nothing was changed."
    )
