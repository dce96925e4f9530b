from __future__ import annotations

import pytest

from vault import RecordNotFoundError, ValidationError
from vault.clients.records import (
    ClientProfile,
    add_client,
    archive_client,
    count_clients,
    get_client,
    list_clients,
    reactivate_client,
    update_client,
)
from vault.store.errors import InvalidFieldsError


def test_add_and_read_back_every_field(vault):
    profile = ClientProfile(
        full_name="Demo Alpha Kessro",
        preferred_name="Alpha",
        pronouns="she/her",
        date_of_birth="1990-04-30",
        email="alpha@example.org",
        phone="+1 555 0100",
        address="1 Demo Street",
        emergency_contact="Demo Beta, +1 555 0101",
        start_date="2026-01-05",
        referral_source="self",
        notes="Prefers morning sessions.",
    )
    client = add_client(vault, profile)
    assert get_client(vault, client.id).profile == profile


def test_text_is_trimmed_but_free_notes_are_kept_exactly(vault):
    client = add_client(vault, ClientProfile(full_name="  Demo Trim  ", notes="  indented\n"))
    assert client.profile.full_name == "Demo Trim"
    assert client.profile.notes == "  indented\n"


@pytest.mark.parametrize(
    ("profile", "message", "field"),
    [
        (ClientProfile(full_name="   "), "Full name", "full_name"),
        (
            ClientProfile(full_name="Demo X", date_of_birth="30/04/1990"),
            "Date of birth",
            "date_of_birth",
        ),
        (ClientProfile(full_name="Demo X", date_of_birth="2999-01-01"), "future", "date_of_birth"),
        (ClientProfile(full_name="Demo X", start_date="soon"), "Start date", "start_date"),
        (ClientProfile(full_name="Demo X", email="not-an-address"), "Email", "email"),
        (ClientProfile(full_name="Demo X", status="deleted"), "Status", "status"),
    ],
)
def test_invalid_profiles_are_refused_with_the_field_named(vault, profile, message, field):
    with pytest.raises(ValidationError, match=message) as caught:
        add_client(vault, profile)
    assert caught.value.field == field
    assert list_clients(vault, "all") == []


def test_update_changes_fields(vault):
    client = add_client(vault, ClientProfile(full_name="Demo Before"))
    updated = update_client(
        vault, client.id, ClientProfile(full_name="Demo After", pronouns="he/him")
    )
    assert updated.profile.full_name == "Demo After"
    assert updated.profile.pronouns == "he/him"


def test_update_of_unknown_client_is_not_found(vault):
    with pytest.raises(RecordNotFoundError):
        update_client(vault, 999, ClientProfile(full_name="Demo Nobody"))


def test_archive_keeps_the_record_and_hides_it_from_active(vault):
    client = add_client(vault, ClientProfile(full_name="Demo Archived"))
    archived = archive_client(vault, client.id)
    assert archived.archived_at is not None
    assert archived.profile.status == "inactive"
    assert list_clients(vault, "active") == []
    assert [c.id for c in list_clients(vault, "inactive")] == [client.id]
    assert reactivate_client(vault, client.id).archived_at is None


def test_filter_by_status_and_name_part(vault):
    for name, status in [
        ("Demo Anna Lov", "active"),
        ("Demo Bran Kel", "inactive"),
        ("Demo Cara Lovin", "active"),
    ]:
        add_client(vault, ClientProfile(full_name=name, status=status))
    assert [c.full_name for c in list_clients(vault, "all", "lov")] == [
        "Demo Anna Lov",
        "Demo Cara Lovin",
    ]
    assert [c.full_name for c in list_clients(vault, "inactive")] == ["Demo Bran Kel"]
    assert [c.full_name for c in list_clients(vault, "all", "%")] == []
    assert len(list_clients(vault, "all", "  ")) == 3


def test_preferred_name_matches_the_filter(vault):
    add_client(vault, ClientProfile(full_name="Demo Formal Name", preferred_name="Zed"))
    assert [c.full_name for c in list_clients(vault, "all", "zed")] == ["Demo Formal Name"]


def test_odd_unicode_and_markup_round_trip(vault):
    name = "Demo <b>Ωmega</b> 'x' \"y\" \u202e\u200d 🙂 ﷽"
    client = add_client(vault, ClientProfile(full_name=name, notes="<script>alert(1)</script>\x07"))
    again = get_client(vault, client.id)
    assert again.profile.full_name == name.strip()
    assert again.profile.notes == "<script>alert(1)</script>\x07"


def test_every_invalid_field_is_reported_at_once_in_form_order(vault):
    profile = ClientProfile(
        full_name="  ", date_of_birth="30/04/1990", email="not-an-address", start_date="soon"
    )
    with pytest.raises(InvalidFieldsError) as caught:
        add_client(vault, profile)
    error = caught.value
    assert [p.field for p in error.problems] == [
        "full_name",
        "date_of_birth",
        "email",
        "start_date",
    ]
    assert error.field == "full_name"
    assert str(error).startswith("4 fields need attention. Full name is required.")
    assert count_clients(vault) == 0


def test_a_single_problem_keeps_its_own_words(vault):
    with pytest.raises(ValidationError) as caught:
        add_client(vault, ClientProfile(full_name="Demo Ok", email="nope"))
    assert str(caught.value) == "Email does not look like an address (name@example.org)."
    assert caught.value.field == "email"


def test_a_name_filter_with_a_lone_surrogate_matches_nobody(vault) -> None:
    add_client(vault, ClientProfile(full_name="Demo Surrogate"))
    assert list_clients(vault, "all", "Demo\ud800") == []
