"""What makes a passphrase acceptable for a vault, decided by zxcvbn rather than home-made rules.

A lost or guessed passphrase is the whole game for an encrypted vault, so the bar is: at least
`MIN_LENGTH` characters and a zxcvbn score of at least `MIN_SCORE` (out of 4). The explanation is
written for a therapist, not a security engineer. Pure Python: no Qt, easy to test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zxcvbn import zxcvbn

MIN_LENGTH = 10
MIN_SCORE = 3
# zxcvbn's matching grows quickly with length; beyond this many characters length alone is
# plenty, so only a prefix is scored (it keeps typing in the wizard instant).
_SCORED_PREFIX = 64
LABELS = ("Very weak", "Weak", "Fair", "Strong", "Very strong")
_EXAMPLE = "A few unrelated words, like “maple cinema orbit lantern”, are easy to remember."


@dataclass(frozen=True)
class PassphraseVerdict:
    score: int  # 0..4
    acceptable: bool
    label: str
    explanation: str


def assess_passphrase(passphrase: str, user_inputs: Sequence[str] = ()) -> PassphraseVerdict:
    """Score `passphrase`; `user_inputs` are words it must not lean on (practice name, say)."""
    if not passphrase:
        return PassphraseVerdict(0, False, LABELS[0], f"Type a passphrase. {_EXAMPLE}")
    result = zxcvbn(passphrase[:_SCORED_PREFIX], user_inputs=[s for s in user_inputs if s])
    score = int(result["score"])
    if len(passphrase) < MIN_LENGTH:
        score = min(score, 2)
        return PassphraseVerdict(
            score,
            False,
            LABELS[score],
            f"Too short: use at least {MIN_LENGTH} characters. {_EXAMPLE}",
        )
    if score < MIN_SCORE:
        feedback = result.get("feedback") or {}
        hints = [str(feedback.get("warning") or "")]
        hints.extend(str(s) for s in feedback.get("suggestions") or [])
        detail = " ".join(h.strip() for h in hints if h.strip())
        return PassphraseVerdict(
            score,
            False,
            LABELS[score],
            "Too easy to guess. " + (detail + " " if detail else "") + _EXAMPLE,
        )
    return PassphraseVerdict(
        score,
        True,
        LABELS[score],
        "Good. Make sure you will remember it: it cannot be reset or recovered.",
    )
