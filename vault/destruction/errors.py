"""Why a destruction was refused. Each says what to do; none is raised after a byte changed."""

from __future__ import annotations

from vault.store.errors import ValidationError, VaultError


class ConfirmationMismatchError(ValidationError):
    """The typed confirmation is not the client's name: the one guard against the wrong record."""

    def __init__(self, client_id: int) -> None:
        super().__init__(
            f"The confirmation does not match the name of client {client_id}. Type their name "
            "exactly as the client list shows it (or their full name). Nothing was removed.",
            field="confirmation",
        )
        self.kind = "client"
        self.record_id = client_id


class UnsignedDraftsError(VaultError):
    """Drafts are unfinished clinical records: they are signed or discarded, never destroyed."""

    def __init__(self, client_id: int, count: int) -> None:
        notes = "1 unsigned note" if count == 1 else f"{count} unsigned notes"
        super().__init__(
            f"Client {client_id} has {notes} (drafts). Each must be signed or discarded before "
            "their record can be destroyed (Note menu, Unsigned Notes). Nothing was removed.",
            kind="client",
            record_id=client_id,
        )
        self.count = count


class UnknownClientRowsError(VaultError):
    """A table this version does not know still holds the client's rows: refuse, never guess."""

    def __init__(self, client_id: int, table: str) -> None:
        super().__init__(
            f"Client {client_id}'s record could not be destroyed completely: the vault's table "
            f"{table} still refers to them and this version of Confidant does not know how to "
            "remove it. Nothing was removed; please update Confidant.",
            kind="client",
            record_id=client_id,
        )
        self.table = table
