"""Export passwords: generated phrases from the EFF list, typed ones held to a travel bar."""

from __future__ import annotations

import math

import pytest

from vault import ValidationError
from vault.export.passwords import (
    DEFAULT_WORDS,
    EFF_LIST_SIZE,
    check_export_password,
    generate_password,
    word_list,
)


def test_the_word_list_is_the_eff_large_list() -> None:
    words = word_list()
    assert len(words) == EFF_LIST_SIZE and words[0] == "abacus" and words[-1] == "zoom"


def test_a_generated_password_is_seven_list_words_and_strong_enough() -> None:
    password = generate_password()
    parts = password.split(" ")
    assert len(parts) == DEFAULT_WORDS and set(parts) <= set(word_list())
    assert DEFAULT_WORDS * math.log2(EFF_LIST_SIZE) > 90
    assert check_export_password(password) == password


def test_generated_passwords_differ() -> None:
    assert len({generate_password() for _ in range(20)}) == 20


def test_fewer_than_six_words_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_password(5)


@pytest.mark.parametrize(
    "password",
    ["", "short", "password1234", "Tr0ub4dor&3xyz!", "confidant export", "a\x00" * 10],
)
def test_weak_or_odd_typed_passwords_are_refused_with_advice(password: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_export_password(password)
    assert caught.value.field == "password"


def test_five_unrelated_words_are_accepted() -> None:
    assert check_export_password("maple cinema orbit lantern quartz")
