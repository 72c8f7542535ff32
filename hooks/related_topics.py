"""Hook: build each page's Related topics section (see the related-topics issue).

MkDocs converts every page before it renders any template, so the lists are computed
once, in `on_env`, from what MkDocs already holds: each page's front matter (`page.meta`)
and converted HTML (`page.content`); no file is read again. The results go into
`page.meta` (`related_topics`, `related_treatments`) for
overrides/partials/related-topics.html. The work is in hooks/related_lists.py.

Nothing outlives a build: `mkdocs serve` keeps this module loaded, so `on_config`
resets the state that `on_nav` fills.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from typing import Any

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from related_lists import PageRecord, Settings, related_lists

log = logging.getLogger("mkdocs.hooks.related_topics")

# Per-build state, reset in on_config (mkdocs serve reuses this module).
_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig, /) -> MkDocsConfig:
    extra = config.extra.get("related_topics") or {}
    defaults = Settings()
    _state.clear()
    _state["settings"] = Settings(
        limit=int(extra.get("limit", defaults.limit)),
        treatments_limit=int(extra.get("treatments_limit", defaults.treatments_limit)),
        exclude=frozenset(extra.get("exclude") or ()),
    )
    _state["vocabulary"] = _load_vocabulary(config.docs_dir)
    _state["in_nav"] = frozenset()
    return config


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    _state["in_nav"] = frozenset(page.file.src_uri for page in nav.pages)
    return nav


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    started = time.process_time()
    pages = [f.page for f in files.documentation_pages() if f.page is not None and f.page.content is not None]
    in_nav = _state["in_nav"]
    records = [
        PageRecord(p.file.src_uri, p.url, p.title or "", p.meta, p.content, p.file.src_uri in in_nav)
        for p in pages
    ]
    # The lists make many small objects and no reference cycles; with every page of a
    # big site alive, each automatic garbage collection would walk them all: pause it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        lists = related_lists(records, _state["settings"], _state["vocabulary"])
    finally:
        if collecting:
            gc.enable()
    for page in pages:
        found = lists.get(page.file.src_uri)
        page.meta.pop("related_topics", None)
        page.meta.pop("related_treatments", None)
        if found is not None:
            page.meta["related_topics"] = found.related
            if found.treatments is not None:
                page.meta["related_treatments"] = found.treatments
    log.debug("Related topics for %d pages in %.2f s", len(pages), time.process_time() - started)
    return env


def _load_vocabulary(docs_dir: str) -> dict[str, dict[str, str]]:
    """Plain names for the reasons; a site without a vocabulary falls back to slugs."""
    path = os.path.join(docs_dir, "_data", "vocabulary.yml")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}
