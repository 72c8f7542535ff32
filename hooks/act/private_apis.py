"""The private MkDocs and Material for MkDocs APIs the hooks rely on, each wrapped once here.

No public API offers these; if an upgrade changes one, tests/unit/test_private_apis.py
fails naming it, and only this module needs changing:

- `mkdocs.structure.nav._add_previous_and_next_links(pages)` (MkDocs 1.6): sets each
  page's previous/next links; the navigation hook re-runs it after sorting the nav by
  title, so the footer's Previous/Next follow the sorted order.
- `SearchIndex.entries` and `SearchIndex.config` (Material 9.x search plugin): the
  search plugin's list of entries and its lunr settings, before it writes
  search/search_index.json; the search hook adds its fields to them in memory.
- `PluginCollection._event_origins` (MkDocs 1.6): which file each event handler comes
  from; only benchmarks/build_once.py reads it, to time each hook, but the test guards
  it with the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# Checked by tests/unit/test_private_apis.py against the installed versions.
REQUIRED = {
    "mkdocs.structure.nav._add_previous_and_next_links": "set previous/next page links after re-sorting the nav",
    "material.plugins.search.plugin.SearchIndex.entries": "add alias and variant fields to search entries",
    "material.plugins.search.plugin.SearchIndex.config": "declare the extra search fields",
    "mkdocs.plugins.PluginCollection._event_origins": "time each hook in benchmarks/build_once.py",
}


def link_previous_and_next(pages: list[Page]) -> None:
    """Point each page's Previous/Next at its neighbours in `pages`."""
    from mkdocs.structure.nav import _add_previous_and_next_links

    _add_previous_and_next_links(pages)


def search_index(config: MkDocsConfig) -> Any | None:
    """This build's Material SearchIndex, or None when search is off or absent."""
    from material.plugins.search.plugin import SearchPlugin

    search = next((p for p in config.plugins.values() if isinstance(p, SearchPlugin)), None)
    if search is None or not search.config.enabled:
        return None
    return search.search_index


def search_entries(index: Any) -> Iterable[dict[str, Any]]:
    """The entries Material will write to search_index.json (this build's only)."""
    return index.entries


def search_config(index: Any) -> dict[str, Any]:
    """The plugin's lunr settings as Material writes them (lang, separator, pipeline, fields)."""
    return {key: index.config[key] for key in ("lang", "separator", "pipeline", "fields")}


def search_fields(index: Any) -> dict[str, Any]:
    return dict(index.config["fields"])


def set_search_fields(index: Any, fields: dict[str, Any]) -> None:
    # A new dict: the plugin's own config is kept across `mkdocs serve` rebuilds.
    index.config = {**index.config, "fields": fields}
