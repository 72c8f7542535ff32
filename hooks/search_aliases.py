"""Hook: put front-matter aliases, US spellings (docs/_data/spelling-variants.yml), what
readers type (docs/_data/search-phrases.yml), page descriptions and the site's vocabulary
for typo correction into Material's search index, and rank the home page last (see
hooks/act/search.py for how).

Material's search plugin adds each page's entries in its `on_page_context`, and writes
`search/search_index.json` in its `on_post_build`. This hook hands each page's entries
over as they come (hooks/act/search_work.py; on a large site to the build's second
process, which works on them while this one renders the next pages), and in its
`on_post_build`, which runs first (higher priority), adds the fields to the plugin's
entries in memory (through act/private_apis.py), so Material writes them with the rest.
It also has `search/lunr-index.js` written, the lunr index built from those entries
(hooks/act/lunr_index.py), so readers' browsers need not build it.
"""

from __future__ import annotations

from typing import Any

from act.build import build_of, per_build
from act.data_files import SEARCH_PHRASES
from act.search import SearchTerms, unknown_phrase_pages
from act.search_work import SearchIndexing
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    build = build_of(config)
    pages = [file.src_uri for file in files.documentation_pages()]
    build.problems += unknown_phrase_pages(build.search_phrases, pages, build.label(SEARCH_PHRASES))
    return files


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    terms = per_build(config, SearchTerms)
    phrases = terms.phrases_of(build_of(config).search_phrases, page.file.src_uri)
    terms.add(page.url, page.meta or {}, phrases, is_home=page.is_homepage)
    return markdown


@event_priority(-50)  # after Material's search plugin has indexed the page (priority 0)
def on_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> None:
    per_build(config, SearchIndexing).page_indexed(page)


@event_priority(100)  # before Material's search plugin writes the index (priority 0)
def on_post_build(*, config: MkDocsConfig) -> None:
    build_of(config).report()
    per_build(config, SearchIndexing).finish()
