"""``import VAULT FILE``: bring a client's JSON export, or a whole practice archive, in.

A client's export becomes a new client with an equal record; a practice archive
(``export-all``) goes into a new, empty vault. The file's password is the line after the
vault passphrase (none is asked for an unencrypted JSON export). Signed notes keep their
signatures, each hash recomputed on the way in; a file that is damaged, altered or not an
export is refused and nothing is written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vault.export.import_files import export_file_kind
from vault.export.importer import import_record
from vault.export.practice_archive import import_practice

from .export_password import read_archive_password
from .passphrase import PassphraseReader
from .text_output import json_line
from .vault_command import add_json_option, add_vault_argument, ask_unlock


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import", help="import a client's export or a practice archive", description=__doc__
    )
    add_vault_argument(parser)
    parser.add_argument("file", type=Path, help="the export file")
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    unlock = ask_unlock(args, passphrases)
    kind = export_file_kind(args.file)
    password = None if kind == "plain" else read_archive_password(passphrases)
    with unlock.open() as vault:
        if kind == "practice":
            assert password is not None
            practice = import_practice(vault, args.file, password)
            document: dict[str, Any] = {
                "kind": kind, "clients": practice.clients, "notes": practice.notes,
                "joint_notes": practice.joint_notes, "forms": practice.forms,
            }  # fmt: skip
            line = (
                f"Imported {practice.clients} clients, {practice.notes} notes and "
                f"{practice.forms} signed forms."
            )
        else:
            record = import_record(vault, args.file, password)
            document = {
                "kind": "record", "client_id": record.client_id, "notes": record.notes,
                "signed_notes": record.signed_notes, "redacted_copies": record.redacted_copies,
                "forms": record.forms,
            }  # fmt: skip
            line = (
                f"Imported client {record.client_id} with {record.notes} notes "
                f"({record.signed_notes} signed, {record.redacted_copies} redacted joint copies) "
                f"and {record.forms} signed forms."
            )
    print(json_line(document) if args.json else line)
    return 0
