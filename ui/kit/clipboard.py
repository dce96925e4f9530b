"""The clipboard at lock: what Confidant put there (a name, a copied note) must not outlive it.

A secret (a generated export password) is also cleared after a short while, as KeePassXC
clears a copied password, and is marked so clipboard managers that honour the hint keep it
out of their history.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

SECRET_CLEAR_MS = 60_000
# The hint KDE's Klipper and other clipboard managers read to leave an entry out of history.
_HISTORY_HINT = "x-kde-passwordManagerHint"


def clear_own_clipboard() -> None:
    """Clear the clipboard and the X11 selection, but only while they still hold our text."""
    clipboard = QGuiApplication.clipboard()
    if clipboard.ownsClipboard():
        clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection() and clipboard.ownsSelection():
        clipboard.clear(QClipboard.Mode.Selection)


def copy_secret(text: str, clear_after_ms: int = SECRET_CLEAR_MS) -> None:
    """Put `text` on the clipboard, then clear it after `clear_after_ms` if it is still there.

    The lock clears it sooner (`clear_own_clipboard`); something copied since is left alone."""
    clipboard = QGuiApplication.clipboard()
    data = QMimeData()
    data.setText(text)
    data.setData(_HISTORY_HINT, b"secret")
    clipboard.setMimeData(data, QClipboard.Mode.Clipboard)

    def clear_if_unchanged() -> None:
        if clipboard.text(QClipboard.Mode.Clipboard) == text:
            clipboard.clear(QClipboard.Mode.Clipboard)

    QTimer.singleShot(clear_after_ms, clipboard, clear_if_unchanged)
