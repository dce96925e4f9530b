"""Export passwords: typed ones must be strong enough; generated ones are Diceware phrases.

An encrypted export travels (e-mail, a USB stick, a client portal), so its password is its
only protection once it leaves the practice, against someone who may try guesses offline for
as long as they like. The formats make guessing cheap: a WinZip AES ZIP derives its key with
PBKDF2-HMAC-SHA1 at a fixed 1,000 iterations, and a PDF's revision-6 handler with a few dozen
SHA-2 rounds, so one graphics card tries millions of passwords a second. A typed password must
therefore pass a higher bar than a vault passphrase (which Argon2id guards): at least
`MIN_TYPED_CHARS` characters and at least 10^`MIN_GUESSES_LOG10` guesses by zxcvbn's estimate
(about 30 years at ten million guesses a second). A generated one is `DEFAULT_WORDS` words
drawn with `secrets` from the EFF large word list (7,776 words, shipped by the ``xkcdpass``
package; CC BY 3.0 US, Electronic Frontier Foundation): 7 words are log2(7776^7) ≈ 90 bits,
yet easy to read aloud over the phone to the client.
"""

from __future__ import annotations

import functools
import secrets
from importlib import resources

from zxcvbn import zxcvbn

from vault.store.errors import ValidationError
from vault.store.passphrase_policy import LABELS, PassphraseVerdict

DEFAULT_WORDS = 7
MIN_WORDS = 6
MAX_PASSWORD_CHARS = 1024
EFF_LIST_SIZE = 7776
SEPARATOR = " "
MIN_TYPED_CHARS = 12
MIN_GUESSES_LOG10 = 16
_SCORED_PREFIX = 100  # zxcvbn slows down sharply with length; past this, length is plenty
_ADVICE = (
    "Use the generated phrase, or five or more unrelated words "
    "(like “maple cinema orbit lantern quartz”)."
)


@functools.cache
def word_list() -> tuple[str, ...]:
    """The EFF large word list, checked: 7,776 distinct lower-case words."""
    text = (resources.files("xkcdpass") / "static" / "eff-long").read_text(encoding="utf-8")
    words = tuple(w.strip() for w in text.splitlines() if w.strip())
    if len(words) != EFF_LIST_SIZE or len(set(words)) != EFF_LIST_SIZE:
        raise RuntimeError("the EFF large word list shipped with xkcdpass is not the one expected")
    return words


def generate_password(words: int = DEFAULT_WORDS) -> str:
    """A new Diceware-style phrase of `words` words (at least `MIN_WORDS`), separated by spaces."""
    if words < MIN_WORDS:
        raise ValueError(f"a generated export password has at least {MIN_WORDS} words")
    choices = word_list()
    return SEPARATOR.join(secrets.choice(choices) for _ in range(words))


def assess_export_password(password: str) -> PassphraseVerdict:
    """How guessable a typed export password is, with the words a person needs to do better."""
    if not password:
        return PassphraseVerdict(0, False, LABELS[0], f"Type a password. {_ADVICE}")
    result = zxcvbn(password[:_SCORED_PREFIX], user_inputs=["confidant", "export", "record"])
    score = int(result["score"])
    if len(password) < MIN_TYPED_CHARS:
        score = min(score, 2)
        why = f"Too short for a file that leaves the practice: use at least {MIN_TYPED_CHARS} "
        return PassphraseVerdict(score, False, LABELS[score], why + f"characters. {_ADVICE}")
    if float(result["guesses_log10"]) < MIN_GUESSES_LOG10:
        score = min(score, 3)
        why = "Too easy to guess for a file that may be attacked offline. "
        return PassphraseVerdict(score, False, LABELS[score], why + _ADVICE)
    return PassphraseVerdict(
        score, True, LABELS[score], "Good. Give it to the client by another way than the file."
    )


def check_export_password(password: str) -> str:
    """Return `password` when it may protect an export, else `ValidationError` saying why."""
    if not isinstance(password, str) or not password:
        raise ValidationError("Type a password for the export, or generate one.", field="password")
    if len(password) > MAX_PASSWORD_CHARS:
        raise ValidationError(
            f"The export password is longer than {MAX_PASSWORD_CHARS} characters.",
            field="password",
        )
    if any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in password):
        raise ValidationError(
            "The export password has a character that cannot be typed.", field="password"
        )
    verdict = assess_export_password(password)
    if not verdict.acceptable:
        raise ValidationError(
            f"That export password is not strong enough: {verdict.explanation}", field="password"
        )
    return password


def protection_password(password: str | None, encrypt: bool, *, what: str = "export") -> str | None:
    """The password a file leaving the vault is encrypted with, or None for a deliberate
    unencrypted one (`encrypt=False`, which the front end warns about). Every such file, an
    export or a form to sign, follows this one rule: encrypted unless chosen otherwise, and
    never with a password too weak to travel (`check_export_password`)."""
    if not encrypt:
        if password is not None:
            raise ValidationError(
                f"An unencrypted {what} takes no password; choose one or the other.",
                field="password",
            )
        return None
    if password is None:
        raise ValidationError(
            f"An encrypted {what} needs a password: type one or generate one.", field="password"
        )
    return check_export_password(password)
