"""A backup folder the therapist typed that does not exist yet: offer to make it.

Only the last folder of the path is ever made. When its parent is missing too, the drive it
belongs to is probably not connected, and making the whole path would quietly put "off-site"
backups on this computer's own disk; so that is refused with a question to check the drive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ui.kit import prompts

CREATE_TITLE = "Create Backup Folder"


def ready_backup_folder(parent: QWidget, folder: Path) -> str:
    """What is wrong with `folder` as the backup folder, or "" when it is ready (made now if
    it did not exist and the therapist agreed)."""
    if folder.is_dir():
        return ""
    if folder.exists():
        return f"{folder} is a file, not a folder. Choose a folder for the backups."
    if not folder.is_absolute():
        return "Choose a full folder path for the backups."
    if not folder.parent.is_dir():
        return (
            f"The backup folder {folder} does not exist, and neither does {folder.parent}. "
            "If it is on an external drive, connect the drive and try again."
        )
    if not prompts.confirm(
        parent,
        CREATE_TITLE,
        f"The backup folder {folder} does not exist yet. Create it now?",
        "Create Folder",
    ):
        return f"The backup folder {folder} does not exist."
    try:
        folder.mkdir(mode=0o700)
    except OSError as exc:
        return f"The backup folder {folder} could not be created ({exc.strerror or exc})."
    return ""
