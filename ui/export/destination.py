"""Where an export is saved: the save-file chooser, the right extension, and replacing.

A suggested name never carries a client's name (a file name is plaintext on disk, in
"recent files" lists and in backups of the folder): ids and dates only, in Documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from ui.kit import prompts


@dataclass(frozen=True)
class Destination:
    path: Path
    overwrite: bool  # the therapist agreed to replace the file already there


def suggested_path(name: str) -> Path:
    """In Documents when there is one, else in the home folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if folder and Path(folder).is_dir():
        return Path(folder) / name
    return Path.home() / name


def choose_destination(
    parent: QWidget | None, title: str, suggested_name: str, extension: str, kind: str
) -> Destination | None:
    """The file to write, ending in `extension`; None when the therapist cancelled.

    The chooser asks before replacing what it shows; a name given without the extension is
    completed, and replacing a file under the completed name is asked here."""
    chosen = prompts.choose_save_file(
        parent, title, str(suggested_path(suggested_name)), f"{kind} (*{extension})"
    )
    if chosen is None:
        return None
    if chosen.suffix.lower() == extension:
        return Destination(chosen, chosen.exists())
    chosen = chosen.with_name(chosen.name + extension)
    if not chosen.exists():
        return Destination(chosen, False)
    if prompts.confirm(
        parent,
        "Replace the file?",
        f"{chosen.name} already exists in that folder. Replace it?",
        "Replace",
    ):
        return Destination(chosen, True)
    return None
