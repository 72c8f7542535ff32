"""Hook: build each page's Related topics section (see the related-topics issue).

MkDocs converts every page before it renders any template, so the lists are computed
once, in `on_env`, from what MkDocs already holds: each page's front matter (`page.meta`)
and converted HTML (`page.content`); no file is read again. The results go into
`page.meta` (`related_topics`, `related_treatments`) for
overrides/partials/related-topics.html. The work is in hooks/act/related/.
"""

from __future__ import annotations

import logging
import time

from act.build import build_of, per_build
from act.related.lists import PagesInNav, attach_related_topics
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

log = logging.getLogger("mkdocs.hooks.related_topics")


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    per_build(config, PagesInNav).pages = frozenset(page.file.src_uri for page in nav.pages)
    return nav


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    started = time.process_time()
    build = build_of(config)
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    attach_related_topics(
        pages, per_build(config, PagesInNav).pages, build.settings.related_topics, build.vocabulary
    )
    build.report()
    log.debug("Related topics for %d pages in %.2f s", len(pages), time.process_time() - started)
    return env
