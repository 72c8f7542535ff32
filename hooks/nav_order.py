"""Hook: sort the navigation by page title (see nav_ordering.py for why).

Titles are known only after every page has been read, so the sort happens at the first
`on_page_context` of a build, before any page is rendered, and previous/next links are
rebuilt to match. The flag lives on that build's Navigation object, not in this module.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation, Section, _add_previous_and_next_links
from mkdocs.structure.pages import Page
from nav_ordering import by_title, top_level_rank

FLAG = "_act_nav_sorted"


def _first_src(item: Any) -> str:
    if isinstance(item, Section):
        return _first_src(item.children[0]) if item.children else ""
    return getattr(getattr(item, "file", None), "src_uri", "")


def _title(item: Any) -> str:
    return str(item.title or "")


def _is_index(item: Any) -> bool:
    return isinstance(item, Page) and item.is_index


def _sort_section(section: Section) -> None:
    section.children = by_title(section.children, _title, _is_index)
    for child in section.children:
        if isinstance(child, Section):
            _sort_section(child)


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if not getattr(nav, FLAG, False):
        nav.items = sorted(nav.items, key=lambda item: top_level_rank(_first_src(item)))
        for item in nav.items:
            if isinstance(item, Section):
                _sort_section(item)
        nav.pages = [p for p in _walk(nav.items)]
        _add_previous_and_next_links(nav.pages)
        setattr(nav, FLAG, True)
    return context


def _walk(items: list) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Section):
            pages += _walk(item.children)
        elif isinstance(item, Page):
            pages.append(item)
    return pages
