"""Every medical fact in the source notes is on the site, in the site's own words, and
the notes' unsupported claims are not.

The facts, the page that states each one and the evidence for it are listed in
tests/fixtures/seed_facts.yml. The notes themselves live outside the project
(/work/shared/seeds/), so the fixture carries a fingerprint of every 8-word run in
each note: that lets this test check, anywhere, that no listed paraphrase repeats a
note word for word (the same rule `seedcopy.py` applies to the pages).
"""

from __future__ import annotations

import hashlib
import re

import pytest
import yaml
from testkit.pages import split_front_matter
from testkit.sitebuild import ROOT

DOCS = ROOT / "docs"
FIXTURE = ROOT / "tests" / "fixtures" / "seed_facts.yml"
RUN = 8  # words in a row that count as copying, as in seedcopy.py
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")  # seedcopy.py's idea of a word

DATA = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
FACTS = DATA["facts"]
NOT_STATED = DATA["not_stated"]


def body(rel: str) -> str:
    """A page's Markdown without its front matter or citation markers (`[^id]`), whitespace
    collapsed to one space."""
    _, text = split_front_matter((DOCS / rel).read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", re.sub(r"\[\^[^\]\s]*\]", "", text))


def fingerprints(text: str) -> set[str]:
    """Short hashes of every run of RUN words in `text` (how the fixture's are made)."""
    words = WORD.findall(text.lower())
    return {
        hashlib.blake2b(" ".join(words[i : i + RUN]).encode(), digest_size=5).hexdigest()
        for i in range(len(words) - RUN + 1)
    }


def all_pages() -> list[str]:
    return sorted(
        str(p.relative_to(DOCS))
        for p in DOCS.rglob("*.md")
        if not p.relative_to(DOCS).parts[0].startswith("_")
    )


def test_the_fixture_covers_every_source_note_and_is_well_formed():
    problems = []
    seeds = DATA["seeds"]
    if sorted(DATA["seed_fingerprints"]) != sorted(seeds):
        problems.append("seed_fingerprints must have one entry per seed")
    ids = [f["id"] for f in FACTS] + [c["id"] for c in NOT_STATED]
    problems += [f"duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for seed in seeds:
        count = sum(f["seed"] == seed for f in FACTS)
        if count < 5:
            problems.append(f"{seed}: only {count} facts listed")
    for entry in FACTS + NOT_STATED:
        if entry["seed"] not in seeds:
            problems.append(f"{entry['id']}: unknown seed {entry['seed']}")
    for fact in FACTS:
        if not 1 <= len(fact["evidence"]) <= 3:
            problems.append(f"{fact['id']}: give 1-3 evidence patterns")
        if not (DOCS / fact["page"]).is_file():
            problems.append(f"{fact['id']}: no page docs/{fact['page']}")
    assert 60 <= len(FACTS) <= 110, f"{len(FACTS)} facts"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("fact", FACTS, ids=[f["id"] for f in FACTS])
def test_the_fact_is_stated_on_its_page(fact):
    text = body(fact["page"])
    missing = [p for p in fact["evidence"] if not re.search(p, text, re.IGNORECASE)]
    assert not missing, (
        f"docs/{fact['page']}: no longer states {fact['fact']!r} — "
        f"no match for {missing}; put the fact back or update tests/fixtures/seed_facts.yml"
    )


@pytest.mark.parametrize("entry", FACTS + NOT_STATED, ids=[e["id"] for e in FACTS + NOT_STATED])
def test_the_paraphrase_does_not_copy_its_source_note(entry):
    seed_runs = set(DATA["seed_fingerprints"][entry["seed"]].split())
    copied = fingerprints(entry.get("fact") or entry["claim"]) & seed_runs
    assert not copied, f"{entry['id']}: repeats {RUN}+ words of {entry['seed']} — reword it"


@pytest.mark.parametrize("claim", NOT_STATED, ids=[c["id"] for c in NOT_STATED])
def test_the_unsupported_claim_is_not_made(claim):
    pages = claim.get("pages") or all_pages()
    found = []
    for rel in pages:
        match = re.search(claim["forbidden"], body(rel), re.IGNORECASE)
        if match:
            found.append(f"docs/{rel}: {match.group(0)!r}")
    assert not found, f"the site claims {claim['claim']!r} ({claim['reason'].strip()}):\n  " + "\n  ".join(
        found
    )


def test_the_unsupported_claim_patterns_catch_the_claim():
    """Each forbidden pattern matches a plain statement of its claim, so it can fail."""
    examples = {
        "cryo-pauses-spread": "Freezing can pause the spread of the cancer and speed up healing.",
        "spine-surgery-lifesaving": "Spinal surgery is often life-saving.",
        "decompression-immediate": "Decompression can immediately relieve weakness.",
        "vertebroplasty-restores-height": "Vertebroplasty restores the height of the bone.",
        "cement-for-severe-collapse": "Cement helps when there is severe vertebral collapse.",
        "stent-rigid-incompressible": "A stent is a rigid, incompressible tube.",
        "cryo-prostate": "Freezing can be a first treatment for prostate cancer that has not spread.",
        "cryo-liver": "Cryoablation can treat small liver tumours that would be hard to reach.",
        "cryo-lung": "Freezing can treat small tumours near the outer edge of the lung.",
        "cryo-skin": "It treats skin cancers such as basal cell carcinoma.",
        "metastasectomy-prolong-life": "Metastasectomy usually helps people live longer.",
        "spine-mis-benefits": "People usually have a shorter hospital stay and faster rehabilitation.",
        "meso-chemo-surgery": "You may have chemotherapy before or after an operation.",
        "meso-radiotherapy-surgery": "Radiotherapy may be given before or after surgery to lower the chance of it coming back.",
    }
    assert sorted(examples) == sorted(c["id"] for c in NOT_STATED)
    for claim in NOT_STATED:
        assert re.search(claim["forbidden"], examples[claim["id"]], re.IGNORECASE), claim["id"]
