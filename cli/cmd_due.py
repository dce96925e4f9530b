"""``due VAULT``: everything that needs attention, overdue first: consents due for review,
requests nearing their deadline, releases expiring within 30 days, records past their retention
(due for destruction), and unsigned notes."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from vault.clients.records import list_clients
from vault.consent.due import DESTRUCTION_DUE, due_items
from vault.notes.unsigned import list_unsigned_notes

from .passphrase import PassphraseReader
from .text_output import counted, json_line, terminal_safe
from .vault_command import add_json_option, add_vault_argument, unlocked_vault


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "due", help="deadlines and reviews that need attention", description=__doc__
    )
    add_vault_argument(parser)
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    today = date.today()
    with unlocked_vault(args, passphrases) as vault:
        names = {c.id: c.full_name for c in list_clients(vault, "all")}
        for item in due_items(vault, today):
            if args.json:
                print(
                    json_line(
                        {
                            "kind": item.kind,
                            "record_id": item.record_id,
                            "client_id": item.client_id,
                            "client": names.get(item.client_id, ""),
                            "due_on": item.due_on.isoformat(),
                            "overdue": item.overdue,
                            "what": item.what,
                        }
                    )
                )
            else:
                when = "OVERDUE since" if item.overdue else "due"
                if item.kind == DESTRUCTION_DUE:
                    when = "retention ended"
                name = terminal_safe(names.get(item.client_id, f"client {item.client_id}"))
                print(f"{when} {item.due_on.isoformat()}  {name}: {item.what}")
        unsigned = list_unsigned_notes(vault)
        if args.json:
            print(json_line({"kind": "unsigned_notes", "count": len(unsigned)}))
        elif unsigned:
            print(f"{counted(len(unsigned), 'unsigned note')}, oldest {unsigned[0].session_start}")
    return 0
