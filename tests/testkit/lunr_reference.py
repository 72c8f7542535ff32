"""The prebuilt lunr index's data by its plain definition, for differential tests of the
fast builder in hooks/act/lunr_index.py: every token of every field from the port of
Material's tokenizer (`tokenize`, itself tested against Material's character walk),
counted with a Counter and numbered in lunr's order one term at a time, and the
fingerprint mixed one UTF-16 code unit at a time. Used by tests/unit/test_lunr_index.py
(random and hostile entries) and tests/real_site/test_search_worker.py (the real index)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from act.lunr_index import LUNR_JS_VERSION, js_separator, tokenize
from lunr.stop_word_filter import WORDS as STOP_WORDS


def index_terms_by_tokens(config: dict[str, Any], docs: list[dict[str, Any]]) -> dict[str, Any]:
    """What index_terms must return (for the English, stop-word-only configs it builds)."""
    pipeline = list(config.get("pipeline") or [])
    dropped = STOP_WORDS if "stopWordFilter" in pipeline else frozenset()
    separator = js_separator(str(config.get("separator") or r"[\s\-]+"))
    fields = list(dict(config.get("fields") or {}))
    term_number: dict[str, int] = {}
    found: list[list[list[tuple[int, int]]]] = []  # term -> field -> [(entry, frequency)]
    for n, doc in enumerate(docs):
        for f, name in enumerate(fields):
            tokens = [token for token, _ in tokenize(doc.get(name), separator)]
            for key, frequency in Counter(tokens).items():
                if key in dropped:
                    continue
                if key not in term_number:
                    term_number[key] = len(found)
                    found.append([[] for _ in fields])
                found[term_number[key]][f].append((n, frequency))
    postings = []
    for per_field in found:
        flat: list[int] = []
        for f, entries in enumerate(per_field):
            if entries:
                flat += [f, len(entries)]
                previous = 0
                for n, frequency in entries:
                    flat += [n - previous, frequency]
                    previous = n
        postings.append(flat)
    return {
        "lunr": LUNR_JS_VERSION,
        "pipeline": pipeline,
        "fields": [[name, (config["fields"][name] or {}).get("boost")] for name in fields],
        "refs": [str(doc["location"]) for doc in docs],
        "boosts": [[n, doc["boost"]] for n, doc in enumerate(docs) if doc.get("boost") is not None],
        "terms": list(term_number),
        "postings": postings,
    }


def fingerprint_by_units(config: dict[str, Any], docs: list[dict[str, Any]]) -> int:
    """32-bit FNV-1a over the field names, then each entry's location and fields' UTF-16
    lengths (-1 if absent; a list: its length, then its items'), one number at a time."""
    h = 0x811C9DC5

    def mix(number: int) -> None:
        nonlocal h
        h = ((h ^ (number & 0xFFFFFFFF)) * 0x01000193) & 0xFFFFFFFF

    def units(text: str) -> list[int]:
        data = text.encode("utf-16-le")
        return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]

    names = list(dict(config.get("fields") or {}))
    for name in names:
        for unit in units(name):
            mix(unit)
        mix(-1)
    for doc in docs:
        for unit in units(str(doc["location"])):
            mix(unit)
        for name in names:
            value = doc.get(name)
            if value is None:
                mix(-1)
            elif isinstance(value, list):
                mix(len(value))
                for item in value:
                    mix(len(units(str(item))))
            else:
                mix(len(units(str(value))))
    return h
