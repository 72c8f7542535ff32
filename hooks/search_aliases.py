"""Hook: put front-matter aliases, US spellings (docs/_data/spelling-variants.yml), what
readers type (docs/_data/search-phrases.yml), page descriptions and the site's vocabulary
for typo correction into Material's search index, and rank the home page last (see
hooks/act/search.py for how).

Material's search plugin writes `search/search_index.json` in its `on_post_build`.
This hook's `on_post_build` runs first (higher priority) and adds the fields to the
plugin's entries in memory (through act/private_apis.py), so Material writes them with
the rest: no second parse and copy of the whole index (at 5,000 pages that copy cost
about 70 MB and a re-write). It also writes `search/lunr-index.js`, the lunr index built
from those entries (hooks/act/lunr_index.py), so readers' browsers need not build it.
"""

from __future__ import annotations

import pathlib

from act import private_apis
from act.build import build_of, per_build
from act.data_files import SEARCH_PHRASES
from act.lunr_index import LUNR_INDEX_URI, lunr_index_script
from act.search import (
    DID_YOU_MEAN,
    DID_YOU_MEAN_URI,
    INDEXED_WORDS,
    SearchTerms,
    augment_index,
    did_you_mean_script,
    unknown_phrase_pages,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
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


@event_priority(100)  # before Material's search plugin writes the index (priority 0)
def on_post_build(*, config: MkDocsConfig) -> None:
    build = build_of(config)
    variants = build.spelling_variants
    glossary = [term.term for term in build.glossary_terms]
    build.report()
    index = private_apis.search_index(config)
    if index is None:  # search is off: no index to add to
        return
    # This build's entries only: under `mkdocs serve --dirty` Material merges in the
    # previous build's entries, which got their fields then.
    view = {
        "config": {"fields": private_apis.search_fields(index)},
        "docs": private_apis.search_entries(index),
    }
    terms = per_build(config, SearchTerms)
    augment_index(view, terms.pages, variants, home=terms.home, glossary=glossary)
    out = pathlib.Path(config.site_dir, DID_YOU_MEAN_URI)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(did_you_mean_script(view[DID_YOU_MEAN], view[INDEXED_WORDS]), encoding="utf-8")
    private_apis.set_search_fields(index, view["config"]["fields"])
    # The lunr index Material's worker would build in the browser, built once here.
    lunr_config = {**private_apis.search_config(index), "fields": view["config"]["fields"]}
    pathlib.Path(config.site_dir, LUNR_INDEX_URI).write_text(
        lunr_index_script(lunr_config, view["docs"]), encoding="utf-8"
    )
