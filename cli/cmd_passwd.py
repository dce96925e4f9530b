"""``passwd VAULT``: change the passphrase; every page is re-encrypted under a new salt."""

from __future__ import annotations

import argparse
from typing import Any

from .passphrase import PassphraseReader
from .vault_command import add_vault_argument, ask_unlock


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "passwd",
        help="change a vault's passphrase",
        description=__doc__ + " Reads the current passphrase, then the new one.",
    )
    add_vault_argument(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    unlock = ask_unlock(args, passphrases, "Current passphrase: ")
    with unlock.open() as vault:
        new = passphrases.ask_new("New passphrase: ")
        vault.change_passphrase(unlock.passphrase, new)
        print(f"Passphrase changed for {vault.directory}. Older backups keep their old passphrase.")
    return 0
