"""Differential tests for the faster Related topics text and ranking steps: each new
definition against the old one it replaced, on many random inputs (hooks/act/related/).

- terms(): words found with bytes.translate/split, against the regex over text.lower();
- WordCounts: the most frequent words sorted in C, against Counter.most_common;
- RelatedIndex: a page's strongest terms sorted in C, against heapq.nlargest;
"""

from __future__ import annotations

import heapq
import random
import re
import sys
from collections import Counter

import pytest
from act.related.text import _LOWER_TO_ASCII, STOPWORDS, StemCache, WordCounts, _stem, terms

_WORD = re.compile(r"[a-z][a-z]{2,}")


def old_terms(text: str) -> Counter[str]:
    """terms() as it was: a regex over the lower-cased text."""
    counts = Counter("" if w in STOPWORDS else _stem(w) for w in _WORD.findall(text.lower()))
    counts.pop("", None)
    return counts


def test_exactly_two_characters_lower_case_to_ascii_letters():
    # The fast path's premise: every other character splits words as it does after lower().
    ascii_letter = re.compile("[a-z]")
    found = [c for c in map(chr, range(128, sys.maxunicode + 1)) if ascii_letter.search(c.lower())]
    assert tuple(found) == _LOWER_TO_ASCII


ALPHABET = (
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    + list("    \t\n-'.,;:!?0123456789_&<>\"/")
    + ["é", "É", "ß", "ﬁ", "ǅ", "Σ", "ς", "ı", "İ", "\u212a", "\u0130", "—", "’", "\u00a0", "😀", "\ud800"]
    + ["the ", "and ", "stent", "stents", "therapies", "metastases", "bus", "ies", "class", "ab", "x"]
)


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 80)))


def test_terms_as_the_regex_over_the_lower_cased_text_on_random_texts():
    rng = random.Random(7)
    shared = StemCache()  # as a build shares it: str and bytes keys side by side
    for _ in range(5000):
        text = random_text(rng)
        expected = old_terms(text)
        for got in (terms(text), terms(text, shared)):
            assert got == expected, text
            assert list(got) == list(expected), text  # first-seen order too: ties keep it


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "ab cd ef",
        "Stents STENTS stents",
        "KELVIN\u212a sign: \u212aab and ab\u212a",
        "İstanbul İİİ liver",
        "naïve café résumé",
        "lone \ud800 surrogate words",
        "<p>Tags are text here</p>",
    ],
)
def test_terms_as_the_regex_on_edge_cases(text):
    assert terms(text) == old_terms(text)
    assert list(terms(text)) == list(old_terms(text))


def test_the_most_frequent_words_as_most_common_ties_and_all():
    rng = random.Random(11)
    for _ in range(2000):
        counts = Counter(
            {
                f"w{rng.randint(0, 400)}": rng.choice((1, 1, 2, 3, 5, 70000))
                for _ in range(rng.randint(0, 300))
            }
        )
        for keep in (None, 1, 24, 96, 500):
            got = WordCounts(counts, keep)
            pairs = counts.most_common(keep) if keep is not None and len(counts) > keep else counts.items()
            assert got.words == tuple(w for w, _ in pairs)
            assert list(got.counts) == [min(c, 65535) for _, c in pairs]


def test_the_strongest_terms_sorted_as_heapq_nlargest():
    # RelatedIndex keeps sorted(pairs, reverse=True)[:n] of (weight, word) pairs, one per word.
    rng = random.Random(5)
    for _ in range(3000):
        words = rng.sample(range(1000), rng.randint(0, 120))
        pairs = [(rng.choice((0.5, 1.0, 1.5, rng.random())), f"w{w}") for w in words]
        for n in (0, 1, 24, 200):
            assert sorted(pairs, reverse=True)[:n] == heapq.nlargest(n, pairs)
