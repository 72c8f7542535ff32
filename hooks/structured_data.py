"""Hook: hand each page's schema.org JSON-LD (built in hooks/act/structured_data.py) to
overrides/partials/structured-data.html, which only places it in the page's <head>."""

from __future__ import annotations

from act.clinical_review import page_status
from act.structured_data import json_ld, structured_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    data = structured_data(
        page.meta,
        site_name=config.site_name,
        site_url=config.site_url,
        canonical_url=page.canonical_url,
        clinical=page_status(page.meta, lambda: page.file.content_string),
    )
    context["structured_data"] = json_ld(data) if data is not None else None
    return context
