"""Hook: build each page's Related topics section (see the related-topics issue).

MkDocs converts every page before it renders any template, so the lists are computed
once, in `on_env`, from what MkDocs already holds: each page's front matter (`page.meta`)
and converted HTML (`page.content`). The results go into `page.meta`
(`related_topics`, `related_treatments`) for overrides/partials/related-topics.html.

Nothing outlives a build: `mkdocs serve` keeps this module loaded, so `on_config`
resets the state that `on_nav` fills.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from typing import Any, NamedTuple

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from related_reasons import reason
from related_text import StemCache, WordCounts, linked_urls, normalise_url, strip_tags, terms
from relatedness import LISTED_TYPES, Doc, Match, RelatedIndex, Weights

log = logging.getLogger("mkdocs.hooks.related_topics")

GROUPS = (("condition", "Conditions"), ("treatment", "Treatments"), ("guide", "Guides"))
DEFAULT_LIMIT = 6
DEFAULT_TREATMENTS_LIMIT = 12
KEEP_WORDS = 96  # per page, on a big site (see _docs)

# Per-build state, reset in on_config (mkdocs serve reuses this module).
_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig, /) -> MkDocsConfig:
    settings = config.extra.get("related_topics") or {}
    _state.clear()
    _state["limit"] = int(settings.get("limit", DEFAULT_LIMIT))
    _state["treatments_limit"] = int(settings.get("treatments_limit", DEFAULT_TREATMENTS_LIMIT))
    _state["exclude"] = frozenset(settings.get("exclude", ()))
    _state["vocabulary"] = _load_vocabulary(config.docs_dir)
    _state["in_nav"] = set()
    return config


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    _state["in_nav"] = {page.file.src_uri for page in nav.pages}
    return nav


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    started = time.process_time()
    pages = [f.page for f in files.documentation_pages() if f.page is not None and f.page.content is not None]
    docs, term_df = _docs(pages)
    index = RelatedIndex(docs, term_df=term_df)
    entries = _Entries(index, {page.file.src_uri: page for page in pages}, _state["vocabulary"])
    for page in pages:
        page.meta.pop("related_topics", None)
        page.meta.pop("related_treatments", None)
        if page.meta.get("type") not in LISTED_TYPES or page.file.src_uri in _state["exclude"]:
            continue
        key = page.file.src_uri
        ranked = index.related(key, _state["limit"])
        page.meta["related_topics"] = _groups(key, ranked, entries)
        if page.meta.get("type") == "condition":
            treatments = index.treatments_for(key, _state["treatments_limit"])
            # The heading says why each is there ("Treatments for this condition").
            page.meta["related_treatments"] = tuple(entries.of(key, m, explain=False) for m in treatments)
    log.debug("Related topics for %d pages in %.2f s", len(pages), time.process_time() - started)
    return env


def _docs(pages: list[Page]) -> tuple[list[Doc], Counter[str]]:
    """One ranking record per page, from its front matter and converted HTML, and on
    how many pages each word occurs."""
    in_nav, exclude = _state["in_nav"], _state["exclude"]
    key_by_url = {normalise_url(page.url): page.file.src_uri for page in pages}
    stems = StemCache()  # shared across pages: each distinct word stemmed once
    term_df: Counter[str] = Counter()
    # A big site keeps each page's most frequent words only, to bound the memory.
    keep = None if len(pages) <= Weights().exact_below else KEEP_WORDS
    docs = []
    for page in pages:
        meta = page.meta
        key = page.file.src_uri
        extra_words = " ".join([meta.get("description") or "", *(meta.get("aliases") or ())])
        links = {key_by_url[u] for u in linked_urls(page.content, page.url) if u in key_by_url}
        words = terms(strip_tags(page.content) + " " + extra_words, stems)
        title_words = terms(page.title or "", stems)
        term_df.update(words.keys() | title_words.keys())
        docs.append(
            Doc(
                key=key,
                type=str(meta.get("type", "")),
                conditions=tuple(meta.get("conditions") or ()),
                body_areas=tuple(meta.get("body_areas") or ()),
                cancer_types=tuple(meta.get("cancer_types") or ()),
                terms=WordCounts(words, keep),
                title_terms=WordCounts(title_words),
                links=frozenset(links),
                pinned=tuple(meta.get("related") or ()),
                excluded=frozenset(meta.get("not_related") or ()),
                listable=key in in_nav and key not in exclude and meta.get("type") in LISTED_TYPES,
            )
        )
    return docs, term_df


class Entry(NamedTuple):
    """One listed page, as the template shows it."""

    title: str
    # Site-relative; the template makes it relative to the page with MkDocs' `url`
    # filter, which is right for directory URLs and for the offline build alike.
    url: str
    description: str
    reason: str


class Group(NamedTuple):
    type: str
    heading: str
    pages: tuple[Entry, ...]


class _Entries(dict):
    """(page, reason) -> Entry, so the many lists that show a page for the same reason
    share one object: on a 10,000-page site the lists stay a few megabytes."""

    def __init__(self, index: RelatedIndex, by_key: dict[str, Page], vocabulary) -> None:
        super().__init__()
        self.index, self.by_key, self.vocabulary = index, by_key, vocabulary

    def of(self, key: str, match: Match, *, explain: bool = True) -> Entry:
        why = reason(self.index, key, match.key, self.vocabulary) if explain else ""
        entry = self.get((match.key, why))
        if entry is None:
            page = self.by_key[match.key]
            entry = Entry(page.title or "", page.url, page.meta.get("description") or "", why)
            self[match.key, why] = entry
        return entry


def _groups(key: str, ranked: list[Match], entries: _Entries) -> list[Group]:
    """The ranked pages grouped by type, groups in a fixed order, ranks kept within."""
    groups = []
    for page_type, heading in GROUPS:
        pages = tuple(entries.of(key, m) for m in ranked if entries.index.doc(m.key).type == page_type)
        if pages:
            groups.append(Group(page_type, heading, pages))
    return groups


def _load_vocabulary(docs_dir: str) -> dict[str, dict[str, str]]:
    """Plain names for the reasons; a site without a vocabulary falls back to slugs."""
    path = os.path.join(docs_dir, "_data", "vocabulary.yml")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}
