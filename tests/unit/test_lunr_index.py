"""The prebuilt lunr index (hooks/act/lunr_index.py): Material's tokenizer ported exactly,
the terms and postings lunr.js's Builder.add would record, the fingerprint, and the
pinned Material worker still carrying the lunr.js this is built for.
(tests/browser/test_search_prebuilt_browser.py checks that the browser's results are
Material's own.)"""

from __future__ import annotations

import json
import pathlib
import random
import re
from collections import Counter

import lunr
import pytest
from act.lunr_index import (
    GLOBAL,
    LUNR_JS_VERSION,
    PY_WHITE_SPACE,
    TAG_CLOSE,
    TAG_OPEN,
    TEXT,
    _TermCounts,
    _words_of,
    extract,
    fingerprint,
    index_terms,
    js_separator,
    lunr_index_script,
    tokenize,
)
from lunr.stop_word_filter import WORDS
from testkit.lunr_reference import fingerprint_by_units, index_terms_by_tokens

MATERIAL_WORKER = next(
    (pathlib.Path(__import__("material").__file__).parent / "templates/assets/javascripts/workers").glob(
        "search.*.min.js"
    )
)
SEPARATOR = js_separator(r"[\s\-]+")
CONFIG = {
    "lang": ["en"],
    "separator": r"[\s\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
}


@pytest.mark.parametrize(
    ("value", "tokens"),
    [
        # Block 0 holds <p>, back, pain, </p>; block 1 the next paragraph: block << 20 | n.
        (
            "<p>Back pain</p><p>weak-legs</p>",
            [("back", 1), ("pain", 2), ("weak", 1 << 20 | 1), ("legs", 1 << 20 | 2)],
        ),
        ("Bone  cement", [("bone", 0), ("cement", 1)]),
        # Nested tags stay in their block; a self-closing tag opens nothing.
        (
            "<p>A <em>big</em> stent<br/>here</p>x",
            [("a", 1), ("big", 2), ("stent", 3), ("here", 4), ("x", 1 << 20)],
        ),
        # A list: each item's blocks follow the previous item's.
        (["<p>one</p>", "two"], [("one", 1), ("two", 1 << 20)]),
        (None, []),
        ("", []),
    ],
)
def test_tokens_and_positions_are_materials(value, tokens):
    assert tokenize(value, SEPARATOR) == tokens


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a\u00a0b", ["a", "b"]),  # no-break space: \s in JavaScript
        ("a\ufeffb", ["a", "b"]),  # BOM: \s in JavaScript, not in Python
        ("a\x1cb", ["a\x1cb"]),  # file separator: \s in Python, not in JavaScript
        ("a\u2028b-c", ["a", "b", "c"]),
    ],
)
def test_the_separator_splits_as_javascript_reads_it(text, words):
    assert [t for t, _ in tokenize(text, SEPARATOR)] == words


def test_terms_come_in_lunrs_order_with_their_entries_and_frequencies():
    docs = [
        {"location": "a/", "title": "Bone pain", "text": "<p>pain pain</p>"},
        {"location": "b/", "title": "Pain", "text": "the bone", "boost": 0.01},
    ]
    data = index_terms(CONFIG, docs)
    assert data["terms"] == ["bone", "pain"]  # "the" is a stop word
    # bone: title of entry 0 once; text of entry 1 once.
    # pain: title of entries 0 and 1 (steps 0, 1) once each; text of entry 0 twice.
    assert data["postings"] == [[0, 1, 0, 1, 1, 1, 1, 1], [0, 2, 0, 1, 1, 1, 1, 1, 0, 2]]
    assert data["refs"] == ["a/", "b/"]
    assert data["boosts"] == [[1, 0.01]]
    assert data["fields"] == [["title", 1000.0], ["text", 1.0]]
    assert data["pipeline"] == ["stopWordFilter"] and data["lunr"] == LUNR_JS_VERSION


def test_the_fingerprint_changes_with_a_location_or_a_fields_length():
    docs = [{"location": "a/", "title": "Bone", "text": "x"}]
    same = fingerprint(CONFIG, [dict(docs[0])])
    assert fingerprint(CONFIG, docs) == same
    assert fingerprint(CONFIG, [{**docs[0], "location": "b/"}]) != same
    assert fingerprint(CONFIG, [{**docs[0], "text": "xy"}]) != same
    assert fingerprint(CONFIG, [{**docs[0], "text": None}]) != same
    assert fingerprint({**CONFIG, "fields": {"title": {}}}, docs) != same
    # UTF-16 lengths, as the browser counts them: one astral character is two units.
    assert fingerprint(CONFIG, [{**docs[0], "text": "\U0001f600"}]) == fingerprint(
        CONFIG, [{**docs[0], "text": "xy"}]
    )


def test_the_script_is_json_for_json_parse_and_the_same_bytes_each_time():
    docs = [{"location": "a/", "title": "Bone </script> \u2028", "text": "x"}]
    script = lunr_index_script(CONFIG, docs)
    assert script == lunr_index_script(CONFIG, [dict(docs[0])])
    match = re.fullmatch(re.escape(GLOBAL) + r" = JSON\.parse\((\".*\")\);\n", script, re.S)
    assert match and script.isascii()
    data = json.loads(json.loads(match.group(1)))
    assert data["fingerprint"] == fingerprint(CONFIG, docs) and data["refs"] == ["a/"]


@pytest.mark.parametrize(
    ("config", "docs", "reason"),
    [
        ({**CONFIG, "lang": ["de"]}, [{"location": "a/"}], "search lang ['de']: only English is prebuilt"),
        (
            {**CONFIG, "pipeline": ["stemmer"]},
            [{"location": "a/"}],
            "search pipeline ['stemmer']: only stopWordFilter is prebuilt",
        ),
        (
            {**CONFIG, "separator": r"[\p{Z}]+"},
            [{"location": "a/"}],
            "search separator '[\\\\p{Z}]+' uses regex syntax this port does not read",
        ),
        (CONFIG, [{"location": "a/"}, {"location": "a/"}], "two entries share a location"),
    ],
)
def test_what_cannot_be_prebuilt_exactly_is_left_to_materials_worker(config, docs, reason):
    assert lunr_index_script(config, docs) == f"// Not prebuilt: {reason}\n{GLOBAL} = null;\n"


def test_materials_worker_carries_the_lunr_js_this_index_is_built_for():
    worker = MATERIAL_WORKER.read_text(encoding="utf-8")
    assert f'.version="{LUNR_JS_VERSION}"' in worker, (
        f"{MATERIAL_WORKER.name} no longer carries lunr.js {LUNR_JS_VERSION}: check hooks/act/lunr_index.py"
    )
    assert lunr.__TARGET_JS_VERSION__ == LUNR_JS_VERSION


def test_lunr_py_stops_the_words_materials_lunr_js_stops():
    worker = MATERIAL_WORKER.read_text(encoding="utf-8")
    found = re.search(r"generateStopWordFilter\((\[[^\]]*\])\)", worker)
    assert found, f"{MATERIAL_WORKER.name}: no stop word list found"
    assert set(json.loads(found.group(1))) == set(WORDS)


def test_materials_worker_still_builds_its_index_as_the_wrapper_expects():
    """The wrapper (search-worker.js) takes over lunr(...)'s `add` and `build` for one build;
    the browser test proves it works, this names what changed if Material's worker did."""
    worker = MATERIAL_WORKER.read_text(encoding="utf-8")
    for shape in (
        "self.lunr=",
        'this.metadataWhitelist=["position"],this.b(0)',
        "this.add(o,{boost:o.boost})",
        "this.tokenizer=",
    ):
        assert shape in worker, (
            f"{MATERIAL_WORKER.name} changed: no {shape!r}; check search-worker.js's usePrebuilt"
        )


def _extract_by_character(text: str) -> list[tuple[int, int, int, int]]:
    """Material's `extract` as its worker writes it: a walk over every character."""
    out: list[tuple[int, int, int, int]] = []
    block = start = end = stack = 0
    while end < len(text):
        c = text[end]
        if c == "<" and end > start:
            out.append((block, TEXT, start, end))
            start = end
        elif c == ">":
            if text[start + 1 : start + 2] == "/":
                stack -= 1
                if stack == 0:
                    out.append((block, TAG_CLOSE, start, end + 1))
                    block += 1
            elif text[end - 1 : end] != "/":
                if stack == 0:
                    out.append((block, TAG_OPEN, start, end + 1))
                stack += 1
            start = end + 1
        end += 1
    if end > start:
        out.append((block, TEXT, start, end))
    return out


def test_extract_visiting_only_brackets_is_the_character_walk():
    rng = random.Random(16)
    for _ in range(20_000):
        text = "".join(rng.choice("<>/ab \n") for _ in range(rng.randint(0, 16)))
        seen: list[tuple[int, int, int, int]] = []
        extract(text, lambda *section, seen=seen: seen.append(section))
        assert seen == _extract_by_character(text), text


@pytest.mark.parametrize(
    "separator",
    # Material's default, one that can match nothing, a word boundary, one with a group,
    # and one of Material's documented camel-case separators (the last three take the
    # exact path; the first two the one-call split).
    [r"[\s\-]+", r"[\s\-]*", r"\b", r"(-)", r"[\s\-,:!=\[\]()\"/]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;"],
)
def test_the_index_words_are_the_tokenizers_tokens(separator):
    pattern = js_separator(separator)
    words = _words_of(pattern)
    rng = random.Random(separator)
    for _ in range(5_000):
        text = "".join(rng.choice("<>/aB c\n-.,&lt;A1") for _ in range(rng.randint(0, 16)))
        value = text if rng.random() < 0.8 else [text, text[::-1]]
        assert words(value) == [token for token, _ in tokenize(value, pattern)], (separator, value)


# Material's default, one that can match nothing, a word boundary, one with a group, one of
# Material's documented camel-case separators, and classes whose characters change
# under lower-casing (upper-case letters; İ, whose lower case is two characters): the
# first two and the last two count in one pass; the rest take the exact walk.
COUNTING_SEPARATORS = [
    r"[\s\-]+",
    r"[^a-z]+",
    r"[\s\-]*",
    r"\b",
    r"(-)",
    r"[\s\-,:!=\[\]()\"/]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;",
    r"[\sA-Z]+",
    r"[\sİ]+",
    r"[ 0-3.]+",
]
# Pieces of field values: tags, stray and doubled brackets, stop words, case pairs,
# characters whose lower case depends on neighbours (Σ) or is longer (İ, ẞ), JavaScript's
# extra white space (U+FEFF, a format character that str.lower treats as ignorable).
PIECES = [
    "<p>", "</p>", "<br/>", "<em>", "</em>", "<", ">", "a>b", "<x", "/", "<<", ">>", "-", " ",
    "\n", "\ufeff", "\u00a0", "the", "and", "Bone", "bone", "BONE", "pain", "ΟΔΟΣ", "ΣΑΣ",
    "Σ", "σ", "İstanbul", "ẞ", "é", "É", "tumour", "1", "&lt;", "A", "b", "Cement", "3", ".",
    "\t", "\x1c", "\x85", "\u2003",
]  # fmt: skip


def _random_value(rng: random.Random):
    # Mostly short (counted once per build, act/lunr_index.py _REPEATED), some longer.
    text = "".join(rng.choices(PIECES, k=rng.randint(0, 14) if rng.random() < 0.7 else rng.randint(60, 120)))
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.2:
        return [text, "".join(rng.choices(PIECES, k=3)), rng.randint(0, 99)]
    return text


@pytest.mark.parametrize("separator", COUNTING_SEPARATORS)
def test_term_counts_are_the_tokenizers_tokens_counted_in_order(separator):
    pattern = js_separator(separator)
    counts = _TermCounts(pattern)
    # The fast path is the one under test for Material's default and the negated class;
    # upper-case separator characters make lower-casing the whole text unsafe.
    assert counts._runs == (separator in (r"[\s\-]+", r"[^a-z]+", r"[\sA-Z]+", r"[\sİ]+", r"[ 0-3.]+"))
    assert counts._ascii_ok == (separator not in (r"[^a-z]+", r"[\sA-Z]+"))
    # str.split does the splitting for listed characters (a text with white space outside
    # the class, such as U+001C for Material's default, takes re.split).
    assert (counts._split is not None) == (separator in (r"[\s\-]+", r"[\sA-Z]+", r"[\sİ]+", r"[ 0-3.]+"))
    rng = random.Random(separator)
    for _ in range(3_000):
        value = _random_value(rng)
        tokens = [token for token, _ in tokenize(value, pattern)]
        assert list(counts(value).items()) == list(Counter(tokens).items()), (separator, value)
        assert list(counts(value).items()) == list(Counter(tokens).items()), (separator, value)  # again


@pytest.mark.parametrize("separator", COUNTING_SEPARATORS[:3])
@pytest.mark.parametrize("pipeline", [["stopWordFilter"], []])
def test_index_terms_are_the_plain_definitions(separator, pipeline):
    config = {
        "lang": ["en"],
        "separator": separator,
        "pipeline": pipeline,
        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {}, "aliases": None},
    }
    rng = random.Random(f"{separator}{pipeline}")
    for _ in range(200):
        docs = [
            {
                "location": f"p{n}/" + rng.choice(["", "#a", "#ΣΣ"]),
                **{name: _random_value(rng) for name in ("title", "text", "tags", "aliases")},
                **({"boost": rng.choice([0.01, 2])} if rng.random() < 0.2 else {}),
            }
            for n in range(rng.randint(0, 8))
        ]
        assert index_terms(config, docs) == index_terms_by_tokens(config, docs), docs


def test_the_fingerprint_is_the_plain_definition():
    rng = random.Random(13)
    texts = ["", "a", "é", "\U0001f600", "<p>x</p>", "ΣΑΣ", "\u2028", "abc" * 40]
    for _ in range(2_000):
        names = rng.sample(["title", "text", "tags", "aliases", "Überschrift"], k=rng.randint(0, 4))
        config = {"fields": {name: {} for name in names}}
        docs = [
            {
                "location": "".join(rng.choices(texts, k=3)),
                **{
                    name: rng.choice([None, "".join(rng.choices(texts, k=4)), [rng.choice(texts), 12]])
                    for name in names
                    if rng.random() < 0.8
                },
            }
            for _ in range(rng.randint(0, 5))
        ]
        assert fingerprint(config, docs) == fingerprint_by_units(config, docs), (config, docs)


def test_the_white_space_str_split_splits_at_is_this_pythons():
    assert sorted(PY_WHITE_SPACE) == [c for c in map(chr, range(0x110000)) if c.isspace()]
