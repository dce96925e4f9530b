"""Where the export commands are: in order in the Vault menu, with mnemonics of their own."""

from __future__ import annotations

from tests.ui.export.conftest import ExportApp


def _mnemonic(text: str) -> str:
    return text[text.index("&") + 1].lower() if "&" in text else ""


def test_the_vault_menu_keeps_the_order_commands_were_added_in(export_app: ExportApp) -> None:
    texts = [a.text().replace("&", "") for a in export_app.controller.window.vault_menu.actions()]
    start = texts.index("Back Up Now")
    assert texts[start : start + 5] == [
        "Back Up Now",
        "Restore from a Backup…",
        "Export Whole Practice…",
        "Import Record…",
        "Import Practice Archive…",
    ]


def test_the_export_commands_have_mnemonics_of_their_own(export_app: ExportApp) -> None:
    window = export_app.controller.window
    mine = {a.text() for a in export_app.export.actions.values()}
    for menu in (window.vault_menu, window.client_menu):
        keys = [(_mnemonic(a.text()), a.text()) for a in menu.actions() if a.text()]
        for key, text in keys:
            if text in mine:
                assert [k for k, _ in keys].count(key) == 1, text
