"""Hook: every printed sheet names the page title, its address and its review date —
without JavaScript too. The values (hooks/act/print_heads.py) go into a `style`
attribute on `<html>`, which print.css's `@page` margin boxes read, and the address into
overrides/partials/print-meta.html. on_post_page runs after mkdocs-glightbox re-serialises
the page (hooks follow plugins), and before the output gate (validate_pages.py) checks it."""

from __future__ import annotations

from act.build import build_of, per_build
from act.print_heads import Addresses, add_to_root, reviewed_line, running_heads
from act.problems import Problem
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["print_address"] = per_build(config, Addresses).of(config.site_url, page.file.src_uri)
    return context


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    style = running_heads(
        str(page.meta.get("title") or page.title or ""),
        per_build(config, Addresses).of(config.site_url, page.file.src_uri),
        reviewed_line(page.meta.get("last_reviewed")),
    )
    placed = add_to_root(output, style)
    if placed is None:
        # Collected and reported with every other problem of the build (validate_pages.py).
        build = build_of(config)
        build.problems.append(
            Problem(
                build.label(page.file.src_uri),
                1,
                "the page's HTML does not open with <!doctype html><html …>, so the print header "
                "cannot be placed — check overrides/ for a template that changes the <html> tag",
            )
        )
        return output
    return placed
