"""The signed forms of a consent or a release: attach, list, save a copy, replace, remove.

Files are read in and copies written out in the background (`run_in_background`), so a
20 MB scan never freezes the window; the vault checks each file's size before reading it
whole. A copy leaves the vault only to the file the therapist chooses to save, and only that
file is offered to the system viewer, with the plain warning that it is not encrypted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTreeWidgetItem, QVBoxLayout, QWidget

from ui.consent.record_dialog import plain_label, record_tree, selected_id, tree_row
from ui.kit import prompts, system_viewer
from ui.kit.background import run_in_background, show_failure
from ui.kit.note_labels import timestamp_label
from vault import Vault, VaultError
from vault.consent.attachments import (
    Attachment,
    attach_form_file,
    remove_attachment,
    replace_attachment_file,
    save_attachment,
)
from vault.consent.form_files import MAX_BYTES, MEDIA_TYPES, size_text, type_label

OwnerKind = Literal["consent", "release"]
OPEN_FILTER = "Signed forms (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"


def state_text(form: Attachment) -> str:
    if form.in_record:
        return "in the record"
    when = timestamp_label(form.removed_at or "")[:10]
    if form.removal == "replaced":
        return f"replaced {when} by form {form.replaced_by}"
    return f"removed {when}: attached by mistake"


def owner_id(form: Attachment) -> int:
    """The id of the consent or release the form was signed for."""
    return form.consent_id if form.consent_id is not None else form.release_id or 0


def name_text(form: Attachment) -> str:
    return form.file_name or "(name removed with the file)"


class AttachmentPanel(QWidget):
    """Lists `forms` of the records of one kind; new forms go to the `target` record."""

    changed = Signal()

    def __init__(self, vault: Vault, kind: OwnerKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._kind = kind
        self.target: int | None = None
        self.forms: dict[int, Attachment] = {}
        self.busy = False
        self._doing = ""  # what the job running is, to title a refusal
        self.heading = plain_label(name="Hint")
        self.tree = record_tree(
            "Signed forms", ["Form", "Type", "Size", "Added", "Signed for", "State"]
        )
        self.tree.setMaximumHeight(120)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.itemActivated.connect(lambda *_: self.save_copy())  # Enter or double-click
        self.attach_button = QPushButton("Attach Signed &Form…")
        self.save_button = QPushButton("Save a &Copy…")
        self.replace_button = QPushButton("Replace…")
        self.remove_button = QPushButton("Remove…")
        self.attach_button.setToolTip(
            f"A PDF, PNG, JPEG or TIFF file of at most {size_text(MAX_BYTES)}, kept encrypted"
        )
        self.save_button.setToolTip("Save an unencrypted copy where you choose, to open or print")
        self.replace_button.setToolTip("Attach a better scan of the same form in its place")
        self.remove_button.setToolTip("Take out a file attached by mistake")
        self.attach_button.clicked.connect(self.attach)
        self.save_button.clicked.connect(self.save_copy)
        self.replace_button.clicked.connect(self.replace)
        self.remove_button.clicked.connect(self.remove)
        bar = QHBoxLayout()
        for button in (
            self.attach_button, self.save_button, self.replace_button, self.remove_button
        ):  # fmt: skip
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(self.tree)

    def show_forms(
        self, target: int | None, forms: list[Attachment], heading: str, owners: dict[int, str]
    ) -> None:
        """Show `forms`; `owners` names the record each belongs to (by the record's id), and
        `target` is the record a new form is attached to (None: attaching is not offered)."""
        self.target = target
        self.forms = {form.id: form for form in forms}
        self.heading.setText(heading)
        self.tree.clear()
        dim = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for form in forms:
            item = tree_row(
                [
                    name_text(form),
                    type_label(form.media_type),
                    size_text(form.size_bytes),
                    timestamp_label(form.added_at),
                    owners.get(owner_id(form), ""),
                    state_text(form),
                ],
                form.id,
            )
            item.setToolTip(0, f"Form {form.id}, SHA-256 {form.sha256}")
            if not form.in_record:
                _dim(item, dim)
            self.tree.addTopLevelItem(item)
        for column in range(5):
            self.tree.resizeColumnToContents(column)
        self._enable()

    def chosen(self) -> Attachment | None:
        return self.forms.get(selected_id(self.tree) or 0)

    def _enable(self) -> None:
        form = self.chosen()
        usable = form is not None and form.in_record and not self.busy
        self.attach_button.setEnabled(self.target is not None and not self.busy)
        for button in (self.save_button, self.replace_button, self.remove_button):
            button.setEnabled(usable)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._enable()

    # ----- reading a file in -------------------------------------------------------------------

    def attach(self) -> None:
        if self.target is None or self.busy:
            return
        path = prompts.choose_open_file(
            self, "Attach the signed form (PDF or a scan)", OPEN_FILTER, documents_folder()
        )
        if path is not None:
            self.attach_path(path, self.target)

    def attach_path(self, path: Path, target: int) -> None:
        """Read `path` in the background and attach it to record `target` of this kind."""
        vault, kind = self._vault, self._kind

        def work() -> Attachment:
            if kind == "consent":
                return attach_form_file(vault, path, consent_id=target)
            return attach_form_file(vault, path, release_id=target)

        self._run(work, "Attaching the signed form…", "Could not attach the form")

    def replace(self) -> None:
        form = self.chosen()
        if form is None or not form.in_record or self.busy:
            return
        path = prompts.choose_open_file(
            self, f"Replace “{name_text(form)}” with a better scan", OPEN_FILTER, documents_folder()
        )
        if path is None or not prompts.confirm(
            self,
            "Replace the signed form",
            f"Replace “{name_text(form)}” with {path.name}?\n\nThe new file takes its place. "
            "The old file is deleted from the vault; the record keeps a note that it was "
            "replaced, and when.",
            "Replace",
        ):
            return
        vault, form_id = self._vault, form.id
        self._run(
            lambda: replace_attachment_file(vault, form_id, path),
            "Replacing the form…",
            "Could not replace the form",
        )

    def remove(self) -> None:
        form = self.chosen()
        if form is None or not form.in_record or self.busy:
            return
        if not prompts.confirm(
            self,
            "Remove the signed form",
            f"Remove “{name_text(form)}” as attached by mistake (the wrong file, or another "
            "client's form)?\n\nIts file and its name are deleted from the vault. The record "
            f"keeps only that a form was attached on {timestamp_label(form.added_at)} and "
            "removed. This cannot be undone.\n\nTo put a better scan in its place, use "
            "Replace instead.",
            "Remove",
        ):
            return
        vault, form_id = self._vault, form.id
        self._run(
            lambda: remove_attachment(vault, form_id), "Removing the form…", "Could not remove it"
        )

    def _run(self, work: Callable[[], Attachment], label: str, refused: str) -> None:
        self._doing = refused
        self._set_busy(True)
        run_in_background(work, self._done, self._failed, owner=self, busy_label=label)

    def _done(self, _form: Attachment) -> None:
        self._set_busy(False)
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        """The vault's own words under a title saying what failed; else the type only."""
        self._set_busy(False)
        if isinstance(error, VaultError):
            prompts.warn(self, self._doing, str(error))
        else:
            show_failure(self, error)

    # ----- writing a copy out ------------------------------------------------------------------

    def save_copy(self) -> None:
        form = self.chosen()
        if form is None or not form.in_record or self.busy:
            return
        endings = " ".join(f"*{e}" for e in MEDIA_TYPES[form.media_type][1])
        path = prompts.choose_save_file(
            self,
            "Save a copy of the signed form (not encrypted)",
            str(Path(documents_folder()) / form.file_name),
            f"{type_label(form.media_type)} ({endings})",
        )
        if path is None:
            return
        vault, form_id = self._vault, form.id
        self._doing = "Could not save the copy"
        self._set_busy(True)
        run_in_background(
            lambda: save_attachment(vault, form_id, path),
            self._saved,
            self._failed,
            owner=self,
            busy_label="Saving a copy of the form…",
        )

    def _saved(self, path: Path) -> None:
        self._set_busy(False)
        if prompts.confirm(
            self,
            "Copy saved",
            f"A copy of the form was saved to:\n{path}\n\nThis copy is NOT encrypted: anyone "
            "who can open files on this computer can read it. Delete it when you no longer "
            "need it.\n\nOpen it now in the system viewer?",
            "Open",
        ) and not system_viewer.open_saved_file(path):
            prompts.warn(
                self,
                "Could not open the copy",
                f"No program on this computer would open {path.name}. The copy is at {path}.",
            )


def _dim(item: QTreeWidgetItem, brush: QBrush) -> None:
    for column in range(item.columnCount()):
        item.setForeground(column, brush)


def documents_folder() -> str:
    """Where the file choosers start: Documents, or the home folder where there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return documents
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation)
