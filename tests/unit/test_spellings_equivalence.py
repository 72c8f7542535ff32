"""Other spellings found by looking for the UK forms (act/search.py `_Spellings`), and the
index's words found in distinct white-space chunks (`indexed_words`), are
exactly those of the plain definition: every word of the text, in order, each looked up."""

from __future__ import annotations

import random

import pytest
from act.search import _INDEXED_WORD, _TAGS, _WORD, _Spellings, indexed_words, plain_text

VARIANTS = {
    "tumour": ["tumor", "tumours", "tumors"],
    "tumours": ["tumors"],
    "oesophag": ["esophag"],
    "centre": ["center", "centers"],
    "anaesthe": ["anesthe"],
    "Haemo": ["hemo"],  # upper case: no lower-case word starts with it
    "haemo-x": ["hemo-x"],  # not all letters: starts no word
    "é": ["e"],
}
WORDS = [
    "tumour", "Tumours", "TUMOURS", "tumourtumour", "xtumour", "2tumour", "_tumour", "tumour-like",
    "oesophageal", "centres", "&amp;centre", "<b>centre</b>", "anaesthetic", "haemo-x", "haemo",
    "été", "élan", "Écoute", "x", "ÄÖtumour", "", ".", "'", "\n",
]  # fmt: skip


def plain(variants: dict, text: str) -> list[str]:
    """The definition: every word in order, each looked up on its own."""
    spellings = _Spellings(variants)
    found: list[str] = []
    for word in _WORD.findall(plain_text(text).lower()):
        found.extend(spellings._look_up(word))
    return found


TEXTS = [" ".join(random.Random(seed).choices(WORDS, k=seed % 13)) for seed in range(3000)]
TEXTS += ["".join(random.Random(seed).choices(WORDS, k=8)) for seed in range(1000)]  # no spaces
# Longer than the texts looked through once per index (act/search.py _REPEATED).
TEXTS += [" ".join(random.Random(seed).choices(WORDS, k=60)) for seed in range(300)]


@pytest.mark.parametrize(
    "variants",
    [VARIANTS, {**VARIANTS, "": ["x"]}, {}, {"tumour": ["tumor"]}],
    ids=["forms", "empty", "none", "one"],
)
def test_found_as_the_plain_definition_finds(variants):
    spellings = _Spellings(variants)
    # Twice: the second time short texts come from what the first time found.
    assert [spellings.in_text(text) for text in TEXTS * 2] == [plain(variants, text) for text in TEXTS] * 2
    assert any(spellings.in_text(text) for text in TEXTS) == bool(variants)


def indexed_words_word_by_word(entries: list[dict]) -> list[str]:
    """The definition of act.search.indexed_words: every word of every searchable field."""
    found: set[str] = set()
    for entry in entries:
        for key, value in entry.items():
            if key in ("location", "boost"):
                continue
            text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
            found.update(_INDEXED_WORD.findall(_TAGS.sub(" ", text).lower()))
    return sorted(found)


# Every kind of white space str.split splits at, tags (closed, open, across fields),
# underscores and digits, and letters whose lower case depends on their neighbours (Σ).
PIECES = [
    "Bone", "pain", "<p>", "</p>", "<a href='x y'>", "<b", ">", "_", "a_b", "1", "x2",
    "ΟΔΟΣ", "ΣΑΣ", "İ", "é", "-", ",", " ", "\n", "\t", "\x1c", "\x85", "\xa0", "\u2003",
    "\u3000", "\ufeff", "&amp;",
]  # fmt: skip


def test_indexed_words_are_the_word_by_word_definitions():
    rng = random.Random(21)
    for _ in range(1_500):
        entries = [
            {
                "location": "".join(rng.choices(PIECES, k=3)),
                "title": "".join(rng.choices(PIECES, k=rng.randint(0, 6))),
                "text": "".join(rng.choices(PIECES, k=rng.randint(0, 20))),
                "tags": ["".join(rng.choices(PIECES, k=2)), 7],
                "boost": 0.01,
            }
            for _ in range(rng.randint(0, 4))
        ]
        assert indexed_words(entries) == indexed_words_word_by_word(entries), entries
