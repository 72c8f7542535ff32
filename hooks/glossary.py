"""Hook: build the glossary page from the tooltip file (see hooks/act/glossary.py).

The glossary page holds a marker line; this replaces it with every term from
`docs/_snippets/abbreviations.md`, the same file that gives every page its tooltips.
Problems in either file join the build's other problems (reported in `on_env`).
"""

from __future__ import annotations

from act.build import build_of
from act.glossary import (
    GLOSSARY_PAGE,
    MARKER,
    first_uses_only,
    insert_glossary,
    missing_marker,
)
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = build_of(config)
    # Plurals share their singular's entry: stents → the `stent` tooltip.
    plurals = build.glossary_plurals
    if plurals:
        markdown = f"{markdown}\n\n{plurals}\n"
    if page.file.src_uri != GLOSSARY_PAGE:
        return markdown
    result = insert_glossary(markdown, build.glossary_terms, MARKER)
    if result is None:
        build.problems.append(missing_marker(build.label(GLOSSARY_PAGE)))
        return markdown
    return result


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Only the first use of each term on a page keeps its tooltip.
    return first_uses_only(html)


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    build_of(config).report()
    return env
