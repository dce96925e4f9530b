"""``search`` and ``notes`` as a script would run them: a subprocess, passphrase on stdin."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.conftest import PASSPHRASE
from tests.helpers import run_main
from tests.vault.note_helpers import demo_client, soap, stored
from vault import Vault
from vault.notes.signing import sign_note


@pytest.fixture(scope="module")
def notes_vault(tmp_path_factory):
    from vault.store.kdf import floor_params

    path = tmp_path_factory.mktemp("cli") / "v"
    with Vault.create(path, PASSPHRASE, kdf_params=floor_params()) as v:
        a = demo_client(v, "Demo Orla Example")
        b = demo_client(v, "Demo Pim Example")
        first = stored(
            v, soap((a,), subjective="Demo gannet first \x1b[2J.", session_start="2026-03-02T10:00")
        )
        sign_note(v, first, "Demo Clinician")
        joint = soap((a, b), subjective="Demo joint gannet.", session_start="2026-03-09T10:00")
        private = replace(joint.sections[3], text="Demo Pim alone: kestrel worry.", private_to=b)
        stored(v, replace(joint, sections=(*joint.sections[:3], private)))
        stored(
            v,
            soap(
                (a,),
                subjective="Demo gannet process.",
                template_id="process",
                session_start="2026-03-16T10:00",
            ),
        )
    return path


def _run(*args):
    result = run_main(*args, stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_search_prints_one_tab_separated_hit_per_line(notes_vault):
    lines = _run("search", str(notes_vault), "gannet")
    assert len(lines) == 2
    fields = lines[0].split("\t")
    assert len(fields) == 6
    assert "[gannet]" in fields[5]


def test_search_query_can_come_from_stdin_to_stay_out_of_shell_history(notes_vault):
    result = run_main("search", str(notes_vault), "-", stdin=f"{PASSPHRASE}\ngannet\n")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_search_escapes_control_characters_in_note_text(notes_vault):
    lines = _run("search", str(notes_vault), "first")
    assert "\x1b" not in lines[0]
    assert "\\x1b[2J" in lines[0]


def test_search_includes_process_notes_only_when_asked(notes_vault):
    lines = _run("search", str(notes_vault), "process", "--process-notes")
    assert ["PROCESS-NOTE" in line for line in lines] == [True]
    assert _run("search", str(notes_vault), "process") == []


def test_search_json_gives_snippet_segments(notes_vault):
    hits = [json.loads(line) for line in _run("search", str(notes_vault), "joint", "--json")]
    assert [h["kind"] for h in hits] == ["soap"]
    assert ["joint", True] in hits[0]["snippet"]
    assert len(hits[0]["clients"]) == 2


def test_search_filters_by_client_and_dates(notes_vault):
    lines = _run("search", str(notes_vault), "gannet", "--client", "2", "--from", "2026-03-05")
    assert len(lines) == 1 and "joint" in lines[0]


def test_a_hostile_query_is_answered_without_a_traceback(notes_vault):
    result = run_main("search", str(notes_vault), 'NEAR("gannet', stdin=PASSPHRASE + "\n")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr


def test_notes_lists_a_clients_notes_oldest_first(notes_vault):
    lines = _run("notes", str(notes_vault), "--client", "1", "--process-notes")
    assert [line.split("\t")[1] for line in lines] == [
        "2026-03-02T10:00",
        "2026-03-09T10:00",
        "2026-03-16T10:00",
    ]
    assert lines[0].split("\t")[3] == "signed"
    assert "PROCESS-NOTE" in lines[2]


def test_notes_shows_joint_sessions_for_each_participant(notes_vault):
    lines = _run("notes", str(notes_vault), "--client", "2", "--json")
    assert [json.loads(line)["participant_ids"] for line in lines] == [[1, 2]]


def test_notes_and_search_leave_out_process_notes_alike_by_default(notes_vault):
    listed = _run("notes", str(notes_vault), "--client", "1")
    found = _run("search", str(notes_vault), "gannet", "--client", "1")
    assert len(listed) == len(found) == 2
    assert not any("PROCESS-NOTE" in line for line in listed + found)
    with_process = _run("search", str(notes_vault), "gannet", "--process-notes")
    assert len(_run("notes", str(notes_vault), "--client", "1", "--process-notes")) == 3
    assert len(with_process) == 3


def test_the_old_option_to_leave_them_out_still_works(notes_vault):
    assert len(_run("notes", str(notes_vault), "--client", "1", "--no-process-notes")) == 2


def test_a_word_with_a_star_finds_what_the_window_finds_while_typing(notes_vault):
    assert len(_run("search", str(notes_vault), "gann*")) == 2
    assert _run("search", str(notes_vault), "gann") == []  # a whole word, as typed


def test_search_help_explains_the_star():
    result = run_main("search", "--help")
    assert result.returncode == 0
    assert "word* for words starting with it" in " ".join(result.stdout.split())


def test_notes_for_a_missing_client_is_one_clear_error(notes_vault):
    result = run_main("notes", str(notes_vault), "--client", "99", stdin=PASSPHRASE + "\n")
    assert result.returncode == 1
    assert result.stderr.strip() == "confidant: No client with id 99 exists in this vault."


def test_a_query_starting_with_a_dash_is_a_query_not_an_option(notes_vault):
    result = run_main("search", str(notes_vault), "-gannet", "--json", stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert "usage:" not in result.stderr
    assert "gannet" not in result.stdout  # every note has the word, so all are excluded


def test_an_unknown_option_is_still_refused(notes_vault):
    result = run_main("search", str(notes_vault), "word", "--no-such-option")
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-option" in result.stderr


def test_piping_into_a_reader_that_leaves_early_is_quiet(tmp_path):
    import subprocess
    import sys

    from tests.helpers import REPO
    from vault.notes.model import NoteInput
    from vault.notes.records import create_note_from_text
    from vault.store.kdf import floor_params

    path = tmp_path / "big"
    with Vault.create(path, PASSPHRASE, kdf_params=floor_params()) as v:
        client = demo_client(v, "Demo Quinn Example")
        with v.db.write():
            for day in range(200):
                note = NoteInput(
                    kind="free",
                    session_start=f"2025-{day % 12 + 1:02d}-{day % 28 + 1:02d}T09:00",
                    participants=(client,),
                    body="Demo words " * 200,
                )
                create_note_from_text(v, note)
    # Far more output than a pipe holds, to a reader that takes one byte and leaves.
    script = (
        f"{sys.executable} {REPO / 'main.py'} search {path} Demo --json --limit 200 | head -c 1"
    )
    done = subprocess.run(
        ["bash", "-c", script],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stdout == "{"
    assert done.stderr == ""


def test_a_snippet_from_a_private_section_says_whose_it_is(notes_vault):
    lines = _run("search", str(notes_vault), "kestrel")
    assert len(lines) == 1
    assert lines[0].split("\t")[5].startswith("Private to Demo Pim Example: ")
    hit = json.loads(_run("search", str(notes_vault), "kestrel", "--json")[0])
    assert hit["snippet_private_to"] == {"id": 2, "name": "Demo Pim Example"}
    shared = json.loads(_run("search", str(notes_vault), "joint", "--json")[0])
    assert shared["snippet_private_to"] is None
