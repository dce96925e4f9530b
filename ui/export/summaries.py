"""What the progress window says when an export or import has finished, in plain sentences.

Figures and paths only: no client name, no note text (the window may be screen-shared, and a
summary is the kind of text people paste into an e-mail to ask for help).
"""

from __future__ import annotations

from datetime import date

from ui.export.wording import ENCRYPTION_WORDS, HAND_OVER_LINE, format_title, size_text
from vault.export.exporting import ExportResult
from vault.export.importer import ImportResult
from vault.export.practice_archive import PracticeExportResult, PracticeImportResult


def _notes(count: int) -> str:
    return "1 note" if count == 1 else f"{count} notes"


def record_export_summary(
    result: ExportResult, *, generated_password: bool, request_received: date | None
) -> str:
    lines = [f"Saved to {result.path}", ""]
    protection = (
        f"{ENCRYPTION_WORDS}: it opens only with the password"
        if result.encrypted
        else "NOT encrypted: anyone who has the file can read it"
    )
    lines.append(f"{format_title(result.fmt)}, {size_text(result.bytes_written)}, {protection}.")
    lines.append(f"{_notes(result.notes).capitalize()} in the export.")
    lines.append("Recorded in the client's disclosure log and in the activity log.")
    if result.request_closed is not None:
        when = f" of {request_received.isoformat()}" if request_received else ""
        lines.append(f"The open access request{when} is now closed as fulfilled.")
    if result.encrypted and generated_password:
        lines += ["", f"The password is not in the file. {HAND_OVER_LINE}"]
    return "\n".join(lines)


def record_import_summary(result: ImportResult) -> str:
    lines = [f"The record came in as a new client, with {_notes(result.notes)}."]
    if result.signed_notes:
        lines.append(
            f"{_notes(result.signed_notes).capitalize()} arrived signed; every signature "
            "was checked against its note and kept."
        )
    if result.redacted_copies:
        copies = (
            "1 joint-session note is"
            if result.redacted_copies == 1
            else (f"{result.redacted_copies} joint-session notes are")
        )
        lines.append(
            f"{copies} the other participants' redacted copy (what was private to them never "
            "left the other vault)."
        )
    if result.forms:
        lines.append(f"{_forms(result.forms)} came with the consents and releases, unchanged.")
    lines.append("The client is shown in the list now; the import is in the activity log.")
    return "\n".join(lines)


def _forms(count: int) -> str:
    return "1 signed form" if count == 1 else f"{count} signed forms"


def _clients(count: int) -> str:
    return "1 client" if count == 1 else f"{count} clients"


def _joint(count: int) -> str:
    return "1 joint-session note" if count == 1 else f"{count} joint-session notes"


def _joint_kept(count: int) -> str:
    if not count:
        return "."
    verb = "is" if count == 1 else "are"
    return (
        " (a joint-session note counts in the record of each who took part); "
        f"{_joint(count)} {verb} also kept whole, once."
    )


def practice_export_summary(result: PracticeExportResult, *, generated_password: bool) -> str:
    lines = [
        f"Saved to {result.path}",
        "",
        f"ZIP archive, {size_text(result.bytes_written)}, {ENCRYPTION_WORDS}: it opens only "
        "with the password.",
        f"{_clients(result.clients).capitalize()}; their records hold {_notes(result.notes)}"
        + _joint_kept(result.joint_notes),
        "Recorded in the activity log.",
    ]
    if generated_password:
        lines += ["", "The password is not in the file: keep it apart from the archive."]
    return "\n".join(lines)


def practice_import_summary(result: PracticeImportResult) -> str:
    lines = [
        f"{_clients(result.clients).capitalize()} came in, with {_notes(result.notes)} "
        f"({_joint(result.joint_notes)} linked to everyone who took part).",
        "Every signed note's signature was checked against the note and kept.",
    ]
    if result.forms:
        lines.append(f"{_forms(result.forms)} came with their consents and releases, unchanged.")
    lines.append("The clients are in the list now; the import is in the activity log.")
    return "\n".join(lines)
