"""The export password on the command line: read after the vault passphrase, or generated.

Never from argv or the environment (shell history and process lists keep those). Typed at a
terminal it is asked twice; from a pipe it is the line after the passphrase. A generated one
is printed on standard output, once: the therapist passes it to the client another way.
"""

from __future__ import annotations

from vault.export.passwords import check_export_password, generate_password

from .passphrase import PassphraseInputError, PassphraseReader

PROMPT = "Export password: "


def read_export_password(passphrases: PassphraseReader, *, generate: bool) -> str:
    if generate:
        return generate_password()
    password = check_export_password(passphrases.ask(PROMPT))
    if passphrases.interactive and passphrases.ask("Repeat it: ") != password:
        raise PassphraseInputError("The two export passwords differ; nothing was exported.")
    return password


def read_archive_password(passphrases: PassphraseReader) -> str:
    return passphrases.ask("Password of the file: ")
