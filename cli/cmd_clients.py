"""``clients VAULT``: every client, one per line (id, status, name); ``--json`` for tools."""

from __future__ import annotations

import argparse
from typing import Any

from vault.clients.records import list_clients

from .passphrase import PassphraseReader
from .text_output import json_line, terminal_safe
from .vault_command import add_json_option, add_vault_argument, unlocked_vault


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "clients", help="list clients (active and archived)", description=__doc__
    )
    add_vault_argument(parser)
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    with unlocked_vault(args, passphrases) as vault:
        for client in list_clients(vault, "all"):
            if args.json:
                document = {"id": client.id, "name": client.full_name, "status": client.status}
                print(json_line(document))
            else:
                print(f"{client.id:>6}  {client.status:<8}  {terminal_safe(client.full_name)}")
    return 0
