"""Hook: sort the navigation by page title (see act/navigation.py for why).

Titles are known only after every page has been read, so the sort happens in `on_env`
(before the 404 page, a theme template, is rendered: its menu is sorted like every other
page's), and previous/next links are rebuilt to match. MkDocs runs `on_nav`, then `on_env`,
then every page's `on_page_context` (mkdocs/commands/build.py), so no page is rendered
before the sort; a per-page check that it had happened sorted nothing, at a cost every page
paid.
"""

from __future__ import annotations

from act.build import per_build
from act.navigation import NavigationOrder
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    per_build(config, NavigationOrder).nav = nav
    return nav


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    order = per_build(config, NavigationOrder)
    if order.nav is not None:
        order.sort_once(order.nav)
    return env
