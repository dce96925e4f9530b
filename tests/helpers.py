"""Small helpers shared by tests: file snapshots, byte flips, marker scans, subprocess runs."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def snapshot(directory: Path) -> dict[str, str]:
    """Name -> SHA-256 of every regular file below `directory` (lock file excluded)."""
    result: dict[str, str] = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.name != ".lock":
            result[str(path.relative_to(directory))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def flip_byte(path: Path, offset: int) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        original = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([original[0] ^ 0x01]))


def files_containing(root: Path, markers: list[bytes]) -> list[tuple[Path, bytes]]:
    """Every (file, marker) pair where the marker appears, in UTF-8 or UTF-16 form."""
    found: list[tuple[Path, bytes]] = []
    forms = [m for marker in markers for m in (marker, marker.decode().encode("utf-16-le"))]
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        found.extend((path, form) for form in forms if form in data)
    return found


def run_main(
    *args: str, stdin: str = "", cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``python main.py ARGS`` as a user would, feeding `stdin` (never a terminal)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        check=False,
    )
