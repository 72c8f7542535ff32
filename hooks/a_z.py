"""Hook: fill the A-Z page (docs/a-z.md) with every page and alias, at build time.

Runs in `on_env`, after every page's front matter has been read and before any template
is rendered, so a new page appears in the A-Z without anyone editing a-z.md.
"""

from __future__ import annotations

from a_z_index import a_to_z
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

A_Z_PAGE = "a-z.md"
LISTED_TYPES = {"treatment", "condition", "guide", "about"}


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    a_z_file = files.get_file_from_path(A_Z_PAGE)
    if a_z_file is None or a_z_file.page is None:
        return env
    pages = [
        {
            "title": f.page.meta.get("title") or f.page.title,
            "url": f.page.url,
            "description": f.page.meta.get("description", ""),
            "aliases": f.page.meta.get("aliases", []),
        }
        for f in files.documentation_pages()
        if f.page is not None and f.page.meta.get("type") in LISTED_TYPES
    ]
    a_z_file.page.meta["a_z"] = a_to_z(pages)
    return env
