from __future__ import annotations

import json
from dataclasses import replace

import pytest

from vault import NotAVaultError, VaultDamagedError, VaultMissingError
from vault.store.header import VaultHeader, key_check_for, read_header, write_header
from vault.store.kdf import (
    FLOOR_MEMORY_KIB,
    FLOOR_PARALLELISM,
    FLOOR_TIME_COST,
    calibrate,
    derive_key,
    floor_params,
)


def test_derived_key_is_32_bytes_and_repeatable(fast_kdf):
    key = derive_key("demo passphrase", fast_kdf)
    assert len(key) == 32
    assert derive_key("demo passphrase", fast_kdf) == key


def test_different_salt_gives_different_key(fast_kdf):
    assert derive_key("same", fast_kdf) != derive_key("same", fast_kdf.with_new_salt())


def test_composed_and_decomposed_unicode_give_the_same_key(fast_kdf):
    assert derive_key("caf\u00e9 d\u00e9mo", fast_kdf) == derive_key(
        "cafe\u0301 de\u0301mo", fast_kdf
    )


def test_floor_is_rfc9106_second_recommendation():
    params = floor_params()
    assert (params.memory_kib, params.time_cost, params.parallelism) == (64 * 1024, 3, 4)
    assert len(params.salt) == 16
    assert floor_params().salt != params.salt


@pytest.mark.slow
def test_calibration_never_goes_below_the_floor():
    params = calibrate(0.3)
    assert params.memory_kib >= FLOOR_MEMORY_KIB
    assert params.time_cost >= FLOOR_TIME_COST
    assert params.parallelism >= FLOOR_PARALLELISM


def test_header_round_trips(tmp_path, fast_kdf):
    header = VaultHeader(kdf=fast_kdf, key_check=key_check_for(b"k" * 32), generation=3)
    write_header(tmp_path, header)
    assert read_header(tmp_path) == header


def test_header_with_weakened_kdf_is_refused(tmp_path, fast_kdf):
    weak = replace(fast_kdf, time_cost=1)
    write_header(tmp_path, VaultHeader(kdf=weak, key_check=b"x" * 32, generation=1))
    with pytest.raises(VaultDamagedError, match="below the safe minimum"):
        read_header(tmp_path)


def test_folder_without_header_is_not_a_vault(tmp_path):
    with pytest.raises(NotAVaultError):
        read_header(tmp_path)


def test_missing_folder_is_reported_as_missing(tmp_path):
    with pytest.raises(VaultMissingError):
        read_header(tmp_path / "nowhere")


def test_foreign_json_is_not_a_vault(tmp_path):
    (tmp_path / "confidant-vault.json").write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(NotAVaultError):
        read_header(tmp_path)


def test_garbled_header_is_damage(tmp_path):
    (tmp_path / "confidant-vault.json").write_bytes(b"\x00\xff not json")
    with pytest.raises(VaultDamagedError):
        read_header(tmp_path)


def test_header_from_newer_format_asks_for_an_update(tmp_path, fast_kdf):
    write_header(tmp_path, VaultHeader(kdf=fast_kdf, key_check=b"x" * 32, generation=1))
    path = tmp_path / "confidant-vault.json"
    doc = json.loads(path.read_text())
    doc["format_version"] = 99
    path.write_text(json.dumps(doc))
    with pytest.raises(NotAVaultError, match="newer Confidant"):
        read_header(tmp_path)
