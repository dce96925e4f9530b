"""``export VAULT --client ID --format pdf|json|fhir --out FILE``: one client's record.

Encrypted by default: JSON and FHIR in an AES-256 ZIP, a PDF with its own AES-256 password.
The export password is the line after the vault passphrase, or ``--generate-password``
prints a new one on standard output. Psychotherapy notes are left out unless
``--include-process-notes``. The export is recorded in the audit trail and in the client's
disclosure log (the client's own request, or ``--release ID``); ``--close-request ID``
marks that access request fulfilled today.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vault.export.exporting import ExportBasis, export_record
from vault.export.formats import PAPER_SIZES, available_formats
from vault.export.model import SECTIONS, ExportSelection

from .arg_types import iso_date, record_id
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
        "export", help="export a client's record (encrypted)", description=__doc__
    )
    add_vault_argument(parser)
    parser.add_argument("--client", type=record_id, required=True, metavar="ID")
    parser.add_argument("--format", dest="fmt", choices=available_formats(), required=True)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")
    parser.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=f"comma-separated, from: {', '.join(SECTIONS)} (default: all)",
    )
    parser.add_argument(
        "--include-process-notes",
        action="store_true",
        help="include psychotherapy (process) notes, left out by default",
    )
    add_protection_options(parser, what="the record")
    parser.add_argument(
        "--release",
        type=record_id,
        metavar="ID",
        help="the release this export rests on (default: the client's request)",
    )
    parser.add_argument(
        "--close-request",
        type=record_id,
        metavar="ID",
        help="mark this open access request fulfilled today",
    )
    parser.add_argument("--paper", choices=PAPER_SIZES, default="A4")
    parser.add_argument("--replace", action="store_true", help="replace FILE if it exists")
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    if conflicting_protection(args):
        return 2
    sections = frozenset(s.strip() for s in args.sections.split(",") if s.strip())
    selection = ExportSelection(
        args.client, args.date_from, args.date_to, sections, args.include_process_notes
    )
    unlock = ask_unlock(args, passphrases)
    password = chosen_password(args, passphrases)
    basis = ExportBasis("release", args.release) if args.release else ExportBasis()
    with unlock.open() as vault:
        result = export_record(
            vault,
            selection,
            args.fmt,
            args.out,
            password=password,
            encrypt=not args.no_encryption,
            basis=basis,
            close_request=args.close_request,
            paper=args.paper,
            overwrite=args.replace,
        )
    if args.no_encryption:
        warn_unencrypted("the record")
    state = "encrypted" if result.encrypted else "NOT encrypted"
    document: dict[str, Any] = {
        "path": str(result.path), "format": result.fmt, "encrypted": result.encrypted,
        "bytes": result.bytes_written, "notes": result.notes,
        "disclosure_id": result.disclosure_id, "request_closed": result.request_closed,
    }  # fmt: skip
    line = f"Exported {result.notes} notes ({result.fmt}, {state}) to {result.path}"
    report_written(args, password, document, line)
    return 0
