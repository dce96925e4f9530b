"""``python -m bench.search_kept DIR``: search on both corpora, built once into DIR and kept.

The full run builds every corpus afresh (twenty minutes); working on search speed needs the same
vaults timed again after each change. This builds each corpus's encrypted vault and plain twin
into DIR on the first run (the same functions and seeds as `bench.run`, so the same notes) and
reuses them afterwards, with the bare FTS5 anchor made from the twin; the query sets are drawn
again each time, with the same seed, as in the full run. ``--corpus`` and ``--only`` narrow
what is timed. Only synthetic data is written.

As in `bench.kept_vault`, FTS5's ``secure-delete`` is off while the notes go in, and on again
with the index made afresh once they are in (the vault and its twin alike): with it on, the
build takes hours.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from vault import Vault
from vault.store.kdf import floor_params

from . import search_report as sr
from .bare import BareIndex
from .dataset import FULL, QUICK, Size
from .kept_vault import bulk_build
from .plain import PlainVault
from .search_bench import ROUNDS

PASSPHRASE = "benchmark demo passphrase 2026"


def _folder(root: Path, corpus: str) -> Path:
    return root / corpus.replace(" ", "-")


def kept_corpus(
    root: Path, corpus: str, size: Size, log: Callable[[str], None] = print
) -> tuple[Vault, PlainVault]:
    """The corpus's (vault, plain twin) in `root`, built there first if not finished before."""
    folder = _folder(root, corpus)
    done = folder / "built.json"
    if not done.is_file():
        if folder.exists():
            raise SystemExit(f"{folder} is an unfinished build; remove it first.")
        folder.mkdir(parents=True)
        log(f"building {corpus}: {size.clients} clients, {size.notes} notes (once)")
        params = floor_params()
        fill = sr._fill(corpus, size)
        vault = Vault.create(folder / "search.vault", PASSPHRASE, kdf_params=params)
        bulk_build(vault, fill)
        vault.close()
        plain = PlainVault(folder / "plain.db")
        bulk_build(plain, fill)
        plain.close()
        done.write_text(json.dumps({"size": [size.clients, size.notes]}), encoding="utf-8")
    return Vault.open(folder / "search.vault", PASSPHRASE), PlainVault(folder / "plain.db")


def _kept_bare(folder: Path) -> BareIndex:
    """The bare FTS5 anchor, built from the plain twin on the first run and kept after."""
    path, built = folder / "bare.db", folder / "bare.built"
    if built.is_file():
        return BareIndex.existing(path)
    path.unlink(missing_ok=True)
    bare = BareIndex(path, folder / "plain.db")
    built.touch()
    return bare


def measure(
    root: Path,
    corpus: str,
    size: Size,
    only: list[str],
    rounds: int,
    log: Callable[[str], None] = print,
) -> sr.CorpusResult:
    vault, plain = kept_corpus(root, corpus, size, log)
    try:
        bare = _kept_bare(_folder(root, corpus))
        existing = (vault, plain)
        return sr.measure_corpus(
            corpus, size, root, floor_params(), PASSPHRASE, log, existing,
            bare=bare, only=only, rounds=rounds,
        )  # fmt: skip
    finally:
        vault.close()
        plain.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="folder that keeps the built corpora")
    parser.add_argument("--quick", action="store_true", help="small size")
    parser.add_argument("--corpus", choices=["demo", "natural", "both"], default="both")
    parser.add_argument("--only", action="append", default=[], help="classes whose name has this")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args(argv)
    size = QUICK if args.quick else FULL
    corpora = {"demo": sr.CORPORA[:1], "natural": sr.CORPORA[1:], "both": sr.CORPORA}[args.corpus]
    results = [measure(args.root, c, size, args.only, args.rounds) for c in corpora]
    print(sr.search_table(results))
    print(sr.ratio_summary(results))


if __name__ == "__main__":
    main()
