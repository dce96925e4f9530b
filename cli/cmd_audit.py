"""``audit VAULT``: the audit trail, oldest first, one entry per line; ids, never names.

Each line: entry number, time (UTC), action, the record (kind and id), the client's id and
any detail. ``--json`` prints one JSON object per line, for an inspector's tools. Filters:
``--client ID``, ``--from``/``--to`` (inclusive dates), ``--kind`` (a family such as
``client`` or an action such as ``note.signed``; repeatable).
"""

from __future__ import annotations

import argparse
from typing import Any

from vault.audit.entries import AuditEntry
from vault.audit.export import entry_document
from vault.audit.trail import AuditFilter, iter_entries

from .arg_types import iso_date, plain_word, record_id
from .passphrase import PassphraseReader
from .text_output import json_line
from .vault_command import add_json_option, add_vault_argument, unlocked_vault


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "audit",
        help="the audit trail: who did what and when (ids only)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_vault_argument(parser)
    parser.add_argument("--client", type=record_id, metavar="ID", help="only this client's entries")
    parser.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--kind",
        action="append",
        default=[],
        type=plain_word,
        metavar="K",
        help="client, note.signed, ...",
    )
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    filters = AuditFilter(
        client_id=args.client,
        date_from=args.date_from,
        date_to=args.date_to,
        kinds=tuple(args.kind),
    )
    with unlocked_vault(args, passphrases) as vault:
        for entry in iter_entries(vault, filters):
            print(json_line(entry_document(entry)) if args.json else _line(entry))
    return 0


def _line(entry: AuditEntry) -> str:
    record = f"{entry.record_kind} {entry.record_id}" if entry.record_id is not None else ""
    record = record or (entry.record_kind or "")
    client = f"client {entry.client_id}" if entry.client_id is not None else ""
    parts = [f"{entry.seq:>6}", entry.at, entry.action, record, client, entry.detail]
    return "  ".join(part for part in parts if part)
