"""``search VAULT QUERY``: ranked full-text search over notes and client names.

One result per line: note id, session date and time, kind, signed or draft, the clients, and a
snippet with matches in [brackets]. ``--json`` prints one JSON object per line instead, with
the snippet as (text, is_match) segments. Psychotherapy notes are searched only with
``--process-notes``. Notices about the query go to standard error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from vault import Vault
from vault.search import DEFAULT_LIMIT, MAX_LIMIT, SearchFilters, SearchHit, search_notes

from .passphrase import PassphraseReader
from .text_output import json_line, terminal_safe


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "search",
        help="search notes and client names",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("vault", type=Path)
    parser.add_argument(
        "query",
        help='words, "exact phrases", prefix*, OR, -excluded (quote it for the shell); '
        "'-' reads it after the passphrase instead, keeping it out of shell history",
    )
    parser.add_argument("--client", type=int, metavar="ID", help="only this client's notes")
    parser.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--kind", action="append", default=[], metavar="KIND", help="template id; repeatable"
    )
    parser.add_argument(
        "--process-notes", action="store_true", help="include psychotherapy (process) notes"
    )
    parser.add_argument("--limit", type=_limit, default=DEFAULT_LIMIT, metavar="N")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    filters = SearchFilters(
        client_id=args.client,
        date_from=args.date_from,
        date_to=args.date_to,
        kinds=tuple(args.kind),
        include_process_notes=args.process_notes,
    )
    passphrase = passphrases.ask("Passphrase: ")
    query = passphrases.ask_text("Search for: ") if args.query == "-" else args.query
    with Vault.open(args.vault, passphrase) as vault:
        results = search_notes(vault, query, filters, limit=args.limit)
    if results.message:
        print(terminal_safe(results.message), file=sys.stderr)
    for hit in results.hits:
        print(json_line(_as_json(hit)) if args.json else _as_line(hit))
    return 0


def _as_line(hit: SearchHit) -> str:
    state = "signed" if hit.signed_at else "draft"
    if hit.is_process_note:
        state += ",PROCESS-NOTE"
    clients = "; ".join(f"{c.name} (#{c.id})" for c in hit.clients)
    snippet = "".join(f"[{s.text}]" if s.is_match else s.text for s in hit.snippet)
    fields = (str(hit.note_id), hit.session_start, hit.kind, state, clients, snippet)
    return "\t".join(terminal_safe(f) for f in fields)


def _as_json(hit: SearchHit) -> dict[str, object]:
    return {
        "note_id": hit.note_id,
        "session_start": hit.session_start,
        "kind": hit.kind,
        "kind_title": hit.kind_title,
        "is_process_note": hit.is_process_note,
        "signed_at": hit.signed_at,
        "clients": [{"id": c.id, "name": c.name} for c in hit.clients],
        "snippet": [[s.text, s.is_match] for s in hit.snippet],
        "score": hit.score,
    }


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date like 2026-03-02") from None


def _limit(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_LIMIT}")
    return value
