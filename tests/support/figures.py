"""Figures the heavy tests produce, for the README's security section to quote.

Each scenario writes one JSON object to ``<suite>/.figures/<scenario>.json`` (overwritten on
every run, so the file always holds the latest run's numbers).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
RELIABILITY = TESTS / "reliability" / ".figures"
SECURITY = TESTS / "security" / ".figures"


def record_figures(folder: Path, scenario: str, **figures: object) -> dict[str, object]:
    """Write {"scenario": ..., **figures, "recorded_at": ...} to `folder`/<scenario>.json."""
    folder.mkdir(parents=True, exist_ok=True)
    document: dict[str, object] = {"scenario": scenario, **figures}
    document["recorded_at"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    path = folder / f"{scenario}.json"
    path.write_text(json.dumps(document, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return document
