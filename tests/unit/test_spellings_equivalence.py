"""Other spellings found by looking for the UK forms (act/search.py `_Spellings`) are
exactly those of the plain definition: every word of the text, in order, each looked up."""

from __future__ import annotations

import random

import pytest
from act.search import _WORD, _Spellings, plain_text

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


@pytest.mark.parametrize(
    "variants",
    [VARIANTS, {**VARIANTS, "": ["x"]}, {}, {"tumour": ["tumor"]}],
    ids=["forms", "empty", "none", "one"],
)
def test_found_as_the_plain_definition_finds(variants):
    spellings = _Spellings(variants)
    assert [spellings.in_text(text) for text in TEXTS] == [plain(variants, text) for text in TEXTS]
    assert any(spellings.in_text(text) for text in TEXTS) == bool(variants)
