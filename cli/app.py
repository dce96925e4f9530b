"""Argument parsing and dispatch. Each command lives in its own ``cmd_*.py`` module.

A command module provides ``register(subparsers) -> argparse.ArgumentParser`` that adds its
sub-parser and sets ``handler=run`` on it; ``run(args, passphrases) -> int`` does the work.
Every expected failure is a `VaultError`, printed as one line on standard error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from vault.store.errors import VaultError
from vault.store.version import version_line

from . import (
    cmd_backup,
    cmd_check,
    cmd_create,
    cmd_demo,
    cmd_notes,
    cmd_passwd,
    cmd_restore,
    cmd_search,
)
from .passphrase import PassphraseReader

PROG = "confidant"
COMMANDS: tuple[ModuleType, ...] = (
    cmd_create,
    cmd_check,
    cmd_passwd,
    cmd_backup,
    cmd_restore,
    cmd_demo,
    cmd_search,
    cmd_notes,
)

Handler = Callable[[argparse.Namespace, PassphraseReader], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Confidant keeps a therapist's client records in an encrypted vault. "
            "Run with no arguments to open the window; use a command below for scripting. "
            "Passphrases are read from the terminal (no echo) or, when piped, one per line "
            "from standard input; never from the command line."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=version_line(PROG),
        help="show the version of Confidant, SQLCipher, SQLite and Python, then exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def run_cli(argv: Sequence[str], passphrases: PassphraseReader | None = None) -> int:
    args = build_parser().parse_args(list(argv))
    handler: Handler = args.handler
    try:
        return handler(args, passphrases or PassphraseReader())
    except VaultError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; nothing further was changed.", file=sys.stderr)
        return 130
