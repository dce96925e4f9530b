"""``restore BACKUP VAULT``: verify a backup, then put it in place of (or as) VAULT.

The passphrase asked for is the one the backup was made with. An existing vault is first copied
aside to a ``VAULT.before-restore-<time>`` folder, so nothing is destroyed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vault.store.backup import restore_backup

from .passphrase import PassphraseReader


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "restore", help="restore a vault from a backup", description=__doc__
    )
    parser.add_argument("backup", type=Path, help="a confidant-backup-… folder")
    parser.add_argument("vault", type=Path, help="the vault folder to restore into")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    passphrase = passphrases.ask("Backup's passphrase: ")
    kept = restore_backup(args.backup, args.vault, passphrase)
    print(f"Restored {args.vault} from {args.backup} (verified).")
    if kept is not None:
        print(f"The previous vault's files were kept in {kept}")
    return 0
