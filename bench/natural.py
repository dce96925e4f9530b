"""A second benchmark corpus whose words follow real English word frequencies.

The demo generator (`vault.demo`) repeats a few hundred words, so a handful of them sit in every
note and most words a therapist would type do not occur at all. Real notes have a natural
vocabulary: a few very common words, many rare ones, names and misspellings. This corpus keeps
the demo's shape (templates, 1-3 KB per note, 5% joint sessions, signed history, one draft per
client) but draws its words from `wordfreq`'s English frequency list, a benchmark-only
dependency (`pip install -e .[bench]`). Everything is synthetic: names are "Demo" names and no
sentence is anyone's text. Seeded, so the encrypted vault and its plain twin get the same notes.
"""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta
from typing import Any

from vault.clients.records import ClientProfile, add_client
from vault.demo import demo_name
from vault.notes.model import NoteContent, NoteSection, RiskAssessment
from vault.notes.records import create_notes_together
from vault.notes.signing import sign_notes
from vault.notes.templates import get_template

VOCABULARY_SIZE = 40_000
CLINICAL_TERMS = (
    "anxiety",
    "rumination",
    "hypervigilance",
    "dissociation",
    "anhedonia",
    "insomnia",
    "psychoeducation",
    "formulation",
    "transference",
    "countertransference",
    "catastrophising",
    "avoidance",
    "exposure",
    "mindfulness",
    "grounding",
    "self-harm",
    "ideation",
    "panic",
    "agoraphobia",
    "compulsions",
    "intrusive",
    "flashbacks",
    "bereavement",
    "attachment",
    "schema",
    "validation",
    "somatic",
    "dysregulation",
    "benzodiazepines",
    "sertraline",
    "safety plan",
    "thought record",
    "behavioural activation",
)
_KINDS = ("soap", "soap", "dap", "birp", "girp", "free", "soap", "dap", "progress_review")
_DIAGNOSES = ("F41.1", "F32.1", "F43.10", "F40.10", "F33.0", "F43.23", "Z63.0", "F51.01")


class NaturalText:
    """Sentences of words drawn by English frequency, with clinical terms, names and typos."""

    def __init__(self, rng: random.Random) -> None:
        from wordfreq import top_n_list, word_frequency

        words = [w for w in top_n_list("en", VOCABULARY_SIZE) if any(c.isalpha() for c in w)]
        self._words = words
        self._cumulative = list(itertools.accumulate(word_frequency(w, "en") for w in words))
        self._rng = rng

    def sentence(self, names: tuple[str, ...]) -> str:
        rng = self._rng
        words = rng.choices(self._words, cum_weights=self._cumulative, k=rng.randint(6, 22))
        if rng.random() < 0.35:
            words.insert(rng.randrange(len(words) + 1), rng.choice(CLINICAL_TERMS))
        if names and rng.random() < 0.15:
            words.insert(rng.randrange(len(words) + 1), rng.choice(names))
        if rng.random() < 0.1:
            words[rng.randrange(len(words))] = _misspelt(rng, rng.choice(words))
        return words[0][:1].upper() + " ".join(words)[1:] + "."

    def text(self, target_chars: int, names: tuple[str, ...]) -> str:
        sentences: list[str] = []
        length = 0
        while length < target_chars:
            sentence = self.sentence(names)
            sentences.append(sentence)
            length += len(sentence) + 1
        return " ".join(sentences)


def _misspelt(rng: random.Random, word: str) -> str:
    """Two neighbouring letters swapped, as a hurried typist does."""
    if len(word) < 4:
        return word
    i = rng.randrange(len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def natural_note(
    text: NaturalText,
    rng: random.Random,
    kind: str,
    session_start: str,
    participants: tuple[int, ...],
    names: tuple[str, ...],
) -> NoteContent:
    """One note of `kind`, 1-3 KB over its template's sections, as `vault.demo.demo_note`."""
    template = get_template(kind)
    share = max(120, rng.randint(1000, 3000) // len(template.sections))
    sections = tuple(NoteSection(s.id, s.title, text.text(share, names)) for s in template.sections)
    risk = (
        RiskAssessment()
        if template.process_note
        else RiskAssessment(to_self="none", to_others="none", notes=text.sentence(()))
    )
    return NoteContent(
        template_id=kind,
        session_start=session_start,
        participants=participants,
        sections=sections,
        service_type="couples" if len(participants) > 1 else "individual",
        diagnoses=() if template.process_note else (rng.choice(_DIAGNOSES),),
        risk=risk,
    )


def _kind_for(rng: random.Random, index: int) -> str:
    if index == 0:
        return "intake"
    if index == 1:
        return "treatment_plan"
    return "process" if rng.random() < 0.05 else rng.choice(_KINDS)


def fill_natural(vault: Any, *, clients: int, notes_per_client: int, seed: int) -> None:
    """`clients` synthetic clients with `notes_per_client` natural-language notes each."""
    rng = random.Random(seed)
    text = NaturalText(rng)
    ids: list[int] = []
    for _ in range(clients):
        first, last = demo_name(rng)
        client = add_client(
            vault,
            ClientProfile(
                full_name=f"{first} {last}", preferred_name=first.split()[-1], status="active"
            ),
        )
        ids.append(client.id)
        names = (first.split()[-1], last)
        start = datetime(2011, 1, 3, 9, 0) + timedelta(days=rng.randint(0, 4500))
        contents: list[NoteContent] = []
        for n in range(notes_per_client):
            participants: tuple[int, ...] = (client.id,)
            if len(ids) > 1 and rng.random() < 0.05:
                participants = (client.id, rng.choice(ids[:-1]))
            session = (start + timedelta(days=7 * n)).isoformat(timespec="minutes")
            kind = _kind_for(rng, n)
            contents.append(natural_note(text, rng, kind, session, participants, names))
        note_ids = create_notes_together(vault, contents)
        if len(note_ids) > 1:
            sign_notes(vault, note_ids[:-1], "Demo Clinician")
