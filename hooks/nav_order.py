"""Hook: sort the navigation by page title (see act/navigation.py for why).

Titles are known only after every page has been read, so the sort happens in `on_env`
(before the 404 page, a theme template, is rendered: its menu is sorted like every other
page's) or at the first `on_page_context`, and previous/next links are rebuilt to match.
"""

from __future__ import annotations

from act.build import per_build
from act.navigation import NavigationOrder
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    per_build(config, NavigationOrder).nav = nav
    return nav


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    order = per_build(config, NavigationOrder)
    if order.nav is not None:
        order.sort_once(order.nav)
    return env


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    per_build(config, NavigationOrder).sort_once(nav)
    return context
