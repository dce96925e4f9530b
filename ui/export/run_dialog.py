"""The progress window of an export: the bar, Cancel while it runs, Close with the outcome.

Closing the window or pressing Escape while the export runs is the same as Cancel: the window
stays until the vault has stopped, so "no file was written" is only said once it is true. At a
lock the shell rejects open dialogs, which cancels a running export before the vault closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.export.run_panel import RunPanel, fit_to_contents


class RunDialog(QDialog):
    def __init__(self, title: str, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.heading = QLabel(heading)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.panel = RunPanel()
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.panel)
        layout.addWidget(self.buttons)
        self.panel.ended.connect(self._ended)

    @property
    def running(self) -> bool:
        return self.panel.running

    @property
    def outcome(self) -> str:
        return self.panel.outcome

    def cancel(self) -> None:
        if self.panel.running:
            self.panel.cancel()
            self.cancel_button.setEnabled(False)
        else:
            super().reject()

    def reject(self) -> None:  # Escape, and the shell at lock: cancel first
        self.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self.panel.running:
            self.panel.cancel()
            self.cancel_button.setEnabled(False)
            event.ignore()
        else:
            super().closeEvent(event)

    def _ended(self, _outcome: str) -> None:
        self.heading.hide()  # the outcome says it all, and the window grows to show it whole
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        fit_to_contents(self)
