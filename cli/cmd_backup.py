"""``backup VAULT DEST_DIR``: write an encrypted copy, reopen it and verify it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vault.store.backup import backup_vault

from .passphrase import PassphraseReader
from .vault_command import add_vault_argument, unlocked_vault


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "backup", help="write a verified encrypted backup", description=__doc__
    )
    add_vault_argument(parser)
    parser.add_argument("dest_dir", type=Path, help="existing folder to hold the backup")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    with unlocked_vault(args, passphrases) as vault:
        target = backup_vault(vault, args.dest_dir)
    print(f"Backup written and verified: {target}")
    return 0
