"""The words the export windows use: formats in plain language, sizes, and failures in one line.

A failure is told in one sentence a therapist can act on: a `VaultError`'s own message (the
vault writes those without client data), anything else by its kind only, because an
unexpected error's message could quote a note. Never a traceback.
"""

from __future__ import annotations

from vault import VaultError

# What each format is for, for someone who has never heard of FHIR.
FORMAT_WORDS: dict[str, tuple[str, str]] = {
    "pdf": (
        "PDF — for people",
        "To read on screen or print: what you give the client, or a colleague.",
    ),
    "json": (
        "JSON — for machines",
        "The complete record as data: another Confidant vault can import it.",
    ),
    "fhir": (
        "FHIR — for machines",
        "For a health-record system that reads HL7 FHIR R4 (a hospital or clinic system).",
    ),
}

ENCRYPTION_WORDS = "encrypted with AES-256"
HAND_OVER_LINE = "Give it to the client by another channel than the file: tell them, or text it."
UNENCRYPTED_WARNING = (
    "Without a password, anyone who gets hold of this file (a lost USB stick, a forwarded "
    "e-mail, a shared computer) can read this client's record. Make an unencrypted file only "
    "when you hand it over in person or keep it somewhere only you can open."
)


def format_title(name: str) -> str:
    return FORMAT_WORDS.get(name, (name.upper(), ""))[0]


def size_text(size: int) -> str:
    """ "12.3 KB": sizes as a file manager shows them (decimal units)."""
    if size < 1000:
        return f"{size} bytes"
    value = size / 1000
    for unit in ("KB", "MB"):
        if value < 1000:
            return f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"


def one_line(error: BaseException, doing: str) -> str:
    """The sentence shown when `doing` ("The export", "The import") failed."""
    if isinstance(error, VaultError):
        text = " ".join(str(error).split())  # one line, whatever the message held
        return text or f"{doing} did not finish."
    if isinstance(error, MemoryError):
        return f"{doing} needed more memory than this computer could give; nothing was written."
    if isinstance(error, OSError):
        return f"{doing} could not write or read a file ({type(error).__name__}); nothing was kept."
    return f"{doing} hit an unexpected problem ({type(error).__name__}); nothing was written."
