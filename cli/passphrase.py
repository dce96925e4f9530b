"""Reading passphrases the safe way: never from argv or the environment.

From a terminal the passphrase is typed with echo off; otherwise it is read one line at a time
from standard input, so scripts can pipe it in (``printf '%s\\n' "$PW" | confidant check v``).
"""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from vault.store.errors import VaultError, WeakPassphraseError
from vault.store.passphrase_policy import assess_passphrase


class PassphraseInputError(VaultError):
    """No passphrase could be read, or the two entries differed."""


class PassphraseReader:
    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdin

    @property
    def interactive(self) -> bool:
        return bool(self._stream.isatty())

    def ask(self, prompt: str) -> str:
        if self.interactive:
            value = getpass.getpass(prompt)
        else:
            line = self._stream.readline()
            if not line:
                raise PassphraseInputError(
                    "No passphrase given: type it at the prompt or send it on standard input."
                )
            value = line.rstrip("\r\n")
        if not value:
            raise PassphraseInputError("The passphrase may not be empty.")
        return value

    def ask_text(self, prompt: str, missing: str = "Nothing to search for was given.") -> str:
        """A line of ordinary text (a search query, a confirmation) read the same way, so it
        need not appear on the command line, where shell history would keep it."""
        value = input(prompt) if self.interactive else self._stream.readline().rstrip("\r\n")
        if not value.strip():
            raise PassphraseInputError(missing)
        return value

    def ask_new(self, prompt: str) -> str:
        """A new passphrase: typed twice at a terminal, one line from a pipe; refused if weak
        by the same rule the window applies."""
        first = self.ask(prompt)
        verdict = assess_passphrase(first)
        if not verdict.acceptable:
            raise WeakPassphraseError(f"Passphrase refused: {verdict.explanation}")
        if self.interactive and self.ask("Repeat it: ") != first:
            raise PassphraseInputError("The two passphrases differ; nothing was changed.")
        return first
