"""Every page's Related topics (and a condition's treatments), from plain page records.

Pure code between the MkDocs hook (hooks/related_topics.py), which hands over what
MkDocs holds, and the ranking (ranking.py): it reads each page's words and links,
ranks, and shapes the lists the template shows.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from act.content_model import LISTED_TYPES, PAGE_TYPES, RELATED_GROUP_ORDER
from act.related.ranking import Doc, Match, RelatedIndex, Weights
from act.related.reasons import Vocabulary, reason
from act.related.text import StemCache, WordCounts, linked_urls, normalise_url, strip_tags, terms
from act.settings import RelatedTopicsSettings as Settings

GROUPS = tuple((name, PAGE_TYPES[name].related_heading) for name in RELATED_GROUP_ORDER)
KEEP_WORDS = 96  # per page, on a big site: its most frequent words bound the memory


class PageRecord(NamedTuple):
    """What the lists need from one page."""

    key: str  # source path from docs/
    url: str  # MkDocs' page.url, site-relative
    title: str
    meta: Mapping[str, Any]  # front matter
    html: str  # converted body
    in_nav: bool


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


class Lists(NamedTuple):
    related: list[Group]
    treatments: tuple[Entry, ...] | None  # condition pages only


def related_lists(
    pages: Sequence[PageRecord], settings: Settings, vocabulary: Vocabulary
) -> dict[str, Lists]:
    """Source path -> its lists, for every page that gets any."""
    docs, term_df = _docs(pages, settings)
    index = RelatedIndex(docs, term_df=term_df)
    entries = _Entries(index, {p.key: p for p in pages}, vocabulary)
    out = {}
    for page in pages:
        page_type = page.meta.get("type")
        if page_type not in LISTED_TYPES or page.key in settings.exclude:
            continue
        treatments = None
        listed: set[str] = set()
        if page_type == "condition":
            # The heading says why each is there ("Treatments for this condition").
            found = index.treatments_for(page.key, settings.treatments_limit)
            treatments = tuple(entries.of(page.key, m, explain=False) for m in found)
            listed = {m.key for m in found}
        # Related topics never repeats the treatments list: each page is listed once.
        ranked = index.related(page.key, settings.limit + len(listed))
        ranked = [m for m in ranked if m.key not in listed][: settings.limit]
        groups = _groups(page.key, ranked, entries)
        out[page.key] = Lists(groups, treatments)
    return out


def _docs(pages: Sequence[PageRecord], settings: Settings) -> tuple[list[Doc], Counter[str]]:
    """One ranking record per page, and on how many pages each word occurs."""
    key_by_url = {normalise_url(p.url): p.key for p in pages}
    stems = StemCache()  # shared across pages: each distinct word stemmed once
    term_df: Counter[str] = Counter()
    keep = None if len(pages) <= Weights().exact_below else KEEP_WORDS
    docs = []
    for page in pages:
        meta = page.meta
        extra_words = " ".join([meta.get("description") or "", *(meta.get("aliases") or ())])
        words = terms(strip_tags(page.html) + " " + extra_words, stems)
        title_words = terms(page.title, stems)
        term_df.update(words.keys() | title_words.keys())
        docs.append(
            Doc(
                key=page.key,
                type=str(meta.get("type", "")),
                conditions=tuple(meta.get("conditions") or ()),
                body_areas=tuple(meta.get("body_areas") or ()),
                cancer_types=tuple(meta.get("cancer_types") or ()),
                terms=WordCounts(words, keep),
                title_terms=WordCounts(title_words),
                links=frozenset(key_by_url[u] for u in linked_urls(page.html, page.url) if u in key_by_url),
                pinned=tuple(meta.get("related") or ()),
                excluded=frozenset(meta.get("not_related") or ()),
                listable=page.in_nav
                and page.key not in settings.exclude
                and meta.get("type") in LISTED_TYPES,
            )
        )
    return docs, term_df


class _Entries(dict):
    """(page, reason) -> Entry, so the many lists that show a page for the same reason
    share one object: on a 10,000-page site the lists stay a few megabytes."""

    def __init__(self, index: RelatedIndex, by_key: Mapping[str, PageRecord], vocabulary: Vocabulary) -> None:
        super().__init__()
        self.index, self.by_key, self.vocabulary = index, by_key, vocabulary

    def of(self, key: str, match: Match, *, explain: bool = True) -> Entry:
        why = reason(self.index, key, match.key, self.vocabulary) if explain else ""
        entry = self.get((match.key, why))
        if entry is None:
            page = self.by_key[match.key]
            entry = Entry(page.title, page.url, page.meta.get("description") or "", why)
            self[match.key, why] = entry
        return entry


def _groups(key: str, ranked: list[Match], entries: _Entries) -> list[Group]:
    """The ranked pages grouped by type, groups in a fixed order, ranks kept within."""
    groups = []
    types = [entries.index.doc(m.key).type for m in ranked]  # looked up once, not per group
    for page_type, heading in GROUPS:
        pages = tuple(entries.of(key, m) for m, t in zip(ranked, types, strict=True) if t == page_type)
        if pages:
            groups.append(Group(page_type, heading, pages))
    return groups


def attach_related_topics(
    pages: Iterable[Page], in_nav: frozenset[str], settings: Settings, vocabulary: Vocabulary
) -> None:
    """Compute every page's lists and put them in `page.meta` (`related_topics`,
    `related_treatments`) for overrides/partials/related-topics.html."""
    pages = [p for p in pages if p.content is not None]
    records = [
        PageRecord(p.file.src_uri, p.url, p.title or "", p.meta, p.content, p.file.src_uri in in_nav)
        for p in pages
    ]
    # The lists make many small objects and no reference cycles; with every page of a
    # big site alive, each automatic garbage collection would walk them all: pause it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        lists = related_lists(records, settings, vocabulary)
    finally:
        if collecting:
            gc.enable()
    for page in pages:
        found = lists.get(page.file.src_uri)
        page.meta.pop("related_topics", None)
        page.meta.pop("related_treatments", None)
        if found is not None:
            page.meta["related_topics"] = found.related
            if found.treatments is not None:
                page.meta["related_treatments"] = found.treatments


class PagesInNav:
    """One build's pages that are in the navigation: only those are listed (`per_build` state)."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.pages: frozenset[str] = frozenset()
