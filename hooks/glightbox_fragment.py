"""Hook: give each page's body back as a fragment after mkdocs-glightbox has wrapped
it in a whole HTML document, so search indexes one entry per section and none empty.

Hooks run after the plugins in `plugins:`, so this sees glightbox's output and runs
before Material's search plugin reads `page.content` in `on_page_context`.
"""

from __future__ import annotations

from act.glightbox import unwrap_document
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Runs after glightbox's on_page_content (hooks follow plugins)."""
    return unwrap_document(html)
