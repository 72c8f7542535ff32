"""Hook: the home page's browse cards (by condition, part of the body, kind of treatment).

Computed in `on_env`, when every page's title and front matter are known, into the home
page's `page.meta["home"]` for overrides/home.html. The work is in hooks/act/home.py.
"""

from __future__ import annotations

from act.build import build_of
from act.home import PageRecord, home_cards, load_home_data
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    build = build_of(config)
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    homes = [p for p in pages if p.meta.get("type") == "home"]
    if not homes:
        return env
    data, problems = load_home_data(build.docs_dir, build.docs_label)
    records = [PageRecord(p.file.src_uri, p.url, p.meta.get("title") or p.title or "", p.meta) for p in pages]
    cards, more = home_cards(records, data, build.vocabulary, build.docs_label)
    build.problems.extend(problems + more)
    for home in homes:
        home.meta["home"] = cards
    build.report()
    return env
