"""Hook: fill the A-Z page (docs/a-z.md) with every page and alias, at build time.

Runs in `on_env`, after every page's front matter has been read and before any template
is rendered, so a new page appears in the A-Z without anyone editing a-z.md.
"""

from __future__ import annotations

from act.a_z import attach_a_z
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    attach_a_z(files)
    return env
