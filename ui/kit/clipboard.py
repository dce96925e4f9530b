"""The clipboard at lock: what Confidant put there (a name, a copied note) must not outlive it."""

from __future__ import annotations

from PySide6.QtGui import QClipboard, QGuiApplication


def clear_own_clipboard() -> None:
    """Clear the clipboard and the X11 selection, but only while they still hold our text."""
    clipboard = QGuiApplication.clipboard()
    if clipboard.ownsClipboard():
        clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection() and clipboard.ownsSelection():
        clipboard.clear(QClipboard.Mode.Selection)
