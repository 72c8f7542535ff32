"""Hook: put front-matter aliases, US spellings (docs/_data/spelling-variants.yml) and
page descriptions into Material's search index (see hooks/act/search.py for how).

Material's search plugin writes `search/search_index.json` in its `on_post_build`.
This hook's `on_post_build` runs first (higher priority) and adds the fields to the
plugin's entries in memory (through act/private_apis.py), so Material writes them with
the rest: no second parse and copy of the whole index (at 5,000 pages that copy cost
about 70 MB and a re-write).
"""

from __future__ import annotations

from act import private_apis
from act.build import build_of, per_build
from act.search import SearchTerms, augment_index
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    per_build(config, SearchTerms).add(page.url, page.meta or {})
    return markdown


@event_priority(100)  # before Material's search plugin writes the index (priority 0)
def on_post_build(*, config: MkDocsConfig) -> None:
    build = build_of(config)
    variants = build.spelling_variants
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
    augment_index(view, per_build(config, SearchTerms).pages, variants)
    private_apis.set_search_fields(index, view["config"]["fields"])
