"""Signed forms attached to a consent or to a release, kept encrypted inside the vault.

A form is evidence of what the client signed, so it is never edited (schema 9 triggers).
It leaves the record in one of two ways, each audited and each keeping the form's row (name,
type, size, SHA-256, dates) as the trace that it was there:

- **replaced** by a better scan of the same form (`replace_attachment`): the new form is
  attached and linked, the old one's bytes are deleted, in one transaction;
- **removed as attached by mistake** (`remove_attachment`): the wrong file or another
  client's form. Its bytes are deleted and its file name too, since it may name someone else.

Deleted bytes do not linger: the vault runs with ``secure_delete``, which zeroes freed pages.
A form's bytes leave the vault through `save_attachment`, to a file the therapist chose,
written atomically (opening it in a viewer is the window's business, on that file), and
inside the client's own export (`forms_in_record`, read by `vault.export`), encrypted with
the rest of the record unless the therapist chose otherwise.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from vault.audit.entries import append_entry
from vault.consent.common import checked_id
from vault.consent.form_files import check_size, media_type_of, read_form_file, safe_file_name
from vault.store.clock import now_iso
from vault.store.errors import RecordNotFoundError, ValidationError
from vault.store.fsio import atomic_write_bytes
from vault.store.text_fields import checked_text, line
from vault.store.vault import Vault

_COLUMNS = (
    "id, client_id, consent_id, release_id, file_name, media_type, size_bytes, sha256, "
    "added_at, removed_at, removal, replaced_by"
)


@dataclass(frozen=True)
class Attachment:
    """A signed form as listed: everything but its bytes (`attachment_bytes` reads those)."""

    id: int
    client_id: int
    consent_id: int | None
    release_id: int | None
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    added_at: str
    removed_at: str | None
    removal: str | None  # "replaced" or "mistake" once the form has left the record
    replaced_by: int | None

    @property
    def in_record(self) -> bool:
        return self.removed_at is None


def attach_form(
    vault: Vault,
    *,
    file_name: str,
    data: bytes,
    consent_id: int | None = None,
    release_id: int | None = None,
) -> Attachment:
    """Attach the signed form `data` to one consent or one release of a client."""
    media_type = _checked_form(data)
    with vault.db.write() as conn:
        client_id = _owner_client(conn, consent_id, release_id)
        attachment_id = _insert(
            conn, client_id, consent_id, release_id, file_name, data, media_type
        )
    return get_attachment(vault, attachment_id)


def attach_form_file(
    vault: Vault, path: Path | str, *, consent_id: int | None = None, release_id: int | None = None
) -> Attachment:
    """Read the file at `path` (its size checked first) and attach it under its own name."""
    data = read_form_file(path)
    return attach_form(
        vault, file_name=Path(path).name, data=data, consent_id=consent_id, release_id=release_id
    )


def replace_attachment(
    vault: Vault, attachment_id: int, *, file_name: str, data: bytes
) -> Attachment:
    """A better scan of the same form: the new one is attached to the same record and the old
    one leaves it (its bytes deleted, its row kept, linked to the new). Returns the new one."""
    media_type = _checked_form(data)
    old = get_attachment(vault, attachment_id)
    with vault.db.write() as conn:
        _require_in_record(conn, old)
        new_id = _insert(
            conn, old.client_id, old.consent_id, old.release_id, file_name, data, media_type
        )
        _take_out(conn, old, "replaced", replaced_by=new_id)
    return get_attachment(vault, new_id)


def replace_attachment_file(vault: Vault, attachment_id: int, path: Path | str) -> Attachment:
    data = read_form_file(path)
    return replace_attachment(vault, attachment_id, file_name=Path(path).name, data=data)


def remove_attachment(vault: Vault, attachment_id: int) -> Attachment:
    """A form attached by mistake leaves the record: its bytes and its name are deleted; its
    type, size, SHA-256 and dates stay, with the audit entry, as the trace that it was there."""
    old = get_attachment(vault, attachment_id)
    with vault.db.write() as conn:
        _require_in_record(conn, old)
        _take_out(conn, old, "mistake", replaced_by=None)
    return get_attachment(vault, attachment_id)


def restore_form(
    vault: Vault,
    *,
    file_name: str,
    data: bytes,
    media_type: str,
    added_at: str,
    consent_id: int | None = None,
    release_id: int | None = None,
) -> Attachment:
    """A signed form arriving with an imported record, attached as it was (its date kept).

    The same checks as a form the therapist attaches (type told by the bytes, size), and the
    type the export listed must be the type the bytes are; the caller has checked the bytes
    against the export's SHA-256 and holds the import's transaction.
    """
    if _checked_form(data) != media_type:
        raise ValidationError(
            f"The signed form {file_name[:60]!r} is not the kind of file the export lists.",
            field="file",
        )
    checked_text(added_at, line("When the form was attached", 40), field="added_at")
    with vault.db.write() as conn:
        client_id = _owner_client(conn, consent_id, release_id)
        attachment_id = _insert(
            conn, client_id, consent_id, release_id, file_name, data, media_type,
            added_at=added_at, detail="imported",
        )  # fmt: skip
    return get_attachment(vault, attachment_id)


def get_attachment(vault: Vault, attachment_id: int) -> Attachment:
    checked_id(attachment_id, "attached form")
    row = vault.db.query_one(
        f"SELECT {_COLUMNS} FROM consent_attachments WHERE id = ?", (attachment_id,)
    )
    if row is None:
        raise RecordNotFoundError("attached form", attachment_id)
    return _attachment(row)


def attachments_of_consent(vault: Vault, consent_id: int) -> list[Attachment]:
    """The consent's forms, oldest first, those replaced or removed included."""
    return _listed(vault, "consent_id = ?", checked_id(consent_id, "consent"))


def attachments_of_release(vault: Vault, release_id: int) -> list[Attachment]:
    return _listed(vault, "release_id = ?", checked_id(release_id, "release"))


def attachments_for_client(vault: Vault, client_id: int) -> list[Attachment]:
    """Every form of the client's consents and releases, oldest first."""
    return _listed(vault, "client_id = ?", checked_id(client_id, "client"))


def attachment_bytes(vault: Vault, attachment_id: int) -> bytes:
    """The form's bytes, exactly as attached (their SHA-256 checked on the way out)."""
    attachment = get_attachment(vault, attachment_id)
    if not attachment.in_record:
        raise ValidationError(
            f"Form {attachment_id} was {_left_how(attachment)}; its file is no longer kept."
        )
    row = vault.db.query_one(
        "SELECT data FROM consent_attachment_bytes WHERE attachment_id = ?", (attachment_id,)
    )
    data = bytes(row[0]) if row is not None else b""
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise ValidationError(
            f"Form {attachment_id} no longer matches the SHA-256 it was attached with; it has "
            "been damaged or tampered with. Restore the vault from a backup."
        )
    return data


def forms_in_record(vault: Vault, client_id: int) -> list[tuple[Attachment, bytes]]:
    """Every form still in the client's record with its bytes (each SHA-256 checked), oldest
    first: what the client's own export carries. A form replaced or removed has no bytes
    left, so it is not among them."""
    return [
        (form, attachment_bytes(vault, form.id))
        for form in attachments_for_client(vault, client_id)
        if form.in_record
    ]


def save_attachment(vault: Vault, attachment_id: int, destination: Path | str) -> Path:
    """Write a copy of the form to `destination`, the file the therapist chose, atomically.

    The copy is NOT encrypted: that is its purpose (to open it in a viewer, to print it). It
    is never written inside the vault's folder, where a sync client or a backup would carry a
    plaintext copy along with the encrypted vault. The audit entry is written in the same
    transaction, so a copy that could not be written leaves no entry, and no entry is missing
    for a copy written.
    """
    destination = Path(destination).resolve()
    if destination.is_relative_to(vault.directory.resolve()):
        raise ValidationError(
            "Save the copy outside the vault's folder: the copy is not encrypted.",
            field="destination",
        )
    if destination.is_dir():
        raise ValidationError(
            f"{destination} is a folder; choose a file name.", field="destination"
        )
    data = attachment_bytes(vault, attachment_id)
    attachment = get_attachment(vault, attachment_id)
    with vault.db.write() as conn:
        _audit(conn, "attachment.saved_out", attachment)
        atomic_write_bytes(destination, data)
    return destination


# The tables `check_attachments` reads (`vault.checks` runs it beside their structure checks).
ATTACHMENT_TABLES = ("consent_attachment_bytes", "consent_attachments")


def check_attachments(vault: Vault) -> list[str]:
    """A record check (`vault.checks.RECORD_CHECKS`): every form in the record still matches
    the SHA-256 and size it was attached with, and no removed form kept its bytes."""
    with vault.db.read() as conn:
        return attachment_problems(conn)


def attachment_problems(conn: sqlcipher3.Connection) -> list[str]:
    """`check_attachments` on a connection of the caller's (a reader of `vault.checks`)."""
    problems: list[str] = []
    rows = conn.execute(
        "SELECT a.id, a.sha256, a.size_bytes, a.removed_at, b.attachment_id IS NOT NULL "
        "FROM consent_attachments a LEFT JOIN consent_attachment_bytes b "
        "ON b.attachment_id = a.id ORDER BY a.id"
    ).fetchall()
    for attachment_id, sha256, size, removed_at, has_bytes in rows:
        if removed_at is not None:
            if has_bytes:
                problems.append(f"attached form {attachment_id} was removed but kept its file")
            continue
        if not has_bytes:
            problems.append(f"attached form {attachment_id} has lost its file")
            continue
        row = conn.execute(  # one form in memory at a time
            "SELECT data FROM consent_attachment_bytes WHERE attachment_id = ?", (attachment_id,)
        ).fetchone()
        data = bytes(row[0]) if row is not None else b""
        if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
            problems.append(
                f"attached form {attachment_id} no longer matches its SHA-256: it was changed"
            )
    return problems


def _checked_form(data: object) -> str:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ValidationError("A signed form is a file's bytes.", field="file")
    check_size(len(data))
    return media_type_of(bytes(data))


def _owner_client(
    conn: sqlcipher3.Connection, consent_id: int | None, release_id: int | None
) -> int:
    """The client whose consent or release the form belongs to (exactly one of the two)."""
    if (consent_id is None) == (release_id is None):
        raise ValidationError("Attach a form to one consent or one release.")
    table, kind, record_id = (
        ("consents", "consent", consent_id)
        if consent_id is not None
        else ("releases", "release", release_id)
    )
    checked_id(record_id, kind)
    row = conn.execute(f"SELECT client_id FROM {table} WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        raise RecordNotFoundError(kind, record_id)
    return int(row[0])


def _insert(
    conn: sqlcipher3.Connection,
    client_id: int,
    consent_id: int | None,
    release_id: int | None,
    file_name: str,
    data: bytes,
    media_type: str,
    *,
    added_at: str | None = None,
    detail: str = "",
) -> int:
    digest = hashlib.sha256(data).hexdigest()
    same = conn.execute(
        "SELECT id FROM consent_attachments WHERE sha256 = ? AND removed_at IS NULL "
        "AND consent_id IS ? AND release_id IS ?",
        (digest, consent_id, release_id),
    ).fetchone()
    if same is not None:
        raise ValidationError(
            f"This file is already attached here (form {same[0]}); nothing was added.",
            field="file",
        )
    cursor = conn.execute(
        "INSERT INTO consent_attachments (client_id, consent_id, release_id, file_name, "
        "media_type, size_bytes, sha256, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            client_id,
            consent_id,
            release_id,
            safe_file_name(file_name, media_type),
            media_type,
            len(data),
            digest,
            added_at or now_iso(),
        ),
    )
    attachment_id = int(cursor.lastrowid)
    conn.execute(
        "INSERT INTO consent_attachment_bytes (attachment_id, data) VALUES (?, ?)",
        (attachment_id, bytes(data)),
    )
    owner = "consent" if consent_id is not None else "release"
    append_entry(
        conn, "attachment.added", record_kind="attachment", record_id=attachment_id,
        client_id=client_id, detail=f"{owner},{detail}" if detail else owner,
    )  # fmt: skip
    return attachment_id


def _take_out(
    conn: sqlcipher3.Connection, old: Attachment, removal: str, *, replaced_by: int | None
) -> None:
    conn.execute(
        "UPDATE consent_attachments SET removed_at = ?, removal = ?, replaced_by = ?, "
        "file_name = CASE WHEN ? = 'mistake' THEN '' ELSE file_name END WHERE id = ?",
        (now_iso(), removal, replaced_by, removal, old.id),
    )
    conn.execute("DELETE FROM consent_attachment_bytes WHERE attachment_id = ?", (old.id,))
    append_entry(
        conn, "attachment.removed", record_kind="attachment", record_id=old.id,
        client_id=old.client_id, detail=removal,
    )  # fmt: skip


def _require_in_record(conn: sqlcipher3.Connection, attachment: Attachment) -> None:
    """Read again inside the transaction: two removals racing must not both succeed."""
    row = conn.execute(
        "SELECT removed_at FROM consent_attachments WHERE id = ?", (attachment.id,)
    ).fetchone()
    if row is None:
        raise RecordNotFoundError("attached form", attachment.id)
    if row[0] is not None:
        raise ValidationError(f"Form {attachment.id} has already left the record.")


def _left_how(attachment: Attachment) -> str:
    if attachment.removal == "replaced":
        return f"replaced by form {attachment.replaced_by}"
    return "removed as attached by mistake"


def _audit(conn: sqlcipher3.Connection, action: str, attachment: Attachment) -> None:
    append_entry(
        conn, action, record_kind="attachment", record_id=attachment.id,
        client_id=attachment.client_id,
    )  # fmt: skip


def _listed(vault: Vault, where: str, value: int) -> list[Attachment]:
    rows = vault.db.query(
        f"SELECT {_COLUMNS} FROM consent_attachments WHERE {where} ORDER BY added_at, id",
        (value,),
    )
    return [_attachment(r) for r in rows]


def _attachment(row: tuple[object, ...]) -> Attachment:
    return Attachment(
        id=int(str(row[0])),
        client_id=int(str(row[1])),
        consent_id=int(str(row[2])) if row[2] is not None else None,
        release_id=int(str(row[3])) if row[3] is not None else None,
        file_name=str(row[4]),
        media_type=str(row[5]),
        size_bytes=int(str(row[6])),
        sha256=str(row[7]),
        added_at=str(row[8]),
        removed_at=str(row[9]) if row[9] is not None else None,
        removal=str(row[10]) if row[10] is not None else None,
        replaced_by=int(str(row[11])) if row[11] is not None else None,
    )
