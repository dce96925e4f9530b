"""``withdraw-consent VAULT --consent ID [--on DATE]``: record that the client withdrew their
consent (on ``--on``, default today). How and why it came (in writing, verbally; what the client
said) is read as the line after the passphrase, or typed at a terminal, never from the command
line, where shell history would keep it. The consent stays in the record, marked withdrawn."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from vault.consent.consents import withdraw_consent

from .arg_types import iso_date, record_id
from .cmd_consents import document, line
from .passphrase import PassphraseReader
from .text_output import json_line
from .vault_command import add_json_option, add_vault_argument, ask_unlock

NO_REASON = (
    "No reason given: send how and why the client withdrew as the line after the passphrase, "
    "or type it at the prompt. Nothing was recorded."
)


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "withdraw-consent", help="record a client's withdrawal of consent", description=__doc__
    )
    add_vault_argument(parser)
    parser.add_argument("--consent", type=record_id, required=True, metavar="ID")
    parser.add_argument("--on", dest="withdrawn_on", type=iso_date, metavar="YYYY-MM-DD")
    add_json_option(parser)
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    unlock = ask_unlock(args, passphrases)
    reason = passphrases.ask_text("How and why the client withdrew: ", NO_REASON)
    with unlock.open() as vault:
        consent = withdraw_consent(
            vault, args.consent, withdrawn_on=args.withdrawn_on or date.today(), reason=reason
        )
    print(json_line(document(consent)) if args.json else line(consent))
    return 0
