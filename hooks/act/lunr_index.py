"""The lunr index that Material's search worker would build in the reader's browser, built
here once instead (issue 16: the first query after a page opens).

Material 9's worker (`workers/search.*.min.js`) builds a lunr.js 2.3.9 index from
search_index.json every time a page starts search: on a slow phone that takes longer
than the search itself, and the first query waits for it. This module builds the same
index at build time, with lunr.py (which writes lunr.js's serialised format), as
Material's worker would:

- Material's own tokenizer, ported: it splits each field's HTML into blocks (`extract`),
  splits each text run at `config.separator` (`split`), lower-cases each token and gives
  it the position `block << 20 | n` (n: its place among the block's tags and words),
  which Material's worker later uses to highlight matches. This module never builds
  Material's position tables themselves: the worker wrapper rebuilds them with
  Material's own tokenizer for the results it shows.
- Material's pipeline: lunr's trimmer, stop-word filter and stemmer minus those not in
  `config.pipeline` (this site: the stop-word filter only), none at query time;
  `b(0)`; one field per `config.fields` key with its boost; each entry's `boost`;
  `position` metadata; `location` as the reference.
- lunr.js's arithmetic where lunr.py differs: scores rounded as `Math.round(x * 1000) /
  1000`, a missing boost counts as 1, terms sorted by UTF-16 code units.

The worker wrapper (docs/assets/javascripts/search-worker.js) loads the result,
`search/lunr-index.js`, with `lunr.Index.load` and hands it to Material's worker in place
of the index it would build, but only when the index's `fingerprint` matches the entries
the page sent (the same locations, in the same order, with fields of the same lengths):
otherwise Material builds its own as before. tests/browser/test_search_prebuilt_browser.py
checks that both give the same results.
"""

from __future__ import annotations

import itertools
import json
import operator
import re
import re._parser as _parser  # the minimum width of a separator (stdlib, private)
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from lunr.stop_word_filter import WORDS as STOP_WORDS

LUNR_INDEX_URI = "search/lunr-index.js"
# The lunr.js release inside Material's pinned worker; lunr.py writes its format.
LUNR_JS_VERSION = "2.3.9"
# Where the script puts the index for the worker wrapper.
GLOBAL = "self.lunrIndex"

# JavaScript's \s (ECMAScript WhiteSpace and LineTerminator), which Python's \s is not.
_JS_SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
# Pipeline functions Material may keep (config.pipeline); lunr.py has only this one ported
# to lunr.js's exact behaviour that Material's English search uses.
_PIPELINE = ("stopWordFilter",)

_BRACKETS = re.compile("[<>]")
# Material's extraction types (the low two bits of a table entry).
TAG_OPEN, TEXT, TAG_CLOSE = 0, 1, 2


class UnsupportedSearchConfig(ValueError):
    """Material's search config uses something this port does not reproduce exactly."""


def js_separator(separator: str) -> re.Pattern[str]:
    """Material's `new RegExp(config.separator)` as a Python pattern: \\s as JavaScript
    reads it, \\w, \\d and \\b ASCII-only (re.ASCII) as JavaScript reads them without /u."""
    if re.search(r"\\[pPuxc]|\(\?<[=!]|\(\?<\w|\\[1-9]", separator):
        raise UnsupportedSearchConfig(
            f"search separator {separator!r} uses regex syntax this port does not read"
        )
    out, i, in_class = [], 0, False
    while i < len(separator):
        c = separator[i]
        if c == "\\" and i + 1 < len(separator):
            pair = separator[i : i + 2]
            if pair == "\\s":
                out.append(_JS_SPACE if in_class else f"[{_JS_SPACE}]")
            elif pair == "\\S":
                if in_class:
                    raise UnsupportedSearchConfig(f"search separator {separator!r}: \\S inside [...]")
                out.append(f"[^{_JS_SPACE}]")
            else:
                out.append(pair)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return re.compile("".join(out), re.ASCII)


def extract(text: str, visit: Callable[[int, int, int, int], None]) -> None:
    """Material's `extract`: split HTML into (block, type, start, end) sections. Material
    walks every character, but only `<` and `>` change anything, so only they are visited
    (a character loop in Python took most of a 3,000-page build's search hook)."""
    block = start = stack = 0
    for bracket in _BRACKETS.finditer(text):
        end = bracket.start()
        if bracket.group() == "<":
            if end > start:
                visit(block, TEXT, start, end)
                start = end
            continue
        if text[start + 1 : start + 2] == "/":
            stack -= 1
            if stack == 0:
                visit(block, TAG_CLOSE, start, end + 1)
                block += 1
        elif text[end - 1 : end] != "/":
            if stack == 0:
                visit(block, TAG_OPEN, start, end + 1)
            stack += 1
        start = end + 1
    if len(text) > start:
        visit(block, TEXT, start, len(text))


def split(text: str, separator: re.Pattern[str], visit: Callable[[int, int], None]) -> None:
    """Material's `split`: every non-empty run of `text` between separator matches."""
    index = 0
    pos = 0
    while True:
        match = separator.search(text, pos) if pos <= len(text) else None
        until = match.start() if match else len(text)
        if index < until:
            visit(index, until)
        if not match:
            return
        index = match.end()
        # A zero-length match moves on one character, as lastIndex = index + 1 does.
        pos = match.start() + 1 if match.end() == match.start() else match.end()


def _int32(value: int) -> int:
    value &= 0xFFFFFFFF
    return value - 0x100000000 if value >= 0x80000000 else value


def tokenize(value: Any, separator: re.Pattern[str]) -> list[tuple[str, int]]:
    """Material's `tokenize`: (token, position) for one field's value (a string or a list
    of strings), positions as its worker computes them."""
    if value is None:
        return []
    inputs = value if isinstance(value, list) else [value]
    table: list[int] = []  # entries per block (Material keeps the entries themselves)
    tokens: list[tuple[str, int]] = []
    for item in inputs:
        text = item if isinstance(item, str) else str(item)
        total = len(table)

        def visit(block: int, kind: int, start: int, end: int, text: str = text, total: int = total) -> None:
            block += total
            while len(table) <= block:
                table.append(0)
            if kind != TEXT:
                table[block] += 1
                return
            section = text[start:end]

            def word(index: int, until: int) -> None:
                table[block] += 1
                tokens.append((section[index:until].lower(), _int32(block << 20 | (table[block] - 1))))

            split(section, separator, word)

        extract(text, visit)
    return tokens


def _words_of(separator: re.Pattern[str]) -> Callable[[Any], list[str]]:
    """The tokens of one field's value, in order, without their positions (the index needs
    only the terms). With a separator that can never match an empty string and has no
    groups, re.split finds the same runs as `split` in one C call (a Python loop per word
    took most of the search hook's time at 3,000 pages); any other separator is split as
    Material splits it."""
    try:
        never_empty = (
            separator.groups == 0 and _parser.parse(separator.pattern, separator.flags).getwidth()[0] > 0
        )
    except Exception:  # a private parser that changed shape: the exact path, slower
        never_empty = False
    if not never_empty:
        return lambda value: [token for token, _ in tokenize(value, separator)]

    def words(value: Any) -> list[str]:
        if value is None:
            return []
        out: list[str] = []
        for item in value if isinstance(value, list) else [value]:
            text = item if isinstance(item, str) else str(item)
            sections: list[tuple[int, int]] = []

            def keep(_block: int, kind: int, start: int, end: int, sections: list = sections) -> None:
                if kind == TEXT:
                    sections.append((start, end))

            extract(text, keep)
            for start, end in sections:
                out += [word.lower() for word in separator.split(text[start:end]) if word]
        return out

    return words


def index_terms(config: Mapping[str, Any], docs: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What lunr.js's Builder.add learns from `docs` as Material's worker configures it,
    without the positions: each field's boost, each entry's location and boost, every
    term in the order lunr numbers them (`_index`: first use), and for each term the
    entries of each field that hold it, with how often (term frequency). The worker
    wrapper turns this into the builder's state and lets lunr.js build the index from it
    (vectors, scores, token set), so scores come from lunr.js's own arithmetic.

    `postings[k]` (term k) is flat: field number, entry count, then for each entry the
    step from the previous entry's number and the term's frequency there; then the next
    field that holds the term."""
    if list(config.get("lang") or ["en"]) != ["en"]:
        raise UnsupportedSearchConfig(f"search lang {config.get('lang')!r}: only English is prebuilt")
    pipeline_names = list(config.get("pipeline") or [])
    if any(name not in _PIPELINE for name in pipeline_names):
        raise UnsupportedSearchConfig(f"search pipeline {pipeline_names!r}: only stopWordFilter is prebuilt")
    # The one pipeline function allowed drops the tokens in its word list (lunr.py's
    # stop_word_filter, as a set lookup here: its Pipeline costs a call per token).
    dropped = STOP_WORDS if "stopWordFilter" in pipeline_names else frozenset()
    separator = js_separator(str(config.get("separator") or r"[\s\-]+"))
    words = _words_of(separator)
    field_specs = dict(config.get("fields") or {})
    fields = list(field_specs)

    term_number: dict[str, int] = {}
    # term number -> field number -> (entry numbers, frequencies), in entry order
    found: list[list[tuple[list[int], list[int]]]] = []
    boosts: list[list[Any]] = []
    for n, doc in enumerate(docs):
        if doc.get("boost") is not None:
            boosts.append([n, doc["boost"]])
        for f, name in enumerate(fields):
            # Each term of this field once, in order of first use, with how often it occurs.
            for key, frequency in Counter(words(doc.get(name))).items():
                if key in dropped:
                    continue
                k = term_number.get(key)
                if k is None:
                    k = term_number[key] = len(found)
                    found.append([([], []) for _ in fields])
                numbers, frequencies = found[k][f]
                numbers.append(n)
                frequencies.append(frequency)

    postings: list[list[int]] = []
    for per_field in found:
        flat: list[int] = []
        for f, (numbers, frequencies) in enumerate(per_field):
            if not numbers:
                continue
            flat += (f, len(numbers))
            steps = map(operator.sub, numbers, [0, *numbers[:-1]])
            flat += itertools.chain.from_iterable(zip(steps, frequencies, strict=True))
        postings.append(flat)
    return {
        "lunr": LUNR_JS_VERSION,
        "pipeline": pipeline_names,
        "fields": [[name, (field_specs[name] or {}).get("boost")] for name in fields],
        "refs": [str(doc["location"]) for doc in docs],
        "boosts": boosts,
        "terms": list(term_number),
        "postings": postings,
    }


def fingerprint(config: Mapping[str, Any], docs: Iterable[Mapping[str, Any]]) -> int:
    """What the worker wrapper checks before using the prebuilt index: a 32-bit FNV-1a
    hash over each entry's location and the UTF-16 length of each field (-1 if absent,
    a list as its items' lengths), in config.fields order, and the field names. The
    wrapper computes the same over the entries the page sends (search-worker.js)."""
    h = 0x811C9DC5

    def mix(number: int) -> None:
        nonlocal h
        h = ((h ^ (number & 0xFFFFFFFF)) * 0x01000193) & 0xFFFFFFFF

    names = list(dict(config.get("fields") or {}))
    for name in names:
        for unit in _utf16_units(name):
            mix(unit)
        mix(0xFFFF_FFFF)
    for doc in docs:
        for unit in _utf16_units(str(doc["location"])):
            mix(unit)
        for name in names:
            value = doc.get(name)
            if value is None:
                mix(0xFFFF_FFFF)
            elif isinstance(value, list):
                mix(len(value))
                for item in value:
                    mix(_utf16_length(str(item)))
            else:
                mix(_utf16_length(str(value)))
    return h


def _utf16_units(text: str) -> list[int]:
    data = text.encode("utf-16-le")
    return [data[i] | data[i + 1] << 8 for i in range(0, len(data), 2)]


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def lunr_index_script(config: Mapping[str, Any], docs: Sequence[Mapping[str, Any]]) -> str:
    """search/lunr-index.js: the serialised index and its fingerprint, as a script (so it
    loads from file:// too), as JSON text parsed by JSON.parse (faster to load than the
    same object written as a literal; no eval)."""
    refs = [str(doc["location"]) for doc in docs]
    if len(set(refs)) != len(refs):
        return none_script("two entries share a location")
    try:
        data = {"fingerprint": fingerprint(config, docs), **index_terms(config, docs)}
    except UnsupportedSearchConfig as exc:
        return none_script(str(exc))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return f"{GLOBAL} = JSON.parse({json.dumps(text, ensure_ascii=True)});\n"


def none_script(reason: str) -> str:
    """No prebuilt index (the worker wrapper lets Material's worker build its own), and why."""
    return f"// Not prebuilt: {reason.replace(chr(10), ' ')}\n{GLOBAL} = null;\n"
