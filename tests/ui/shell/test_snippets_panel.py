"""Settings → Snippets: list, add, edit and remove the therapist's codes, saved in the vault."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import Answers
from ui.shell.controller import AppController
from ui.shell.settings_dialog import SettingsDialog
from ui.shell.snippets_panel import SnippetDialog, SnippetsPanel
from vault import Vault
from vault.audit.trail import AuditFilter, list_entries
from vault.clients.practice import load_practice_details, save_practice_details
from vault.notes.snippets import add_snippet, list_snippets

PHRASE = "Demo client denied suicidal ideation, intent or plan."


def _vault(controller: AppController) -> Vault:
    assert controller.vault is not None
    return controller.vault


def _panel(qtbot: QtBot, controller: AppController) -> SnippetsPanel:
    vault = _vault(controller)
    dialog = SettingsDialog(
        controller.settings,
        load_practice_details(vault),
        lambda details: save_practice_details(vault, details),
        controller.window,
        vault=vault,
    )
    qtbot.addWidget(dialog)
    dialog.show_snippets()
    assert dialog.snippets is not None
    return dialog.snippets


def _fill(qtbot: QtBot, dialog: SnippetDialog | None, code: str, phrase: str) -> SnippetDialog:
    assert dialog is not None
    dialog.code.setText(code)
    dialog.phrase.setPlainText(phrase)
    dialog.accept()
    return dialog


def test_settings_has_a_snippets_tab_listing_what_the_vault_holds(
    qtbot: QtBot, unlocked: AppController
) -> None:
    add_snippet(_vault(unlocked), ";si", PHRASE)
    panel = _panel(qtbot, unlocked)
    assert panel.codes() == [";si"]
    assert panel.table.item(0, 1).text() == PHRASE


def test_a_snippet_added_in_the_dialog_is_saved_and_listed(
    qtbot: QtBot, unlocked: AppController
) -> None:
    panel = _panel(qtbot, unlocked)
    panel.add()
    dialog = _fill(qtbot, panel.dialog, ";si", PHRASE)
    assert dialog.result() == SnippetDialog.DialogCode.Accepted
    assert [(s.code, s.phrase) for s in list_snippets(_vault(unlocked))] == [(";si", PHRASE)]
    assert panel.codes() == [";si"] and panel.selected() is not None


def test_a_code_that_cannot_work_keeps_the_dialog_open_with_the_reason(
    qtbot: QtBot, unlocked: AppController
) -> None:
    panel = _panel(qtbot, unlocked)
    panel.add()
    assert panel.dialog is not None
    panel.dialog.show()
    dialog = _fill(qtbot, panel.dialog, "si", PHRASE)
    assert dialog.isVisible() and "does not work as a code" in dialog.error.text()
    assert dialog.focusWidget() is dialog.code
    dialog = _fill(qtbot, dialog, ";si", "   ")
    assert dialog.isVisible() and "Type the phrase" in dialog.error.text()
    assert dialog.focusWidget() is dialog.phrase
    assert list_snippets(_vault(unlocked)) == []


def test_edit_then_remove(qtbot: QtBot, unlocked: AppController, answers: Answers) -> None:
    vault = _vault(unlocked)
    add_snippet(vault, ";si", PHRASE)
    panel = _panel(qtbot, unlocked)
    panel.table.selectRow(0)
    panel.edit_selected()
    assert panel.dialog is not None and panel.dialog.code.text() == ";si"
    _fill(qtbot, panel.dialog, ";risk", "Demo risk wording.")
    assert panel.codes() == [";risk"]
    panel.table.selectRow(0)
    answers.confirm = False
    panel.remove_selected()
    assert panel.codes() == [";risk"]
    answers.confirm = True
    panel.remove_selected()
    assert "Remove Snippet" in answers.asked
    assert panel.codes() == [] and list_snippets(vault) == []
    details = sorted(
        e.detail
        for e in list_entries(vault, AuditFilter(kinds=("settings",)))
        if e.record_kind == "snippet"
    )
    assert details == ["snippet_added", "snippet_edited", "snippet_removed"]
