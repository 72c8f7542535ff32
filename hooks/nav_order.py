"""Hook: sort the navigation by page title (see act/navigation.py for why).

Titles are known only after every page has been read, so the sort happens at the first
`on_page_context` of a build, before any page is rendered, and previous/next links are
rebuilt to match.
"""

from __future__ import annotations

from act.build import per_build
from act.navigation import NavigationOrder
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    per_build(config, NavigationOrder).sort_once(nav)
    return context
