"""A vault made before withdrawals kept their reason (schema 12) opens, upgrades, keeps its
withdrawn consents (with an empty reason: none was asked for then) and takes new reasons."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import PASSPHRASE
from vault import Vault
from vault.checks import verify_vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.consents import consents_for, record_consent, withdraw_consent
from vault.store.migrations import latest_version


@pytest.fixture
def v12_vault(vault_dir, fast_kdf):
    """A real vault folder at schema 12 with a consent withdrawn the old way (a date only)."""
    with Vault.create(vault_dir, PASSPHRASE, kdf_params=fast_kdf) as v:
        client = add_client(v, ClientProfile(full_name="Demo Before Reasons")).id
        for given in (date(2025, 1, 6), date(2026, 1, 5)):
            record_consent(v, client, given_on=given, how="verbal", limits_explained=[])
        with v.db.write() as conn:  # take step 13 back off: what a schema 12 vault holds
            conn.execute("ALTER TABLE consents DROP COLUMN withdrawal_reason")
            conn.execute("UPDATE consents SET withdrawn_on = '2025-06-01' WHERE id = 1")
            conn.execute("PRAGMA user_version = 12")
    return vault_dir


def test_a_schema_12_vault_upgrades_and_keeps_its_withdrawals(v12_vault):
    with Vault.open(v12_vault, PASSPHRASE) as v:
        assert v.db.user_version() == latest_version()
        old, current = consents_for(v, 1)
        assert (old.withdrawn_on, old.withdrawal_reason) == (date(2025, 6, 1), "")
        assert (current.withdrawn_on, current.withdrawal_reason) == (None, "")
        assert verify_vault(v) == []


def test_the_upgraded_vault_keeps_how_and_why_a_client_withdrew(v12_vault):
    with Vault.open(v12_vault, PASSPHRASE) as v:
        withdrawn = withdraw_consent(
            v, 2, withdrawn_on=date(2026, 2, 2), reason="Demo: said so in session"
        )
        assert withdrawn.withdrawal_reason == "Demo: said so in session"
        assert consents_for(v, 1)[1] == withdrawn
