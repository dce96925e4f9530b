"""The password of a file leaving the vault, on the command line: one rule for every command.

An export and a form to sign are both encrypted by default (`vault.export.passwords`). The
password is never from argv or the environment (shell history and process lists keep those):
typed at a terminal it is asked twice; from a pipe it is the line after the passphrase. With
``--generate-password`` a new one is made and printed on standard output, once: the therapist
passes it to the client another way. ``--no-encryption`` is the deliberate way out, and the
command then warns on standard error.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from vault.export.passwords import check_export_password, generate_password

from .passphrase import PassphraseInputError, PassphraseReader
from .text_output import json_line

PROMPT = "Export password: "


def add_protection_options(parser: argparse.ArgumentParser, *, what: str) -> None:
    """``--no-encryption`` and ``--generate-password``, worded for `what` ("the record")."""
    parser.add_argument(
        "--no-encryption",
        action="store_true",
        help=f"write the file unencrypted (a plaintext copy of {what}); you are warned",
    )
    parser.add_argument(
        "--generate-password",
        action="store_true",
        help="generate the password and print it on standard output, once",
    )


def conflicting_protection(args: argparse.Namespace) -> bool:
    """True, after saying so in one line, when both ways out were asked for at once."""
    if args.no_encryption and args.generate_password:
        print("confidant: --no-encryption takes no password.", file=sys.stderr)
        return True
    return False


def chosen_password(args: argparse.Namespace, passphrases: PassphraseReader) -> str | None:
    """The password the command encrypts with; None only for ``--no-encryption``."""
    if args.no_encryption:
        return None
    return read_export_password(passphrases, generate=args.generate_password)


def read_export_password(passphrases: PassphraseReader, *, generate: bool) -> str:
    if generate:
        return generate_password()
    password = check_export_password(passphrases.ask(PROMPT))
    if passphrases.interactive and passphrases.ask("Repeat it: ") != password:
        raise PassphraseInputError("The two export passwords differ; nothing was exported.")
    return password


def warn_unencrypted(what: str) -> None:
    """The warning after a deliberate plain file: `what` is what anyone could read."""
    print(
        f"warning: the file is NOT encrypted; anyone who gets it can read {what}.",
        file=sys.stderr,
    )


def report_written(
    args: argparse.Namespace, password: str | None, document: dict[str, Any], line: str
) -> None:
    """What a command says once the file is written: with ``--json`` one object (the
    generated password in it); otherwise a generated password alone on standard output, so
    a script can take it, and `line` on standard error beside it."""
    if args.json:
        if args.generate_password:
            document = {**document, "password": password}
        print(json_line(document))
        return
    if args.generate_password:
        print(password)
    print(line, file=sys.stderr if args.generate_password else sys.stdout)


def read_archive_password(passphrases: PassphraseReader) -> str:
    return passphrases.ask("Password of the file: ")
