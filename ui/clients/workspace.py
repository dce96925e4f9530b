"""The unlocked workspace: client list and detail, wired to the vault.

One `Workspace` exists per unlocked session; it is destroyed at lock, so no widget that has
shown a client outlives the key. It guards unsaved edits three ways: a prompt before they would
be left behind, an encrypted draft a few seconds after typing stops (survives a crash), and a
draft at lock (`stash_for_lock`), restored at the next unlock. Vault calls here are small
indexed queries and single-row writes, so they run directly (slow work: `background`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget

from ui.clients.detail import ClientDetail
from ui.clients.form import EMPTY_PROFILE
from ui.clients.list_model import ClientListModel
from ui.clients.list_panel import ClientListPanel
from ui.clients.profile_drafts import (
    DRAFT_DELAY_MS,
    DRAFT_PREFIX,
    NEW_DRAFT_KEY,
    draft_payload,
    profile_from_draft,
)
from ui.kit import prompts
from ui.kit.feature_hook import ClientTabSpec
from ui.kit.held_edits import HeldEdit, hold
from vault import RecordNotFoundError, ValidationError, Vault, VaultError
from vault.clients.records import (
    Client,
    StatusFilter,
    add_client,
    archive_client,
    get_client,
    reactivate_client,
    update_client,
    view_client,
)
from vault.store.errors import InvalidFieldsError
from vault.store.unsaved_edits import (
    discard_unsaved_edit,
    keep_unsaved_edit,
    load_unsaved_edit,
    unsaved_edit_keys,
)


class Workspace(QWidget):
    state_changed = Signal()
    status_message = Signal(str)
    destruction_requested = Signal(int)  # the shell opens the dialog (`ui.clients.destroy_dialog`)

    def __init__(
        self, vault: Vault, tab_specs: list[ClientTabSpec], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.model = ClientListModel(vault, self)
        self.list_panel = ClientListPanel(self.model)
        self.detail = ClientDetail(vault, tab_specs)
        self.form = self.detail.form
        self._client: Client | None = None
        self._editing_new = False
        self._syncing = False
        self._draft_written = False

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list_panel)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 700])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.stash_draft)

        self.list_panel.view.selectionModel().currentChanged.connect(self._current_changed)
        self.list_panel.filter_changed.connect(self._reselect)
        self.form.changed.connect(self._draft_timer.start)
        self.form.dirty_changed.connect(self._dirty_changed)
        self.detail.save_button.clicked.connect(self.save)
        self.detail.revert_button.clicked.connect(self.revert)
        self.detail.archive_button.clicked.connect(self.archive)
        self.detail.reactivate_button.clicked.connect(self.reactivate)
        self.detail.destroy_button.clicked.connect(self._request_destruction)

        self.list_panel.refresh()
        self.detail.show_placeholder()
        self.detail.set_dirty(False)

    # ----- state --------------------------------------------------------------------------------

    @property
    def current_client(self) -> Client | None:
        return self._client

    @property
    def editing_new(self) -> bool:
        return self._editing_new

    def has_record(self) -> bool:
        return self._client is not None or self._editing_new

    def is_dirty(self) -> bool:
        return self.has_record() and self.form.is_dirty()

    def can_archive(self) -> bool:
        return self._client is not None and self._client.archived_at is None

    def can_reactivate(self) -> bool:
        return self._client is not None and self._client.archived_at is not None

    def _draft_key(self) -> str | None:
        if self._editing_new:
            return NEW_DRAFT_KEY
        return f"{DRAFT_PREFIX}{self._client.id}" if self._client else None

    # ----- navigation -------------------------------------------------------------------------

    def focus_filter(self) -> None:
        self.list_panel.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.list_panel.filter_edit.selectAll()

    def set_status_filter(self, status: StatusFilter) -> None:
        self.list_panel.set_status(status)

    def _current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        if self._syncing or not current.isValid():
            return
        client_id = self.model.client_id_at(current.row())
        if client_id is None or (
            self._client and self._client.id == client_id and not self._editing_new
        ):
            return
        if not self.resolve_unsaved():
            self._reselect()
            return
        self.open_client(client_id)

    def _reselect(self) -> None:
        """Point the list's selection at the record shown, without treating it as navigation."""
        if not self.vault.is_open:
            return
        self._syncing = True
        try:
            self.list_panel.select_client(self._client.id if self._client else None)
        finally:
            self._syncing = False

    def open_client(self, client_id: int) -> None:
        try:
            client = view_client(self.vault, client_id)  # recorded in the audit trail
        except RecordNotFoundError:
            self.list_panel.refresh()
            return
        self._client, self._editing_new = client, False
        self._draft_written = False
        draft = load_unsaved_edit(self.vault, f"{DRAFT_PREFIX}{client.id}")
        restored = profile_from_draft(draft) if draft else None
        self.form.set_profile(restored or client.profile, saved=client.profile)
        self.detail.show_record(
            client.display_name, client.id, archived=client.archived_at is not None
        )
        if restored:
            self._draft_written = True
            self.detail.set_notice(
                "Unsaved changes from before the vault was locked were "
                "restored. Save them, or Revert to throw them away."
            )
        elif client.archived_at:
            self.detail.set_notice(
                "This client is archived. Their record is kept; "
                "Reactivate to list them among active clients again."
            )
        else:
            self.detail.set_notice("")
        self._reselect()
        self.state_changed.emit()

    def go_to_client(self, client_id: int) -> bool:
        """Show `client_id` (for features such as note search); False if unsaved edits stay.

        Widens the list's filter when it hides that client, so list and record agree.
        """
        if self._client is not None and self._client.id == client_id and not self._editing_new:
            return True
        if not self.resolve_unsaved():
            return False
        if self.model.row_of(client_id) is None:
            self.list_panel.filter_edit.clear()
        if self.model.row_of(client_id) is None:
            self.list_panel.set_status("all")
        self.open_client(client_id)
        return self._client is not None and self._client.id == client_id

    def new_client(self) -> None:
        if not self.resolve_unsaved():
            return
        self._client, self._editing_new = None, True
        draft = load_unsaved_edit(self.vault, NEW_DRAFT_KEY)
        restored = profile_from_draft(draft) if draft else None
        self._draft_written = restored is not None
        self.form.set_profile(restored or EMPTY_PROFILE, saved=EMPTY_PROFILE)
        self.detail.show_record("New client", None, archived=False)
        self.detail.set_notice("Unsaved changes to a new client were restored." if restored else "")
        self._reselect()
        self.form.focus_field("full_name")
        self.state_changed.emit()

    # ----- unsaved edits ----------------------------------------------------------------------

    def resolve_unsaved(self) -> bool:
        """True when it is fine to leave the record shown (saved, discarded or unchanged)."""
        if not all(tab.may_leave_client() for tab in self.detail.extra_tabs):
            return False
        if not self.is_dirty():
            return True
        choice = prompts.ask_unsaved_changes(self)
        if not self.vault.is_open:  # locked while the question was up: the draft has it
            return False
        if choice == "save":
            return self.save()
        if choice == "discard":
            self._discard_current_draft()
            self.form.set_profile(self._client.profile if self._client else EMPTY_PROFILE)
            return True
        return False

    def stash_draft(self) -> None:
        """Keep the unsaved edits as an encrypted draft in the vault (never anywhere else)."""
        key = self._draft_key()
        if key is None or not self.vault.is_open:
            return
        if self.form.is_dirty():
            client_id = self._client.id if self._client else None
            keep_unsaved_edit(self.vault, key, draft_payload(client_id, self.form.profile()))
            self._draft_written = True
        elif self._draft_written:
            self._discard_current_draft()

    def stash_for_lock(self) -> None:
        """Called while the vault is still open, just before it locks.

        Every part is asked to keep its unsaved work, even when an earlier part failed; what
        could not be written is held in memory (`ui.kit.held_edits`) and the failures are
        raised together, so the lock screen says all of them.
        """
        self._draft_timer.stop()
        problems: list[str] = []
        try:
            self.stash_draft()
        except VaultError as exc:
            problems.append(str(exc))
            self._hold_profile_edits()
        for tab in self.detail.extra_tabs:
            try:
                tab.stash_for_lock()
            except VaultError as exc:
                problems.append(str(exc))
        self.model.clear()
        if problems:
            raise VaultError(" ".join(problems))

    def _hold_profile_edits(self) -> None:
        key = self._draft_key()
        if key is None or not self.form.is_dirty():
            return
        client_id = self._client.id if self._client else None
        payload = draft_payload(client_id, self.form.profile())
        hold(
            HeldEdit(
                self.vault.vault_id,
                str(self.vault.directory),
                "unsaved changes to a client's profile",
                lambda vault: keep_unsaved_edit(vault, key, payload),
            )
        )

    def restore_latest_draft(self) -> None:
        """Reopen the record whose edits were kept at the last lock (call once it is shown)."""
        keys = unsaved_edit_keys(self.vault, DRAFT_PREFIX)
        if not keys:
            return
        key = keys[-1]
        if key == NEW_DRAFT_KEY:
            self.new_client()
        else:
            try:
                client_id = int(key.removeprefix(DRAFT_PREFIX))
                get_client(self.vault, client_id)
            except (ValueError, RecordNotFoundError):
                discard_unsaved_edit(self.vault, key)
                return
            self.open_client(client_id)
        self.status_message.emit("Unsaved changes from before the lock were restored.")

    def _discard_current_draft(self) -> None:
        key = self._draft_key()
        if key is not None:
            discard_unsaved_edit(self.vault, key)
        self._draft_written = False

    def _dirty_changed(self, dirty: bool) -> None:
        self.detail.set_dirty(dirty)
        self.state_changed.emit()

    # ----- commands ---------------------------------------------------------------------------

    def save(self) -> bool:
        if not self.has_record():
            return False
        self._draft_timer.stop()
        profile = self.form.profile()
        try:
            if self._editing_new:
                client = add_client(self.vault, profile)
            else:
                assert self._client is not None
                client = update_client(self.vault, self._client.id, profile)
        except ValidationError as exc:
            problems = exc.problems if isinstance(exc, InvalidFieldsError) else (exc,)
            self.detail.set_error("")
            self.detail.set_problems([str(p) for p in problems])
            self.form.show_problems(problems)
            return False
        except VaultError as exc:
            self.detail.set_error(str(exc))
            return False
        self._discard_current_draft()
        self._client, self._editing_new = client, False
        self.detail.set_problems([])
        self.form.mark_saved(client.profile)
        self.detail.show_record(
            client.display_name, client.id, archived=client.archived_at is not None
        )
        self.detail.set_notice("")
        self.list_panel.refresh()
        self.status_message.emit("Saved.")
        self.state_changed.emit()
        return True

    def revert(self) -> None:
        if not self.is_dirty():
            return
        if not prompts.confirm(
            self, "Revert changes", "Throw away the changes made since the last save?", "Revert"
        ):
            return
        if not self.vault.is_open:
            return
        self._discard_current_draft()
        self.form.set_profile(self._client.profile if self._client else EMPTY_PROFILE)
        self.detail.set_notice("")
        self.detail.set_error("")
        self.state_changed.emit()

    def archive(self) -> None:
        if not self.can_archive() or not self.resolve_unsaved():
            return
        if (
            not prompts.confirm(
                self,
                "Archive client",
                "Archive this client? Their record is kept in full; you will find them under "
                "Inactive clients, and can reactivate them at any time.",
                "Archive",
            )
            or not self.vault.is_open
            or self._client is None
        ):
            return
        self._set_archived(archive_client(self.vault, self._client.id), "Client archived.")

    def reactivate(self) -> None:
        if not self.can_reactivate() or not self.resolve_unsaved() or self._client is None:
            return
        self._set_archived(reactivate_client(self.vault, self._client.id), "Client reactivated.")

    def _request_destruction(self) -> None:
        if self._client is not None and self.resolve_unsaved():
            self.destruction_requested.emit(self._client.id)

    def forget_destroyed(self, client_id: int) -> None:
        """After a client's record was destroyed: nothing of it is shown, held or re-saved."""
        if self._client is not None and self._client.id == client_id:
            self._draft_timer.stop()
            self._client, self._draft_written = None, False
            self.detail.show_placeholder()
            self.detail.set_dirty(False)
        self.list_panel.refresh()
        self.state_changed.emit()

    def _set_archived(self, client: Client, message: str) -> None:
        self.list_panel.refresh()
        self.open_client(client.id)
        self.status_message.emit(message)
