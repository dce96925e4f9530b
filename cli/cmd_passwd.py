"""``passwd VAULT``: change the passphrase; every page is re-encrypted under a new salt."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vault import Vault

from .passphrase import PassphraseReader


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "passwd",
        help="change a vault's passphrase",
        description=__doc__ + " Reads the current passphrase, then the new one.",
    )
    parser.add_argument("vault", type=Path)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    current = passphrases.ask("Current passphrase: ")
    with Vault.open(args.vault, current) as vault:
        new = passphrases.ask_new("New passphrase: ")
        vault.change_passphrase(current, new)
        print(f"Passphrase changed for {vault.directory}. Older backups keep their old passphrase.")
    return 0
