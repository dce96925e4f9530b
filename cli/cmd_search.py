"""``search VAULT QUERY``: ranked full-text search over notes and client names.

One result per line: note id, session date and time, kind, signed or draft, the clients, and a
snippet with matches in [brackets], led by "Private to NAME:" when it comes from a section
private to one participant. ``--json`` prints one JSON object per line instead, with the
snippet as (text, is_match) segments and ``snippet_private_to``. Psychotherapy notes are
searched only with ``--process-notes`` (as ``notes`` lists them, and as the window searches).
Notices about the query go to standard error.

Words match whole words; ``word*`` matches every word that starts with it (at least two
letters). The window's search box treats the word still being typed that way, so ``anx*``
here finds what typing "anx" there finds.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from vault.search.engine import DEFAULT_LIMIT, MAX_LIMIT, SearchFilters, SearchHit, search_notes

from .arg_types import iso_date, record_id
from .note_lines import note_line
from .passphrase import PassphraseReader
from .text_output import json_line, terminal_safe
from .vault_command import add_json_option, add_vault_argument, ask_unlock


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "search",
        help="search notes and client names",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_vault_argument(parser)
    parser.add_argument(
        "query",
        nargs="?",
        help='words (all must match), "exact phrases", word* for words starting with it, OR, '
        "-excluded; quote it for the shell. '-' reads it after the passphrase instead, "
        "keeping it out of shell history",
    )
    parser.add_argument("--client", type=record_id, metavar="ID", help="only this client's notes")
    parser.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--kind", action="append", default=[], metavar="KIND", help="template id; repeatable"
    )
    parser.add_argument(
        "--process-notes", action="store_true", help="include psychotherapy (process) notes"
    )
    parser.add_argument("--limit", type=_limit, default=DEFAULT_LIMIT, metavar="N")
    add_json_option(parser)
    parser.set_defaults(handler=run, take_extra=_query_from_extra)
    return parser


def _query_from_extra(args: argparse.Namespace, extra: list[str]) -> str:
    """A query that starts with '-' (``-anxious``: without "anxious") looks like an option to
    argparse; it is the query. Returns what is wrong, or "" when all is well."""
    if args.query is None and len(extra) == 1:
        args.query = extra[0]
        return ""
    if extra:
        return f"unrecognized arguments: {' '.join(extra)}"
    if args.query is None:
        return "the following arguments are required: query"
    return ""


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    filters = SearchFilters(
        client_id=args.client,
        date_from=args.date_from,
        date_to=args.date_to,
        kinds=tuple(args.kind),
        include_process_notes=args.process_notes,
    )
    unlock = ask_unlock(args, passphrases)
    query = passphrases.ask_text("Search for: ") if args.query == "-" else args.query
    with unlock.open() as vault:
        results = search_notes(vault, query, filters, limit=args.limit)
    if results.message:
        print(terminal_safe(results.message), file=sys.stderr)
    for hit in results.hits:
        print(json_line(_as_json(hit)) if args.json else _as_line(hit))
    return 0


def _as_line(hit: SearchHit) -> str:
    clients = "; ".join(f"{c.name} (#{c.id})" for c in hit.clients)
    snippet = "".join(f"[{s.text}]" if s.is_match else s.text for s in hit.snippet)
    if hit.private_to is not None:  # as the window says it: whose private disclosure this is
        snippet = f"Private to {hit.private_to.name}: {snippet}"
    return note_line(
        hit.note_id,
        hit.session_start,
        hit.kind,
        signed=bool(hit.signed_at),
        process_note=hit.is_process_note,
        details=(clients, snippet),
    )


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
        "snippet_private_to": (
            {"id": hit.private_to.id, "name": hit.private_to.name} if hit.private_to else None
        ),
        "score": hit.score,
    }


def _limit(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_LIMIT}")
    return value
