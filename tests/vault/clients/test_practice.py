"""Practice details round-trip through the encrypted vault and are validated there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from vault import ValidationError, Vault, VaultLockedError
from vault.clients.practice import (
    MAX_FIELD_CHARS,
    PracticeDetails,
    load_practice_details,
    save_practice_details,
)

DEMO = PracticeDetails(
    practice_name="Demo Counselling Rooms",
    clinician="Demo Clinician",
    credentials="MSc, Reg. MBACP",
    licence_number="DEMO-0001",
    contact="1 Demo Street\ndemo@example.org",
)


def test_empty_vault_has_empty_details(vault: Vault) -> None:
    assert load_practice_details(vault) == PracticeDetails()


def test_save_and_load_round_trip(vault: Vault) -> None:
    stored = save_practice_details(vault, DEMO)
    assert stored == DEMO
    assert load_practice_details(vault) == DEMO


def test_details_survive_lock_and_unlock(vault_dir: Path, vault: Vault) -> None:
    save_practice_details(vault, DEMO)
    vault.close()
    with Vault.open(vault_dir, PASSPHRASE) as reopened:
        assert load_practice_details(reopened) == DEMO


def test_saving_again_replaces_values(vault: Vault) -> None:
    save_practice_details(vault, DEMO)
    save_practice_details(vault, PracticeDetails(practice_name="Demo Renamed Practice"))
    assert load_practice_details(vault) == PracticeDetails(practice_name="Demo Renamed Practice")


def test_text_is_trimmed(vault: Vault) -> None:
    save_practice_details(vault, PracticeDetails(clinician="  Demo Clinician \n"))
    assert load_practice_details(vault).clinician == "Demo Clinician"


def test_too_long_field_is_refused_naming_it(vault: Vault) -> None:
    with pytest.raises(ValidationError, match="Licence number"):
        save_practice_details(vault, PracticeDetails(licence_number="x" * (MAX_FIELD_CHARS + 1)))
    assert load_practice_details(vault) == PracticeDetails()


def test_stored_in_vault_meta_not_elsewhere(vault: Vault) -> None:
    save_practice_details(vault, DEMO)
    assert vault.meta("practice.name") == DEMO.practice_name
    assert vault.meta("practice.licence_number") == DEMO.licence_number


def test_locked_vault_refuses(vault: Vault) -> None:
    vault.close()
    with pytest.raises(VaultLockedError):
        load_practice_details(vault)
