"""``notes VAULT --client ID``: a client's notes in date order, one per line.

Each line: note id, session date and time, kind, signed or draft (PROCESS-NOTE marks
psychotherapy notes), number of addenda, and the note's first line. Joint sessions appear
for every participant. ``--json`` prints one JSON object per line instead.

Psychotherapy (process) notes are kept apart from the clinical record, so they are listed only
with ``--process-notes``: the same default as ``search`` and as the window, whose Notes tab
shows the clinical record first and the psychotherapy notes on a tab of their own.
"""

from __future__ import annotations

import argparse
from typing import Any

from vault.clients.records import get_client
from vault.notes.model import NoteSummary
from vault.notes.timeline import TimelineCursor, client_timeline

from .arg_types import record_id
from .note_lines import note_line
from .passphrase import PassphraseReader
from .text_output import json_line
from .vault_command import add_json_option, add_vault_argument, unlocked_vault


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "notes",
        help="list a client's notes",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_vault_argument(parser)
    parser.add_argument("--client", type=record_id, required=True, metavar="ID")
    parser.add_argument("--newest-first", action="store_true", help="default: oldest first")
    parser.add_argument(
        "--process-notes", action="store_true", help="include psychotherapy (process) notes"
    )
    # The old default included them; scripts that asked to leave them out still work.
    parser.add_argument("--no-process-notes", action="store_true", help=argparse.SUPPRESS)
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    with unlocked_vault(args, passphrases) as vault:
        get_client(vault, args.client)  # a missing client is an error, not an empty list
        cursor: TimelineCursor | None = None
        while True:
            page = client_timeline(
                vault,
                args.client,
                after=cursor,
                limit=500,
                newest_first=args.newest_first,
                include_process_notes=args.process_notes and not args.no_process_notes,
            )
            for entry in page.entries:
                print(json_line(_as_json(entry)) if args.json else _as_line(entry))
            if page.next_cursor is None:
                return 0
            cursor = page.next_cursor


def _as_line(entry: NoteSummary) -> str:
    return note_line(
        entry.id,
        entry.session_start,
        entry.kind,
        signed=bool(entry.signed_at),
        process_note=entry.is_process_note,
        details=(f"{entry.addenda_count} addenda", entry.first_line),
    )


def _as_json(entry: NoteSummary) -> dict[str, object]:
    return {
        "note_id": entry.id,
        "session_start": entry.session_start,
        "kind": entry.kind,
        "kind_title": entry.kind_title,
        "is_process_note": entry.is_process_note,
        "signed_at": entry.signed_at,
        "participant_ids": list(entry.participant_ids),
        "addenda_count": entry.addenda_count,
        "first_line": entry.first_line,
    }
