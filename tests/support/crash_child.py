"""A fork server for crash tests: real processes, killed with SIGKILL at random moments.

Run as ``python -m tests.support.crash_child`` (from the repository root). It imports the vault
once, then for every JSON command read on standard input forks a child that runs one scenario
and reports on the shared standard output, one line per event, flushed only *after* the call
that made it durable has returned:

- ``ready`` once the vault is open and the timed part starts;
- ``note <id> <i>``, ``draft <id> <chars>``, ``edit <i>`` for saves, autosaves, unsaved edits;
- ``backup <path>`` for each finished backup; ``done <seconds>`` when a one-shot scenario ends;
- ``step <name>`` as a destruction reaches each of its steps (it pauses there for
  ``pause`` seconds when asked, so a kill can be aimed inside that step);
- ``error <type> <message>`` when a scenario raised (a finding, never expected).

The server itself prints ``pid <n>`` for each child and ``exit <n> <status>`` when it has reaped
it, so every line a child wrote comes before its ``exit`` line. Forking from a warm process keeps
hundreds of kills affordable (a fresh interpreter costs ~0.3 s); the server never opens a vault,
so a child starts from a clean state. Key derivation is answered from a table the parent sends
(Argon2 is a pure function and is tested elsewhere); everything on disk is real.

`CrashServer` is the parent's side.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


# ----- child side ------------------------------------------------------------------------------


def _say(*parts: object) -> None:
    os.write(1, (" ".join(str(p) for p in parts) + "\n").encode())


def _install_keys(keys: dict[str, str], salt_hex: str | None) -> None:
    """Answer derive_key from the parent's table; pin the next salt (so the parent can cache)."""
    from vault.store import backup, kdf
    from vault.store import vault as vault_module

    real = kdf.derive_key
    table = {tuple(k.split("|", 1)): bytes.fromhex(v) for k, v in keys.items()}

    def derive(passphrase: str, params: Any) -> bytes:
        found = table.get((passphrase, params.salt.hex()))
        return found if found is not None else real(passphrase, params)

    for module in (kdf, vault_module, backup):
        module.derive_key = derive  # type: ignore[attr-defined]
    if salt_hex is not None:
        kdf.new_salt = lambda: bytes.fromhex(salt_hex)  # type: ignore[assignment]


def _scenario_saves(cmd: dict[str, Any]) -> None:
    from tests.vault.note_helpers import soap
    from vault import Vault
    from vault.notes.records import NoteInput, create_note_from_text
    from vault.notes.unsigned import autosave_note
    from vault.store.unsaved_edits import keep_unsaved_edit

    vault = Vault.open(cmd["vault"], cmd["passphrase"])
    client = int(cmd["client"])
    tag = cmd["tag"]
    draft_id: int | None = None
    text = ""
    _say("ready")
    for i in itertools.count():
        step = i % 4
        if step in (0, 2):
            body = f"Demo crash {tag} {i}"
            note_id = create_note_from_text(
                vault,
                NoteInput(
                    kind="free",
                    session_start="2026-01-05T10:00",
                    participants=(client,),
                    body=body,
                ),
            )
            _say("note", note_id, i)
        elif step == 1:
            text += f"Demo word {i}. "
            draft_id = autosave_note(vault, draft_id, soap((client,), subjective=text))
            _say("draft", draft_id, len(text))
        else:
            payload = json.dumps({"notes": f"Demo edit {tag} {i}", "i": i})
            keep_unsaved_edit(vault, f"client:{client}", payload)
            _say("edit", i)


def _scenario_passwd(cmd: dict[str, Any]) -> None:
    from vault import Vault

    vault = Vault.open(cmd["vault"], cmd["current"])
    _say("ready")
    started = time.perf_counter()
    vault.change_passphrase(cmd["current"], cmd["new"])
    _say("done", f"{time.perf_counter() - started:.4f}")
    vault.close()


def _scenario_backup(cmd: dict[str, Any]) -> None:
    from vault import Vault
    from vault.store.backup import backup_vault

    vault = Vault.open(cmd["vault"], cmd["passphrase"])
    _say("ready")
    for _ in range(int(cmd.get("rounds", 1_000_000))):
        started = time.perf_counter()
        path = backup_vault(vault, cmd["dest"])
        _say("backup", path, f"{time.perf_counter() - started:.4f}")
    _say("done", 0)
    vault.close()


def _scenario_auto_backup(cmd: dict[str, Any]) -> None:
    """The window's backup at lock, over and over: a change, the snapshot, close, the copy
    (with rotation keeping three), then unlock again."""
    from vault import Vault
    from vault.notes.records import NoteInput, create_note_from_text
    from vault.store.auto_backup import AutoBackupSettings, prepare_automatic
    from vault.store.backup_rotation import RotationPolicy

    settings = AutoBackupSettings(Path(cmd["dest"]), RotationPolicy(3, 0, 0))
    _say("ready")
    for i in range(int(cmd.get("rounds", 1_000_000))):
        vault = Vault.open(cmd["vault"], cmd["passphrase"])
        note = NoteInput(
            kind="free",
            session_start="2026-01-05T10:00",
            participants=(int(cmd["client"]),),
            body=f"Demo auto {i}",
        )
        create_note_from_text(vault, note)
        started = time.perf_counter()
        backup = prepare_automatic(vault, settings, at_lock=True)
        vault.close()
        result = backup.run()
        _say("backup", result.path, f"{time.perf_counter() - started:.4f}")
    _say("done", 0)


def _scenario_restore(cmd: dict[str, Any]) -> None:
    from vault.store.backup import restore_backup

    _say("ready")
    started = time.perf_counter()
    restore_backup(cmd["backup"], cmd["vault"], cmd["passphrase"])
    _say("done", f"{time.perf_counter() - started:.4f}")


def _scenario_destroy(cmd: dict[str, Any]) -> None:
    from vault import Vault
    from vault.destruction.destroy import destroy_client

    vault = Vault.open(cmd["vault"], cmd["passphrase"])
    pause = float(cmd.get("pause", 0))

    def step(name: str) -> None:
        _say("step", name)
        if pause and name == cmd.get("pause_at"):
            time.sleep(pause)

    _say("ready")
    started = time.perf_counter()
    destroy_client(vault, int(cmd["client"]), cmd["confirmation"], step_hook=step)
    _say("done", f"{time.perf_counter() - started:.4f}")


def _scenario_export(cmd: dict[str, Any]) -> None:
    """One client's record exported again and again, each to a new file."""
    from vault import Vault
    from vault.export.exporting import export_record
    from vault.export.model import ExportSelection

    vault = Vault.open(cmd["vault"], cmd["passphrase"])
    _say("ready")
    for i in range(int(cmd.get("rounds", 1_000_000))):
        target = Path(cmd["dest"]) / f"{cmd['tag']}-{i}.zip"
        started = time.perf_counter()
        export_record(
            vault, ExportSelection(int(cmd["client"])), "json", target,
            password=cmd["password"],
        )  # fmt: skip
        _say("export", target, f"{time.perf_counter() - started:.4f}")
    _say("done", 0)
    vault.close()


def _scenario_import(cmd: dict[str, Any]) -> None:
    """The same export imported again and again, each a new client."""
    from vault import Vault
    from vault.export.importer import import_record

    vault = Vault.open(cmd["vault"], cmd["passphrase"])
    _say("ready")
    for _ in range(int(cmd.get("rounds", 1_000_000))):
        started = time.perf_counter()
        result = import_record(vault, Path(cmd["file"]), cmd["password"])
        _say("import", result.client_id, f"{time.perf_counter() - started:.4f}")
    _say("done", 0)
    vault.close()


_SCENARIOS = {
    "saves": _scenario_saves,
    "passwd": _scenario_passwd,
    "backup": _scenario_backup,
    "auto_backup": _scenario_auto_backup,
    "restore": _scenario_restore,
    "destroy": _scenario_destroy,
    "export": _scenario_export,
    "import": _scenario_import,
}


def _run_child(cmd: dict[str, Any]) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        _install_keys(cmd.get("keys", {}), cmd.get("salt"))
        _SCENARIOS[cmd["mode"]](cmd)
    except BaseException as exc:  # reported to the parent, which fails the test
        detail = traceback.format_exc().replace("\n", " | ")
        _say("error", type(exc).__name__, detail[-1500:])
        os._exit(1)
    os._exit(0)


def main() -> None:
    # Warm up: everything a child needs, imported once here.
    import tests.vault.note_helpers  # noqa: F401
    import vault.checks
    import vault.destruction.destroy
    import vault.export.exporting
    import vault.export.importer
    import vault.notes.unsigned
    import vault.store.backup
    import vault.store.unsaved_edits  # noqa: F401

    _say("server")
    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            _run_child(cmd)
        _say("pid", pid)
        _, status = os.waitpid(pid, 0)
        _say("exit", pid, status)


# ----- parent side -----------------------------------------------------------------------------


@dataclass
class ChildRun:
    """What one child reported before it died."""

    pid: int
    lines: list[str] = field(default_factory=list)
    status: int | None = None

    def events(self, kind: str) -> list[list[str]]:
        return [line.split()[1:] for line in self.lines if line.split()[0] == kind]

    @property
    def errors(self) -> list[str]:
        return [line for line in self.lines if line.startswith("error ")]

    @property
    def finished(self) -> bool:
        return any(line.startswith("done") for line in self.lines)


class CrashServer:
    """The parent's handle on the fork server: start a scenario, kill it, collect its lines."""

    def __init__(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        env["PYTHONPATH"] = str(REPO)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.support.crash_child"],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        assert self._next(30) == "server"

    def _pump(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _next(self, timeout: float) -> str:
        line = self._lines.get(timeout=timeout)
        if line is None:
            raise RuntimeError("the crash server died")
        return line

    def start(self, cmd: dict[str, Any], timeout: float = 30) -> ChildRun:
        """Fork a child for `cmd` and wait until it says ``ready`` (or dies first)."""
        assert self._proc.stdin is not None
        self._proc.stdin.write(json.dumps(cmd) + "\n")
        self._proc.stdin.flush()
        run: ChildRun | None = None
        early: list[str] = []
        deadline = time.monotonic() + timeout
        while True:
            line = self._next(max(0.1, deadline - time.monotonic()))
            if line.startswith("pid "):
                run = ChildRun(int(line.split()[1]), early)
            elif line.startswith("exit "):
                assert run is not None
                run.status = int(line.split()[2])
                return run
            else:
                early.append(line)
            if run is not None and "ready" in early:
                return run

    def kill(self, run: ChildRun, timeout: float = 30) -> ChildRun:
        """SIGKILL the child (if still alive) and collect every line it wrote."""
        if run.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(run.pid, signal.SIGKILL)
        return self.wait(run, timeout)

    def until(self, run: ChildRun, line: str, timeout: float = 30) -> ChildRun:
        """Collect the child's lines until it writes `line` (or exits, or time runs out)."""
        deadline = time.monotonic() + timeout
        while run.status is None and line not in run.lines and time.monotonic() < deadline:
            got = self._next(max(0.1, deadline - time.monotonic()))
            if got.startswith("exit "):
                run.status = int(got.split()[2])
            else:
                run.lines.append(got)
        return run

    def wait(self, run: ChildRun, timeout: float = 60) -> ChildRun:
        deadline = time.monotonic() + timeout
        while run.status is None:
            line = self._next(max(0.1, deadline - time.monotonic()))
            if line.startswith("exit "):
                run.status = int(line.split()[2])
            else:
                run.lines.append(line)
        return run

    def close(self) -> None:
        if self._proc.stdin is not None:
            with contextlib.suppress(OSError):
                self._proc.stdin.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


@contextlib.contextmanager
def crash_server() -> Iterator[CrashServer]:
    server = CrashServer()
    try:
        yield server
    finally:
        server.close()


def key_table(*entries: tuple[str, bytes, bytes]) -> dict[str, str]:
    """The JSON form of (passphrase, salt, key) rows for a child's `_install_keys`."""
    return {f"{phrase}|{salt.hex()}": key.hex() for phrase, salt, key in entries}


if __name__ == "__main__":
    main()
