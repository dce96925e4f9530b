"""``check VAULT [--full]``: unlock and run every integrity check; exit 1 if anything is wrong.

``--full`` adds SQLite's whole-file check, the one thing the default leaves out: every page of
the file used exactly once (`vault.store.integrity` says why it is left out).
"""

from __future__ import annotations

import argparse
from typing import Any

from vault.checks import verify_vault
from vault.clients.records import count_clients
from vault.notes.records import count_notes

from .passphrase import PassphraseReader
from .text_output import counted
from .vault_command import add_vault_argument, unlocked_vault


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check", help="verify a vault's encryption and structure", description=__doc__
    )
    add_vault_argument(parser)
    parser.add_argument(
        "--full",
        action="store_true",
        help="also prove that every page of the file is used exactly once, by one table or "
        "the free list (SQLite's whole-file check, one statement that cannot be split: slower "
        "on a large vault)",
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    with unlocked_vault(args, passphrases) as vault:
        problems = verify_vault(vault, full=args.full)
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
