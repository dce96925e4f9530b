"""``create VAULT``: a new, empty vault with Argon2id calibrated to this machine."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vault import Vault
from vault.store.kdf import calibrate

from .passphrase import PassphraseReader

DEFAULT_DECRYPTION_MS = 750


def add_decryption_time(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--decryption-time",
        type=int,
        default=DEFAULT_DECRYPTION_MS,
        metavar="MS",
        help=(
            "target unlock time in milliseconds used to calibrate Argon2id "
            f"(default {DEFAULT_DECRYPTION_MS}); never below RFC 9106's 64 MiB, 3 passes, 4 lanes"
        ),
    )


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "create", help="create a new vault folder", description=__doc__
    )
    parser.add_argument("vault", type=Path, help="folder to create (must not exist or be empty)")
    add_decryption_time(parser)
    parser.set_defaults(handler=run)
    return parser


def create_vault(args: argparse.Namespace, passphrases: PassphraseReader) -> Vault:
    passphrase = passphrases.ask_new("New vault passphrase: ")
    params = calibrate(args.decryption_time / 1000)
    return Vault.create(args.vault, passphrase, kdf_params=params)


def describe_kdf(vault: Vault) -> str:
    kdf = vault.header.kdf
    return (
        f"Argon2id, {kdf.memory_kib // 1024} MiB, {kdf.time_cost} passes, {kdf.parallelism} lanes"
    )


def run(args: argparse.Namespace, passphrases: PassphraseReader) -> int:
    with create_vault(args, passphrases) as vault:
        print(f"Created vault {vault.directory} ({describe_kdf(vault)}).")
        print("Keep the passphrase safe: it cannot be recovered if lost.")
    return 0
