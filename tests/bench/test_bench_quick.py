"""The benchmark's quick size runs in CI so it cannot rot. Timings are reported, not asserted."""

from __future__ import annotations

import re

from bench.run import main
from bench.search_report import natural_corpus_available


def test_quick_benchmark_produces_every_row(tmp_path):
    report = main(["--quick", "--runs", "4", "--workdir", str(tmp_path)])
    for measure in (
        "cold start to unlock window painted",
        "unlock: Argon2id",
        "unlock: after Argon2 until main window ready",
        "client list: load active",
        "client list: filter per keystroke",
        "timeline ready",
        "demo vocabulary: very common words",
        "+ note kind",
        "bare FTS5 p95",
        "all queries encrypted/plain",
        "last keystroke of a word → its results painted",
        "save a note (durable commit)",
        "sign a note",
        "backup whole vault",
        "verify vault",
        "notes to encrypted JSON",
        "export whole practice",
        "peak resident memory",
        "timer lateness while the daily automatic backup runs",
        "timer lateness while the backup at lock runs",
        "encrypted/plain",
    ):
        assert measure in report, measure
    if natural_corpus_available():
        assert "natural English: rare words" in report
        assert "natural English: phrases with stop words" in report
    else:
        assert "natural English corpus: not measured" in report
    assert "PROBLEMS" not in report
    assert re.search(r"Machine: .+ cores", report)
