"""Export workloads: one heavy client's record as encrypted JSON (and PDF when the build has
it), and the whole practice as one encrypted archive. The same public functions the window
and the CLI call; files go to the benchmark's work folder and are removed after each run."""

from __future__ import annotations

import resource
import time
from pathlib import Path
from typing import Any

from vault.export.exporting import export_record
from vault.export.formats import pdf_renderer
from vault.export.model import ExportSelection
from vault.export.practice_archive import export_practice

from .stats import Samples

PASSWORD = "benchmark maple cinema orbit lantern quartz"


def export_client(vault: Any, runs: int, client_id: int, fmt: str, folder: Path) -> Samples:
    """Whole encrypted exports of one client's record, from gathering to the fsynced rename."""
    result = Samples()
    folder.mkdir(exist_ok=True)
    for n in range(runs):
        target = folder / f"client-{n}.{fmt}"
        started = time.perf_counter()
        export_record(vault, ExportSelection(client_id), fmt, target, password=PASSWORD)
        result.add((time.perf_counter() - started) * 1000)
        target.unlink()
    return result


def pdf_available() -> bool:
    return pdf_renderer() is not None


def export_whole_practice(vault: Any, folder: Path) -> tuple[float, float, float]:
    """One archive of every client: (milliseconds, archive MB, growth of peak RSS in MB)."""
    folder.mkdir(exist_ok=True)
    target = folder / "practice.zip"
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    export_practice(vault, target, PASSWORD)
    elapsed = (time.perf_counter() - started) * 1000
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    size_mb = target.stat().st_size / 2**20
    target.unlink()
    return elapsed, size_mb, max(0, growth) / 1024
