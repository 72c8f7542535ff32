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
    """The tokens of one field's value, in order, without their positions. With a
    separator that can never match an empty string and has no groups, re.split finds the
    same runs as `split` in one C call; any other separator is split as Material splits it.
    (The index itself counts tokens with `_TermCounts`, which is pinned to this.)"""
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


# A tag as `extract` finds it when it is the whole story: `<`, no bracket, `>`.
_SIMPLE_TAG = re.compile(r"<[^<>]*>")
# The one character whose lower case depends on its neighbours in str.lower (Final_Sigma).
_CONTEXT_LOWER = "\u03a3"


def _one_character_runs(separator: re.Pattern[str]) -> bool:
    """Whether `separator` is one character class repeated greedily (`[...]+`, as
    Material's default `[\\s\\-]+` is), with no groups: then its matches are exactly the
    maximal runs of characters it matches one by one, whatever surrounds them."""
    if separator.groups:
        return False
    try:
        parsed = _parser.parse(separator.pattern, separator.flags)
        if len(parsed) != 1:
            return False
        op, arguments = parsed[0]
        if op is not _parser.MAX_REPEAT or arguments[0] != 1 or arguments[1] != _parser.MAXREPEAT:
            return False
        item = arguments[2]
        return len(item) == 1 and item[0][0] in _ONE_CHARACTER and item.getwidth() == (1, 1)
    except Exception:  # a private parser that changed shape: the exact path, slower
        return False


_ONE_CHARACTER = frozenset(
    getattr(_parser, name, None) for name in ("IN", "LITERAL", "NOT_LITERAL", "CATEGORY", "ANY")
) - {None}


# The characters str.split() splits at (str.isspace), as this Python's Unicode tables say
# (tests/unit/test_lunr_index.py checks it against every character).
PY_WHITE_SPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _white_space_split(separator: re.Pattern[str]) -> tuple[tuple[str, ...], re.Pattern[str] | None] | None:
    """For a separator of one class of listed characters repeated (`_one_character_runs`),
    how str.split() can split as it does: the class's characters that are not white
    space to Python, to be replaced by a space first, and the white space outside the
    class (a text holding one is split by the regex). None for other classes (negated,
    categories, case-insensitive, large ranges) or one without the space."""
    if separator.flags & re.IGNORECASE:
        return None
    try:
        (_, (_, _, item)) = _parser.parse(separator.pattern, separator.flags)[0]
        members: set[str] = set()
        for op, argument in item[0][1] if item[0][0] is _parser.IN else [item[0]]:
            if op is _parser.LITERAL:
                members.add(chr(argument))
            elif op is _parser.RANGE and argument[1] - argument[0] < 256:
                members.update(map(chr, range(argument[0], argument[1] + 1)))
            else:
                return None
    except Exception:  # a private parser that changed shape: the regex
        return None
    if " " not in members or not all(separator.fullmatch(c) for c in members):
        return None
    outside = sorted(PY_WHITE_SPACE - members)
    return (
        tuple(sorted(c for c in members if c not in PY_WHITE_SPACE)),
        re.compile("[" + "".join(map(re.escape, outside)) + "]") if outside else None,
    )


# Values this long or shorter are counted once per build (`_TermCounts`).
_REPEATED = 200


class _TermCounts:
    """How often each token of a field's value occurs, in order of first occurrence (a
    Counter of `tokenize`'s tokens, which is what lunr.js's Builder.add records), made
    with as few Python steps per token as is exact:

    - a separator of one character class repeated (Material's default): tags removed
      with one regex (when no stray bracket is left, the tags it removes are exactly the
      ones `extract` skips) and replaced by a space, which the separator matches, so the
      text between them splits as each section would alone; the text lower-cased at once
      when that is the same as lower-casing each token (no character whose lower case
      depends on its neighbours or crosses the separator, checked once per character);
      then one split (str.split where it splits at exactly the separator's characters,
      else re.split) and one Counter;
    - anything else (a stray `<` or `>`, another separator): `_words_of`, exact.

    Each shortcut has a differential test against `tokenize` (tests/unit/test_lunr_index.py)."""

    def __init__(self, separator: re.Pattern[str]) -> None:
        self._separator = separator
        self._words = _words_of(separator)
        self._runs = _one_character_runs(separator) and bool(separator.fullmatch(" "))
        self._split = _white_space_split(separator) if self._runs else None
        self._ascii_outside = tuple(c for c in PY_WHITE_SPACE if c.isascii() and not separator.fullmatch(c))
        # Character -> whether lower-casing it inside a text equals lower-casing it inside
        # its token: only characters whose lower case differs can disagree.
        self._lower_ok: dict[str, bool] = {}
        self._short: dict[str, Counter[str]] = {}
        self._ascii_ok = all(self._char_lower_ok(chr(code)) for code in range(128))

    def _char_lower_ok(self, char: str) -> bool:
        ok = self._lower_ok.get(char)
        if ok is None:
            lowered = char.lower()
            if lowered == char:
                ok = True
            elif char == _CONTEXT_LOWER:
                ok = False
            else:
                is_separator = bool(self._separator.fullmatch(char))
                ok = all(bool(self._separator.fullmatch(c)) == is_separator for c in lowered)
            self._lower_ok[char] = ok
        return ok

    def _lower_whole(self, text: str) -> bool:
        if text.isascii():
            return self._ascii_ok
        return all(map(self._char_lower_ok, set(text)))

    def __call__(self, value: Any) -> dict[str, int]:
        if value is None:
            return {}
        if not self._runs:
            return Counter(self._words(value))
        if isinstance(value, str):  # nearly every value: one Counter, no update call
            if len(value) <= _REPEATED:
                # Short values repeat (section titles such as "Key points", the same US
                # spellings): counted once per build, by the exact text. The counts are
                # only read.
                counts = self._short.get(value)
                if counts is None:
                    counts = self._short[value] = self._count(value)
                return counts
            return self._count(value)
        counts = Counter()
        for item in value if isinstance(value, list) else [value]:
            counts.update(self._tokens(item if isinstance(item, str) else str(item)))
        counts.pop("", None)
        return counts

    def _count(self, text: str) -> Counter[str]:
        counts = Counter(self._tokens(text))
        # re.split gives "" before a separator at the start and after one at the end; no
        # token is empty, and dropping a key leaves the others' order as it was.
        counts.pop("", None)
        return counts

    def _tokens(self, text: str) -> list[str]:
        """The text's tokens (some of them maybe "")."""
        plain = _SIMPLE_TAG.sub(" ", text) if ">" in text else text
        if "<" in plain or ">" in plain:  # a bracket outside a simple tag: the exact walk
            return self._words(text)
        if self._lower_whole(plain):
            lowered = plain.lower()
            if self._split is not None:
                # str.split where it splits as the separator does (twice as fast as re.split).
                replaced, outside = self._split
                if outside is None or not (
                    # An ASCII text can hold only the ASCII ones (`in` is a memchr each).
                    any(map(lowered.__contains__, self._ascii_outside))
                    if lowered.isascii()
                    else outside.search(lowered)
                ):
                    for char in replaced:
                        lowered = lowered.replace(char, " ")
                    return lowered.split()
            return self._separator.split(lowered)
        return [token.lower() for token in self._separator.split(plain)]


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
    terms = IndexTerms(config)
    terms.add(docs)
    return terms.result()


class IndexTerms:
    """`index_terms`, the entries added a few at a time, in order (a build hands them over
    page by page as Material makes them). Raises UnsupportedSearchConfig when made."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        if list(config.get("lang") or ["en"]) != ["en"]:
            raise UnsupportedSearchConfig(f"search lang {config.get('lang')!r}: only English is prebuilt")
        self.pipeline_names = list(config.get("pipeline") or [])
        if any(name not in _PIPELINE for name in self.pipeline_names):
            raise UnsupportedSearchConfig(
                f"search pipeline {self.pipeline_names!r}: only stopWordFilter is prebuilt"
            )
        # The one pipeline function allowed drops the tokens in its word list (lunr.py's
        # stop_word_filter, as a set lookup here: its Pipeline costs a call per token).
        self.dropped = STOP_WORDS if "stopWordFilter" in self.pipeline_names else frozenset()
        self.counts_of = _TermCounts(js_separator(str(config.get("separator") or r"[\s\-]+")))
        self.field_specs = dict(config.get("fields") or {})
        self.fields = list(self.field_specs)
        self.term_number: dict[str, int] = {}
        # field number -> term -> [entry number, frequency, entry number, frequency, ...], in
        # entry order (one flat list per term and field: few objects for the collector)
        self.in_field: list[dict[str, list[int]]] = [{} for _ in self.fields]
        self.boosts: list[list[Any]] = []
        self.refs: list[str] = []

    def add(self, docs: Iterable[Mapping[str, Any]]) -> None:
        term_number, in_field, boosts, refs = self.term_number, self.in_field, self.boosts, self.refs
        dropped, counts_of, fields = self.dropped, self.counts_of, self.fields
        for doc in docs:
            n = len(refs)
            refs.append(str(doc["location"]))
            if doc.get("boost") is not None:
                boosts.append([n, doc["boost"]])
            for f, name in enumerate(fields):
                value = doc.get(name)
                if value is None:  # no tokens
                    continue
                postings = in_field[f]
                # Each term of this field once, in order of first use, with how often it occurs.
                for key, frequency in counts_of(value).items():
                    found = postings.get(key)
                    if found is not None:
                        found += (n, frequency)
                    elif key not in dropped:
                        postings[key] = [n, frequency]
                        term_number.setdefault(key, len(term_number))

    def result(self) -> dict[str, Any]:
        """The terms of every entry added (once: the postings are rewritten in place)."""
        flat_postings: list[list[int]] = []
        for key in self.term_number:
            flat: list[int] = []
            for f, postings in enumerate(self.in_field):
                found = postings.get(key)
                if found is None:
                    continue
                # Entry numbers become steps from the previous one (the first from 0).
                found[2::2] = list(map(operator.sub, found[2::2], found[0:-2:2]))
                flat += (f, len(found) // 2)
                flat += found
            flat_postings.append(flat)
        return {
            "lunr": LUNR_JS_VERSION,
            "pipeline": self.pipeline_names,
            "fields": [[name, (self.field_specs[name] or {}).get("boost")] for name in self.fields],
            "refs": list(self.refs),
            "boosts": self.boosts,
            "terms": list(self.term_number),
            "postings": flat_postings,
        }


_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 0x01000193
_MASK = 0xFFFF_FFFF


def fingerprint(config: Mapping[str, Any], docs: Iterable[Mapping[str, Any]]) -> int:
    """What the worker wrapper checks before using the prebuilt index: a 32-bit FNV-1a
    hash over each entry's location and the UTF-16 length of each field (-1 if absent,
    a list as its items' lengths), in config.fields order, and the field names. The
    wrapper computes the same over the entries the page sends (search-worker.js)."""
    found = Fingerprint(config)
    found.add(docs)
    return found.value


class Fingerprint:
    """`fingerprint`, the entries added a few at a time, in order."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        h = _FNV_OFFSET
        self.names = list(dict(config.get("fields") or {}))
        for name in self.names:
            h = _mix_units(h, name)
            h = ((h ^ _MASK) * _FNV_PRIME) & _MASK
        self.value = h

    def add(self, docs: Iterable[Mapping[str, Any]]) -> None:
        h, names = self.value, self.names
        for doc in docs:
            h = _mix_units(h, str(doc["location"]))
            for name in names:
                value = doc.get(name)
                if value is None:
                    number = _MASK
                elif isinstance(value, list):
                    h = ((h ^ (len(value) & _MASK)) * _FNV_PRIME) & _MASK
                    for item in value:
                        h = ((h ^ (_utf16_length(str(item)) & _MASK)) * _FNV_PRIME) & _MASK
                    continue
                else:
                    number = _utf16_length(str(value)) & _MASK
                h = ((h ^ number) * _FNV_PRIME) & _MASK
        self.value = h


def _mix_units(h: int, text: str) -> int:
    """`h` with every UTF-16 code unit of `text` mixed in (an ASCII text's bytes are its
    code units)."""
    for unit in text.encode("ascii") if text.isascii() else _utf16_units(text):
        h = ((h ^ unit) * _FNV_PRIME) & _MASK
    return h


def _utf16_units(text: str) -> list[int]:
    data = text.encode("utf-16-le")
    return [data[i] | data[i + 1] << 8 for i in range(0, len(data), 2)]


def _utf16_length(text: str) -> int:
    # An ASCII text (str.isascii is a flag check) has one code unit per character.
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def lunr_index_script(config: Mapping[str, Any], docs: Sequence[Mapping[str, Any]]) -> str:
    """search/lunr-index.js: the serialised index and its fingerprint, as a script (so it
    loads from file:// too), as JSON text parsed by JSON.parse (faster to load than the
    same object written as a literal; no eval)."""
    index = LunrIndex(config)
    index.add(docs)
    return index.script()


class LunrIndex:
    """`lunr_index_script`, the entries added a few at a time, in order."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.fingerprint = Fingerprint(config)
        self.refs: set[str] = set()
        self.shared_location = False
        self.unsupported: str | None = None
        self.terms: IndexTerms | None = None
        try:
            self.terms = IndexTerms(config)
        except UnsupportedSearchConfig as exc:
            self.unsupported = str(exc)

    def add(self, docs: Sequence[Mapping[str, Any]]) -> None:
        if self.shared_location:
            return
        refs = self.refs
        for doc in docs:
            ref = str(doc["location"])
            if ref in refs:
                self.shared_location, self.terms = True, None  # not prebuilt: let go of the terms
                return
            refs.add(ref)
        if self.terms is not None:
            self.fingerprint.add(docs)
            self.terms.add(docs)

    def script(self) -> str:
        if self.shared_location:
            return none_script("two entries share a location")
        if self.terms is None:
            return none_script(self.unsupported or "")
        data = {"fingerprint": self.fingerprint.value, **self.terms.result()}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return f"{GLOBAL} = JSON.parse({json.dumps(text, ensure_ascii=True)});\n"


def none_script(reason: str) -> str:
    """No prebuilt index (the worker wrapper lets Material's worker build its own), and why."""
    return f"// Not prebuilt: {reason.replace(chr(10), ' ')}\n{GLOBAL} = null;\n"
