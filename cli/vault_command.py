"""What every command on an existing vault shares: its arguments, the passphrase, the unlock.

After KeePassXC's ``DatabaseCommand``: the ``vault`` argument is declared, the passphrase read
and the vault opened in one place, so each ``cmd_*.py`` holds only its own work and every command
unlocks, and locks again, the same way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from vault import Vault

from .passphrase import PassphraseReader

DEFAULT_PROMPT = "Passphrase: "


def add_vault_argument(parser: argparse.ArgumentParser) -> None:
    """The ``vault`` positional that `ask_unlock` reads back; add it before the command's own."""
    parser.add_argument("vault", type=Path)


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """``--json``, worded alike everywhere; added last so it ends the usage line, as before."""
    parser.add_argument("--json", action="store_true", help="one JSON object per line")


@dataclass(frozen=True)
class Unlock:
    """A vault folder and its passphrase, read but not yet used.

    Kept apart from opening so a command may read more input (a search query) before the slow
    unlock starts, or reuse the passphrase (``passwd`` needs the current one).
    """

    path: Path
    passphrase: str = field(repr=False)  # never shown in a traceback or a log line

    @contextmanager
    def open(self) -> Iterator[Vault]:
        """The unlocked vault, closed (key wiped, folder lock released) when the block ends.

        A vault older than it should be (`Vault.rollback_warning`) is said on standard error
        before the command's own output, whatever the command.
        """
        with Vault.open(self.path, self.passphrase) as vault:
            if vault.rollback_warning:
                print(f"warning: {vault.rollback_warning}", file=sys.stderr)
            yield vault


def ask_unlock(
    args: argparse.Namespace, passphrases: PassphraseReader, prompt: str = DEFAULT_PROMPT
) -> Unlock:
    """Read the passphrase for ``args.vault``: from the terminal with no echo, else one line of
    standard input (see `PassphraseReader`)."""
    return Unlock(args.vault, passphrases.ask(prompt))


@contextmanager
def unlocked_vault(
    args: argparse.Namespace, passphrases: PassphraseReader, prompt: str = DEFAULT_PROMPT
) -> Iterator[Vault]:
    """`ask_unlock` then `Unlock.open`: the whole unlock for a command that needs nothing else."""
    with ask_unlock(args, passphrases, prompt).open() as vault:
        yield vault
