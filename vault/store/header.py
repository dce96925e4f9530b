"""The vault header: the one plaintext file, holding what is needed to derive the key.

It names the KDF, its parameters and salt, the format version, which database file is current,
and a key-check value (an HMAC of a fixed label under the derived key). The key-check tells a
wrong passphrase apart from a damaged database without weakening anything: checking a guess
against it costs an attacker the same Argon2 run as trying to decrypt the database would.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vault.store.errors import NotAVaultError, VaultDamagedError, VaultMissingError
from vault.store.fsio import atomic_write_bytes, translate_os_errors
from vault.store.kdf import Argon2Params
from vault.store.layout import database_name, header_path

FORMAT_NAME = "confidant-vault"
FORMAT_VERSION = 1
# A real header is about 400 bytes; anything far larger is not one, and is never read whole.
MAX_HEADER_BYTES = 64 * 1024
_KEY_CHECK_LABEL = b"confidant key check v1"


@dataclass(frozen=True)
class VaultHeader:
    kdf: Argon2Params
    key_check: bytes
    generation: int
    format_version: int = FORMAT_VERSION
    # The commit counter at the last lock and its HMAC under the key (see `rollback`); absent
    # in headers written before counters and in a header that has not been sealed yet.
    sealed_counter: int | None = None
    counter_mac: bytes | None = None
    sealed_audit_head: str | None = None  # the newest audit entry at that lock, under the MAC

    @property
    def database_name(self) -> str:
        return database_name(self.generation)

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "kdf": {
                "name": self.kdf.name,
                "memory_kib": self.kdf.memory_kib,
                "time_cost": self.kdf.time_cost,
                "parallelism": self.kdf.parallelism,
                "salt": _b64(self.kdf.salt),
            },
            "key_check": _b64(self.key_check),
            "database": self.database_name,
            "generation": self.generation,
        }
        if self.sealed_counter is not None and self.counter_mac is not None:
            document["sealed_counter"] = self.sealed_counter
            document["counter_mac"] = _b64(self.counter_mac)
            if self.sealed_audit_head:
                document["sealed_audit_head"] = self.sealed_audit_head
        return (json.dumps(document, indent=2) + "\n").encode("ascii")


def key_check_for(key: bytes) -> bytes:
    return hmac.new(key, _KEY_CHECK_LABEL, hashlib.sha256).digest()


def key_matches(header: VaultHeader, key: bytes) -> bool:
    return hmac.compare_digest(header.key_check, key_check_for(key))


def write_header(vault_dir: Path, header: VaultHeader) -> None:
    """Replace the header atomically: the commit point of create and change-passphrase."""
    atomic_write_bytes(header_path(vault_dir), header.to_json())


def read_header(vault_dir: Path) -> VaultHeader:
    """The header, checked field by field: any surprise is `VaultDamagedError`, never a crash."""
    path = header_path(vault_dir)
    if not vault_dir.exists():
        raise VaultMissingError(vault_dir)
    if not vault_dir.is_dir():
        raise NotAVaultError(vault_dir, "it is a file, not a vault folder")
    if not path.is_file():
        raise NotAVaultError(vault_dir, f"it has no {path.name}")
    with translate_os_errors(path), open(path, "rb") as handle:
        raw = handle.read(MAX_HEADER_BYTES + 1)
    if len(raw) > MAX_HEADER_BYTES:
        raise VaultDamagedError(vault_dir, f"{path.name} is far too large to be a vault header")
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise VaultDamagedError(vault_dir, f"{path.name} is unreadable") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise NotAVaultError(vault_dir, f"{path.name} is not a Confidant header")
    try:
        return _parse(document, vault_dir)
    except _FieldError as exc:
        raise VaultDamagedError(
            vault_dir, f"{path.name} is incomplete or altered ({exc})"
        ) from None


class _FieldError(Exception):
    """A header field is missing or of the wrong type or range; the message names it."""


def _field(document: dict[str, Any], name: str, kind: type) -> Any:
    if name not in document:
        raise _FieldError(f"{name} is missing")
    value = document[name]
    # bool is an int in Python; a header never holds true/false where it means a number.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _FieldError(f"{name} should be {'a number' if kind is int else 'text'}")
    return value


def _positive(document: dict[str, Any], name: str) -> int:
    value = int(_field(document, name, int))
    if value < 1:
        raise _FieldError(f"{name} should be at least 1")
    return value


def _parse(document: dict[str, Any], vault_dir: Path) -> VaultHeader:
    version = _positive(document, "format_version")
    if version > FORMAT_VERSION:
        raise NotAVaultError(
            vault_dir, f"it was made by a newer Confidant (format {version}); please update"
        )
    kdf = _field(document, "kdf", dict)
    if kdf.get("name") != "argon2id":
        raise VaultDamagedError(vault_dir, f"unknown key derivation {str(kdf.get('name'))[:40]!r}")
    params = Argon2Params(
        memory_kib=_positive(kdf, "memory_kib"),
        time_cost=_positive(kdf, "time_cost"),
        parallelism=_positive(kdf, "parallelism"),
        salt=_unb64(_field(kdf, "salt", str), "salt"),
    )
    if not params.meets_floor():
        raise VaultDamagedError(
            vault_dir, "its key-derivation settings are below the safe minimum (header altered?)"
        )
    if not params.within_ceiling():
        raise VaultDamagedError(
            vault_dir,
            "its key-derivation settings ask for more memory or time than any laptop could give "
            "(header altered?)",
        )
    generation = _positive(document, "generation")
    if _field(document, "database", str) != database_name(generation):
        raise VaultDamagedError(vault_dir, "its header names an unexpected database file")
    key_check = _unb64(_field(document, "key_check", str), "key_check")
    if len(key_check) != hashlib.sha256().digest_size:
        raise _FieldError("key_check has the wrong length")
    sealed_counter: int | None = None
    counter_mac: bytes | None = None
    if "sealed_counter" in document:
        sealed_counter = int(_field(document, "sealed_counter", int))
        counter_mac = _unb64(_field(document, "counter_mac", str), "counter_mac")
    sealed_audit_head: str | None = None
    if "sealed_audit_head" in document:
        sealed_audit_head = str(_field(document, "sealed_audit_head", str))[:200]
    return VaultHeader(
        kdf=params,
        key_check=key_check,
        generation=generation,
        format_version=version,
        sealed_counter=sealed_counter,
        counter_mac=counter_mac,
        sealed_audit_head=sealed_audit_head,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, name: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise _FieldError(f"{name} is not base64") from None
