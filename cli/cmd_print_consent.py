"""``print-consent VAULT --client ID --out FILE``: a form for the client to sign, as a PDF.

By default the consent and limits-of-confidentiality form: the practice's current policy
version, the limits as boxes to tick, lines to sign and date. ``--release`` prints the
release-of-information form instead (the 45 CFR 164.508 core elements as fields to fill in).

A form holds the client's name and the practice's details, nothing of the record, so it is
written unencrypted unless asked: the file is plain, and anyone who can open it can read the
name (the command says so). ``--encrypt`` reads a password for the PDF after the vault's
passphrase (typed twice at a terminal, or the next line of standard input);
``--generate-password`` makes one and prints it. Either gives an AES-256 PDF. An existing
file is replaced only with ``--overwrite``. Every printed form is recorded in the audit trail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from vault.export.passwords import check_export_password, generate_password
from vault.export.pdf_document import PAPER_SIZES
from vault.export.pdf_form_output import PrintedForm, write_form
from vault.export.pdf_forms import FORM_TITLES, FormKind
from vault.export.pdf_security import pdf_password

from .arg_types import record_id
from .passphrase import PassphraseInputError, PassphraseReader
from .text_output import json_line
from .vault_command import add_json_option, add_vault_argument, ask_unlock

PASSWORD_PROMPT = "Password for the PDF: "  # noqa: S105 (a prompt, not a password)


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "print-consent",
        help="a consent (or, with --release, a release-of-information) form to sign, as a PDF",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_vault_argument(parser)
    parser.add_argument("--client", type=record_id, required=True, metavar="ID")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="the PDF to write")
    parser.add_argument(
        "--release", action="store_true", help="the release-of-information form instead"
    )
    parser.add_argument("--paper", choices=PAPER_SIZES, default="A4")
    protection = parser.add_mutually_exclusive_group()
    protection.add_argument(
        "--encrypt", action="store_true", help="read a password for the PDF after the passphrase"
    )
    protection.add_argument(
        "--generate-password",
        dest="generate_password",
        action="store_true",
        help="encrypt with a generated password, printed once",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    unlock = ask_unlock(args, passphrases)
    password: str | None = None
    if args.encrypt:
        password = _typed_password(passphrases)
    elif args.generate_password:
        password = generate_password()
    form: FormKind = "release" if args.release else "consent"
    with unlock.open() as vault:
        printed = write_form(
            vault,
            args.client,
            form,
            args.out,
            password=password,
            paper=args.paper,
            overwrite=args.overwrite,
        )
    _report(args, printed, password if args.generate_password else None)
    return 0


def _typed_password(passphrases: PassphraseReader) -> str:
    password = check_export_password(passphrases.ask(PASSWORD_PROMPT))
    pdf_password(password)
    if passphrases.interactive and passphrases.ask("Repeat it: ") != password:
        raise PassphraseInputError("The two passwords differ; nothing was written.")
    return password


def _report(args: argparse.Namespace, printed: PrintedForm, generated: str | None) -> None:
    if not printed.encrypted:
        print(
            f"note: {printed.path} is not encrypted: anyone who can open the file can read "
            "the client's name in it.",
            file=sys.stderr,
        )
    if args.json:
        document: dict[str, object] = {
            "path": str(printed.path),
            "form": printed.form,
            "client_id": args.client,
            "encrypted": printed.encrypted,
            "bytes": printed.bytes_written,
        }
        if generated is not None:
            document["password"] = generated
        print(json_line(document))
        return
    protection = "encrypted PDF (AES-256)" if printed.encrypted else "plain PDF"
    title = FORM_TITLES[printed.form]
    print(f"{title} for client {args.client} written to {printed.path} ({protection}).")
    if generated is not None:
        print(f"Password for the PDF: {generated}")
        print("Give it to the client another way than the file; it is not shown again.")
