"""Search on both corpora: build each, pick its queries, time them, and print the table.

Every class prints the app's p50/p95/max (encrypted vault, first page with snippets), bare
FTS5's p95 over the same texts in the same run, and the app's encrypted/plain ratio, with the
issue's targets: p95 <= 16 ms for every class; for selective classes (rare words, two and three
words) at most 3 ms above bare FTS5; encrypted/plain <= 1.1x over all queries.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vault import Vault
from vault.store.kdf import Argon2Params

from .bare import BareIndex
from .dataset import Size
from .kept_vault import bulk_build
from .natural import fill_natural
from .plain import PlainVault
from .queries import query_sets
from .search_bench import ROUNDS, ClassTimes, time_class

__all__ = [
    "CORPORA",
    "ROUNDS",
    "measure_corpus",
    "missing_corpus_note",
    "natural_corpus_available",
    "ratio_summary",
    "search_table",
]

TARGET_MS = 16.0
SELECTIVE = ("rare words", "two words", "three words")
SELECTIVE_MARGIN_MS = 3.0
RATIO_TARGET = 1.1
CORPORA = ("demo vocabulary", "natural English")


@dataclass(frozen=True)
class CorpusResult:
    corpus: str
    notes: int
    classes: list[ClassTimes]


def natural_corpus_available() -> bool:
    """The natural corpus needs `wordfreq` (the `bench` extra, which scripts/bench installs)."""
    return importlib.util.find_spec("wordfreq") is not None


def missing_corpus_note() -> str:
    if natural_corpus_available():
        return ""
    return (
        f"\n- {CORPORA[1]} corpus: not measured, wordfreq is not installed "
        "(`pip install -e .[bench]`; scripts/bench installs it)"
    )


def _discard(_built: object) -> None:
    return None


def _fill(corpus: str, size: Size) -> Callable[[Any], None]:
    from .dataset import build

    if corpus == CORPORA[0]:
        return lambda vault: _discard(build(vault, size))
    per_client = size.notes // size.clients
    return lambda vault: fill_natural(
        vault, clients=size.clients, notes_per_client=per_client, seed=15
    )


def measure_corpus(
    corpus: str,
    size: Size,
    workdir: Path,
    params: Argon2Params,
    passphrase: str,
    log: Callable[[str], None],
    existing: tuple[Any, Any] | None = None,
    *,
    bare: BareIndex | None = None,
    only: Sequence[str] = (),
    rounds: int = ROUNDS,
) -> CorpusResult:
    """Times every query class (or those whose name holds one of `only`); `existing` reuses an
    already built (vault, plain twin), `bare` an already built anchor (closed after)."""
    folder = workdir / corpus.replace(" ", "-")
    folder.mkdir(parents=True, exist_ok=True)
    if existing is None:
        log(f"building {corpus} corpus: encrypted vault and plain twin")
        vault: Any = Vault.create(folder / "search.vault", passphrase, kdf_params=params)
        bulk_build(vault, _fill(corpus, size))
        plain: Any = PlainVault(folder / "plain.db")
        bulk_build(plain, _fill(corpus, size))
        plain_path = folder / "plain.db"
    else:
        vault, plain = existing
        plain_path = plain.db.path
    log(f"  bare FTS5 anchor and query sets for {corpus}")
    bare = bare or BareIndex(folder / "bare.db", plain_path)
    with plain.db.read() as conn:
        notes = int(conn.execute("SELECT count(*) FROM notes").fetchone()[0])
    sets = query_sets(plain_path, bare.document_frequencies(), notes)
    chosen = {n: qs for n, qs in sets.items() if not only or any(o in n for o in only)}
    classes = [time_class(n, qs, vault, plain, bare, rounds) for n, qs in chosen.items()]
    bare.close()
    if existing is None:
        vault.close()
        plain.close()
    return CorpusResult(corpus, notes, classes)


def _ms(value: float) -> str:
    return f"{value:,.1f}"


def search_table(results: list[CorpusResult]) -> str:
    headers = [
        "corpus: query class (queries)",
        "app p50",
        "app p95",
        "app max",
        "bare FTS5 p95",
        "app − bare p95",
        "encrypted/plain p50",
        "target",
        "met",
    ]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for result in results:
        for c in result.classes:
            over = c.encrypted.p95 - c.bare.p95
            selective = c.name in SELECTIVE
            met = c.encrypted.p95 <= TARGET_MS and (not selective or over <= SELECTIVE_MARGIN_MS)
            target = f"p95 ≤ {TARGET_MS:.0f}" + (
                f", ≤ bare + {SELECTIVE_MARGIN_MS:.0f}" if selective else ""
            )
            cells = [
                f"{result.corpus}: {c.name} ({c.queries})",
                _ms(c.encrypted.p50),
                _ms(c.encrypted.p95),
                _ms(max(c.encrypted.values_ms)),
                _ms(c.bare.p95),
                f"{over:+.1f}",
                f"{c.encrypted.p50 / max(c.plain.p50, 1e-6):.2f}×",
                target,
                "yes" if met else "**no**",
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ratio_summary(results: list[CorpusResult]) -> str:
    """Encrypted/plain over every query of a corpus, summed: the cost of encryption alone."""
    parts: list[str] = []
    for result in results:
        enc = sum(sum(c.encrypted.values_ms) for c in result.classes)
        pla = sum(sum(c.plain.values_ms) for c in result.classes)
        ratio = enc / max(pla, 1e-6)
        met = "met" if ratio <= RATIO_TARGET else "**missed**"
        parts.append(
            f"{result.corpus} ({result.notes:,} notes): all queries encrypted/plain "
            f"{ratio:.2f}× (target ≤ {RATIO_TARGET}×: {met})"
        )
    return "\n".join(f"- {p}" for p in parts)
