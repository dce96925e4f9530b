"""Entry point for the desktop app: `run_gui(argv)` builds the application and runs it."""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QSettings, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.audit.feature import AuditFeature
from ui.backups.feature import BackupsFeature
from ui.consent.feature import ConsentFeature
from ui.export.feature import ExportFeature
from ui.kit.background import wait_for_workers
from ui.kit.icons import app_icon, stylesheet
from ui.notes.feature import NotesFeature
from ui.search.feature import SearchFeature
from ui.shell.controller import AppController
from ui.shell.feature_host import WindowFeatureHost
from ui.shell.qt_startup import platform_failure_line
from ui.shell.settings_store import AppSettings

APP_NAME = "Confidant"


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Report where a bug happened but never its message: a message could quote client data."""
    del exc
    sys.stderr.write(f"Confidant: unexpected {exc_type.__name__} (message withheld)\n")
    sys.stderr.write("".join(traceback.format_tb(tb)))
    if QApplication.instance() is not None:
        QMessageBox.critical(
            None,
            "Unexpected problem",
            f"Confidant hit an unexpected problem ({exc_type.__name__}). Records already saved "
            "are safe. If this keeps happening, lock, quit and start Confidant again.",
        )


@dataclass(frozen=True)
class Features:
    """The features plugged into one app; each lives as long as the controller."""

    notes: NotesFeature
    search: SearchFeature
    audit: AuditFeature
    consent: ConsentFeature
    backups: BackupsFeature
    export: ExportFeature


def register_features(controller: AppController) -> Features:
    """Where features plug in (tabs, commands) and where the shell wires them to each other."""
    host = WindowFeatureHost(controller)
    notes = NotesFeature(host)
    search = SearchFeature(host)
    audit = AuditFeature(host)
    consent = ConsentFeature(host)
    search.note_requested.connect(notes.open_note)
    audit.note_requested.connect(notes.open_note)
    consent.unsigned_requested.connect(notes.show_unsigned)
    consent.note_requested.connect(notes.open_note)
    backups = BackupsFeature(host, controller.settings.auto_backup)
    export = ExportFeature(host, controller.settings)
    export.record_exported.connect(lambda _client_id: _refresh_consent(consent))
    controller.features = (notes, search, audit, consent, backups, export)  # alive with it
    return Features(notes, search, audit, consent, backups, export)


def _refresh_consent(consent: ConsentFeature) -> None:
    """An export is a disclosure and may close a request: the tab shows both."""
    if consent.tab is not None:
        consent.tab.refresh()


class _StartupWatch:
    """Qt's messages while the application starts. A fatal one (no platform plugin could be
    loaded) becomes one plain line on stderr and exit code 1, before Qt would abort."""

    def __init__(self) -> None:
        self.held: list[str] = []

    def __call__(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            plugin = "platform plugin" in message
            line = platform_failure_line(qt_said=self.held) if plugin else message
            sys.stderr.write(f"{line}\n")
            sys.stderr.flush()
            os._exit(1)
        self.held.append(message)


def make_application(argv: list[str]) -> QApplication:
    """The QApplication; when Qt cannot open a window, the process ends with one plain line."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    watch = _StartupWatch()
    qInstallMessageHandler(watch)
    try:
        app = QApplication(argv)
    finally:
        qInstallMessageHandler(None)
    for message in watch.held:  # what Qt said on the way, as it would have said it
        sys.stderr.write(f"{message}\n")
    return app


def run_gui(argv: list[str]) -> int:
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = make_application(argv)
    # No organisation name: the vault's default home is then <app data>/Confidant.
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    app.setStyleSheet(stylesheet())
    sys.excepthook = _excepthook
    controller = AppController(AppSettings(QSettings(APP_NAME, APP_NAME)))
    register_features(controller)
    controller.start()
    code = app.exec()
    wait_for_workers()
    QApplication.processEvents()  # deliver any late result so `shutdown` can close it
    controller.shutdown()
    return int(code)
