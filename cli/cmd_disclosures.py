"""``disclosures VAULT --client ID``: the accounting of disclosures for the six years before
``--as-of`` (default today), oldest first: date, recipient, what, and the basis."""

from __future__ import annotations

import argparse
from typing import Any

from vault.clients.records import get_client
from vault.consent.disclosures import accounting_of_disclosures

from .arg_types import iso_date, record_id
from .passphrase import PassphraseReader
from .text_output import json_line, terminal_safe
from .vault_command import add_json_option, add_vault_argument, unlocked_vault


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "disclosures", help="a client's accounting of disclosures", description=__doc__
    )
    add_vault_argument(parser)
    parser.add_argument("--client", type=record_id, required=True, metavar="ID")
    parser.add_argument("--as-of", dest="as_of", type=iso_date, metavar="YYYY-MM-DD")
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    with unlocked_vault(args, passphrases) as vault:
        get_client(vault, args.client)  # a plain "no client with id N" when there is none
        for item in accounting_of_disclosures(vault, args.client, args.as_of):
            basis = item.basis if item.basis != "legal_exception" else f"law: {item.exception}"
            if args.json:
                document = {
                    "id": item.id,
                    "disclosed_on": item.disclosed_on.isoformat(),
                    "recipient": item.recipient,
                    "information": item.information,
                    "basis": item.basis,
                    "release_id": item.release_id,
                    "exception": item.exception,
                    "justification": item.justification,
                }
                print(json_line(document))
            else:
                print(
                    f"{item.disclosed_on.isoformat()}  {terminal_safe(item.recipient)}: "
                    f"{terminal_safe(item.information)} ({basis})"
                )
    return 0
