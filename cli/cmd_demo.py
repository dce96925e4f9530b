"""``demo VAULT``: a new vault full of obviously synthetic clients and notes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from vault.clients.records import count_clients
from vault.demo import fill_demo
from vault.notes.records import count_notes

from .cmd_create import add_decryption_time, create_vault
from .passphrase import PassphraseReader
from .text_output import counted


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "demo", help="create a vault of synthetic demo data", description=__doc__
    )
    parser.add_argument("vault", type=Path, help="folder to create")
    parser.add_argument("--clients", type=_positive, default=12, metavar="N")
    parser.add_argument("--notes-per-client", type=_non_negative, default=6, metavar="M")
    add_decryption_time(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    with create_vault(args, passphrases) as vault:
        show_progress = sys.stderr.isatty()

        def progress(done: int, total: int) -> None:
            if show_progress:
                print(f"\r{done}/{total} demo clients", end="", file=sys.stderr, flush=True)

        fill_demo(
            vault, clients=args.clients, notes_per_client=args.notes_per_client, progress=progress
        )
        if show_progress:
            print(file=sys.stderr)
        print(
            f"Created demo vault {vault.directory}: {counted(count_clients(vault), 'client')}, "
            f"{counted(count_notes(vault), 'note')} (all synthetic)."
        )
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value
