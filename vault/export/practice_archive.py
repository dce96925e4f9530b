"""The whole practice on the way out (and back in): one AES-256 encrypted ZIP archive.

For the therapist who retires, hands over or moves to another vault. Members, each encrypted
as it is written (member names hold ids only):

- ``clients/<id>.json``: each client's whole record (every section, psychotherapy notes and
  every disclosure included) in the ``confidant.record`` format, joint notes as that client's
  copy, exactly as a client export shows them;
- ``clients/<id>.pdf``: the same record printed, when a PDF renderer is passed in;
- ``forms/form-<id>.<ext>``: each signed consent or release form, as in a client's export,
  listed in its client's record;
- ``joint-notes/<n>.json``: every joint note once, whole, with all its participants
  (`vault.export.practice_notes`), so joint sessions round-trip losslessly;
- ``policies.json``: every consent policy version, in order;
- ``manifest.json`` (written last): format, version, counts and the SHA-256 of every member.

The archive is streamed: one client's record is in memory at a time. `import_practice` reads
it back into a new, empty vault in one transaction: every client, note and record, signatures
verifiable, joint notes linked to all their participants; a damaged archive writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from vault.audit.entries import append_entry
from vault.clients.records import ClientProfile, add_client, archive_client, count_clients
from vault.consent.form_files import MAX_BYTES as MAX_FORM_BYTES
from vault.consent.restore import policy_for_text
from vault.export import json_reader as jr
from vault.export.errors import ExportCancelledError, ImportRefusedError
from vault.export.formats import open_zip_for_writing
from vault.export.gather import Cancel, Progress, gather_record
from vault.export.import_files import open_archive, read_member
from vault.export.importer import import_document, store_note
from vault.export.model import ClientRecord, ExportSelection
from vault.export.note_reading import practice_note
from vault.export.passwords import check_export_password
from vault.export.practice_notes import PRACTICE_NOTES_FORMAT, joint_note_chunks, joint_note_ids
from vault.export.record_json import forms_beside_json, record_json_bytes
from vault.export.writing import check_destination, sweep_partials, write_once
from vault.notes.records import count_notes
from vault.search.bulk import bulk_indexing
from vault.store.clock import now_iso
from vault.store.errors import ValidationError
from vault.store.vault import Vault
from vault.store.version import app_version

ARCHIVE_FORMAT = "confidant.practice"
ARCHIVE_VERSION = 1
MANIFEST = "manifest.json"
POLICIES = "policies.json"
MAX_MEMBERS = 1_000_000
PdfRenderer = Callable[[ClientRecord], bytes]


@dataclass(frozen=True)
class PracticeExportResult:
    path: Path
    clients: int
    notes: int
    joint_notes: int
    bytes_written: int


@dataclass(frozen=True)
class PracticeImportResult:
    clients: int
    notes: int
    joint_notes: int
    forms: int = 0


def export_practice(
    vault: Vault,
    destination: Path,
    password: str,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    pdf: PdfRenderer | None = None,
    overwrite: bool = False,
) -> PracticeExportResult:
    """Write every client's record, the joint notes and the policies to one encrypted archive.

    `progress(done, total)` counts clients; `cancel()` is asked between clients and notes and
    leaves no file. Recorded in the audit trail as ``export.practice``.
    """
    password = check_export_password(password)
    target = check_destination(destination, overwrite=overwrite)
    sweep_partials(target.parent)
    client_ids = [int(r[0]) for r in vault.db.query("SELECT id FROM clients ORDER BY id")]
    joint_ids = joint_note_ids(vault)
    counts = {"clients": len(client_ids), "notes": 0, "joint_notes": len(joint_ids)}
    total = len(client_ids) + 1

    def produce(handle: BinaryIO) -> None:
        members: list[dict[str, Any]] = []
        with open_zip_for_writing(handle, password) as archive:

            def put(name: str, data: bytes) -> None:
                archive.writestr(name, data)
                members.append(
                    {"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                )

            put(POLICIES, _policies_json(vault))
            for chunk_number, chunk in enumerate(joint_note_chunks(vault, joint_ids)):
                _stop_if(cancel)
                document = {"format": PRACTICE_NOTES_FORMAT, "version": 1, "notes": chunk}
                put(f"joint-notes/{chunk_number:05d}.json", _json(document))
            _report(progress, 1, total)
            for done, client_id in enumerate(client_ids, start=2):
                _stop_if(cancel)
                selection = ExportSelection(client_id, include_process_notes=True)
                record = gather_record(vault, selection, cancel=cancel, all_disclosures=True)
                counts["notes"] += len(record.notes)
                put(f"clients/{client_id}.json", record_json_bytes(record))
                for name, data in forms_beside_json(record):
                    put(name, data)
                if pdf is not None:
                    put(f"clients/{client_id}.pdf", pdf(record))
                _report(progress, done, total)
            _stop_if(cancel)
            manifest = {
                "format": ARCHIVE_FORMAT,
                "version": ARCHIVE_VERSION,
                "generated_at": now_iso(),
                "app_version": app_version(),
                "counts": counts,
                "members": members,
            }
            archive.writestr(MANIFEST, _json(manifest))

    def commit(move: Callable[[], None]) -> None:
        with vault.db.write() as conn:
            detail = "json,pdf" if pdf is not None else "json"
            append_entry(conn, "export.practice", record_kind="practice", detail=detail)
            move()

    size = write_once(target, produce, overwrite=overwrite, commit=commit)
    return PracticeExportResult(
        target, counts["clients"], counts["notes"], counts["joint_notes"], size
    )


def _json(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _policies_json(vault: Vault) -> bytes:
    rows = vault.db.query("SELECT version, body, created_at FROM consent_policies ORDER BY version")
    versions = [{"version": int(r[0]), "body": str(r[1]), "created_at": str(r[2])} for r in rows]
    return _json({"format": "confidant.policies", "version": 1, "policies": versions})


def _stop_if(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise ExportCancelledError()


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def import_practice(
    vault: Vault, archive: Path, password: str, *, progress: Progress | None = None
) -> PracticeImportResult:
    """Bring a practice archive into `vault`, which must be new and empty; all or nothing."""
    if count_clients(vault) or count_notes(vault):
        raise ImportRefusedError(
            "A practice archive is imported into a new, empty vault; this one already holds "
            "records. Create a new vault and import into it."
        )
    path = Path(archive)
    if not path.is_file():
        raise ImportRefusedError(f"{path} is not a file.", path=path)
    if path.stat().st_size > jr.MAX_FILE_BYTES * 8:
        raise ImportRefusedError(f"{path.name} is larger than any archive Confidant reads.")
    with open_archive(path, password) as zf:
        reader = _Members(zf, password)
        reader.read_manifest()
        try:
            with vault.db.write() as conn, bulk_indexing(conn):
                result = _import_all(vault, conn, reader, progress)
        except (ValidationError, ValueError) as exc:
            raise ImportRefusedError(
                f"The import was refused and nothing was written: {exc}"
            ) from None
    return result


class _Members:
    """The archive's members, each checked against the manifest's SHA-256 as it is read."""

    def __init__(self, archive: Any, password: str) -> None:
        self.archive = archive
        self.password = password
        self.expected: dict[str, str] = {}

    def read_manifest(self) -> None:
        raw = jr.load_json(read_member(self.archive, MANIFEST, self.password), "archive manifest")
        if not isinstance(raw, dict) or raw.get("format") != ARCHIVE_FORMAT:
            raise ImportRefusedError("The file is not a Confidant practice archive.")
        if raw.get("version") != ARCHIVE_VERSION:
            raise ImportRefusedError(
                "The archive is from another version of Confidant; update Confidant to import it."
            )
        m = jr.obj(raw, "manifest", {"format", "version", "generated_at", "app_version",
                                     "counts", "members"})  # fmt: skip
        for i, item in enumerate(jr.items(m["members"], "manifest.members", MAX_MEMBERS)):
            entry = jr.obj(item, f"manifest.members[{i}]", {"name", "bytes", "sha256"})
            self.expected[jr.text(entry, "name", "manifest")] = jr.text(entry, "sha256", "manifest")
        listed = set(self.archive.namelist()) - {MANIFEST}
        if listed != set(self.expected):
            raise ImportRefusedError(
                "The archive's contents differ from its manifest: it is incomplete or altered."
            )

    def names(self, prefix: str) -> list[str]:
        return sorted(n for n in self.expected if n.startswith(prefix) and n.endswith(".json"))

    def json(self, name: str) -> Any:
        return jr.load_json(self.data(name, jr.MAX_JSON_BYTES), name)

    def form(self, name: str) -> bytes:
        return self.data(name, MAX_FORM_BYTES)

    def data(self, name: str, limit: int) -> bytes:
        if name not in self.expected:
            raise ImportRefusedError(f"The archive's manifest does not list {name[:80]}.")
        data = read_member(self.archive, name, self.password, limit=limit)
        if hashlib.sha256(data).hexdigest() != self.expected[name]:
            raise ImportRefusedError(f"{name} in the archive does not match its manifest.")
        return data


def _import_all(
    vault: Vault,
    conn: Any,
    reader: _Members,
    progress: Progress | None,
) -> PracticeImportResult:
    policies = jr.obj(reader.json(POLICIES), POLICIES, {"format", "version", "policies"})
    for i, item in enumerate(jr.items(policies["policies"], "policies", 10_000)):
        p = jr.obj(item, f"policies[{i}]", {"version", "body", "created_at"})
        policy_for_text(vault, jr.text(p, "body", "policies"), keep_current=False)
    client_files = reader.names("clients/")
    total = len(client_files) * 2 + 1
    clients: dict[int, int] = {}
    for done, name in enumerate(client_files, start=1):
        source_id, new_id = _create_client(vault, reader.json(name), name)
        if source_id in clients:
            raise ImportRefusedError("The archive holds one client twice.")
        clients[source_id] = new_id
        _report(progress, done, total)
    notes: dict[int, int] = {}
    addenda: dict[int, int] = {}
    joint = 0
    for name in reader.names("joint-notes/"):
        chunk = jr.obj(reader.json(name), name, {"format", "version", "notes"})
        if chunk["format"] != PRACTICE_NOTES_FORMAT or chunk["version"] != 1:
            raise ImportRefusedError(f"{name} in the archive is not a joint-notes file.")
        for i, raw in enumerate(jr.items(chunk["notes"], name)):
            arriving = practice_note(raw, f"{name} notes[{i}]", clients)
            notes[arriving.source_id] = store_note(conn, arriving, addenda)
            joint += 1
    skip = frozenset(notes)
    imported_notes = joint
    forms = 0
    for done, name in enumerate(client_files, start=len(client_files) + 1):
        document = reader.json(name)
        source_id = document["client"]["id"]
        result = import_document(
            vault, conn, document, client_id=clients[source_id], skip_notes=skip,
            note_ids=notes, addendum_ids=addenda, keep_current_policy=False,
            read_form=reader.form,
        )  # fmt: skip
        imported_notes += result.notes
        forms += result.forms
        append_entry(
            conn, "import.done", record_kind="client", record_id=result.client_id,
            client_id=result.client_id, detail="practice",
        )  # fmt: skip
        _report(progress, done, total)
    _report(progress, total, total)
    return PracticeImportResult(len(clients), imported_notes, joint, forms)


def _create_client(vault: Vault, document: Any, name: str) -> tuple[int, int]:
    """The client of one record file, created first so joint notes can name everyone."""
    if not isinstance(document, dict) or not isinstance(document.get("client"), dict):
        raise ImportRefusedError(f"{name} in the archive is not a client record.")
    c = document["client"]
    source_id = jr.integer(c, "id", f"{name} client", low=1)
    profile = c.get("profile")
    if not isinstance(profile, dict):
        raise ImportRefusedError(f"{name} in the archive lacks the client's profile.")
    fields = ClientProfile.__dataclass_fields__
    p = jr.obj(profile, f"{name} client.profile", set(fields))
    new_id = add_client(
        vault, ClientProfile(**{k: jr.text(p, k, f"{name} client.profile") for k in fields})
    ).id
    if c.get("archived_at") is not None:
        archive_client(vault, new_id)
    return source_id, new_id
