"""Every question and notice the app puts to the therapist, in one place.

Routing the modal boxes through these functions keeps wording consistent and lets tests answer
them (monkeypatch) instead of blocking on a real dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

UnsavedChoice = Literal["save", "discard", "cancel"]


def ask_unsaved_changes(parent: QWidget | None) -> UnsavedChoice:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Unsaved changes")
    box.setText("This client record has changes that are not saved yet.")
    box.setInformativeText("Save them now?")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def confirm(parent: QWidget | None, title: str, text: str, action_label: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote names or paths
    box.setText(text)
    ok = box.addButton(action_label, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, QMessageBox.Icon.Information, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, QMessageBox.Icon.Warning, title, text)


def _show(parent: QWidget | None, kind: QMessageBox.Icon, title: str, text: str) -> None:
    box = QMessageBox(kind, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote names or paths
    box.setText(text)
    box.exec()


def choose_folder(parent: QWidget | None, title: str, start: str = "") -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, start)
    return Path(folder) if folder else None


def choose_save_file(
    parent: QWidget | None, title: str, suggested: str, file_filter: str
) -> Path | None:
    """Where to write an export; the therapist chooses, nothing is written until then."""
    name, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(name) if name else None


def choose_open_file(parent: QWidget | None, title: str, file_filter: str) -> Path | None:
    """A file to read (an export to import); None when the therapist cancelled."""
    name, _chosen = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return Path(name) if name else None


def choose_printer(parent: QWidget | None, title: str) -> QPrinter | None:
    """Qt's print dialog; the printer chosen, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None
