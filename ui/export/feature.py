"""Export and import plugged into the window (issue 11).

- **Client → Export Record…** (Ctrl+Shift+X, and a button on the client's profile): the export
  dialog (`record_dialog`), then the export on the background helper with progress and Cancel
  (`run_dialog`), then a summary. `record_exported(client_id)` tells the shell, which refreshes
  the Confidentiality tab (the export is in the disclosure log; a request may be closed).
- **Vault → Export Whole Practice…** (`practice_dialog`, then the same progress window) and
  **Import Record… / Import Practice Archive…** (`import_dialog`); a practice archive goes
  only into a vault with no records (the vault's rule), which is said before anything else.
- **Client → Print Consent Form… / Print Release Form…** (`form_dialog`).

Every window this feature opens is destroyed at lock, and a running export is cancelled by
the lock before the vault closes (the shell rejects open dialogs, which `RunDialog` turns into
Cancel), so no dialog outlives the key.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from ui.export.commands import (
    EXPORT_PRACTICE,
    EXPORT_RECORD,
    IMPORT_PRACTICE,
    IMPORT_RECORD,
    NOT_EMPTY_TEXT,
    ONE_RECORD_FILE,
    PRACTICE_IMPORT_TEXT,
    PRINT_CONSENT,
    PRINT_RELEASE,
    RECORD_IMPORT_TEXT,
    WHOLE_PRACTICE_FILE,
)
from ui.export.form_dialog import FormDialog
from ui.export.import_dialog import ImportDialog
from ui.export.practice_dialog import PracticeExportDialog, PracticePlan
from ui.export.record_dialog import ExportPlan, ExportRecordDialog
from ui.export.run_dialog import RunDialog
from ui.export.run_panel import Cancel, Progress
from ui.export.summaries import (
    practice_export_summary,
    practice_import_summary,
    record_export_summary,
    record_import_summary,
)
from ui.kit import prompts
from ui.kit.feature_hook import FeatureHost
from vault import Vault, VaultError
from vault.clients.records import count_clients, get_client
from vault.consent.releases import releases_for
from vault.consent.requests import access_requests_for
from vault.export.errors import ImportRefusedError
from vault.export.exporting import ExportResult, export_record
from vault.export.formats import available_formats, render
from vault.export.import_files import export_file_kind
from vault.export.importer import ImportResult, import_record
from vault.export.model import ClientRecord
from vault.export.pdf_forms import FORM_TITLES, FormKind
from vault.export.practice_archive import (
    PracticeExportResult,
    PracticeImportResult,
    export_practice,
    import_practice,
)
from vault.notes.records import count_notes


class PaperPreference(Protocol):
    """Where the paper size of the last PDF is remembered (the app's settings file)."""

    @property
    def export_paper(self) -> str: ...

    @export_paper.setter
    def export_paper(self, paper: str) -> None: ...


class ExportFeature(QObject):
    record_exported = Signal(int)

    def __init__(self, host: FeatureHost, preferences: PaperPreference) -> None:
        super().__init__()
        self._host = host
        self._preferences = preferences
        self.record_dialog: ExportRecordDialog | None = None
        self.run_dialog: RunDialog | None = None
        self.form_dialog: FormDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.practice_dialog: PracticeExportDialog | None = None
        self.actions: dict[str, QAction] = {
            EXPORT_RECORD.name: host.add_command(EXPORT_RECORD, self.export_record),
            EXPORT_PRACTICE.name: host.add_command(EXPORT_PRACTICE, self.export_practice),
            IMPORT_RECORD.name: host.add_command(IMPORT_RECORD, self.import_record),
            IMPORT_PRACTICE.name: host.add_command(IMPORT_PRACTICE, self.import_practice),
            PRINT_CONSENT.name: host.add_command(PRINT_CONSENT, lambda: self.print_form("consent")),
            PRINT_RELEASE.name: host.add_command(PRINT_RELEASE, lambda: self.print_form("release")),
        }
        host.add_client_button(self.actions[EXPORT_RECORD.name])
        host.on_locked(self._locked)

    # ----- one client's record ----------------------------------------------------------------

    def export_record(self) -> None:
        vault = self._host.vault
        client_id = self._client_or_say("Export Record")
        if vault is None or client_id is None:
            return
        try:
            dialog = self._record_dialog(vault, client_id)
        except VaultError as error:
            prompts.warn(self._host.window, "Export Record", str(error))
            return
        self._replace_dialog(dialog)
        dialog.accepted.connect(lambda: self._run_record(vault, dialog))
        dialog.open()

    def _record_dialog(self, vault: Vault, client_id: int) -> ExportRecordDialog:
        today = date.today()
        client = get_client(vault, client_id)
        requests = [r for r in access_requests_for(vault, client_id) if r.fulfilled_on is None]
        return ExportRecordDialog(
            client_id,
            client.display_name,
            formats=_people_first(available_formats()),
            releases=releases_for(vault, client_id),
            open_requests=requests,
            today=today,
            paper=self._preferences.export_paper,
            parent=self._host.window,
        )

    def _run_record(self, vault: Vault, dialog: ExportRecordDialog) -> None:
        plan, dialog.plan = dialog.plan, None  # the password stays only with the work
        if plan is None or not vault.is_open:
            return
        if plan.fmt == "pdf":
            self._remember_paper(plan.paper)
        received = dialog.basis.request.received_on if dialog.basis.request else None
        client_id, generated = plan.selection.client_id, plan.generated_password
        run = self._new_run_dialog(
            "Exporting the Record",
            f"Writing the record ({plan.fmt.upper()}) to {plan.destination.name}…",
        )

        def work(progress: Progress, cancel: Cancel) -> ExportResult:
            return _export(vault, plan, progress, cancel)

        def summary(result: ExportResult) -> str:
            return record_export_summary(
                result, generated_password=generated, request_received=received
            )

        run.panel.succeeded.connect(lambda _result: self.record_exported.emit(client_id))
        run.panel.start(work, summary, doing="The export", unit="notes")
        run.open()

    def _new_run_dialog(self, title: str, heading: str) -> RunDialog:
        """The progress window, dropped once it is closed (it held the work's password)."""
        run = RunDialog(title, heading, self._host.window)
        self.run_dialog = run
        run.finished.connect(lambda _code: self._forget_run(run))
        return run

    def _forget_run(self, run: RunDialog) -> None:
        if self.run_dialog is run:
            self.run_dialog = None
        run.deleteLater()

    # ----- the whole practice -----------------------------------------------------------------

    def export_practice(self) -> None:
        vault = self._host.vault
        if vault is None or _modal_open():
            return
        clients = count_clients(vault)
        if clients == 0:
            prompts.inform(
                self._host.window, "Export Whole Practice", "This vault has no clients yet."
            )
            return
        dialog = PracticeExportDialog(
            clients, paper=self._preferences.export_paper, parent=self._host.window
        )
        if self.practice_dialog is not None:
            self.practice_dialog.deleteLater()
        self.practice_dialog = dialog
        dialog.accepted.connect(lambda: self._run_practice(vault, dialog))
        dialog.open()

    def _run_practice(self, vault: Vault, dialog: PracticeExportDialog) -> None:
        plan, dialog.plan = dialog.plan, None  # the password stays only with the work
        if plan is None or not vault.is_open:
            return
        generated = dialog.password.generated
        if plan.with_pdfs:
            self._remember_paper(plan.paper)
        run = self._new_run_dialog(
            "Exporting the Whole Practice",
            f"Writing every client's record to {plan.destination.name}…",
        )

        def work(progress: Progress, cancel: Cancel) -> PracticeExportResult:
            return _export_practice(vault, plan, progress, cancel)

        def summary(result: PracticeExportResult) -> str:
            return practice_export_summary(result, generated_password=generated)

        run.panel.start(work, summary, doing="The export", unit=None)
        run.open()

    def import_practice(self) -> None:
        vault = self._host.vault
        if vault is None or _modal_open():
            return
        if count_clients(vault) or count_notes(vault):
            prompts.inform(self._host.window, "Import Practice Archive", NOT_EMPTY_TEXT)
            return

        def importer(path: Path, password: str | None, progress: Progress) -> object:
            if export_file_kind(path) != "practice":
                raise ImportRefusedError(ONE_RECORD_FILE)
            return import_practice(vault, path, password or "", progress=progress)

        dialog = ImportDialog(
            "Import Practice Archive",
            PRACTICE_IMPORT_TEXT,
            importer=importer,
            summary=_practice_import_summary,
            file_filter="Confidant practice archives (*.zip)",
            password_optional=False,
            parent=self._host.window,
        )
        dialog.imported.connect(lambda _result: self._host.refresh_clients())
        self._show_import(dialog)

    # ----- imports ----------------------------------------------------------------------------

    def import_record(self) -> None:
        vault = self._host.vault
        if vault is None or _modal_open():
            return

        def importer(path: Path, password: str | None, _progress: Progress) -> ImportResult:
            if export_file_kind(path) == "practice":
                raise ImportRefusedError(WHOLE_PRACTICE_FILE)
            return import_record(vault, path, password)

        dialog = ImportDialog(
            "Import Record",
            RECORD_IMPORT_TEXT,
            importer=importer,
            summary=record_import_summary,
            file_filter="Confidant record exports (*.zip *.json)",
            password_optional=True,
            parent=self._host.window,
        )
        dialog.imported.connect(self._record_imported)
        self._show_import(dialog)

    def _record_imported(self, result: object) -> None:
        self._host.refresh_clients()
        if isinstance(result, ImportResult):
            self._host.go_to_client(result.client_id)

    def _show_import(self, dialog: ImportDialog) -> None:
        if self.import_dialog is not None:
            self.import_dialog.deleteLater()
        self.import_dialog = dialog
        dialog.open()

    # ----- forms to sign ----------------------------------------------------------------------

    def print_form(self, form: FormKind) -> None:
        vault = self._host.vault
        client_id = self._client_or_say(FORM_TITLES[form])
        if vault is None or client_id is None:
            return
        try:
            name = get_client(vault, client_id).display_name
        except VaultError as error:
            prompts.warn(self._host.window, FORM_TITLES[form], str(error))
            return
        if self.form_dialog is not None:
            self.form_dialog.deleteLater()
        dialog = FormDialog(
            vault,
            client_id,
            name,
            form,
            paper=self._preferences.export_paper,
            parent=self._host.window,
        )
        dialog.run.succeeded.connect(
            lambda _printed: self._remember_paper(dialog.paper.currentText())
        )
        self.form_dialog = dialog
        dialog.open()

    def _remember_paper(self, paper: str) -> None:
        self._preferences.export_paper = paper

    def _client_or_say(self, title: str) -> int | None:
        """The client shown, or None after saying that one must be chosen first."""
        if self._host.vault is None or _modal_open():
            return None
        client_id = self._host.current_client_id()
        if client_id is None:
            prompts.inform(
                self._host.window, title, "Choose a client in the list first, then try again."
            )
        return client_id

    # ----- housekeeping -----------------------------------------------------------------------

    def _replace_dialog(self, dialog: ExportRecordDialog) -> None:
        if self.record_dialog is not None:
            self.record_dialog.deleteLater()
        self.record_dialog = dialog

    def _locked(self) -> None:
        """The shell already rejected open dialogs (a running export was told to cancel);
        destroy them, so no name or password outlives the key and no late answer lands."""
        dialogs = (
            self.record_dialog,
            self.run_dialog,
            self.form_dialog,
            self.import_dialog,
            self.practice_dialog,
        )
        for dialog in dialogs:
            if dialog is not None:
                dialog.hide()
                dialog.deleteLater()
        self.record_dialog = None
        self.run_dialog = None
        self.form_dialog = None
        self.import_dialog = None
        self.practice_dialog = None


def _modal_open() -> bool:
    """A shortcut still fires while a modal window is up; one question at a time."""
    return QApplication.activeModalWidget() is not None


def _people_first(formats: tuple[str, ...]) -> tuple[str, ...]:
    """PDF first (and so the default): most exports are a client asking for their record."""
    order = {name: rank for rank, name in enumerate(("pdf", "json", "fhir"))}
    return tuple(sorted(formats, key=lambda name: order.get(name, len(order))))


def _export(vault: Vault, plan: ExportPlan, progress: Progress, cancel: Cancel) -> ExportResult:
    """On the worker: the vault checks, writes once and records the disclosure."""
    return export_record(
        vault,
        plan.selection,
        plan.fmt,
        plan.destination,
        password=plan.password,
        encrypt=plan.password is not None,
        basis=plan.basis,
        close_request=plan.close_request,
        paper=plan.paper,
        progress=progress,
        cancel=cancel,
        overwrite=plan.overwrite,
    )


def _export_practice(
    vault: Vault, plan: PracticePlan, progress: Progress, cancel: Cancel
) -> PracticeExportResult:
    """On the worker: every client, streamed into one encrypted archive."""
    paper = plan.paper

    def pdf(record: ClientRecord) -> bytes:
        return render(record, "pdf", paper=paper)

    return export_practice(
        vault,
        plan.destination,
        plan.password,
        progress=progress,
        cancel=cancel,
        pdf=pdf if plan.with_pdfs else None,
        overwrite=plan.overwrite,
    )


def _practice_import_summary(result: object) -> str:
    assert isinstance(result, PracticeImportResult)
    return practice_import_summary(result)
