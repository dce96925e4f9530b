"""Help → About: which Confidant is running, on what, with which licences.

Support starts with "which version?", so every version a problem could hinge on is here and
selectable: Confidant, SQLCipher, SQLite, Qt, PySide6, Python, and the Argon2id parameters of
the open vault (they come from its plaintext header, so showing them reveals nothing new). The
vault's path is never shown: a folder name can name a practice or a client.
"""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from resources import bundled
from vault.store.kdf import Argon2Params
from vault.store.version import app_version, engine_versions

LICENCE_LINE = (
    "Confidant is free software: you can redistribute it and/or modify it under the terms of "
    "the GNU General Public License, version 3 or (at your option) any later version "
    "(GPL-3.0-or-later). It comes with no warranty. The full text is in the LICENSE file "
    "shipped with it."
)


def version_rows(kdf: Argon2Params | None) -> list[tuple[str, str]]:
    """(label, value) pairs shown in the About box; `kdf` is the open vault's, if any."""
    engine = engine_versions()
    rows = [
        ("Confidant", app_version()),
        ("SQLCipher", engine.sqlcipher),
        ("SQLite", engine.sqlite),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("Python", platform.python_version()),
    ]
    if kdf is None:
        rows.append(("Vault key derivation", "no vault is open"))
    else:
        rows.append(
            (
                "Vault key derivation",
                f"Argon2id, {kdf.memory_kib // 1024} MiB, {kdf.time_cost} passes, "
                f"{kdf.parallelism} lanes",
            )
        )
    return rows


def third_party_text() -> str:
    """The third-party licence list, shipped as Markdown beside the user guide."""
    return bundled("help", "third-party.md").read_text(encoding="utf-8")


class AboutDialog(QDialog):
    def __init__(self, kdf: Argon2Params | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Confidant")
        self.versions = QLabel(self._versions_html(kdf))
        self.versions.setTextFormat(Qt.TextFormat.RichText)
        self.versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.versions.setAccessibleName("Versions")
        self.versions.setWordWrap(True)
        about = QWidget()
        about_layout = QVBoxLayout(about)
        blurb = QLabel(
            "Confidant keeps a therapist's client records in an encrypted vault on this "
            "computer. It never connects to a network."
        )
        blurb.setWordWrap(True)
        licence = QLabel(LICENCE_LINE)
        licence.setWordWrap(True)
        for widget in (blurb, self.versions, licence):
            about_layout.addWidget(widget)
        about_layout.addStretch(1)
        self.licences = QTextBrowser()
        self.licences.setAccessibleName("Third-party licences")
        self.licences.setOpenLinks(False)  # offline: a link is text to read, not to follow
        self.licences.setMarkdown(third_party_text())
        self.tabs = QTabWidget()
        self.tabs.addTab(about, "About")
        self.tabs.addTab(self.licences, "Licences")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(560, 480)

    @staticmethod
    def _versions_html(kdf: Argon2Params | None) -> str:
        from html import escape

        cells = "".join(
            f"<tr><td>{escape(label)}</td><td>&nbsp;&nbsp;{escape(value)}</td></tr>"
            for label, value in version_rows(kdf)
        )
        return f"<table>{cells}</table>"
