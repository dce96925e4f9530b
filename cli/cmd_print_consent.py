"""``print-consent VAULT --client ID --out FILE``: a form for the client to sign, as a PDF.

By default the consent and limits-of-confidentiality form: the practice's current policy
version, the limits as boxes to tick, lines to sign and date. ``--release`` prints the
release-of-information form instead (the 45 CFR 164.508 core elements as fields to fill in).

A form holds the client's name and the practice's policy as agreed with them, so it is
encrypted as an export is (AES-256): the PDF's password is the line after the vault
passphrase (typed twice at a terminal), or ``--generate-password`` makes one and prints it
on standard output, once. ``--no-encryption`` writes a plain PDF, deliberately, with a
warning. An existing file is replaced only with ``--replace``, as with `export`. Every printed
form is recorded in the audit trail.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vault.export.pdf_document import PAPER_SIZES
from vault.export.pdf_form_output import write_form
from vault.export.pdf_forms import FORM_TITLES, FormKind

from .arg_types import record_id
from .export_password import (
    add_protection_options,
    chosen_password,
    conflicting_protection,
    report_written,
    warn_unencrypted,
)
from .passphrase import PassphraseReader
from .vault_command import add_json_option, add_vault_argument, ask_unlock


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
    add_protection_options(parser, what="the form, with the client's name")
    parser.add_argument("--replace", action="store_true", help="replace FILE if it exists")
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    if conflicting_protection(args):
        return 2
    unlock = ask_unlock(args, passphrases)
    password = chosen_password(args, passphrases)
    form: FormKind = "release" if args.release else "consent"
    with unlock.open() as vault:
        printed = write_form(
            vault,
            args.client,
            form,
            args.out,
            password=password,
            encrypt=not args.no_encryption,
            paper=args.paper,
            overwrite=args.replace,
        )
    if not printed.encrypted:
        warn_unencrypted("the client's name and your practice's details in it")
    document: dict[str, Any] = {
        "path": str(printed.path),
        "form": printed.form,
        "client_id": args.client,
        "encrypted": printed.encrypted,
        "bytes": printed.bytes_written,
    }
    protection = "encrypted PDF (AES-256)" if printed.encrypted else "NOT encrypted"
    line = (
        f"{FORM_TITLES[printed.form]} for client {args.client} written to {printed.path} "
        f"({protection})."
    )
    report_written(args, password, document, line)
    return 0
