"""Hook: undo what mkdocs-glightbox does to pages that costs the reader.

- on_page_content: give each page's body back as a fragment after mkdocs-glightbox has
  wrapped it in a whole HTML document, so search indexes one entry per section and none
  empty. Hooks run after the plugins in `plugins:`, so this sees glightbox's output and
  runs before Material's search plugin reads `page.content` in `on_page_context`.
- on_post_page: load the lightbox library with `defer` instead of blocking the first
  paint from <head>, its stylesheet linked by lightbox-access.js only once the page is
  parsed, and its start-up script run once the library has run.
"""

from __future__ import annotations

from act.build import build_of
from act.glightbox import defer_lightbox, unwrap_document
from act.problems import Problem
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Runs after glightbox's on_page_content (hooks follow plugins)."""
    return unwrap_document(html)


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """Runs after glightbox's on_post_page, which adds the library and its start-up script."""
    deferred = defer_lightbox(output)
    if deferred is None:
        build = build_of(config)
        build.problems.append(
            Problem(
                build.label(page.file.src_uri),
                1,
                "mkdocs-glightbox's script and stylesheet tags are not the ones hooks/act/glightbox.py "
                "knows — update defer_lightbox for the new version",
            )
        )
        return output
    return deferred
