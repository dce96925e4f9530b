"""``export-all VAULT --out FILE``: the whole practice in one AES-256 encrypted archive.

Every client's record (psychotherapy notes and every disclosure included), every joint
session note once with all its participants, the consent policy versions, a PDF per client
when this build makes PDFs, and a manifest of SHA-256 hashes. For handing over or moving
the practice: ``import`` brings it into a new, empty vault. The password is the line after
the vault passphrase, or ``--generate-password`` prints one on standard output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from vault.export.formats import PAPER_SIZES, pdf_renderer
from vault.export.practice_archive import export_practice

from .export_password import read_export_password
from .passphrase import PassphraseReader
from .text_output import json_line
from .vault_command import add_json_option, add_vault_argument, ask_unlock


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export-all", help="export the whole practice (encrypted archive)", description=__doc__
    )
    add_vault_argument(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")
    parser.add_argument(
        "--generate-password",
        action="store_true",
        help="generate the password and print it on standard output",
    )
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF per client")
    parser.add_argument("--paper", choices=PAPER_SIZES, default="A4")
    parser.add_argument("--replace", action="store_true", help="replace FILE if it exists")
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    unlock = ask_unlock(args, passphrases)
    password = read_export_password(passphrases, generate=args.generate_password)
    pdf = None if args.no_pdf else pdf_renderer(args.paper)
    with unlock.open() as vault:
        result = export_practice(vault, args.out, password, pdf=pdf, overwrite=args.replace)
    if args.json:
        document: dict[str, Any] = {
            "path": str(result.path), "clients": result.clients, "notes": result.notes,
            "joint_notes": result.joint_notes, "bytes": result.bytes_written,
            "pdf": pdf is not None,
        }  # fmt: skip
        if args.generate_password:
            document["password"] = password
        print(json_line(document))
        return 0
    if args.generate_password:
        print(password)
    print(
        f"Exported {result.clients} clients and {result.notes} notes to {result.path}",
        file=sys.stderr if args.generate_password else sys.stdout,
    )
    return 0
