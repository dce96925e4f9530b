"""Faults an unlucky therapist meets: a full disk, a read-only folder, the vault folder removed
or the drive pulled while unlocked, and I/O errors from the disk.

Each must end in a clear `VaultError` subclass (a message to act on, never a traceback), with no
half-written record: reopened, the vault passes `verify_vault` and holds exactly what was saved
before the fault.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from tests.helpers import snapshot
from tests.ui.conftest import (  # noqa: F401  (fixtures for the window test below)
    answers,
    app_settings,
    default_location,
    existing_vault,
    make_controller,
    settings_path,
)
from tests.ui.notes_support import start_notes_app
from tests.vault.note_helpers import soap
from vault import DiskFullError, DiskIOError, LocationError, Vault, VaultError, WrongPassphraseError
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client, list_clients, update_client
from vault.notes.records import NoteInput, count_notes, create_note_from_text, note_body
from vault.notes.unsigned import autosave_note
from vault.store import backup as backup_module
from vault.store import fsio, header
from vault.store.backup import backup_vault, restore_backup
from vault.store.unsaved_edits import keep_unsaved_edit, load_unsaved_edit

NEW = "a brand new demo passphrase 42"


def _note(vault: Vault, client: int, text: str, size: int = 0) -> int:
    return create_note_from_text(
        vault,
        NoteInput(
            kind="free",
            session_start="2026-02-02T10:00",
            participants=(client,),
            body=text + " x" * size,
        ),
    )


def _all_bodies(vault: Vault) -> dict[int, str]:
    return {
        int(note_id): note_body(vault, int(note_id)) or ""
        for (note_id,) in vault.db.query("SELECT id FROM notes")
    }


def _fts_rows(vault: Vault) -> int:
    row = vault.db.query_one("SELECT count(*) FROM notes_fts")
    return int(row[0]) if row else 0


# ----- disk full ---------------------------------------------------------------------------


def _limit_pages(vault: Vault, spare_pages: int) -> None:
    with vault.db.read() as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + spare_pages}").fetchall()


def test_a_full_disk_refuses_the_save_clearly_and_keeps_everything_before_it(vault, vault_dir):
    client = add_client(vault, ClientProfile(full_name="Demo Full Disk")).id
    _limit_pages(vault, 40)
    saved: dict[int, str] = {}
    with pytest.raises(DiskFullError) as caught:
        for i in range(10_000):
            body = f"Demo full {i}"
            saved[_note(vault, client, body, size=1500)] = body
    assert "full" in str(caught.value)
    assert len(saved) > 3
    # The failed note left nothing: no row, no section, no index entry.
    assert count_notes(vault) == len(saved)
    assert vault.db.query_one("SELECT count(DISTINCT note_id) FROM note_sections") == (len(saved),)
    assert _fts_rows(vault) == len(saved)
    # Every other kind of write says the same, and leaves nothing behind.
    with pytest.raises(DiskFullError):
        autosave_note(vault, None, soap((client,), subjective="Demo draft " + "y " * 20_000))
    with pytest.raises(DiskFullError):
        keep_unsaved_edit(vault, "client:new", '{"notes": "' + "z" * 200_000 + '"}')
    assert load_unsaved_edit(vault, "client:new") is None
    assert count_notes(vault) == len(saved)
    assert verify_vault(vault) == []
    vault.close()
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert verify_vault(again) == []
        assert {k: v.split(" x")[0] for k, v in _all_bodies(again).items()} == saved


def test_a_full_disk_during_a_client_update_leaves_the_old_profile(vault, vault_dir):
    client = add_client(vault, ClientProfile(full_name="Demo Before Full")).id
    for i in range(5):
        _note(vault, client, f"Demo note {i}", size=500)
    _limit_pages(vault, 1)
    with pytest.raises(DiskFullError):
        update_client(
            vault,
            client,
            ClientProfile(full_name="Demo Renamed", notes="Demo profile notes " * 4_000),
        )
    vault.close()
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert [c.full_name for c in list_clients(again, "all")] == ["Demo Before Full"]
        assert verify_vault(again) == []


# ----- a small real filesystem: read-only folders, full disk for backups -------------------


def _mount(where: Path, options: str) -> bool:
    try:
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        return False
    return result.returncode == 0


def _remount(where: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(where)], check=True)


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "small"
    where.mkdir()
    if not _mount(where, "size=1536k"):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def vault_on_small_fs(tmp_path: Path) -> Iterator[Path]:
    """A vault on its own tmpfs (so root can make it truly read-only); else on tmp_path."""
    where = tmp_path / "mnt"
    where.mkdir()
    mounted = os.geteuid() == 0 and _mount(where, "size=16m")
    try:
        yield where
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(where)], check=False)


def _make_read_only(folder: Path, root: Path, read_only: bool) -> None:
    if os.path.ismount(root):
        _remount(root, "ro" if read_only else "rw")
        return
    for path in [folder, *folder.iterdir()]:
        os.chmod(path, (0o500 if path.is_dir() else 0o400) if read_only else 0o700)
    if read_only and os.access(folder, os.W_OK):
        _make_read_only(folder, root, False)
        pytest.skip("chmod does not bind for this user (root) and tmpfs cannot be mounted")


def test_opening_a_vault_in_a_read_only_folder_fails_clearly_or_opens_unchanged(
    vault_on_small_fs: Path,
):
    vault_dir = vault_on_small_fs / "practice.vault"
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        _note(v, add_client(v, ClientProfile(full_name="Demo Read Only")).id, "Demo kept")
    before = snapshot(vault_dir)
    _make_read_only(vault_dir, vault_on_small_fs, True)
    try:
        with pytest.raises(VaultError) as caught:
            Vault.open(vault_dir, PASSPHRASE).close()
        assert isinstance(caught.value, (LocationError, DiskIOError)), repr(caught.value)
    finally:
        _make_read_only(vault_dir, vault_on_small_fs, False)
    assert snapshot(vault_dir) == before
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert verify_vault(v) == []


def test_a_drive_unmounted_while_unlocked_refuses_saves_clearly(vault_on_small_fs: Path):
    """The drive pulled: its filesystem goes away under the open vault (a lazy unmount)."""
    if not os.path.ismount(vault_on_small_fs):
        pytest.skip("needs a filesystem of its own to unmount (root)")
    vault_dir = vault_on_small_fs / "practice.vault"
    vault = Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR)
    client = add_client(vault, ClientProfile(full_name="Demo Pulled Drive")).id
    _note(vault, client, "Demo before the drive went")
    subprocess.run(["umount", "-l", str(vault_on_small_fs)], check=True)
    try:
        with pytest.raises(VaultError):
            _note(vault, client, "Demo after the drive went")
        with pytest.raises(VaultError):
            autosave_note(vault, None, soap((client,), subjective="Demo draft after"))
    finally:
        vault.close()  # locking still works and drops the key
    assert not vault.is_open
    assert not vault_dir.exists()


def test_a_backup_onto_a_full_drive_fails_clearly_and_leaves_no_partial_copy(
    small_fs: Path, tmp_path: Path
):
    with Vault.create(tmp_path / "big.vault", PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        client = add_client(v, ClientProfile(full_name="Demo Big")).id
        for i in range(500):
            _note(v, client, f"Demo big {i}", size=4000)
        with pytest.raises(DiskFullError):
            backup_vault(v, small_fs)
        assert list(small_fs.iterdir()) == []
        assert verify_vault(v) == []


# ----- the folder removed, the drive pulled -------------------------------------------------


def test_saves_after_the_vault_folder_was_deleted_fail_clearly(vault, vault_dir):
    client = add_client(vault, ClientProfile(full_name="Demo Deleted Folder")).id
    _note(vault, client, "Demo before deletion")
    shutil.rmtree(vault_dir)
    failures: dict[str, str] = {}
    attempts: dict[str, Callable[[], object]] = {
        "note": lambda: _note(vault, client, "Demo into the void"),
        "autosave": lambda: autosave_note(vault, None, soap((client,), subjective="Demo draft")),
        "unsaved edit": lambda: keep_unsaved_edit(vault, "client:new", '{"notes": "x"}'),
        "client": lambda: add_client(vault, ClientProfile(full_name="Demo Lost")),
    }
    for name, attempt in attempts.items():
        try:
            attempt()
            failures[name] = "succeeded silently"
        except VaultError:
            pass
        except Exception as exc:
            failures[name] = f"{type(exc).__name__}: {exc}"
    assert failures == {}
    vault.close()  # locking must not crash either
    assert not vault_dir.exists()  # and must not bring a half vault back


def test_saves_after_the_drive_was_pulled_fail_and_the_vault_is_whole_elsewhere(
    vault, vault_dir, tmp_path
):
    """A drive pulled and plugged back in shows up at another path: simulated by a move."""
    client = add_client(vault, ClientProfile(full_name="Demo Pulled Drive")).id
    kept = {_note(vault, client, f"Demo kept {i}"): f"Demo kept {i}" for i in range(3)}
    moved = tmp_path / "elsewhere.vault"
    os.rename(vault_dir, moved)
    with pytest.raises(VaultError):
        _note(vault, client, "Demo after the drive went")
    vault.close()
    with Vault.open(moved, PASSPHRASE) as again:
        assert verify_vault(again) == []
        assert _all_bodies(again) == kept


def test_the_window_keeps_the_unsaved_note_when_the_vault_folder_vanishes(
    qtbot,
    make_controller,  # noqa: F811
    app_settings,  # noqa: F811
    existing_vault,  # noqa: F811
):
    app = start_notes_app(qtbot, make_controller, app_settings, existing_vault)
    client = app.add_client("Demo Vanishing Folder")
    app.show_client(client)
    app.tab.start_note("soap")
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[0], "Demo saved before")
    assert editor.save_now()
    shutil.rmtree(existing_vault)
    qtbot.keyClicks(editor.sections.edits[0], " and typed after the folder went")
    assert not editor.save_now()  # refused, not "saved" into a deleted file
    assert editor.error.text()  # the therapist is told
    assert editor.sections.edits[0].toPlainText().endswith("typed after the folder went")
    assert editor.is_dirty()  # the text is still held, not dropped


def test_verify_after_the_vault_folder_was_deleted_does_not_say_all_is_well(vault, vault_dir):
    add_client(vault, ClientProfile(full_name="Demo Verify Gone"))
    shutil.rmtree(vault_dir)
    try:
        problems = verify_vault(vault)
    except VaultError:
        return
    assert problems != []


# ----- I/O errors from the disk -------------------------------------------------------------


def _eio(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.EIO, "Input/output error (injected)")


def test_an_io_error_while_backing_up_is_a_clear_error_and_leaves_no_copy(
    vault, tmp_path, monkeypatch
):
    add_client(vault, ClientProfile(full_name="Demo EIO Backup"))
    dest = tmp_path / "backups"
    dest.mkdir()
    monkeypatch.setattr(os, "fsync", _eio)
    with pytest.raises(VaultError) as caught:
        backup_vault(vault, dest)
    assert isinstance(caught.value, (DiskIOError, VaultError))
    monkeypatch.undo()
    assert list(dest.iterdir()) == []
    assert verify_vault(vault) == []


def test_an_io_error_while_changing_the_passphrase_keeps_the_old_one(vault, vault_dir, monkeypatch):
    client = add_client(vault, ClientProfile(full_name="Demo EIO Passwd")).id
    _note(vault, client, "Demo kept through EIO")
    monkeypatch.setattr(os, "fsync", _eio)
    with pytest.raises(VaultError):
        vault.change_passphrase(PASSPHRASE, NEW)
    monkeypatch.undo()
    assert count_notes(vault) == 1  # still usable
    vault.close()
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_dir, NEW)
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert verify_vault(again) == []
    assert sorted(p.name for p in vault_dir.glob("data-*")) == ["data-1.db"]


def test_an_io_error_while_creating_a_vault_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "fsync", _eio)
    with pytest.raises(VaultError):
        Vault.create(tmp_path / "new.vault", PASSPHRASE, kdf_params=SESSION_FLOOR)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_an_io_error_reading_the_header_is_a_clear_error(vault_dir, fast_kdf, monkeypatch):
    Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf).close()
    real_open = open

    def failing_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file).endswith("confidant-vault.json"):
            raise OSError(errno.EIO, "Input/output error (injected)")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(header, "open", failing_open, raising=False)
    with pytest.raises(VaultError):
        Vault.open(vault_dir, PASSPHRASE)


def test_an_io_error_while_restoring_leaves_the_live_vault_as_it_was(
    vault, vault_dir, tmp_path, monkeypatch
):
    client = add_client(vault, ClientProfile(full_name="Demo EIO Restore")).id
    _note(vault, client, "Demo in the backup")
    dest = tmp_path / "backups"
    dest.mkdir()
    backup = backup_vault(vault, dest)
    _note(vault, client, "Demo only live")
    vault.close()
    before = snapshot(vault_dir)
    monkeypatch.setattr(backup_module.shutil, "copyfile", _eio)
    with pytest.raises(VaultError):
        restore_backup(backup, vault_dir, PASSPHRASE)
    monkeypatch.undo()
    assert snapshot(vault_dir) == before
    with Vault.open(vault_dir, PASSPHRASE) as again:
        assert verify_vault(again) == []
        assert count_notes(again) == 2


def test_a_disk_full_error_from_the_file_layer_is_named_as_such(vault, tmp_path, monkeypatch):
    dest = tmp_path / "backups"
    dest.mkdir()

    def enospc(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device (injected)")

    monkeypatch.setattr(os, "fsync", enospc)
    with pytest.raises(DiskFullError):
        backup_vault(vault, dest)
    monkeypatch.undo()
    assert list(dest.iterdir()) == []


def test_every_os_error_the_file_layer_meets_becomes_a_vault_error(tmp_path):
    for code in (errno.EIO, errno.ENOSPC, errno.EROFS, errno.EACCES, errno.ENOENT, errno.ENXIO):
        mapped = fsio.os_error_to_vault_error(OSError(code, os.strerror(code)), tmp_path)
        assert isinstance(mapped, VaultError), (errno.errorcode[code], mapped)
