"""Retention: each record's end counted as a person counts years, minors by their majority, the
rule a setting kept in the vault, and the records past it listed for destruction."""

from __future__ import annotations

from datetime import date

import pytest

from vault import ValidationError, Vault
from vault.audit.trail import AuditFilter, list_entries
from vault.clients.records import ClientProfile, add_client, archive_client
from vault.consent.dates import add_years
from vault.consent.due import DESTRUCTION_DUE, due_items
from vault.consent.requests import receive_access_request
from vault.consent.retention import (
    RetentionRule,
    client_retention,
    load_retention_rule,
    records_past_retention,
    retention_end,
    save_retention_rule,
)
from vault.notes.records import NoteInput, create_note_from_text

RULE = RetentionRule()
CREATED = date(2010, 1, 1)


def _end(last: date | None, born: date | None = None, rule: RetentionRule = RULE) -> date:
    return retention_end(rule, last_session=last, date_of_birth=born, created_on=CREATED)[0]


def _counter(vault: Vault) -> str | None:
    return vault.meta("commit_counter")


@pytest.mark.parametrize(
    ("last", "ends"),
    [
        (date(2018, 3, 2), date(2025, 3, 2)),
        (date(2016, 2, 29), date(2023, 2, 28)),  # 29 February, seven years on: no such day
        (date(2017, 1, 31), date(2024, 1, 31)),
        (date(2019, 12, 31), date(2026, 12, 31)),
    ],
)
def test_an_adult_record_is_kept_seven_years_after_the_last_session(last, ends):
    assert _end(last, date(1980, 5, 17)) == ends


def test_a_leap_day_counts_to_the_end_of_february_and_back_to_the_leap_day():
    rule = RetentionRule(years_after_last_session=8)
    assert _end(date(2016, 2, 29), rule=rule) == date(2024, 2, 29)
    assert _end(date(2016, 2, 29)) == date(2023, 2, 28)


def test_a_minor_is_kept_seven_years_after_coming_of_age_when_that_is_later():
    # Born on a leap day: 18 on 28 February 2026, kept until 28 February 2033.
    ends, basis, start = retention_end(
        RULE, last_session=date(2020, 5, 1), date_of_birth=date(2008, 2, 29), created_on=CREATED
    )
    assert (ends, basis, start) == (date(2033, 2, 28), "age_of_majority", date(2026, 2, 28))


def test_a_minor_seen_just_before_coming_of_age_is_kept_by_the_later_date():
    rule = RetentionRule(years_after_majority=3)
    ends, basis, _ = retention_end(
        rule, last_session=date(2025, 12, 20), date_of_birth=date(2008, 1, 31), created_on=CREATED
    )
    assert (ends, basis) == (date(2032, 12, 20), "last_session")


def test_the_majority_rule_is_only_for_a_client_who_was_a_minor_at_the_last_session():
    rule = RetentionRule(years_after_last_session=5, years_after_majority=10)
    # 18 on 2000-06-30; seen at 25: five years after the session, not ten after majority.
    assert _end(date(2007, 6, 30), date(1982, 6, 30), rule) == date(2012, 6, 30)


def test_the_age_of_majority_is_the_therapists_setting():
    rule = RetentionRule(age_of_majority=21, years_after_majority=3)
    ends, basis, start = retention_end(
        rule, last_session=date(2020, 1, 1), date_of_birth=date(2005, 8, 31), created_on=CREATED
    )
    assert (ends, basis, start) == (date(2029, 8, 31), "age_of_majority", date(2026, 8, 31))


def test_a_client_without_sessions_counts_from_archiving_else_from_creation():
    created = retention_end(RULE, last_session=None, date_of_birth=None, created_on=CREATED)
    assert created == (date(2017, 1, 1), "record_created", CREATED)
    archived = retention_end(
        RULE, last_session=None, date_of_birth=None, created_on=CREATED,
        archived_on=date(2012, 1, 31),
    )  # fmt: skip
    assert archived == (date(2019, 1, 31), "archived", date(2012, 1, 31))


def test_sessions_decide_even_when_the_record_was_archived_later():
    ends, basis, _ = retention_end(
        RULE, last_session=date(2011, 3, 31), date_of_birth=None, created_on=CREATED,
        archived_on=date(2015, 1, 1),
    )  # fmt: skip
    assert (ends, basis) == (date(2018, 3, 31), "last_session")


def test_the_rule_is_kept_in_the_vault_and_its_change_audited(vault: Vault) -> None:
    assert load_retention_rule(vault) == RetentionRule()
    saved = save_retention_rule(vault, RetentionRule(10, 19, 5))
    assert load_retention_rule(vault) == saved == RetentionRule(10, 19, 5)
    entry = list_entries(vault, AuditFilter(kinds=("settings.changed",)))[-1]
    assert (entry.record_kind, entry.detail) == ("retention", "retention_rule")
    assert entry.client_id is None


def test_saving_the_same_rule_writes_nothing(vault: Vault) -> None:
    save_retention_rule(vault, RetentionRule(9, 18, 7))
    before = _counter(vault)
    save_retention_rule(vault, RetentionRule(9, 18, 7))
    assert _counter(vault) == before


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        (RetentionRule(years_after_last_session=0), "years_after_last_session"),
        (RetentionRule(years_after_last_session=101), "years_after_last_session"),
        (RetentionRule(age_of_majority=10), "age_of_majority"),
        (RetentionRule(years_after_majority=-1), "years_after_majority"),
        (RetentionRule(years_after_majority=True), "years_after_majority"),  # type: ignore[arg-type]
        (RetentionRule(age_of_majority="18"), "age_of_majority"),  # type: ignore[arg-type]
        (RetentionRule(years_after_last_session=10**30), "years_after_last_session"),
    ],
)
def test_an_absurd_rule_is_refused_and_nothing_is_written(vault: Vault, rule, field) -> None:
    before = _counter(vault)
    with pytest.raises(ValidationError) as refused:
        save_retention_rule(vault, rule)
    assert refused.value.field == field
    assert _counter(vault) == before
    assert load_retention_rule(vault) == RetentionRule()


def test_a_tampered_stored_rule_reads_as_the_default(vault: Vault) -> None:
    with vault.db.write() as conn:
        conn.execute("INSERT INTO vault_meta VALUES ('retention.age_of_majority', '9e99')")
    assert load_retention_rule(vault).age_of_majority == 18


def _client(vault: Vault, name: str, born: str = "") -> int:
    return add_client(vault, ClientProfile(full_name=name, date_of_birth=born)).id


def _session(vault: Vault, client: int, when: str) -> None:
    create_note_from_text(
        vault, NoteInput("free", when, (client,), "Demo session text", duration_minutes=50)
    )


def test_a_clients_retention_comes_from_their_last_session(vault: Vault) -> None:
    client = _client(vault, "Demo Retained Adult", "1970-01-01")
    _session(vault, client, "2015-02-28T09:00")
    _session(vault, client, "2016-02-29T17:30")
    retention = client_retention(vault, client)
    assert (retention.ends_on, retention.basis) == (date(2023, 2, 28), "last_session")
    assert retention.last_session == date(2016, 2, 29)
    assert retention.reason(RetentionRule()) == "7 years after the last session on 2016-02-29"


def test_records_past_retention_include_the_last_day_itself(vault: Vault) -> None:
    ended = _client(vault, "Demo Ends Today")
    _session(vault, ended, "2019-12-01T10:00")
    later = _client(vault, "Demo Ends Tomorrow")
    _session(vault, later, "2019-12-02T10:00")
    today = date(2026, 12, 1)
    assert [r.client_id for r in records_past_retention(vault, today)] == [ended]
    assert [r.client_id for r in records_past_retention(vault, date(2026, 11, 30))] == []


def test_an_archived_client_without_sessions_is_counted_from_archiving(vault: Vault) -> None:
    client = _client(vault, "Demo Never Seen")
    archive_client(vault, client)
    retention = client_retention(vault, client)
    assert retention.basis == "archived" and retention.last_session is None
    assert abs((retention.counted_from - date.today()).days) <= 1  # archived now (UTC)
    assert retention.ends_on == add_years(retention.counted_from, 7)
    assert retention.reason(RetentionRule()).startswith("7 years after the record was archived")


def test_records_due_for_destruction_come_after_every_deadline(vault: Vault) -> None:
    old = _client(vault, "Demo Long Gone")
    _session(vault, old, "2012-05-01T10:00")
    current = _client(vault, "Demo Current Client")
    receive_access_request(vault, current, received_on=date.today())
    items = due_items(vault, date.today())
    assert [item.kind for item in items] == ["access_request", DESTRUCTION_DUE]
    destruction = items[-1]
    assert (destruction.record_id, destruction.client_id) == (old, old)
    assert destruction.due_on == date(2019, 5, 1)
    assert "Demo" not in destruction.what and "2012-05-01" in destruction.what
