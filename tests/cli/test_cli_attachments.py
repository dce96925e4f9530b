"""``attachments`` as a script runs it: a subprocess, passphrase on stdin, one form a line."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import run_main
from tests.support.form_samples import pdf, png
from vault import Vault
from vault.clients.records import ClientProfile, add_client
from vault.consent.attachments import attach_form, replace_attachment
from vault.consent.consents import record_consent
from vault.consent.releases import record_release


@pytest.fixture(scope="module")
def forms_vault(tmp_path_factory):
    from vault.store.kdf import floor_params

    path = tmp_path_factory.mktemp("cli") / "v"
    with Vault.create(path, PASSPHRASE, kdf_params=floor_params()) as v:
        client = add_client(v, ClientProfile(full_name="Demo Forms Client")).id
        consent = record_consent(
            v, client, given_on=date(2026, 1, 5), how="signed_paper", limits_explained=[]
        )
        release = record_release(
            v, client, recipient_name="Demo GP", purpose="Demo", information="Demo",
            signed_on=date(2026, 1, 5), expires_on=date(2027, 1, 5),
        )  # fmt: skip
        first = attach_form(v, consent_id=consent.id, file_name="scan\x1b[2J.pdf", data=pdf())
        replace_attachment(v, first.id, file_name="clear.pdf", data=pdf("Demo clear"))
        attach_form(v, release_id=release.id, file_name="release.png", data=png())
    return path


def test_each_form_is_one_line_with_its_state(forms_vault):
    result = run_main("attachments", str(forms_vault), "--client", "1", stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("1  ") and "consent 1  PDF document" in lines[0]
    assert lines[0].endswith("scan[2J.pdf  (replaced by 2)")  # the ESC never got into the name
    assert "\x1b" not in result.stdout
    assert lines[2].endswith("release 1  PNG image  " + f"{len(png())} bytes  release.png")


def test_json_gives_one_object_per_form(forms_vault):
    result = run_main(
        "attachments", str(forms_vault), "--client", "1", "--json", stdin=PASSPHRASE + "\n"
    )
    assert result.returncode == 0, result.stderr
    forms = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["id"], f["state"], f["replaced_by"]) for f in forms] == [
        (1, "replaced", 2), (2, "in_record", None), (3, "in_record", None),
    ]  # fmt: skip
    assert forms[2]["release_id"] == 1 and forms[2]["media_type"] == "image/png"
    assert all(len(f["sha256"]) == 64 and "data" not in f for f in forms)


def test_no_such_client_is_one_plain_line(forms_vault):
    result = run_main("attachments", str(forms_vault), "--client", "9", stdin=PASSPHRASE + "\n")
    assert result.returncode == 1
    assert result.stderr.strip() == "confidant: No client with id 9 exists in this vault."
