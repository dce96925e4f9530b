"""Argument parsing and dispatch. Each command lives in its own ``cmd_*.py`` module.

A command module provides ``register(subparsers) -> argparse.ArgumentParser`` that adds its
sub-parser and sets ``handler=run`` on it; ``run(args, passphrases) -> int`` does the work.
Every expected failure is a `VaultError`, printed as one line on standard error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from vault.store.errors import VaultError
from vault.store.version import version_line

from . import (
    cmd_attachments,
    cmd_audit,
    cmd_backup,
    cmd_backups,
    cmd_check,
    cmd_clients,
    cmd_consents,
    cmd_create,
    cmd_demo,
    cmd_destroy,
    cmd_disclosures,
    cmd_due,
    cmd_export,
    cmd_export_all,
    cmd_import,
    cmd_notes,
    cmd_passwd,
    cmd_print_consent,
    cmd_restore,
    cmd_search,
    cmd_withdraw_consent,
)
from .passphrase import PassphraseReader

PROG = "confidant"
COMMANDS: tuple[ModuleType, ...] = (
    cmd_create,
    cmd_check,
    cmd_passwd,
    cmd_backup,
    cmd_restore,
    cmd_backups,
    cmd_demo,
    cmd_search,
    cmd_notes,
    cmd_clients,
    cmd_due,
    cmd_consents,
    cmd_withdraw_consent,
    cmd_disclosures,
    cmd_destroy,
    cmd_attachments,
    cmd_export,
    cmd_export_all,
    cmd_import,
    cmd_audit,
    cmd_print_consent,
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


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Parse `argv`; a command may claim arguments argparse took for options (``take_extra``),
    so that ``search VAULT -anxious`` searches for notes without the word "anxious"."""
    parser = build_parser()
    args, extra = parser.parse_known_args(list(argv))
    take_extra: Callable[[argparse.Namespace, list[str]], str] | None = getattr(
        args, "take_extra", None
    )
    problem = take_extra(args, extra) if take_extra is not None else ""
    if extra and take_extra is None:
        problem = f"unrecognized arguments: {' '.join(extra)}"
    if problem:
        parser.error(problem)
    return args


def run_cli(argv: Sequence[str], passphrases: PassphraseReader | None = None) -> int:
    args = parse(argv)
    handler: Handler = args.handler
    try:
        return handler(args, passphrases or PassphraseReader())
    except BrokenPipeError:
        # `confidant notes ... | head`: the reader left; stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except VaultError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; nothing further was changed.", file=sys.stderr)
        return 130
    except Exception as exc:
        # Its message could quote client data, so only its type is said.
        print(
            f"{PROG}: unexpected problem ({type(exc).__name__}); records already saved are "
            "safe. Please report it.",
            file=sys.stderr,
        )
        return 70
