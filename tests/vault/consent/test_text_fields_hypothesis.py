"""Every free-text field of every consent-family record, fed odd Unicode (hypothesis).

Right-to-left text and overrides, combining marks, emoji, zero-width characters, markup and
entities, other control characters, whitespace around the text, strings at and just past the
field's limit, lone surrogates and NUL: each value is either stored and read back exactly as
`vault.store.text_fields` documents (a line or a paragraph trimmed at both ends, a document kept
as typed; a form's file name made safe by `form_files.safe_file_name`), or refused with a
`ValidationError` naming the field, with nothing written. Never another exception, never a
value that comes back different. The expected outcome is worked out here from the documented
rule, not by calling it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSPHRASE, SESSION_FLOOR
from tests.support.form_samples import pdf
from vault import ValidationError, Vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.attachments import attach_form, get_attachment
from vault.consent.consents import (
    get_consent,
    get_revisit,
    record_consent,
    record_revisit,
    withdraw_consent,
)
from vault.consent.disclosures import get_disclosure, record_disclosure
from vault.consent.form_files import safe_file_name
from vault.consent.policy import policy_version, write_policy_version
from vault.consent.releases import get_release, record_release
from vault.consent.requests import (
    decide_amendment_request,
    extend_access_request,
    fulfil_access_request,
    get_access_request,
    get_amendment_request,
    receive_access_request,
    receive_amendment_request,
)
from vault.store.text_fields import LINE_CHARS, PARAGRAPH_CHARS

EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    # One vault for the module: each example writes records of its own and checks only those.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DAY = date(2026, 1, 5)
LATER = date(2026, 2, 2)
BREAKS = "\n\r\v\f\x85\u2028\u2029"  # what makes a value span lines (a line field refuses it)
ODD = [
    "\u202eevil\u202c",  # a right-to-left override
    "שלום עולם",
    "مرحبا بالعالم",
    "e\u0301\u0301\u0301",  # stacked combining marks
    "👩🏽\u200d⚕️🧠",  # emoji joined by a zero-width joiner
    "a\u200b\u200c\u200d\u2060\ufeffb",  # zero-width characters and a BOM
    "<b>bold</b> &amp; <script>alert(1)</script>",
    "${jndi:x} %s%n '; DROP TABLE consents; --",
    "\x07\x1b[31m\x7f",  # other control characters are text
    "\U0010ffff\U000e0001",
    " \t ",
    "",
    "line\r\nbreak\u2028sep",
    "\ud800",  # a lone surrogate
    "\udfff tail",
    "a\x00b",  # NUL
]
ANY_CHAR = st.characters()  # surrogates and NUL included
STORABLE = st.characters(min_codepoint=1, exclude_categories=("Cs",))


def odd_text(limit: int) -> st.SearchStrategy[str]:
    """Odd Unicode of every kind, and strings at and around `limit` characters (padded with
    whitespace sometimes, since the length is checked before trimming)."""
    near = st.tuples(
        st.integers(-1, 1), st.sampled_from(["x", "ש", "🙂", "e\u0301"]), st.sampled_from(["", " "])
    ).map(lambda t: t[2] + (t[1] * limit)[: limit + t[0] - 2 * len(t[2])] + t[2])
    pieces = st.one_of(st.sampled_from(ODD), st.text(STORABLE, max_size=8))
    return st.one_of(
        st.text(ANY_CHAR, max_size=40),
        st.sampled_from(ODD),
        st.lists(pieces, min_size=1, max_size=6).map("".join),
        near,
    )


@dataclass(frozen=True)
class Field:
    """One text field: its rule as documented, and how to write it and read it back."""

    name: str
    error_field: str  # the `ValidationError.field` a refusal names
    limit: int
    multiline: bool
    trimmed: bool
    required: bool
    # (vault, what `prepare` made, value) -> (the value in the record returned, read back)
    write: Callable[[Vault, int, str], tuple[str, str]]
    # (vault, client id) -> the record the write acts on: the client, or a consent or request
    prepare: Callable[[Vault, int], int] = lambda _vault, client: client


def expected(field: Field, value: str) -> str | None:
    """What must be stored for `value`, or None when it must be refused."""
    if len(value) > field.limit or "\x00" in value:
        return None
    if any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        return None
    if not field.multiline and any(char in value.strip() for char in BREAKS):
        return None
    if field.required and not value.strip():
        return None
    return value.strip() if field.trimmed else value


def _consent(vault: Vault, client: int) -> int:
    return record_consent(vault, client, given_on=DAY, how="verbal", limits_explained=[]).id


def _access_request(vault: Vault, client: int) -> int:
    return receive_access_request(vault, client, received_on=DAY).id


def _amendment_request(vault: Vault, client: int) -> int:
    return receive_amendment_request(vault, client, received_on=DAY, what_asked="Demo").id


def _privacy(vault: Vault, client: int, value: str) -> tuple[str, str]:
    consent = record_consent(
        vault, client, given_on=DAY, how="verbal", limits_explained=[], telehealth=True,
        telehealth_privacy=value,
    )  # fmt: skip
    return consent.telehealth_privacy, get_consent(vault, consent.id).telehealth_privacy


def _discussed(vault: Vault, consent: int, value: str) -> tuple[str, str]:
    revisit = record_revisit(vault, consent, revisited_on=LATER, discussed=value)
    return revisit.discussed, get_revisit(vault, revisit.id).discussed


def _withdrawal(vault: Vault, consent: int, value: str) -> tuple[str, str]:
    withdrawn = withdraw_consent(vault, consent, withdrawn_on=LATER, reason=value)
    return withdrawn.withdrawal_reason, get_consent(vault, consent).withdrawal_reason


def _release(name: str) -> Callable[[Vault, int, str], tuple[str, str]]:
    def write(vault: Vault, client: int, value: str) -> tuple[str, str]:
        given = {"recipient_name": "Demo GP", "purpose": "Demo care", "information": "Demo dates"}
        given[name] = value
        release = record_release(vault, client, signed_on=DAY, expires_on=date(2027, 1, 5), **given)  # type: ignore[arg-type]
        return getattr(release, name), getattr(get_release(vault, release.id), name)

    return write


def _disclosure(name: str) -> Callable[[Vault, int, str], tuple[str, str]]:
    def write(vault: Vault, client: int, value: str) -> tuple[str, str]:
        given = {"recipient": "Demo GP", "information": "Demo dates", "justification": ""}
        given[name] = value
        basis = "legal_exception" if name == "justification" else "client_request"
        disclosure = record_disclosure(
            vault, client, disclosed_on=DAY, basis=basis, exception="court_order", **given
        )
        return getattr(disclosure, name), getattr(get_disclosure(vault, disclosure.id), name)

    return write


def _extension(vault: Vault, request: int, value: str) -> tuple[str, str]:
    extended = extend_access_request(vault, request, reason=value)
    return extended.extension_reason, get_access_request(vault, request).extension_reason


def _fulfilled_how(vault: Vault, request: int, value: str) -> tuple[str, str]:
    done = fulfil_access_request(vault, request, fulfilled_on=LATER, how=value)
    return done.fulfilled_how, get_access_request(vault, request).fulfilled_how


def _what_asked(vault: Vault, client: int, value: str) -> tuple[str, str]:
    request = receive_amendment_request(vault, client, received_on=DAY, what_asked=value)
    return request.what_asked, get_amendment_request(vault, request.id).what_asked


def _denial(name: str) -> Callable[[Vault, int, str], tuple[str, str]]:
    def write(vault: Vault, request: int, value: str) -> tuple[str, str]:
        given = {"reason": "Demo: the record is accurate", "disagreement": ""}
        given[name] = value
        denied = decide_amendment_request(
            vault, request, decision="denied", decided_on=LATER, **given
        )
        return getattr(denied, name), getattr(get_amendment_request(vault, request), name)

    return write


def _policy(vault: Vault, _client: int, value: str) -> tuple[str, str]:
    written = write_policy_version(vault, value)
    return written.body, policy_version(vault, written.version).body


Write = Callable[[Vault, int, str], tuple[str, str]]
Prepare = Callable[[Vault, int], int]


def _line(name: str, error: str, write: Write, required: bool) -> Field:
    return Field(name, error, LINE_CHARS, False, True, required, write)


def _paragraph(
    name: str, error: str, write: Write, required: bool, prepare: Prepare | None = None
) -> Field:
    if prepare is None:
        return Field(name, error, PARAGRAPH_CHARS, True, True, required, write)
    return Field(name, error, PARAGRAPH_CHARS, True, True, required, write, prepare)


FIELDS = [
    _paragraph("consent.telehealth_privacy", "telehealth", _privacy, False),
    _paragraph("revisit.discussed", "discussed", _discussed, False, _consent),
    _paragraph("consent.withdrawal_reason", "withdrawal_reason", _withdrawal, True, _consent),
    _line("release.recipient_name", "recipient_name", _release("recipient_name"), True),
    _line("release.recipient_org", "recipient_org", _release("recipient_org"), False),
    _paragraph(
        "release.recipient_address", "recipient_address", _release("recipient_address"), False
    ),
    _paragraph("release.purpose", "purpose", _release("purpose"), True),
    _paragraph("release.information", "information", _release("information"), True),
    _line("release.disclosed_by", "disclosed_by", _release("disclosed_by"), False),
    _paragraph("release.expiry_event", "expiry_event", _release("expiry_event"), False),
    _line("disclosure.recipient", "recipient", _disclosure("recipient"), True),
    _paragraph("disclosure.information", "information", _disclosure("information"), True),
    _paragraph("disclosure.justification", "justification", _disclosure("justification"), True),
    _paragraph("access.extension_reason", "reason", _extension, True, _access_request),
    _paragraph("access.fulfilled_how", "how", _fulfilled_how, False, _access_request),
    Field("amendment.what_asked", "what_asked", 100_000, True, False, True, _what_asked),
    _paragraph("amendment.reason", "reason", _denial("reason"), True, _amendment_request),
    Field(
        "amendment.disagreement",
        "disagreement",
        100_000,
        True,
        False,
        False,
        _denial("disagreement"),
        _amendment_request,
    ),
    Field("policy.body", "body", 200_000, True, False, True, _policy),
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Vault, int]]:
    vault = Vault.create(
        tmp_path_factory.mktemp("consent-text") / "practice.vault",
        PASSPHRASE,
        kdf_params=SESSION_FLOOR,
    )
    try:
        yield vault, add_client(vault, ClientProfile(full_name="Demo Odd Text Client")).id
    finally:
        vault.close()


def _rows(vault: Vault) -> tuple[object, ...]:
    """The audit trail's length and every consent-family table's: a refusal changes none."""
    tables = (
        "audit_log", "consents", "consent_revisits", "releases", "disclosures",
        "access_requests", "amendment_requests", "consent_policies", "consent_attachments",
    )  # fmt: skip
    return tuple(vault.db.query_one(f"SELECT count(*) FROM {t}")[0] for t in tables)  # type: ignore[index]


@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
@EXAMPLES
@given(data=st.data())
def test_odd_text_is_stored_exactly_or_refused_naming_the_field(
    shared: tuple[Vault, int], field: Field, data: st.DataObject
) -> None:
    vault, client = shared
    value = data.draw(odd_text(field.limit), label="value")
    want = expected(field, value)
    event("stored" if want is not None else "refused")
    target = field.prepare(vault, client)
    if want is not None:
        assert field.write(vault, target, value) == (want, want)
        return
    before = _rows(vault)
    with pytest.raises(ValidationError) as refused:
        field.write(vault, target, value)
    assert refused.value.field == field.error_field
    assert str(refused.value).strip()
    assert _rows(vault) == before  # nothing was written, not even an audit entry


@EXAMPLES
@given(name=odd_text(400))
def test_a_forms_file_name_is_stored_as_made_safe(shared: tuple[Vault, int], name: str) -> None:
    vault, client = shared
    form = attach_form(vault, consent_id=_consent(vault, client), file_name=name, data=pdf())
    assert form.file_name == safe_file_name(name, "application/pdf")
    assert get_attachment(vault, form.id).file_name == form.file_name
