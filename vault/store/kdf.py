"""Argon2id key derivation: the passphrase becomes the 32-byte SQLCipher key.

The parameters travel in the vault header, so a copied vault opens anywhere and parameters can be
raised later without breaking older vaults. A vault whose header asks for less than the floor is
refused: a tampered header must not be able to downgrade the work an attacker has to do.
"""

from __future__ import annotations

import os
import secrets
import time
import unicodedata
from dataclasses import dataclass, replace

from argon2.low_level import Type, hash_secret_raw

KEY_BYTES = 32
SALT_BYTES = 16

# RFC 9106, section 4, second recommended option.
FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_TIME_COST = 3
FLOOR_PARALLELISM = 4

# The ceiling: what a current laptop derives in about a minute (here 64 MiB costs about 35 ms
# a pass, so the work ceiling is about 70 s). A header asking for more is refused as damaged
# rather than hanging the unlock or exhausting memory.
CEILING_MEMORY_KIB = 2 * 1024 * 1024  # 2 GiB
CEILING_TIME_COST = 2_000
CEILING_PARALLELISM = 64
CEILING_WORK_KIB_PASSES = FLOOR_MEMORY_KIB * CEILING_TIME_COST

# Calibration aims at this unlock time on the machine that creates the vault.
CALIBRATION_TARGET_SECONDS = 0.75
CALIBRATION_MIN_SECONDS = 0.5
MAX_TIME_COST = 64


@dataclass(frozen=True)
class Argon2Params:
    """Everything needed to derive the same key again, except the passphrase."""

    memory_kib: int
    time_cost: int
    parallelism: int
    salt: bytes

    @property
    def name(self) -> str:
        return "argon2id"

    def meets_floor(self) -> bool:
        return (
            self.memory_kib >= FLOOR_MEMORY_KIB
            and self.time_cost >= FLOOR_TIME_COST
            and self.parallelism >= FLOOR_PARALLELISM
            and len(self.salt) == SALT_BYTES
        )

    def within_ceiling(self) -> bool:
        return (
            self.memory_kib <= CEILING_MEMORY_KIB
            and self.time_cost <= CEILING_TIME_COST
            and self.parallelism <= CEILING_PARALLELISM
            and self.memory_kib * self.time_cost <= CEILING_WORK_KIB_PASSES
        )

    def with_new_salt(self) -> Argon2Params:
        return replace(self, salt=new_salt())


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def floor_params() -> Argon2Params:
    """The weakest parameters a vault may use, with a fresh salt."""
    return Argon2Params(FLOOR_MEMORY_KIB, FLOOR_TIME_COST, FLOOR_PARALLELISM, new_salt())


def derive_key(passphrase: str, params: Argon2Params) -> bytes:
    """Run Argon2id once (the slow step of unlocking: call it off the GUI thread)."""
    return hash_secret_raw(
        secret=normalise_passphrase(passphrase),
        salt=params.salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC so that the same passphrase typed on another keyboard or OS gives the same key.

    A lone surrogate (undecodable bytes piped in) is kept as its code point instead of raising:
    such a passphrase is simply wrong for every vault made from text, never a crash.
    """
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", errors="surrogatepass")


def calibrate(target_seconds: float = CALIBRATION_TARGET_SECONDS) -> Argon2Params:
    """Raise the pass count from the floor until one derivation takes about `target_seconds`.

    Memory stays at the floor's 64 MiB: more would push the app's peak memory on a modest laptop
    past what the benchmark allows, and extra passes buy the same unlock-time cost.
    """
    params = floor_params()
    elapsed = _time_one(params)
    if elapsed >= CALIBRATION_MIN_SECONDS:
        return params
    seconds_per_pass = elapsed / params.time_cost
    wanted = int(target_seconds / max(seconds_per_pass, 1e-4))
    return replace(params, time_cost=max(FLOOR_TIME_COST, min(MAX_TIME_COST, wanted)))


def _time_one(params: Argon2Params) -> float:
    started = time.perf_counter()
    derive_key(secrets.token_hex(8), params)
    return time.perf_counter() - started
