"""``check VAULT``: unlock and run every integrity check; exit 1 if anything is wrong."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vault import Vault
from vault.clients import count_clients
from vault.notes import count_notes

from .passphrase import PassphraseReader
from .text_output import counted


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check", help="verify a vault's encryption and structure", description=__doc__
    )
    parser.add_argument("vault", type=Path)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    passphrase = passphrases.ask("Passphrase: ")
    with Vault.open(args.vault, passphrase) as vault:
        problems = vault.verify()
        if problems:
            for problem in problems:
                print(f"problem: {problem}")
            print(f"Vault {vault.directory} FAILED verification ({len(problems)} problems).")
            return 1
        print(
            f"Vault {vault.directory} verified: {counted(count_clients(vault), 'client')}, "
            f"{counted(count_notes(vault), 'note')}, schema version {vault.db.user_version()}."
        )
    return 0
