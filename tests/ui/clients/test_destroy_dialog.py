"""The destruction dialog: counts first, the button disabled until the name is typed exactly,
then the record goes on the background helper and the window forgets the client."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from tests.ui.consent.support import feature, start_app
from tests.ui.notes_support import NotesApp, write_note
from tests.vault.destruction.practice import GONE_NAME, build_practice
from ui.clients.destroy_dialog import DestroyClientDialog
from ui.shell.controller import AppController
from ui.shell.settings_store import AppSettings
from vault import RecordNotFoundError, Vault
from vault.clients.records import ClientProfile, add_client, get_client
from vault.consent.due import DESTRUCTION_DUE


def _dialog(qtbot: QtBot, vault: Vault, client_id: int, folder: Path | None = None):
    dialog = DestroyClientDialog(vault, client_id, folder)
    qtbot.addWidget(dialog)
    return dialog


def test_a_wrong_name_keeps_the_button_disabled(qtbot: QtBot, vault: Vault) -> None:
    practice = build_practice(vault)
    dialog = _dialog(qtbot, vault, practice.gone, Path("/demo/backups"))
    dialog.show()
    assert not dialog.destroy_button.isEnabled()
    for typed in ("Demo", GONE_NAME.lower(), GONE_NAME + ".", "Demo Kpartner Stayswell"):
        dialog.confirmation.setText(typed)
        assert not dialog.destroy_button.isEnabled()
    QTest.keyClick(dialog.confirmation, Qt.Key.Key_Return)  # Enter does not slip past it
    assert dialog.isVisible() and dialog.result() == 0
    assert get_client(vault, practice.gone).profile.full_name == GONE_NAME
    text = dialog.summary.text()
    assert "2 notes this client alone took part in" in text
    assert "1 consent (with their revisits)" in text and "attached" not in text  # no zeros
    assert "1 joint session note will stay for the other participants" in text
    assert "1 section private to this client and 1 amendment they asked for" in text
    assert "Backups made before the destruction still hold this record" in text
    assert "No backup is in /demo/backups" in text


def test_the_right_name_destroys_on_the_background_helper(qtbot: QtBot, vault: Vault) -> None:
    practice = build_practice(vault)
    dialog = _dialog(qtbot, vault, practice.gone)
    dialog.show()
    QTest.keyClicks(dialog.confirmation, "  " + GONE_NAME)
    assert dialog.destroy_button.isEnabled()
    with qtbot.waitSignal(dialog.record_destroyed, timeout=20_000) as destroyed:
        QTest.keyClick(dialog.confirmation, Qt.Key.Key_Return)
        assert dialog.status.text() == "Destroying the record…"
        assert not dialog.destroy_button.isEnabled()
    assert destroyed.args[0].client_id == practice.gone
    assert dialog.result() == DestroyClientDialog.DialogCode.Accepted
    try:
        get_client(vault, practice.gone)
    except RecordNotFoundError:
        pass
    else:
        raise AssertionError("the client is still there")


def test_a_client_with_drafts_cannot_be_destroyed_here_either(qtbot: QtBot, vault: Vault) -> None:
    practice = build_practice(vault)
    write_note(vault, (practice.gone,), "Demo draft")
    dialog = _dialog(qtbot, vault, practice.gone)
    dialog.confirmation.setText(GONE_NAME)
    assert not dialog.destroy_button.isEnabled() and not dialog.confirmation.isEnabled()
    assert "1 unsigned note" in dialog.error.text()


def test_names_and_text_are_escaped(qtbot: QtBot, vault: Vault) -> None:
    client = add_client(vault, ClientProfile(full_name="Demo <b>Bold</b> & <i>Co"))
    dialog = _dialog(qtbot, vault, client.id, Path("/demo/<script>"))
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;i&gt;Co" in dialog.summary.text()
    assert "/demo/&lt;script&gt;" in dialog.summary.text()
    dialog.confirmation.setText("Demo <b>Bold</b> & <i>Co")
    assert dialog.destroy_button.isEnabled()


def _past_retention_app(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    vault_dir: Path,
) -> tuple[NotesApp, int, int]:
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=SESSION_FLOOR) as v:
        practice = build_practice(v)
    app = start_app(qtbot, make_controller, app_settings, vault_dir)
    return app, practice.gone, practice.kept


def _open_dialog(qtbot: QtBot, app: NotesApp) -> DestroyClientDialog:
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, DestroyClientDialog) and w.isVisible()
            for w in QApplication.topLevelWidgets()
        )
    )
    return next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, DestroyClientDialog) and w.isVisible()
    )


def test_from_the_profile_the_record_goes_and_the_window_forgets_it(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    vault_dir: Path,
) -> None:
    app, gone, kept = _past_retention_app(qtbot, make_controller, app_settings, vault_dir)
    assert app.workspace.go_to_client(gone)
    assert not app.workspace.detail.destroy_button.isHidden()
    app.workspace.detail.destroy_button.click()
    dialog = _open_dialog(qtbot, app)
    QTest.keyClicks(dialog.confirmation, GONE_NAME)
    dialog.destroy_button.click()
    qtbot.waitUntil(lambda: app.workspace.current_client is None, timeout=20_000)
    assert app.workspace.model.row_of(gone) is None
    assert app.workspace.model.row_of(kept) is not None
    assert app.workspace.detail.currentIndex() == 0  # "choose a client", not the old record
    assert "destroyed" in app.controller.window.statusBar().currentMessage()
    app.controller.lock("manual")
    with Vault.open(vault_dir, PASSPHRASE) as v:
        assert v.db.query("SELECT key FROM drafts") == []  # nothing re-saved at the lock


def test_from_today_the_record_past_retention_opens_the_dialog(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    vault_dir: Path,
) -> None:
    app, gone, _kept = _past_retention_app(qtbot, make_controller, app_settings, vault_dir)
    consent = feature(app)
    consent.show_home()
    home = consent.home
    assert home is not None
    rows = [home.tree.topLevelItem(i) for i in range(home.tree.topLevelItemCount())]
    row = next(
        r
        for r in rows
        if r is not None and r.data(0, Qt.ItemDataRole.UserRole)[0] == DESTRUCTION_DUE
    )
    home.tree.setCurrentItem(row)
    QTest.keyClick(home.tree, Qt.Key.Key_Return)
    dialog = _open_dialog(qtbot, app)
    assert dialog.preview.client.id == gone
    assert app.workspace.current_client is not None and app.workspace.current_client.id == gone
    QTest.keyClicks(dialog.confirmation, GONE_NAME)
    dialog.destroy_button.click()
    qtbot.waitUntil(lambda: app.workspace.current_client is None, timeout=20_000)
    consent.show_home()
    texts = [home.tree.topLevelItem(i).text(1) for i in range(home.tree.topLevelItemCount())]
    assert GONE_NAME not in texts


def test_the_client_menu_command_offers_the_shown_client(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    vault_dir: Path,
) -> None:
    app, gone, _kept = _past_retention_app(qtbot, make_controller, app_settings, vault_dir)
    assert app.workspace.go_to_client(gone)
    feature(app).destroy_action.trigger()
    dialog = _open_dialog(qtbot, app)
    assert dialog.preview.client.id == gone
    dialog.reject()
    assert get_client(app.vault, gone).profile.full_name == GONE_NAME


def test_search_results_are_forgotten_once_a_record_is_destroyed(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    vault_dir: Path,
) -> None:
    app, gone, _kept = _past_retention_app(qtbot, make_controller, app_settings, vault_dir)
    app.search.show_search()
    search = app.search.dialog
    assert search is not None
    search.query.setText("Gonealonenotetext")
    search.run_search()
    qtbot.waitUntil(lambda: search.model.rowCount() > 0, timeout=10_000)
    app.controller.window.workspace.destruction_requested.emit(gone)  # type: ignore[union-attr]
    dialog = _open_dialog(qtbot, app)
    dialog.confirmation.setText(GONE_NAME)
    dialog.destroy_button.click()
    qtbot.waitUntil(lambda: app.workspace.current_client is None, timeout=20_000)
    assert search.model.rowCount() == 0 and search.query.text() == ""


def test_the_main_window_has_the_focus_again_when_the_dialog_closes(
    qtbot: QtBot,
    make_controller: Callable[[], AppController],
    app_settings: AppSettings,
    vault_dir: Path,
) -> None:
    app, gone, _kept = _past_retention_app(qtbot, make_controller, app_settings, vault_dir)
    # A record is past its retention, so the Today view follows the unlock (read on the
    # background helper): let it come, then close it.
    qtbot.waitUntil(lambda: feature(app).home is not None, timeout=10_000)
    feature(app).home.close()  # type: ignore[union-attr]
    app.workspace.destruction_requested.emit(gone)
    dialog = _open_dialog(qtbot, app)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    QTest.keyClick(dialog.confirmation, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is app.controller.window)
