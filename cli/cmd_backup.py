"""``backup VAULT DEST_DIR``: write an encrypted copy, reopen it and verify it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vault import Vault
from vault.backup import backup_vault

from .passphrase import PassphraseReader


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "backup", help="write a verified encrypted backup", description=__doc__
    )
    parser.add_argument("vault", type=Path)
    parser.add_argument("dest_dir", type=Path, help="existing folder to hold the backup")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    passphrase = passphrases.ask("Passphrase: ")
    with Vault.open(args.vault, passphrase) as vault:
        target = backup_vault(vault, args.dest_dir)
    print(f"Backup written and verified: {target}")
    return 0
