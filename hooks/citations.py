"""Hook: turn each inline citation `[^id]` into a superscript number linking to its entry
in the page's Sources list (overrides/partials/sources.html), before Markdown converts
the page. The logic (and its checks, run by the validation hook) is in act/citations.py."""

from __future__ import annotations

from act.citations import render, source_numbers
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    numbers = source_numbers((page.meta or {}).get("sources"))
    return render(markdown, numbers) if numbers else markdown
