"""The audit trail for an inspector: CSV or JSON lines, ids only, written once and atomically.

Nothing in an entry names a person or quotes a record, so the file holds ids, times and
actions only. It is still written the way every export is: to a temporary name beside the
destination, fsynced, then renamed, so a half-written file never stands under the real name.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Literal

from vault.audit.entries import AuditEntry
from vault.audit.trail import AuditFilter, iter_entries, record_export
from vault.store.fsio import fsync_dir, translate_os_errors
from vault.store.vault import Vault

Format = Literal["csv", "json"]
FIELDS = ("seq", "at", "action", "record_kind", "record_id", "client_id", "detail", "entry_hash")


def entry_document(entry: AuditEntry) -> dict[str, object]:
    return {name: getattr(entry, name) for name in FIELDS}


def export_trail(
    vault: Vault, destination: Path, fmt: Format, filters: AuditFilter | None = None
) -> int:
    """Write the matching entries to `destination`; returns how many were written."""
    destination = Path(destination)
    tmp = destination.with_name(f".{destination.name}.writing")
    count = 0
    with translate_os_errors(destination):
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as handle:
                if fmt == "csv":
                    writer = csv.writer(handle)
                    writer.writerow(FIELDS)
                for entry in iter_entries(vault, filters):
                    document = entry_document(entry)
                    if fmt == "csv":
                        writer.writerow([_csv_safe(document[name]) for name in FIELDS])
                    else:
                        handle.write(json.dumps(document, ensure_ascii=False) + "\n")
                    count += 1
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, destination)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        fsync_dir(destination.parent)
    record_export(vault, destination, count)
    return count


def _csv_safe(value: object) -> str:
    """Never a formula when opened in a spreadsheet (values are ids and fixed words anyway)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
