"""The data files beside the pages, each read and checked the same way.

`docs/_data/vocabulary.yml` (slugs and plain names for conditions, body areas and cancer
types), `docs/_data/spelling-variants.yml` (UK form -> other spellings, for search and
the alias rules), `docs/_data/search-phrases.yml` (what readers type -> the pages that
answer it, for search; optional) and `docs/_snippets/abbreviations.md` (the glossary and
its tooltips).
A file that is missing or malformed is a problem, reported with the pages' problems; the
build goes on with what could be read, so one run shows everything to fix.
"""

from __future__ import annotations

import pathlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from act.glossary import Term, parse_abbreviations
from act.problems import Problem
from act.security.safe_yaml import MAX_DATA_FILE, yaml_refusal

VOCABULARY = "_data/vocabulary.yml"
SPELLING_VARIANTS = "_data/spelling-variants.yml"
SEARCH_PHRASES = "_data/search-phrases.yml"
ABBREVIATIONS = "_snippets/abbreviations.md"

_WORD = re.compile(r"^[A-Za-z][A-Za-z' -]*$")
Vocabulary = Mapping[str, Mapping[str, str]]  # field -> slug -> plain name
Variants = Mapping[str, tuple[str, ...]]  # uk form -> other spellings, lower case


@dataclass(frozen=True)
class SearchPhrase:
    """A phrase readers type (a symptom, everyday words) and the pages that answer it,
    the most urgent first; `line` is where the phrase is in the file."""

    phrase: str
    pages: tuple[str, ...]
    line: int


def _read(docs_dir: pathlib.Path, docs_label: str, name: str) -> tuple[str | None, list[Problem]]:
    try:
        return (docs_dir / name).read_text(encoding="utf-8"), []
    except FileNotFoundError:
        return None, [Problem(f"{docs_label}/{name}", 1, "file is missing — restore it (git checkout -- it)")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [
            Problem(f"{docs_label}/{name}", 1, f"file cannot be read ({exc}) — re-save it as UTF-8 text")
        ]


def _yaml(docs_label: str, name: str, text: str) -> tuple[Any, list[Problem]]:
    refused = yaml_refusal(text, MAX_DATA_FILE)
    if refused:
        return None, [Problem(f"{docs_label}/{name}", refused[0] + 1, refused[1])]
    try:
        return yaml.safe_load(text), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or "cannot be read"
        line = mark.line + 1 if mark else 1
        return None, [
            Problem(
                f"{docs_label}/{name}", line, f"not valid YAML ({what}) — check the indentation and colons"
            )
        ]


def load_vocabulary(docs_dir: pathlib.Path, docs_label: str) -> tuple[Vocabulary, list[Problem]]:
    text, problems = _read(docs_dir, docs_label, VOCABULARY)
    if text is None:
        return {}, problems
    data, problems = _yaml(docs_label, VOCABULARY, text)
    if data is not None and not isinstance(data, dict):
        return {}, [
            Problem(
                f"{docs_label}/{VOCABULARY}",
                1,
                "not a mapping — write `conditions:`, `body_areas:` and `cancer_types:`, each with `slug: Plain name` lines",
            )
        ]
    return data or {}, problems


def load_spelling_variants(docs_dir: pathlib.Path, docs_label: str) -> tuple[Variants, list[Problem]]:
    label = f"{docs_label}/{SPELLING_VARIANTS}"
    text, problems = _read(docs_dir, docs_label, SPELLING_VARIANTS)
    if text is None:
        return {}, problems
    data, problems = _yaml(docs_label, SPELLING_VARIANTS, text)
    if problems:
        return {}, problems
    if data is not None and not isinstance(data, dict):
        return {}, [Problem(label, 1, "not a mapping — write one `uk form: [other, spellings]` per line")]
    variants: dict[str, tuple[str, ...]] = {}
    lines = text.splitlines()
    for uk, others in (data or {}).items():
        words = [uk, *others] if isinstance(others, list) else [uk]
        if not all(isinstance(word, str) and _WORD.match(word) for word in words):
            line = next((n for n, raw in enumerate(lines, 1) if raw.startswith(f"{uk}:")), 1)
            problems.append(
                Problem(
                    label,
                    line,
                    f"{uk!r}: {others!r} — spellings are plain words: letters, spaces, hyphens and apostrophes only",
                )
            )
        elif isinstance(uk, str) and isinstance(others, list) and all(isinstance(o, str) for o in others):
            variants[uk.lower()] = tuple(o.lower() for o in others)
        else:
            line = next((n for n, raw in enumerate(lines, 1) if raw.startswith(f"{uk}:")), 1)
            problems.append(
                Problem(label, line, f"{uk!r}: {others!r} — write it as `{uk}: [other, spellings]`")
            )
    return variants, problems


def load_search_phrases(docs_dir: pathlib.Path, docs_label: str) -> tuple[list[SearchPhrase], list[Problem]]:
    """`phrase: [page.md, ...]` lines. The file is optional: without it, no phrases.

    Page paths are checked against the site's pages by the search hook (act.search)."""
    label = f"{docs_label}/{SEARCH_PHRASES}"
    if not (docs_dir / SEARCH_PHRASES).exists():
        return [], []
    text, problems = _read(docs_dir, docs_label, SEARCH_PHRASES)
    if text is None:
        return [], problems
    data, problems = _yaml(docs_label, SEARCH_PHRASES, text)
    if problems:
        return [], problems
    if data is not None and not isinstance(data, dict):
        return [], [
            Problem(label, 1, "not a mapping — write one `phrase: [page.md, other-page.md]` per line")
        ]
    phrases: list[SearchPhrase] = []
    lines = text.splitlines()
    for phrase, pages in (data or {}).items():
        line = next((n for n, raw in enumerate(lines, 1) if raw.startswith(f"{phrase}:")), 1)
        if (
            isinstance(phrase, str)
            and isinstance(pages, list)
            and pages
            and all(isinstance(p, str) for p in pages)
        ):
            phrases.append(SearchPhrase(phrase.strip(), tuple(pages), line))
        else:
            problems.append(
                Problem(label, line, f"{phrase!r}: {pages!r} — write it as `{phrase}: [treatments/page.md]`")
            )
    return phrases, problems


def load_glossary_terms(docs_dir: pathlib.Path, docs_label: str) -> tuple[list[Term], list[Problem]]:
    text, problems = _read(docs_dir, docs_label, ABBREVIATIONS)
    if text is None:
        return [], problems
    return parse_abbreviations(text, f"{docs_label}/{ABBREVIATIONS}")
