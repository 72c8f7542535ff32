"""Order the site navigation for readers: sections in a fixed order, pages by title.

MkDocs orders an automatic navigation by file name, so "Chemotherapy, hormone therapy
and other drug treatment" (systemic-therapy.md) would sit after "Supportive care".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from act.private_apis import link_previous_and_next

T = TypeVar("T")

# Top-level order by where an item lives in docs/; anything unlisted goes last.
TOP_LEVEL_ORDER = ["index.md", "treatments/", "conditions/", "guides/", "a-z.md", "about/"]


def top_level_rank(src_path: str) -> int:
    for rank, prefix in enumerate(TOP_LEVEL_ORDER):
        if src_path == prefix or src_path.startswith(prefix):
            return rank
    return len(TOP_LEVEL_ORDER)


def by_title(items: Sequence[T], title: Callable[[T], str], is_index: Callable[[T], bool]) -> list[T]:
    """A section's own index page first, then every item by title, ignoring case."""
    return sorted(items, key=lambda item: (not is_index(item), title(item).casefold(), title(item)))


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


def _walk(items: list) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Section):
            pages += _walk(item.children)
        elif isinstance(item, Page):
            pages.append(item)
    return pages


class NavigationOrder:
    """Sorts one build's navigation once (`per_build` state): titles are known only after
    every page has been read, so in `on_env`, before any page is rendered."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.sorted = False
        self.nav: Navigation | None = None  # from on_nav, so on_env can sort it

    def sort_once(self, nav: Navigation) -> None:
        if self.sorted:
            return
        nav.items = sorted(nav.items, key=lambda item: top_level_rank(_first_src(item)))
        for item in nav.items:
            if isinstance(item, Section):
                _sort_section(item)
        nav.pages = _walk(nav.items)
        link_previous_and_next(nav.pages)
        self.sorted = True
