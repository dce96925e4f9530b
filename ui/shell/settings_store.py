"""The app's remembered preferences: paths and numbers only, never client data.

QSettings is a plaintext file (or registry entry), so nothing that names a client, a note or a
search goes here. Practice details live inside the vault (`vault.practice`) for the same reason.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from vault.store.auto_backup import DEFAULT_WARN_AFTER_DAYS, AutoBackupSettings
from vault.store.backup_rotation import (
    DEFAULT_KEEP_LAST,
    DEFAULT_MONTHLY_MONTHS,
    DEFAULT_WEEKLY_WEEKS,
    RotationPolicy,
)

DEFAULT_AUTO_LOCK_MINUTES = 5
MIN_AUTO_LOCK_MINUTES = 1
MAX_AUTO_LOCK_MINUTES = 240
DEFAULT_LOCK_WARNING_SECONDS = 30
MAX_LOCK_WARNING_SECONDS = 120
DEFAULT_VAULT_NAME = "Practice.vault"
PAPER_SIZES = ("A4", "Letter")  # an export's paper: a preference, nothing about a client
# The backup numbers: (key, default, lowest, highest). Keep-last is at least 1: the newest stays.
BACKUP_NUMBERS: dict[str, tuple[int, int, int]] = {
    "backup/keep_last": (DEFAULT_KEEP_LAST, 1, 500),
    "backup/weekly_weeks": (DEFAULT_WEEKLY_WEEKS, 0, 520),
    "backup/monthly_months": (DEFAULT_MONTHLY_MONTHS, 0, 1200),
    "backup/warn_after_days": (DEFAULT_WARN_AFTER_DAYS, 1, 365),
}


def default_vault_path() -> Path:
    """Where a first vault goes: the platform's application-data folder for Confidant."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:
        base = str(Path.home() / ".confidant")
    return Path(base) / DEFAULT_VAULT_NAME


class AppSettings:
    """Typed access to the few values Confidant keeps outside the vault."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings if settings is not None else QSettings()

    def _text(self, key: str) -> str:
        value = self._s.value(key, "")
        return value if isinstance(value, str) else ""

    @property
    def last_vault_path(self) -> Path | None:
        text = self._text("vault/last_path")
        return Path(text) if text else None

    @last_vault_path.setter
    def last_vault_path(self, path: Path | None) -> None:
        self._s.setValue("vault/last_path", str(path) if path else "")

    @property
    def auto_lock_minutes(self) -> int:
        try:
            minutes = int(str(self._s.value("lock/auto_lock_minutes", DEFAULT_AUTO_LOCK_MINUTES)))
        except ValueError:
            return DEFAULT_AUTO_LOCK_MINUTES
        return max(MIN_AUTO_LOCK_MINUTES, min(MAX_AUTO_LOCK_MINUTES, minutes))

    @auto_lock_minutes.setter
    def auto_lock_minutes(self, minutes: int) -> None:
        minutes = max(MIN_AUTO_LOCK_MINUTES, min(MAX_AUTO_LOCK_MINUTES, int(minutes)))
        self._s.setValue("lock/auto_lock_minutes", minutes)

    @property
    def lock_warning_seconds(self) -> int:
        """How long before an idle lock the countdown shows; 0 turns it off."""
        try:
            seconds = int(str(self._s.value("lock/warning_seconds", DEFAULT_LOCK_WARNING_SECONDS)))
        except ValueError:
            return DEFAULT_LOCK_WARNING_SECONDS
        return max(0, min(MAX_LOCK_WARNING_SECONDS, seconds))

    @lock_warning_seconds.setter
    def lock_warning_seconds(self, seconds: int) -> None:
        self._s.setValue("lock/warning_seconds", max(0, min(MAX_LOCK_WARNING_SECONDS, seconds)))

    @property
    def lock_on_minimise(self) -> bool:
        return str(self._s.value("lock/on_minimise", "false")).lower() in ("true", "1")

    @lock_on_minimise.setter
    def lock_on_minimise(self, enabled: bool) -> None:
        self._s.setValue("lock/on_minimise", "true" if enabled else "false")

    @property
    def backup_folder(self) -> Path | None:
        text = self._text("backup/folder")
        return Path(text) if text else None

    @backup_folder.setter
    def backup_folder(self, path: Path | None) -> None:
        self._s.setValue("backup/folder", str(path) if path else "")

    def backup_number(self, key: str) -> int:
        default, low, high = BACKUP_NUMBERS[key]
        try:
            value = int(str(self._s.value(key, default)))
        except ValueError:
            return default
        return max(low, min(high, value))

    def set_backup_number(self, key: str, value: int) -> None:
        _default, low, high = BACKUP_NUMBERS[key]
        self._s.setValue(key, max(low, min(high, int(value))))

    def auto_backup(self) -> AutoBackupSettings:
        """The automatic backups' folder, rotation and warning age, as the vault wants them."""
        return AutoBackupSettings(
            self.backup_folder,
            RotationPolicy(
                self.backup_number("backup/keep_last"),
                self.backup_number("backup/weekly_weeks"),
                self.backup_number("backup/monthly_months"),
            ),
            timedelta(days=self.backup_number("backup/warn_after_days")),
        )

    @property
    def export_paper(self) -> str:
        """The paper size the last PDF export was made on (A4 until one is chosen)."""
        value = self._text("export/paper")
        return value if value in PAPER_SIZES else PAPER_SIZES[0]

    @export_paper.setter
    def export_paper(self, paper: str) -> None:
        self._s.setValue("export/paper", paper if paper in PAPER_SIZES else PAPER_SIZES[0])

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @window_geometry.setter
    def window_geometry(self, geometry: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)

    def sync(self) -> None:
        self._s.sync()
