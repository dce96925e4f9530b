"""``backups VAULT DIR``: list the backups in DIR, what each holds, and whether it verifies.

Each backup is opened read-only with the passphrase it was made with (asked once; a vault's
backups usually share it) and checked page by page; nothing in DIR or VAULT changes. A backup
the passphrase does not open is still listed, with its date and size.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vault import VaultError, WrongPassphraseError
from vault.backup_preview import BackupPreview, BackupPreviewer
from vault.store.backup_catalog import BackupEntry, list_backups
from vault.store.header import read_header

from .passphrase import PassphraseReader
from .text_output import counted, json_line
from .vault_command import add_json_option, add_vault_argument


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "backups", help="list and preview the backups in a folder", description=__doc__
    )
    add_vault_argument(parser)
    parser.add_argument("backup_dir", type=Path, help="the folder holding the backups")
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    own_key_check = read_header(args.vault).key_check  # which backups are this vault's
    entries = list_backups(args.backup_dir)
    if not entries:
        print(f"No backups in {args.backup_dir}.")
        return 0
    previewer = BackupPreviewer(passphrases.ask("Passphrase the backups were made with: "))
    for entry in entries:
        preview, problem = _preview(previewer, entry)
        this_vault = entry.header is not None and entry.header.key_check == own_key_check
        if args.json:
            document: dict[str, object] = (
                preview.as_json() if preview else {"backup": entry.path.name, "verified": False}
            )
            document.update(
                {"size_bytes": entry.size_bytes, "this_vault": this_vault, "problem": problem}
            )
            print(json_line(document))
        else:
            print(_line(entry, preview, problem, this_vault))
    return 0


def _preview(previewer: BackupPreviewer, entry: BackupEntry) -> tuple[BackupPreview | None, str]:
    try:
        preview = previewer.preview(entry)
    except WrongPassphraseError:
        return None, "the passphrase does not open it"
    except VaultError as exc:
        return None, str(exc)
    return preview, "; ".join(preview.problems)


def _line(entry: BackupEntry, preview: BackupPreview | None, problem: str, own: bool) -> str:
    when = entry.made_at.strftime("%Y-%m-%d %H:%M UTC") if entry.made_at else "date unknown"
    size = f"{entry.size_bytes / 2**20:,.1f} MB"
    head = f"{entry.path.name}  {when}  {size}"
    if preview is None:
        return f"{head}  NOT VERIFIED: {problem}"
    status = "verified" if preview.verified else f"FAILED: {problem}"
    newest = preview.newest_note[:10] if preview.newest_note else "none"
    return (
        f"{head}  {status}  {counted(preview.clients, 'client')}, "
        f"{counted(preview.notes, 'note')}, newest note {newest}, "
        f"generation {preview.commit_counter if preview.commit_counter is not None else '?'}"
        + ("" if own else "  (another vault or passphrase)")
    )
