"""Hook: build the glossary page from the tooltip file (see hooks/glossary_terms.py).

The glossary page holds a marker line; this replaces it with every term from
`docs/_snippets/abbreviations.md`, the same file that gives every page its tooltips.
"""

from __future__ import annotations

import pathlib

from glossary_terms import insert_glossary, parse_abbreviations
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

GLOSSARY_PAGE = "guides/glossary.md"
MARKER = "<!-- glossary-terms -->"
TERMS_FILE = "_snippets/abbreviations.md"


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri != GLOSSARY_PAGE:
        return markdown
    # Read on every build: `mkdocs serve` keeps hooks loaded, and the file may change.
    terms_path = pathlib.Path(config["docs_dir"]) / TERMS_FILE
    terms, problems = parse_abbreviations(terms_path.read_text(encoding="utf-8"), f"docs/{TERMS_FILE}")
    result = insert_glossary(markdown, terms, MARKER)
    if result is None:
        problems.append(f"docs/{GLOSSARY_PAGE}: no `{MARKER}` line — add it where the terms should appear")
    if problems:
        raise PluginError("Glossary problems:\n" + "\n".join(problems))
    return result
