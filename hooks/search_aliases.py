"""Hook: put front-matter aliases, US spellings (docs/_data/spelling-variants.yml) and
page descriptions into Material's search index (see hooks/search_terms.py for how).

Material's search plugin writes `search/search_index.json` in its `on_post_build`.
This hook's `on_post_build` runs first (higher priority) and adds the fields to the
plugin's entries in memory, so Material writes them with the rest: no second parse and
copy of the whole index (at 5,000 pages that copy cost about 70 MB and a re-write).
"""

from __future__ import annotations

import pathlib

from material.plugins.search.plugin import SearchPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from search_terms import PageTerms, augment_index, parse_variants

VARIANTS_FILE = pathlib.Path("_data") / "spelling-variants.yml"

# Filled during one build and reset in on_config (`mkdocs serve` keeps hook modules).
_pages: dict[str, PageTerms] = {}
_variants: dict[str, tuple[str, ...]] = {}


def on_config(config: MkDocsConfig, /) -> MkDocsConfig:
    _pages.clear()
    _variants.clear()
    source = pathlib.Path(config.docs_dir) / VARIANTS_FILE
    try:
        _variants.update(parse_variants(source.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise PluginError(f"docs/{VARIANTS_FILE.as_posix()}: {exc}") from exc
    return config


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files) -> str:
    meta = page.meta or {}
    aliases = meta.get("aliases") or []
    _pages[page.url] = PageTerms(
        description=str(meta.get("description") or ""),
        aliases=tuple(str(a) for a in aliases),
    )
    return markdown


@event_priority(100)  # before Material's search plugin writes the index (priority 0)
def on_post_build(*, config: MkDocsConfig) -> None:
    search = next((p for p in config.plugins.values() if isinstance(p, SearchPlugin)), None)
    if search is None or not search.config.enabled:  # no search index to add to
        return
    index = search.search_index
    # This build's entries only: under `mkdocs serve --dirty` Material merges in the
    # previous build's entries, which got their fields then. The fields are copied, so
    # the plugin's own config (kept across `mkdocs serve` rebuilds) is left as it was.
    view = {"config": {"fields": dict(index.config["fields"])}, "docs": index.entries}
    augment_index(view, _pages, _variants)
    index.config = {**index.config, "fields": view["config"]["fields"]}
