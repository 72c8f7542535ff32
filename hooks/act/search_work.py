"""The search index's extra work, page by page as Material indexes the pages: each entry's
extra fields (act/search.py), the index's words and the site's vocabulary
(search/did-you-mean.js), and the prebuilt lunr index (search/lunr-index.js,
act/lunr_index.py).

Material's search plugin adds a page's entries in its `on_page_context` and writes
search/search_index.json in its `on_post_build`. The search hook hands each page's new
entries over as they come (`SearchIndexing.page_indexed`), `PAGES_PER_BATCH` pages at a
time, to `SearchWork`, which runs where the build's other work beside it runs
(act/second_process.py: on a large site, in the second process, while this one renders
the next pages). Before Material writes the index, `SearchIndexing.finish` sets the extra
fields on Material's entries, in this process, and leaves the two scripts to be written
where the work runs. The entries are handed over, and the index's terms numbered, in the
order Material lists them: the same bytes as building everything at the end.
"""

from __future__ import annotations

import itertools
import pathlib
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from act import private_apis
from act.build import build_of, per_build
from act.lunr_index import LUNR_INDEX_URI, LunrIndex
from act.problems import Problem
from act.search import (
    DID_YOU_MEAN_URI,
    Augmenter,
    IndexedWords,
    PageTerms,
    SearchTerms,
    did_you_mean_script,
    search_fields,
)
from act.second_process import PAGES_PER_BATCH, Named, SecondProcess, result_or_problem
from act.validation.checks import CHECKS, Checks

SEARCH = "search"  # its name in the build's second process
WHAT = "the search index"  # what did not finish, when the second process ended


@dataclass(frozen=True)
class PageEntries:
    """One page's entries in Material's index, as Material made them, and what the page adds."""

    url: str
    terms: PageTerms | None
    is_home: bool
    entries: list[dict[str, Any]]


class SearchWork:
    """The work itself, with one build's state; where the build's second process runs it."""

    def __init__(
        self,
        lunr_config: Mapping[str, Any],
        variants: Mapping[str, list[str]],
        glossary: list[str],
        site_dir: str,
        checks: Checks | None = None,
    ) -> None:
        """`checks`: the build's page checks, which gate each entry ahead of the written
        index (act/validation/checks.py), or None when they do not run."""
        self.checks = checks
        self.augmenter = Augmenter(variants, glossary)
        self.words = IndexedWords()
        self.lunr = LunrIndex(lunr_config)
        self.site_dir = pathlib.Path(site_dir)
        self.home: str | None = None

    def add_pages(self, pages: list[PageEntries]) -> list[list[dict[str, Any]]]:
        """What to set on each page's entries, in order."""
        additions = []
        for page in pages:
            if page.is_home:
                self.home = page.url
            terms = {page.url: page.terms} if page.terms is not None else {}
            added = [self.augmenter.additions(entry, terms, self.home) for entry in page.entries]
            entries = [{**entry, **more} for entry, more in zip(page.entries, added, strict=True)]
            self.words.add(entries)
            self.lunr.add(entries)
            if self.checks is not None:
                self.checks.gate_search_entries(entries)
            additions.append(added)
        return additions

    def finish(self) -> None:
        """search/did-you-mean.js and search/lunr-index.js, from every entry added."""
        out = self.site_dir / DID_YOU_MEAN_URI
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            did_you_mean_script(self.augmenter.did_you_mean(), self.words.words()), encoding="utf-8"
        )
        (self.site_dir / LUNR_INDEX_URI).write_text(self.lunr.script(), encoding="utf-8")


class SearchIndexing:
    """This process' side (`act.build.per_build`): hands the pages' entries over, then sets
    what comes back on Material's entries."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.index = private_apis.search_index(config)  # None: search is off
        self.handed_over = 0  # how many of Material's entries have been handed over
        self.queued: list[PageEntries] = []
        # Each batch handed over: its answer, and how many entries it holds.
        self.additions: list[tuple[Future, int]] = []

    def page_indexed(self, page: Page) -> None:
        """After Material's search plugin has indexed the page: its new entries."""
        if self.index is None:
            return
        entries = private_apis.search_entries(self.index)
        new, self.handed_over = entries[self.handed_over :], len(entries)
        terms = per_build(self.config, SearchTerms).pages.get(page.url)
        self.queued.append(PageEntries(page.url, terms, page.is_homepage, new))
        if len(self.queued) >= PAGES_PER_BATCH:
            self._hand_over()

    def _hand_over(self) -> None:
        queued, self.queued = self.queued, []
        if queued:
            count = sum(len(page.entries) for page in queued)
            self.additions.append((self._call("add_pages", queued), count))

    def _hand_over_the_rest(self, entries: list[dict[str, Any]]) -> None:
        """Entries no page's `on_page_context` handed over (added later by some plugin; none
        on this site), each with what its page adds, found by its location as before."""
        terms = per_build(self.config, SearchTerms)
        for url, group in itertools.groupby(entries, key=lambda entry: str(entry["location"]).split("#")[0]):
            self.queued.append(PageEntries(url, terms.pages.get(url), url == terms.home, list(group)))
        self._hand_over()

    def _call(self, method: str, *args: Any) -> Future:
        """Call the build's `SearchWork` (made on first use), where it runs."""
        return per_build(self.config, SecondProcess).call(SEARCH, self._work, method, *args)

    def _work(self) -> tuple:
        build = build_of(self.config)
        lunr_config = {
            **private_apis.search_config(self.index),
            "fields": search_fields(private_apis.search_fields(self.index)),
        }
        glossary = [term.term for term in build.glossary_terms]
        # The page checks are made with the first pages converted, before any is indexed.
        return SearchWork, lunr_config, build.spelling_variants, glossary, self.config.site_dir, Named(CHECKS)

    def finish(self) -> None:
        """Before Material writes the index: the extra fields on its entries, and the two
        scripts left to be written (their problems join the build's pending checks)."""
        if self.index is None:
            return
        entries = private_apis.search_entries(self.index)
        self._hand_over()
        self._hand_over_the_rest(entries[self.handed_over :])
        build = build_of(self.config)
        at = 0
        results, self.additions = self.additions, []
        for future, count in results:
            additions, stopped = result_or_problem(future, build.docs_label, WHAT)
            build.problems += stopped
            added = [more for page in additions or [] for more in page]
            # No additions when the second process stopped (reported above): those entries keep
            # what Material gave them.
            for entry, more in zip(entries[at : at + count], added, strict=False):
                if more:
                    entry.update(more)
            at += count
        private_apis.set_search_fields(self.index, search_fields(private_apis.search_fields(self.index)))
        build.pending.append(_collector(self._call("finish"), build.docs_label))


def _collector(future: Future, label: str) -> Callable[[], list[Problem]]:
    return lambda: result_or_problem(future, label, WHAT)[1]
