"""``python -m bench.backup_bench --vault /tmp/bench-vault``: backup, verify and the window's
event loop during an automatic backup, measured on a kept benchmark vault.

The vault is built on the first run (`bench.kept_vault`, a few minutes) and reused afterwards,
so a change to backup or verification is timed in a minute, not twenty. Each figure is measured
``--runs`` times (default 3) and reported as median and range. ``--profile DIR`` also writes a
pyinstrument profile of one backup and one verify there (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vault import Vault
from vault.checks import verify_vault
from vault.store.backup import backup_vault

from .kept_vault import PASSPHRASE, KeptVault, kept_vault
from .machine import describe_machine

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Figure:
    """One measure, several runs: median and range."""

    name: str
    unit: str = "s"
    values: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # processor seconds, all threads

    def line(self) -> str:
        if not self.values:
            return self.name
        fmt = "{:.2f}" if self.unit == "s" else "{:.1f}"
        text = f"{self.name}: {_spread(self.values, fmt)} {self.unit}"
        if self.cpu:
            text += f"; processor time {_spread(self.cpu, fmt)} s"
        return text


def _spread(values: list[float], fmt: str) -> str:
    ordered = sorted(values)
    half = len(ordered) // 2
    median = ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2
    runs = ", ".join(fmt.format(v) for v in values)
    return (
        f"median {fmt.format(median)} (range {fmt.format(ordered[0])}–{fmt.format(ordered[-1])};"
        f" runs: {runs})"
    )


def _timed(figure: Figure, job: Callable[[], object]) -> object:
    started, cpu = time.perf_counter(), time.process_time()
    result = job()
    figure.values.append(time.perf_counter() - started)
    figure.cpu.append(time.process_time() - cpu)
    return result


def time_backups(vault: Vault, workdir: Path, runs: int) -> Figure:
    """A verified backup, as the CLI's ``backup`` and Back Up Now make it, `runs` times."""
    figure = Figure("verified backup")
    for _ in range(runs):
        dest = workdir / "backups"
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        _timed(figure, lambda: backup_vault(vault, dest))  # noqa: B023 - called at once
        shutil.rmtree(dest, ignore_errors=True)
    return figure


def time_verify(vault: Vault, runs: int) -> tuple[Figure, list[str]]:
    """`verify_vault` (``main.py check``), `runs` times; the problems of the last run."""
    figure, problems = Figure("verify (check)"), []
    for _ in range(runs):
        problems = _timed(figure, lambda: verify_vault(vault))  # type: ignore[assignment]
    return figure, problems


def time_each_check(vault: Vault) -> list[str]:
    """Where verify's time goes: each lane of `verify_vault` alone, one after another, on a
    fresh reader of its own as `check` opens them, and each job in it (processor time of the
    thread that runs it: SQLite's and Python's alike)."""
    from vault.checks import RECORD_CHECKS
    from vault.store.integrity import RecordStep, lane_readers, plan_store_lanes

    steps = [
        RecordStep(check.tables, functools.partial(check.run, vault)) for check in RECORD_CHECKS
    ]
    lanes = plan_store_lanes(vault, steps)
    lines = []
    for number, (lane, reader) in enumerate(zip(lanes, lane_readers(vault, lanes), strict=True)):
        jobs, lane_cpu, lane_started = [], 0.0, time.perf_counter()
        try:
            for job in lane.jobs:
                cpu = time.thread_time()
                reader.run(job.run)
                spent = time.thread_time() - cpu
                lane_cpu += spent
                if spent >= 0.05:
                    jobs.append(f"{job.label} {spent:.2f}")
        finally:
            reader.close()
        rest = len(lane.jobs) - len(jobs)
        lines.append(
            f"  lane {number + 1} alone: {time.perf_counter() - lane_started:.2f} s "
            f"(processor {lane_cpu:.2f} s): "
            + "; ".join(jobs)
            + (f"; {rest} more under 0.05 s" if rest else "")
        )
    return lines


def stall_probe(kept: KeptVault, workdir: Path, runs: int, mode: str) -> dict[str, Figure]:
    """The window's event loop while an automatic backup runs (`bench.gui_probe`), `runs` times:
    how late a 10 ms timer fired at worst and at p99, and the slowest GUI-thread read."""
    found = {
        "late_max_ms": Figure(f"{mode}: timer lateness, max", "ms"),
        "late_p99_ms": Figure(f"{mode}: timer lateness, p99", "ms"),
        "read_ms": Figure(f"{mode}: slowest GUI-thread client read", "ms"),
        "backup_s": Figure(f"{mode}: the backup itself", "s"),
        "control_max_ms": Figure(f"{mode}: control (timer alone, 3 s before), max", "ms"),
        "control_p99_ms": Figure(f"{mode}: control, p99", "ms"),
    }
    if mode.startswith("lock"):
        found["lock_ms"] = Figure(f"{mode}: controller.lock() on the GUI thread", "ms")
    if mode == "lock-backup-stall":
        found["backup_part_of_lock_ms"] = Figure(f"{mode}: of which fixing the backup's view", "ms")
    worst: list[str] = []
    for _ in range(runs):
        result = run_stall_probe(kept.directory, workdir, kept.big_client_id, mode)
        for key, figure in found.items():
            figure.values.append(float(result[key]))
        worst.append(f"{result['worst']} / control {result['control_worst']}")
    found["worst"] = Figure(f"{mode}: worst ticks (ms late, s after start) " + "; ".join(worst))
    return found


def run_stall_probe(vault_dir: Path, workdir: Path, client_id: int, mode: str) -> dict[str, Any]:
    """One run of `bench.gui_probe` MODE in a child (the real window, offscreen), with a home
    and a state folder of its own, so the automatic backup is due as on a first day."""
    home = Path(tempfile.mkdtemp(prefix="stall-home-", dir=workdir))
    dest = Path(tempfile.mkdtemp(prefix="stall-backups-", dir=workdir))
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "CONFIDANT_STATE_DIR": str(home / "state"),
            "PYTHONPATH": str(REPO),
        }
    )
    try:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.gui_probe",
                mode,
                str(vault_dir),
                str(dest),
                str(client_id),
            ],
            input=PASSPHRASE + "\n",
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            timeout=600,
            check=True,
        )
        result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
        return result
    finally:
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(dest, ignore_errors=True)


def profile(vault: Vault, workdir: Path, out_dir: Path) -> list[str]:
    """One backup and one verify (its lanes in turn) under pyinstrument; the text reports are
    written to `out_dir`."""
    from pyinstrument import Profiler

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    dest = workdir / "profile-backups"
    jobs: list[tuple[str, Callable[[], object]]] = [
        ("backup", lambda: backup_vault(vault, dest)),
        # In turn: pyinstrument samples this thread only, and the lanes' threads would show
        # as one wait in `result`.
        ("verify", lambda: verify_vault(vault, in_turn=True)),
    ]
    for name, job in jobs:
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        profiler = Profiler(interval=0.005)
        profiler.start()
        job()
        profiler.stop()
        path = out_dir / f"{name}.txt"
        path.write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
        written.append(str(path))
    shutil.rmtree(dest, ignore_errors=True)
    return written


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(prog="python -m bench.backup_bench", description=__doc__)
    parser.add_argument("--vault", type=Path, required=True, help="kept vault (built if absent)")
    parser.add_argument("--quick", action="store_true", help="the small size, for CI")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("backup", "verify", "stall"), action="append")
    parser.add_argument("--profile", type=Path, default=None, help="write profiles here")
    args = parser.parse_args(argv)
    only = set(args.only or ("backup", "verify", "stall"))
    kept = kept_vault(args.vault.absolute(), quick=args.quick, log=_log)
    size_mb = sum(p.stat().st_size for p in kept.directory.iterdir()) / 2**20
    lines = [
        f"Backup benchmark, {kept.notes:,} notes, vault {size_mb:,.0f} MB, "
        f"{time.strftime('%Y-%m-%d')}",
        f"Machine: {describe_machine()}; load average {os.getloadavg()[0]:.2f} at start",
    ]
    workdir = Path(tempfile.mkdtemp(prefix="backup-bench-"))
    try:
        if only & {"backup", "verify"} or args.profile:
            with Vault.open(kept.directory, PASSPHRASE) as vault:
                if "backup" in only:
                    lines.append(time_backups(vault, workdir, args.runs).line())
                if "verify" in only:
                    figure, problems = time_verify(vault, args.runs)
                    lines.append(
                        figure.line()
                        + (" PROBLEMS: " + "; ".join(problems[:3]) if problems else "")
                    )
                    lines += time_each_check(vault)
                if args.profile:
                    lines += ["profiles: " + ", ".join(profile(vault, workdir, args.profile))]
        if "stall" in only:
            for mode in ("auto-backup-stall", "lock-backup-stall", "lock-without-backup"):
                lines += [f.line() for f in stall_probe(kept, workdir, args.runs, mode).values()]
        lines.append(f"load average {os.getloadavg()[0]:.2f} at the end")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report = "\n".join(lines)
    print(report)
    return report


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
