"""Hook: hand each page's clinical sign-off status (awaiting, signed, or lapsed because the
text changed since; hooks/act/clinical_review.py) to overrides/partials/review-dates.html,
which only places it."""

from __future__ import annotations

from act.clinical_review import page_status
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    # The file is read only if the page names a reviewer (act/clinical_review.py).
    context["clinical_status"] = page_status(page.meta, lambda: page.file.content_string)
    return context
