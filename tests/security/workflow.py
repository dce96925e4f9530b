"""A scripted full workflow with marker strings, shared by the plaintext and offline tests.

The CLI creates the vault; the window (pytest-qt) adds a client, writes and signs a note, adds an
addendum, keeps a draft from which a word is later deleted, discards another draft, searches,
attaches a signed consent form (a PDF) in the Confidentiality tab and saves a copy of it outside
the scanned folders; the confidentiality records are written (a release of information, a
disclosure under a legal exception, an access request with its extension, an amendment request
denied with the client's statement of disagreement) and the consent is withdrawn in its dialog,
saying how and why; an unsaved profile edit becomes an encrypted draft at the lock; the window
unlocks again and backs up; then the CLI searches, lists, checks, backs up, exports the client's
record (encrypted) and imports it into a second vault. Every marker is a made-up word so a scan
for it can only hit the therapist's own text.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.helpers import run_main
from tests.support.form_samples import pdf
from tests.ui.conftest import unlock
from tests.ui.notes_support import NotesApp, start_notes_app
from ui.consent.consent_dialogs import WithdrawDialog
from ui.kit.background import jobs_pending
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault import Vault
from vault.audit.export import export_trail
from vault.clients.practice import PracticeDetails, save_practice_details
from vault.consent.attachments import attachments_for_client, save_attachment
from vault.consent.consents import record_consent
from vault.consent.disclosures import record_disclosure
from vault.consent.releases import record_release
from vault.consent.requests import (
    decide_amendment_request,
    extend_access_request,
    receive_access_request,
    receive_amendment_request,
)

CLIENT = "Zqxdemoclient"
NOTE = "Wvudemonote"
SEARCH = "Jkrdemosearch"
ADDENDUM = "Hjtdemoaddendum"
PROFILE_DRAFT = "Ypodemodraft"
CLINICIAN = "Vlqdemoclinician"
KEPT = "Bnmdemokept"
DELETED = "Gfjdeletedword"  # typed into a draft, then edited out of it
DISCARDED = "Xwdiscardword"  # in a draft the therapist threw away
FORM = "Kqzdemosignedform"  # inside a signed consent form (a PDF) attached to the record
# The confidentiality records: each of their free-text fields carries its own marker.
RELEASE_NAME = "Rvndemorecipient"  # a release of information: the recipient's name,
RELEASE_ORG = "Tqodemoorganisation"  # organisation and address,
RELEASE_ADDRESS = "Lzkdemoaddress"
RELEASE_PURPOSE = "Pwxdemopurpose"  # the purpose, and what may be shared
RELEASE_SHARED = "Mqjdemoshared"
DISCLOSED_TO = "Fvbdemodisclosedto"  # a disclosure under a legal exception: who received it,
DISCLOSED = "Ykqdemodisclosed"  # what was disclosed, and why the exception applied
JUSTIFICATION = "Cnwdemojustification"
EXTENSION = "Dhzdemoextension"  # an access request's one extension, with its reason
AMEND_ASKED = "Sbvdemoasked"  # an amendment request: what was asked, why it was denied,
DENIAL = "Qjxdemodenial"  # and the client's statement of disagreement
DISAGREEMENT = "Wkfdemodisagreement"
WITHDRAWAL = "Hpgdemowithdrawal"  # how and why the client withdrew their consent
CONFIDENTIALITY = [
    RELEASE_NAME, RELEASE_ORG, RELEASE_ADDRESS, RELEASE_PURPOSE, RELEASE_SHARED, DISCLOSED_TO,
    DISCLOSED, JUSTIFICATION, EXTENSION, AMEND_ASKED, DENIAL, DISAGREEMENT, WITHDRAWAL,
]  # fmt: skip
EXPORT_PASSWORD = "Demo maple cinema orbit lantern quartz"
MARKERS = [
    CLIENT, NOTE, SEARCH, ADDENDUM, PROFILE_DRAFT, CLINICIAN, KEPT, DELETED, DISCARDED, FORM,
    *CONFIDENTIALITY,
]  # fmt: skip
REMOVED = [DELETED, DISCARDED]
PRESENT = [CLIENT, NOTE, ADDENDUM, KEPT, FORM, *CONFIDENTIALITY]

# (argv, stdin) -> (exit code, stdout, stderr)
Cli = Callable[[list[str], str], tuple[int, str, str]]


def subprocess_cli(argv: list[str], stdin: str) -> tuple[int, str, str]:
    """The CLI as a user runs it: `python main.py ...` in a child process."""
    result = run_main(*argv, stdin=stdin)
    return result.returncode, result.stdout, result.stderr


def in_process_cli(argv: list[str], stdin: str) -> tuple[int, str, str]:
    """The same commands run in this process (so this process's audit hook sees them)."""
    from cli.app import run_cli
    from cli.passphrase import PassphraseReader

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli(argv, PassphraseReader(io.StringIO(stdin)))
    return code, out.getvalue(), err.getvalue()


@dataclass
class Places:
    """Every folder the workflow may write to, all under one scanned root."""

    root: Path
    vault: Path
    backups: Path
    cli_backups: Path
    tmp: Path
    home: Path
    settings_file: Path
    outside: Path  # the therapist's own files (a scanned form, a saved copy): not scanned
    notes: list[str] = field(default_factory=list)
    audit_exports: list[Path] = field(default_factory=list)  # ids only: scanned like the rest

    def scanned(self) -> list[Path]:
        return [self.root]


def private_places(tmp_path: Path, settings_path: Path, monkeypatch: pytest.MonkeyPatch) -> Places:
    """Route temp files, HOME and the XDG config/cache/data/state folders under `tmp_path`."""
    home = tmp_path / "home"
    scratch = tmp_path / "tmp"
    for folder in (home, scratch):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        (home / sub).mkdir(parents=True)
        monkeypatch.setenv(name, str(home / sub))
    # This computer's memory of vaults (vault/store/machine_state.py) is scanned too.
    monkeypatch.setenv("CONFIDANT_STATE_DIR", str(home / ".local/state/Confidant"))
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setenv("SQLITE_TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    backups = tmp_path / "backups"
    cli_backups = tmp_path / "cli-backups"
    backups.mkdir()
    cli_backups.mkdir()
    return Places(
        root=tmp_path,
        vault=tmp_path / "practice.vault",
        backups=backups,
        cli_backups=cli_backups,
        tmp=scratch,
        home=home,
        settings_file=settings_path,
        outside=_outside_folder(tmp_path),
    )


def _outside_folder(tmp_path: Path) -> Path:
    """A folder beside the scanned root, for files the therapist keeps in plaintext on purpose."""
    folder = tmp_path.with_name(tmp_path.name + "-outside")
    folder.mkdir()
    return folder


def attach_signed_form(qtbot: QtBot, app: NotesApp, places: Places, client_id: int) -> None:
    """A consent, its signed form attached from the Confidentiality tab, a copy saved out."""
    vault = app.vault
    consent = record_consent(
        vault, client_id, given_on=date.today(), how="signed_paper", limits_explained=[]
    )
    scan = places.outside / f"Demo {FORM} consent.pdf"
    scan.write_bytes(pdf(f"Demo {FORM} signed"))
    feature = app.consent
    assert feature is not None and feature.tab is not None
    assert app.workspace.go_to_client(client_id)
    app.workspace.detail.tabs.setCurrentWidget(feature.tab)
    feature.tab.consent.forms.attach_path(scan, consent.id)
    _settle(qtbot)
    [form] = attachments_for_client(vault, client_id)
    copy = save_attachment(vault, form.id, places.outside / "saved copy.pdf")
    assert copy.read_bytes() == scan.read_bytes()


def record_confidentiality(vault: Vault, client_id: int) -> None:
    """A release, a disclosure under a legal exception, an access request extended once, and an
    amendment request denied with the client's statement of disagreement: the vault's public
    functions, as the Confidentiality tab's dialogs call them."""
    today = date.today()
    record_release(
        vault, client_id, recipient_name=f"Demo {RELEASE_NAME}",
        recipient_org=f"Demo {RELEASE_ORG} Clinic", recipient_address=f"1 Demo {RELEASE_ADDRESS}",
        purpose=f"Demo {RELEASE_PURPOSE} continuity of care",
        information=f"Demo {RELEASE_SHARED} dates of sessions", signed_on=today,
        expiry_event="Demo end of treatment",
    )  # fmt: skip
    record_disclosure(
        vault, client_id, disclosed_on=today, recipient=f"Demo {DISCLOSED_TO}",
        information=f"Demo {DISCLOSED} risk summary", basis="legal_exception",
        exception="harm_to_others", justification=f"Demo {JUSTIFICATION} duty to warn",
    )  # fmt: skip
    access = receive_access_request(vault, client_id, received_on=today)
    extend_access_request(vault, access.id, reason=f"Demo {EXTENSION} records in storage")
    amendment = receive_amendment_request(
        vault, client_id, received_on=today, what_asked=f"Demo {AMEND_ASKED} change the date"
    )
    decide_amendment_request(
        vault, amendment.id, decision="denied", decided_on=today,
        reason=f"Demo {DENIAL} the record is accurate",
        disagreement=f"Demo {DISAGREEMENT} in the client's words",
    )  # fmt: skip


def withdraw_in_dialog(qtbot: QtBot, app: NotesApp, client_id: int) -> None:
    """The consent withdrawn in the Confidentiality tab's dialog, how and why typed into it."""
    feature = app.consent
    assert feature is not None and feature.tab is not None
    assert app.workspace.go_to_client(client_id)
    app.workspace.detail.tabs.setCurrentWidget(feature.tab)
    dialog = feature.tab.consent.withdraw()
    assert isinstance(dialog, WithdrawDialog)
    qtbot.keyClicks(dialog.reason, f"Demo {WITHDRAWAL} by letter")
    dialog.accept()
    assert not dialog.isVisible(), dialog.error.text()
    _settle(qtbot)


def _settle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: jobs_pending() == 0, timeout=30_000)
    qtbot.wait(20)


def run_workflow(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    places: Places,
    cli: Cli,
) -> None:
    """Create, clients, notes, search, drafts, addenda, backup, lock: window then CLI."""
    code, _out, err = cli(
        ["create", str(places.vault), "--decryption-time", "1"], PASSPHRASE + "\n"
    )
    assert code == 0, err

    app_settings.backup_folder = places.backups
    app = start_notes_app(qtbot, make_controller, app_settings, places.vault)
    controller = app.controller
    workspace = app.workspace

    # A client, typed into the profile form and saved.
    workspace.new_client()
    name = workspace.form.widgets["full_name"]
    assert isinstance(name, QLineEdit)
    qtbot.keyClicks(name, f"Demo {CLIENT}")
    assert workspace.save(), workspace.detail.error.text()
    client = workspace.current_client
    assert client is not None
    save_practice_details(app.vault, PracticeDetails(clinician=f"Demo {CLINICIAN}"))

    # A note, written in the editor, autosaved, signed, then an addendum through the dialog.
    app.show_client(client.id)
    app.tab.start_note("soap")
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[0], f"Demo {NOTE} {SEARCH} said the week went well")
    assert editor.save_now()
    editor.sign()
    assert editor.is_signed, editor.error.text()
    editor.write_addendum(amendment=False)
    dialog = editor.addendum_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.text, f"Demo {ADDENDUM} later detail")
    qtbot.keyClicks(dialog.reason, "Demo remembered a detail")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert editor.close_editor()

    # A draft from which a word is deleted, and a draft thrown away.
    app.tab.start_note("soap")
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[0], f"Demo {KEPT} {DELETED} words")
    assert editor.save_now()
    editor.sections.edits[0].setPlainText(f"Demo {KEPT} words")
    assert editor.save_now()
    assert editor.close_editor()
    app.tab.start_note("soap")
    editor = app.tab.editor
    qtbot.keyClicks(editor.sections.edits[0], f"Demo {DISCARDED} never mind")
    assert editor.save_now()
    editor.discard()

    # Search, as typed into the window's search dialog.
    app.search.actions["search_notes"].trigger()
    search = app.search.dialog
    assert search is not None
    qtbot.keyClicks(search.query, SEARCH)
    qtbot.wait(250)
    _settle(qtbot)
    assert search.model.rowCount() >= 1
    search.close()

    # A consent with its signed form attached in the Confidentiality tab; a copy saved out.
    attach_signed_form(qtbot, app, places, client.id)
    # The confidentiality records, and the consent withdrawn in its dialog.
    record_confidentiality(app.vault, client.id)
    withdraw_in_dialog(qtbot, app, client.id)

    # An unsaved profile edit: kept as an encrypted draft when the vault locks.
    assert workspace.go_to_client(client.id)
    notes_field = workspace.form.widgets["notes"]
    assert isinstance(notes_field, QPlainTextEdit)
    notes_field.setPlainText(f"Demo {PROFILE_DRAFT} thought")
    controller.lock()
    assert controller.vault is None
    unlock(qtbot, controller)
    assert controller.vault is not None
    restored = controller.window.workspace
    assert restored is not None

    # The activity log: opened, filtered by the client, exported for an inspector (ids only).
    app.audit.actions["activity_log"].trigger()
    log = app.audit.dialog
    assert log is not None and log.model.rowCount() > 0
    log.client.setCurrentIndex(log.client.findData(client.id))
    for fmt in ("csv", "json"):
        places.audit_exports.append(places.backups.parent / f"activity-log.{fmt}")
        export_trail(controller.vault, places.audit_exports[-1], fmt, log.filters())
    log.close()

    # A backup from the window, then the lock.
    controller.back_up_now()
    _settle(qtbot)
    assert any(p.name.startswith("confidant-backup-") for p in places.backups.iterdir())
    if restored.is_dirty():
        restored.revert()
    controller.lock()
    assert controller.vault is None

    # The CLI: search (query read after the passphrase), notes, check, backup.
    vault = str(places.vault)
    code, out, err = cli(["search", vault, "-"], f"{PASSPHRASE}\n{SEARCH}\n")
    assert code == 0 and NOTE in out, err
    code, out, err = cli(["notes", vault, "--client", str(client.id), "--json"], PASSPHRASE + "\n")
    assert code == 0 and out, err
    code, out, err = cli(["check", vault], PASSPHRASE + "\n")
    assert code == 0, err
    code, out, err = cli(["backup", vault, str(places.cli_backups)], PASSPHRASE + "\n")
    assert code == 0, err
    code, out, err = cli(["audit", vault, "--json"], PASSPHRASE + "\n")
    assert code == 0 and "client.viewed" in out, err

    # An encrypted export of the client's record, imported into a second vault.
    exported = places.root / "exports" / "record.zip"
    exported.parent.mkdir()
    code, out, err = cli(
        ["export", vault, "--client", str(client.id), "--format", "json", "--out", str(exported)],
        f"{PASSPHRASE}\n{EXPORT_PASSWORD}\n",
    )
    assert code == 0 and exported.is_file(), err
    second = str(places.root / "second.vault")
    code, out, err = cli(["create", second, "--decryption-time", "1"], PASSPHRASE + "\n")
    assert code == 0, err
    code, out, err = cli(["import", second, str(exported)], f"{PASSPHRASE}\n{EXPORT_PASSWORD}\n")
    assert code == 0 and "Imported client" in out, err
    code, out, err = cli(["check", second], PASSPHRASE + "\n")
    assert code == 0, err
    places.notes.append(f"client {client.id}")
    sys.stdout.flush()
    os.sync()
