"""A command that lists one kind of a client's records: ``NAME VAULT --client ID [--json]``.

`consents` and `attachments` differ only in what they list and how a row reads, so the
arguments, the unlock and the "no client with id N" check are written once here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from vault.clients.records import get_client
from vault.store.vault import Vault

from .arg_types import record_id
from .passphrase import PassphraseReader
from .text_output import json_line
from .vault_command import add_json_option, add_vault_argument, unlocked_vault

Row = TypeVar("Row")


def register_listing(
    subparsers: Any,
    name: str,
    *,
    help: str,
    description: str | None,
    rows: Callable[[Vault, int], Iterable[Row]],
    document: Callable[[Row], dict[str, object]],
    line: Callable[[Row], str],
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=help, description=description
    )
    add_vault_argument(parser)
    parser.add_argument("--client", type=record_id, required=True, metavar="ID")
    add_json_option(parser)

    def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
        with unlocked_vault(args, passphrases) as vault:
            get_client(vault, args.client)  # a plain "no client with id N" when there is none
            for row in rows(vault, args.client):
                print(json_line(document(row)) if args.json else line(row))
        return 0

    parser.set_defaults(handler=run)
    return parser
