"""Tampering with a vault's files is always caught with a clear VaultError, never read silently.

Random byte flips in the database and in a backup's database (page 1 included), truncations at
and inside page boundaries (0 bytes too), page swaps within a vault and between two vaults with
the same passphrase, and every header field edited to wrong, missing, huge, nested and wrongly
typed values. "Detected" means: opening raises a `VaultError` subclass, or `verify_vault`
reports a problem, or reading every record raises `VaultDamagedError`. Anything else (a record
read back as if nothing happened, or an exception of another type) is a finding.
"""

from __future__ import annotations

import base64
import json
import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from tests.helpers import snapshot
from tests.support.figures import SECURITY, record_figures
from vault import (
    BackupError,
    NotAVaultError,
    Vault,
    VaultDamagedError,
    VaultError,
    WrongPassphraseError,
)
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, get_client, list_clients
from vault.notes.records import NoteInput, create_note_from_text, note_body
from vault.search.engine import search_notes
from vault.store import kdf
from vault.store import vault as vault_module
from vault.store.backup import backup_vault, restore_backup
from vault.store.layout import HEADER_NAME

PAGE = 4096
FLIPS = 120
BACKUP_FLIPS = 100


def _fill(vault: Vault, n: int = 30, tag: str = "Tamper") -> None:
    for i in range(n):
        client = add_client(vault, ClientProfile(full_name=f"Demo {tag} {i:03d}"))
        create_note_from_text(
            vault,
            NoteInput(
                kind="free",
                session_start="2026-01-05T10:00",
                participants=(client.id,),
                body=f"demo body {tag} {i} " * 60,
            ),
        )


@pytest.fixture(scope="module")
def closed_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    vault_dir = tmp_path_factory.mktemp("tamper") / "practice.vault"
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        _fill(v)
    return vault_dir


@pytest.fixture
def vault_copy(closed_vault: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.vault"
    shutil.copytree(closed_vault, target)
    return target


def _read_everything(vault: Vault) -> None:
    for summary in list_clients(vault, "all"):
        get_client(vault, summary.id)
    for (note_id,) in vault.db.query("SELECT id FROM notes"):
        note_body(vault, note_id)
    search_notes(vault, "demo body")


def _outcome(vault_dir: Path, passphrase: str = PASSPHRASE) -> str:
    """'refused:<Error>' / 'verify' / 'read:<Error>' / 'warned' when caught; 'silent' when
    not; 'wrong-type:<Error>' for an exception that is not a VaultError."""
    try:
        with Vault.open(vault_dir, passphrase) as v:
            if verify_vault(v):
                return "verify"
            if getattr(v, "rollback_warning", ""):
                return "warned"
            try:
                _read_everything(v)
            except VaultDamagedError:
                return "read:VaultDamagedError"
            return "silent"
    except VaultError as exc:
        return f"refused:{type(exc).__name__}"
    except Exception as exc:
        return f"wrong-type:{type(exc).__name__}: {str(exc)[:120]}"


def _flip(data: bytearray, offset: int, rng: random.Random) -> None:
    data[offset] ^= 1 << rng.randrange(8)


def _flip_offsets(size: int, rng: random.Random, count: int) -> list[int]:
    """A quarter inside page 1 (salt, header, IV, HMAC included), the rest anywhere."""
    first = [rng.randrange(PAGE) for _ in range(count // 4)] + [0, 15, 16, PAGE - 80, PAGE - 1]
    rest = [rng.randrange(size) for _ in range(count - len(first))]
    return first + rest


def _flip_campaign(db: Path, vault_dir: Path, count: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    original = db.read_bytes()
    results: dict[str, list[int]] = {}
    try:
        for offset in _flip_offsets(len(original), rng, count):
            data = bytearray(original)
            _flip(data, offset, rng)
            db.write_bytes(bytes(data))
            for companion in db.parent.glob(db.name + "-*"):
                companion.unlink()
            results.setdefault(_outcome(vault_dir), []).append(offset)
    finally:
        db.write_bytes(original)
    return results


def _summary(results: dict[str, list[int]]) -> dict[str, int]:
    return {k: len(v) for k, v in sorted(results.items())}


@pytest.mark.slow
def test_random_byte_flips_in_the_database_are_all_detected(vault_copy: Path) -> None:
    seed = 20260901
    results = _flip_campaign(vault_copy / "data-1.db", vault_copy, FLIPS, seed)
    undetected = results.get("silent", [])
    wrong_type = {k: v for k, v in results.items() if k.startswith("wrong-type")}
    record_figures(
        SECURITY,
        "tamper_flips_database",
        flips=sum(len(v) for v in results.values()),
        detected=sum(len(v) for k, v in results.items() if k != "silent"),
        undetected=len(undetected),
        outcomes=_summary(results),
        seed=seed,
    )
    assert sum(len(v) for v in results.values()) >= 100
    assert wrong_type == {}
    assert undetected == []


@pytest.mark.slow
def test_random_byte_flips_in_a_backup_are_all_detected(vault_copy: Path, tmp_path: Path) -> None:
    dest = tmp_path / "backups"
    dest.mkdir()
    with Vault.open(vault_copy, PASSPHRASE) as v:
        backup = backup_vault(v, dest)
    seed = 20260902
    results = _flip_campaign(backup / "data-1.db", backup, BACKUP_FLIPS, seed)
    undetected = results.get("silent", [])
    wrong_type = {k: v for k, v in results.items() if k.startswith("wrong-type")}
    # A restore of a damaged backup is refused too, and leaves the live vault as it was.
    rng = random.Random(seed)
    db = backup / "data-1.db"
    original = db.read_bytes()
    before = snapshot(vault_copy)
    restore_refusals: list[str] = []
    for offset in [0, 100, PAGE + 50, len(original) - 10] + [
        rng.randrange(len(original)) for _ in range(6)
    ]:
        data = bytearray(original)
        _flip(data, offset, rng)
        db.write_bytes(bytes(data))
        try:
            restore_backup(backup, vault_copy, PASSPHRASE)
            restore_refusals.append(f"{offset}: restored")
        except (BackupError, VaultDamagedError):
            restore_refusals.append("refused")
        except Exception as exc:
            restore_refusals.append(f"{offset}: {type(exc).__name__}: {exc}")
    db.write_bytes(original)
    record_figures(
        SECURITY,
        "tamper_flips_backup",
        flips=sum(len(v) for v in results.values()),
        detected=sum(len(v) for k, v in results.items() if k != "silent"),
        undetected=len(undetected),
        outcomes=_summary(results),
        damaged_restores_refused=restore_refusals.count("refused"),
        damaged_restores_tried=len(restore_refusals),
        seed=seed,
    )
    assert wrong_type == {}
    assert undetected == []
    assert set(restore_refusals) == {"refused"}, restore_refusals
    assert snapshot(vault_copy) == before


def _truncation_points(size: int, rng: random.Random) -> list[int]:
    boundaries = list(range(0, size, PAGE))
    inside = [b + rng.randrange(1, PAGE) for b in boundaries]
    return sorted({0, 1, 16, 100, PAGE - 1, *boundaries, *inside} - {size})


@pytest.mark.slow
def test_truncating_the_database_anywhere_is_detected(vault_copy: Path) -> None:
    db = vault_copy / "data-1.db"
    original = db.read_bytes()
    results: dict[str, list[int]] = {}
    try:
        for length in _truncation_points(len(original), random.Random(7)):
            db.write_bytes(original[:length])
            for companion in vault_copy.glob("data-1.db-*"):
                companion.unlink()
            results.setdefault(_outcome(vault_copy), []).append(length)
    finally:
        db.write_bytes(original)
    record_figures(
        SECURITY,
        "tamper_truncations",
        truncations=sum(len(v) for v in results.values()),
        undetected=len(results.get("silent", [])),
        outcomes=_summary(results),
        pages=len(original) // PAGE,
    )
    assert {k: v for k, v in results.items() if k.startswith("wrong-type")} == {}
    assert results.get("silent", []) == []


def test_an_emptied_database_is_damage_not_an_empty_vault(vault_copy: Path) -> None:
    (vault_copy / "data-1.db").write_bytes(b"")
    with pytest.raises(VaultDamagedError):
        Vault.open(vault_copy, PASSPHRASE).close()
    assert (vault_copy / "data-1.db").read_bytes() == b""  # never given a fresh schema


def test_a_missing_database_is_damage_not_an_empty_vault(vault_copy: Path) -> None:
    (vault_copy / "data-1.db").unlink()
    with pytest.raises(VaultDamagedError):
        Vault.open(vault_copy, PASSPHRASE).close()
    assert not (vault_copy / "data-1.db").exists()


def test_a_zeroed_database_is_damage_not_an_empty_vault(vault_copy: Path) -> None:
    db = vault_copy / "data-1.db"
    db.write_bytes(bytes(db.stat().st_size))
    with pytest.raises(VaultDamagedError):
        Vault.open(vault_copy, PASSPHRASE).close()


def _swap_pages(data: bytearray, a: int, b: int) -> None:
    pa, pb = data[a * PAGE : (a + 1) * PAGE], data[b * PAGE : (b + 1) * PAGE]
    data[a * PAGE : (a + 1) * PAGE], data[b * PAGE : (b + 1) * PAGE] = pb, pa


@pytest.mark.slow
def test_swapping_pages_within_a_vault_is_detected(vault_copy: Path) -> None:
    db = vault_copy / "data-1.db"
    original = db.read_bytes()
    pages = len(original) // PAGE
    rng = random.Random(11)
    pairs = [(0, 1), (0, pages - 1), (1, 2), (pages - 2, pages - 1)]
    pairs += [tuple(rng.sample(range(pages), 2)) for _ in range(20)]  # type: ignore[misc]
    results: dict[str, list[tuple[int, int]]] = {}
    try:
        for a, b in pairs:
            data = bytearray(original)
            _swap_pages(data, a, b)
            db.write_bytes(bytes(data))
            results.setdefault(_outcome(vault_copy), []).append((a, b))
    finally:
        db.write_bytes(original)
    record_figures(
        SECURITY,
        "tamper_page_swaps_within",
        swaps=len(pairs),
        undetected=len(results.get("silent", [])),
        outcomes={k: len(v) for k, v in results.items()},
    )
    assert {k: v for k, v in results.items() if k.startswith("wrong-type")} == {}
    assert results.get("silent", []) == []


@pytest.mark.slow
def test_pages_from_another_vault_with_the_same_passphrase_are_detected(
    vault_copy: Path, tmp_path: Path
) -> None:
    """Two vaults made with one passphrase still have their own salt, so their own keys."""
    other_dir = tmp_path / "other.vault"
    with Vault.create(other_dir, PASSPHRASE, kdf_params=kdf.floor_params()) as other:
        _fill(other, tag="Other")
    db = vault_copy / "data-1.db"
    original = db.read_bytes()
    foreign = (other_dir / "data-1.db").read_bytes()
    pages = min(len(original), len(foreign)) // PAGE
    results: dict[str, list[int]] = {}
    try:
        for page in range(pages):
            data = bytearray(original)
            data[page * PAGE : (page + 1) * PAGE] = foreign[page * PAGE : (page + 1) * PAGE]
            db.write_bytes(bytes(data))
            results.setdefault(_outcome(vault_copy), []).append(page)
    finally:
        db.write_bytes(original)
    record_figures(
        SECURITY,
        "tamper_page_swaps_between_vaults",
        swaps=pages,
        undetected=len(results.get("silent", [])),
        outcomes={k: len(v) for k, v in results.items()},
    )
    assert {k: v for k, v in results.items() if k.startswith("wrong-type")} == {}
    assert results.get("silent", []) == []


@pytest.mark.slow
def test_rolled_back_pages_are_measured(vault_copy: Path) -> None:
    """Putting back older copies of the vault's own pages (same key): what is caught.

    Per-page HMACs cannot tell an older page of the same vault from the current one; the
    structure check, the signed-note hashes and the rollback counter catch some of it. This
    records the figures the README's "what is and is not detected" quotes; it fails only on an
    exception that is not a VaultError.
    """
    db = vault_copy / "data-1.db"
    older = db.read_bytes()
    with Vault.open(vault_copy, PASSPHRASE) as v:
        _fill(v, n=10, tag="Later")
    newer = db.read_bytes()
    results: dict[str, list[int]] = {}
    try:
        for page in range(min(len(older), len(newer)) // PAGE):
            if older[page * PAGE : (page + 1) * PAGE] == newer[page * PAGE : (page + 1) * PAGE]:
                continue
            data = bytearray(newer)
            data[page * PAGE : (page + 1) * PAGE] = older[page * PAGE : (page + 1) * PAGE]
            db.write_bytes(bytes(data))
            results.setdefault(_outcome(vault_copy), []).append(page)
        db.write_bytes(older)  # the whole database rolled back
        whole = _outcome(vault_copy)
    finally:
        db.write_bytes(newer)
    record_figures(
        SECURITY,
        "tamper_rollback",
        changed_pages_rolled_back=sum(len(v) for v in results.values()),
        page_rollbacks_undetected=len(results.get("silent", [])),
        outcomes={k: len(v) for k, v in results.items()},
        whole_database_rollback=whole,
    )
    assert {k: v for k, v in results.items() if k.startswith("wrong-type")} == {}
    assert not whole.startswith("wrong-type"), whole


# ----- the header -----------------------------------------------------------------------------

NESTED = "[" * 100_000 + "]" * 100_000
NESTED_SMALL = "[" * 5_000 + "]" * 5_000  # under any size limit: reaches the JSON parser
FIELDS = ("format", "format_version", "kdf", "key_check", "database", "generation")
KDF_FIELDS = ("name", "memory_kib", "time_cost", "parallelism", "salt")
_MISSING = object()
_RAW = "raw:"


def _b64(n: int, fill: int = 7) -> str:
    return base64.b64encode(bytes([fill]) * n).decode()


# (field path, label, value). A value starting with _RAW is spliced in as raw JSON text.
WRONG: list[tuple[str, str, object]] = [
    ("format", "other", "confidant-vault-2"),
    ("format", "empty", ""),
    ("format_version", "newer", 2),
    ("format_version", "zero", 0),
    ("format_version", "negative", -1),
    ("kdf.name", "other", "argon2i"),
    ("kdf.name", "scrypt", "scrypt"),
    ("kdf.memory_kib", "below-floor", 1024),
    ("kdf.memory_kib", "zero", 0),
    ("kdf.memory_kib", "negative", -65536),
    ("kdf.memory_kib", "near", 65537),
    ("kdf.time_cost", "below-floor", 1),
    ("kdf.time_cost", "near", 4),
    ("kdf.parallelism", "below-floor", 1),
    ("kdf.parallelism", "near", 5),
    ("kdf.salt", "other", _b64(16, 9)),
    ("kdf.salt", "short", _b64(15)),
    ("kdf.salt", "long", _b64(64)),
    ("kdf.salt", "empty", ""),
    ("kdf.salt", "not-base64", "!!not base64!!"),
    ("key_check", "other", _b64(32, 3)),
    ("key_check", "short", _b64(8)),
    ("key_check", "not-base64", "@@@@"),
    ("database", "next", "data-2.db"),
    ("database", "escape", "../../outside.db"),
    ("database", "absolute", "/etc/hosts"),
    ("generation", "mismatch", 2),
    ("generation", "zero", 0),
    ("generation", "negative", -5),
]
HUGE: list[tuple[str, str, object]] = [
    ("format_version", "huge", 2**63),
    ("kdf.memory_kib", "huge", 2**40),
    ("kdf.memory_kib", "int64", 2**63),
    ("kdf.time_cost", "2**31", 2**31),
    ("kdf.time_cost", "huge", 10**30),
    ("kdf.parallelism", "huge", 2**24),
    ("kdf.parallelism", "2**31", 2**31),
    ("generation", "huge", 2**64),
    ("kdf.memory_kib", "5000-digits", _RAW + "9" * 5000),
    ("kdf.salt", "long-text", "A" * 60_000),
    ("database", "long-text", "d" * 60_000),
    ("format", "long-text", "c" * 60_000),
]
TYPES: list[tuple[str, str, object]] = [
    (path, label, value)
    for path in (*FIELDS, *(f"kdf.{k}" for k in KDF_FIELDS))
    for label, value in (
        ("null", None),
        ("true", True),
        ("list", [1, 2]),
        ("object", {"a": 1}),
        ("float", 1.5),
        ("text-number", "1"),
        ("number", 65536),
        ("nested", _RAW + NESTED_SMALL),
        ("nested-100000", _RAW + NESTED),
    )
]
MISSING: list[tuple[str, str, object]] = [
    (path, "missing", _MISSING) for path in (*FIELDS, *(f"kdf.{k}" for k in KDF_FIELDS))
]


def _edited(document: dict[str, Any], path: str, value: object) -> tuple[str, bool]:
    """The header text with `path` set to `value` (or removed); False if nothing changed."""
    doc = json.loads(json.dumps(document))
    parent, key = (doc["kdf"], path[4:]) if path.startswith("kdf.") else (doc, path)
    if value is _MISSING:
        del parent[key]
        return json.dumps(doc, indent=2), True
    if isinstance(value, str) and value.startswith(_RAW):
        parent[key] = "@@RAW@@"
        return json.dumps(doc, indent=2).replace('"@@RAW@@"', value[len(_RAW) :]), True
    if parent.get(key) == value and type(parent.get(key)) is type(value):
        return "", False
    parent[key] = value
    return json.dumps(doc, indent=2), True


def _guarded_derivation(monkeypatch: pytest.MonkeyPatch) -> list[kdf.Argon2Params]:
    """Fail loudly instead of hanging if a tampered header's KDF settings are ever derived."""
    derived: list[kdf.Argon2Params] = []
    real = vault_module.derive_key

    def guarded(passphrase: str, params: kdf.Argon2Params) -> bytes:
        derived.append(params)
        if (
            params.memory_kib > 4 * 1024 * 1024
            or params.time_cost > 10_000
            or params.parallelism > 1024
        ):
            raise AssertionError(f"derivation attempted with absurd settings {params}")
        return real(passphrase, params)

    monkeypatch.setattr(vault_module, "derive_key", guarded)
    return derived


ACCEPTED_REFUSALS = (NotAVaultError, VaultDamagedError, WrongPassphraseError)


@pytest.fixture(scope="module")
def header_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    vault_dir = tmp_path_factory.mktemp("header") / "practice.vault"
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        _fill(v, n=3)
    return vault_dir


@pytest.fixture
def header_document(header_vault: Path) -> Iterator[dict[str, Any]]:
    path = header_vault / HEADER_NAME
    original = path.read_bytes()
    db_before = snapshot(header_vault)
    yield json.loads(original)
    path.write_bytes(original)
    for stray in header_vault.glob("*.tmp"):
        stray.unlink()
    assert snapshot(header_vault) == db_before  # a refused open changed nothing


@pytest.mark.parametrize(
    ("path", "label", "value"),
    [pytest.param(*case, id=f"{case[0]}={case[1]}") for case in WRONG + HUGE + TYPES + MISSING],
)
def test_every_edited_header_field_is_refused_clearly(
    header_vault: Path,
    header_document: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    label: str,
    value: object,
) -> None:
    text, changed = _edited(header_document, path, value)
    if not changed:
        pytest.skip("the value is the header's own")
    (header_vault / HEADER_NAME).write_text(text, encoding="utf-8")
    _guarded_derivation(monkeypatch)
    started = time.perf_counter()
    with pytest.raises(VaultError) as caught:
        Vault.open(header_vault, PASSPHRASE).close()
    assert isinstance(caught.value, ACCEPTED_REFUSALS), repr(caught.value)
    assert str(caught.value)  # a message a therapist can read
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    ("label", "content"),
    [
        ("empty", b""),
        ("not-json", b"\x00\x01\x02 binary"),
        ("not-utf8", b'{"format": "\xff\xfe"}'),
        ("array", b"[]"),
        ("string", b'"confidant-vault"'),
        ("number", b"1"),
        ("null", b"null"),
        ("nested-100000", NESTED.encode()),
        ("nested-object-5000", (('{"a":' * 5000) + "1" + "}" * 5000).encode()),
        ("nested-5000", NESTED_SMALL.encode()),
        ("duplicate-keys", b'{"format": "x", "format": "confidant-vault"}'),
    ],
)
def test_a_header_that_is_not_a_header_is_refused_clearly(
    header_vault: Path, header_document: dict[str, Any], label: str, content: bytes
) -> None:
    (header_vault / HEADER_NAME).write_bytes(content)
    with pytest.raises((NotAVaultError, VaultDamagedError)):
        Vault.open(header_vault, PASSPHRASE).close()


@pytest.mark.slow
def test_a_300_mb_header_is_refused_without_reading_it_all(
    header_vault: Path, header_document: dict[str, Any]
) -> None:
    path = header_vault / HEADER_NAME
    start = json.dumps(header_document)[:-1] + ', "padding": "'
    with open(path, "wb") as handle:
        handle.write(start.encode())
        handle.write(b" " * (1 << 20))
        handle.truncate(300 * 1024 * 1024)  # the rest is sparse: no 300 MB written to disk
    started = time.perf_counter()
    with pytest.raises((NotAVaultError, VaultDamagedError)):
        Vault.open(header_vault, PASSPHRASE).close()
    elapsed = time.perf_counter() - started
    record_figures(SECURITY, "tamper_huge_header", megabytes=300, seconds_to_refuse=elapsed)
    assert elapsed < 2


def test_header_tampering_never_reaches_the_key_derivation_with_absurd_settings(
    header_vault: Path, header_document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    derived = _guarded_derivation(monkeypatch)
    for field, value in (("time_cost", 2**31), ("memory_kib", 2**40), ("parallelism", 2**24)):
        text, _ = _edited(header_document, f"kdf.{field}", value)
        (header_vault / HEADER_NAME).write_text(text)
        with pytest.raises(VaultDamagedError):
            Vault.open(header_vault, PASSPHRASE).close()
    assert derived == []
