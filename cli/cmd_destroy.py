"""``destroy VAULT --client ID``: destroy a client's record for good, typed to confirm.

The confirmation is the client's name (as ``clients`` lists it), read as the line after the
passphrase on standard input, or typed at a terminal after the summary of what will be
removed. A client with unsigned notes is refused; nothing changes unless the name matches.
Backups made before the destruction still hold the record: the output says so, and with
``--backups DIR`` lists the backups in that folder.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from vault.destruction.destroy import DestructionResult, destroy_client
from vault.destruction.plan import DestructionPreview, RowCounts, preview_destruction

from .arg_types import record_id
from .passphrase import PassphraseReader
from .text_output import counted, json_line
from .vault_command import add_json_option, add_vault_argument, ask_unlock

NO_CONFIRMATION = (
    "No confirmation given: send the client's name as the line after the passphrase, or type "
    "it at the prompt. Nothing was removed."
)


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "destroy", help="destroy a client's record (typed to confirm)", description=__doc__
    )
    add_vault_argument(parser)
    parser.add_argument("--client", type=record_id, required=True, metavar="ID")
    parser.add_argument(
        "--backups",
        type=Path,
        metavar="DIR",
        help="your backup folder: the backups in it, which still hold the record, are listed",
    )
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    with ask_unlock(args, passphrases).open() as vault:
        preview = preview_destruction(vault, args.client)
        if passphrases.interactive:
            for line in summary_lines(preview, date.today()):
                print(line)
        typed = passphrases.ask_text(
            "Type the client's name to destroy their record: ", NO_CONFIRMATION
        )
        result = destroy_client(vault, args.client, typed, backup_folder=args.backups)
    if args.json:
        print(json_line(_document(result)))
    else:
        for line in _result_lines(result):
            print(line)
    return 0


def removed_text(counts: RowCounts) -> str:
    parts = [
        counted(counts.notes, "note"),
        counted(counts.consents, "consent"),
        counted(counts.releases, "release"),
        counted(counts.disclosures, "disclosure"),
        counted(counts.requests, "request"),
    ]
    if counts.attachments:
        parts.append(counted(counts.attachments, "attached form"))
    return ", ".join(parts)


def summary_lines(preview: DestructionPreview, today: date) -> list[str]:
    counts = preview.counts
    lines = [
        f"Destroying client {preview.client.id} removes {removed_text(counts)}.",
    ]
    if counts.joint_notes:
        lines.append(
            f"{counted(counts.joint_notes, 'joint note')} will be kept for the other "
            f"participants, without this client and "
            f"{counted(counts.private_sections, 'private section')}."
        )
    if not preview.retention_ended(today):
        lines.append(f"Its retention does not end until {preview.retention.ends_on.isoformat()}.")
    return lines


def _result_lines(result: DestructionResult) -> list[str]:
    counts = result.preview.counts
    lines = [f"Destroyed the record of client {result.client_id}: {removed_text(counts)} removed."]
    if counts.joint_notes:
        lines.append(
            f"{counted(counts.joint_notes, 'joint note')} kept for the other participants, "
            f"without this client and {counted(counts.private_sections, 'private section')}."
        )
    if not result.rewritten:
        lines.append(
            "The vault file could not be rewritten now (is the disk full?); Confidant finishes "
            "it the next time the vault is unlocked."
        )
    lines.append(result.backups.notice())
    lines.extend(f"  {path}" for path in result.backups.paths)
    if result.backups.folder is None:
        lines.append("Give --backups DIR to list the backups in your backup folder.")
    return lines


def _document(result: DestructionResult) -> dict[str, object]:
    counts = result.preview.counts
    document: dict[str, object] = {
        "destroyed": result.client_id,
        "notes": counts.notes,
        "joint_notes_kept": counts.joint_notes,
        "private_sections": counts.private_sections,
        "amendments": counts.amendments,
        "consents": counts.consents,
        "releases": counts.releases,
        "disclosures": counts.disclosures,
        "requests": counts.requests,
        "attachments": counts.attachments,
        "unsaved_edits": counts.unsaved_edits,
        "retention_ends_on": result.preview.retention.ends_on.isoformat(),
        "rewritten": result.rewritten,
        "log_cleared": result.log_cleared,
        "backups_before": [str(path) for path in result.backups.paths],
        "backups_notice": result.backups.notice(),
    }
    return document
