"""The passphrase policy: zxcvbn decides, with a plain explanation when it refuses."""

from __future__ import annotations

import pytest

from vault.store.passphrase_policy import MIN_LENGTH, assess_passphrase


def test_empty_is_refused() -> None:
    verdict = assess_passphrase("")
    assert not verdict.acceptable
    assert verdict.score == 0


@pytest.mark.parametrize("weak", ["password1234", "qwertyuiop12", "1111111111", "iloveyou2024"])
def test_common_passphrases_are_refused_with_an_explanation(weak: str) -> None:
    verdict = assess_passphrase(weak)
    assert not verdict.acceptable
    assert verdict.score < 3
    assert "Too easy to guess" in verdict.explanation


def test_short_but_random_is_refused_for_length() -> None:
    verdict = assess_passphrase("Zq8#vL2!")
    assert not verdict.acceptable
    assert f"at least {MIN_LENGTH} characters" in verdict.explanation


def test_several_unrelated_words_are_accepted() -> None:
    verdict = assess_passphrase("correct horse battery staple 7")
    assert verdict.acceptable
    assert verdict.score >= 3
    assert verdict.label in ("Strong", "Very strong")


def test_words_from_user_inputs_count_against_it() -> None:
    alone = assess_passphrase("Demoharbour2024")
    with_inputs = assess_passphrase("Demoharbour2024", user_inputs=["Demoharbour"])
    assert with_inputs.score <= alone.score


def test_very_long_passphrase_is_scored_quickly() -> None:
    verdict = assess_passphrase("maple cinema orbit lantern " * 40)
    assert verdict.acceptable
