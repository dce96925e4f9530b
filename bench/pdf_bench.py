"""The PDF export of one heavy client: gather, render and encrypt, as the export runs them.

``python -m bench.pdf_bench`` builds a vault holding one client with 500 notes of 1-3 KB (the
benchmark's heavy client, made the way `bench.dataset` makes it), then times the three steps
of a PDF export apart and together; the issue's target is the whole at 2 s or less.
`pdf_export` is the workload for `bench.run`.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from vault import Vault
from vault.export.gather import gather_record
from vault.export.model import ExportSelection
from vault.export.pdf_record import record_pdf
from vault.export.pdf_security import encrypt_pdf
from vault.store.kdf import floor_params

from .dataset import heavy_client
from .stats import Samples

PASSWORD = "bench export password orbit lantern quartz"


def pdf_export(vault: Any, client_id: int, runs: int) -> dict[str, Samples]:
    """Milliseconds for gathering, rendering, encrypting, and all three, `runs` times each."""
    result = {name: Samples() for name in ("gather", "render", "encrypt", "total")}
    for _ in range(runs):
        started = time.perf_counter()
        record = gather_record(vault, ExportSelection(client_id))
        gathered = time.perf_counter()
        pdf = record_pdf(record, practice=record.practice)
        rendered = time.perf_counter()
        encrypt_pdf(pdf, PASSWORD)
        done = time.perf_counter()
        for name, seconds in (
            ("gather", gathered - started),
            ("render", rendered - gathered),
            ("encrypt", done - rendered),
            ("total", done - started),
        ):
            result[name].add(seconds * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as folder,
        Vault.create(Path(folder) / "bench.vault", PASSWORD, kdf_params=floor_params()) as v,
    ):
        client_id = heavy_client(v, args.notes)
        pdf_export(v, client_id, 1)  # warm: imports, the fonts' character maps
        result = pdf_export(v, client_id, args.runs)
    print(f"PDF export of a client with {args.notes} notes, {args.runs} runs (ms):")
    for name, samples in result.items():
        print(f"  {name:8} p50 {samples.p50:8.0f}   max {max(samples.values_ms):8.0f}")


if __name__ == "__main__":
    main()
