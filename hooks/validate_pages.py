"""Hook: check every page before it reaches readers (see the page-validation issue).

Each problem is logged as one line, `docs/path.md:LINE: what is wrong — how to fix it`;
all problems of the build (every hook's) are collected, then the build fails once with a
PluginError. Page problems are raised in `on_env`, after every page is converted and
before any is written (near copies between pages, when they are the only problems, by the
next report, before any page is written); checks still running are waited for by
whichever report comes first (`act.build.Build.pending`). Whether the disclaimer reached
each page can only be seen in the written HTML: that is checked in `on_post_page` and raised in `on_post_build`. Under
`mkdocs serve`, a failed rebuild logs the same lines and the preview keeps serving the
last good site (act/serve.py), instead of MkDocs' empty, stalled preview.

Review dates: an overdue page fails the build. `ACT_ALLOW_OVERDUE=1` makes that a notice
for local previews; it is ignored when `CI` is set (see act/settings.py).

The checks live in hooks/act/validation/; on a large site the page checks, near copies and
the output gate run in a second process beside the build (act/second_process.py).
This hook reads each page's file once
(`on_page_read_source`, in place of MkDocs' own read, so an undecodable file is reported
rather than crashing the build) and reuses MkDocs' parsed `page.meta` and converted
`page.content`.
"""

from __future__ import annotations

import logging
import pathlib
from collections.abc import Callable

from act.build import HeapFreeze, build_of, per_build, thaw_after_failure
from act.second_process import stop_all_after_failure
from act.serve import keep_last_good_site
from act.validation.site_validation import SiteValidation, site_dir_problems
from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.validate_pages")


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Before MkDocs empties the site folder: one it cannot empty is a problem, not a traceback."""
    build = build_of(config)
    build.problems += site_dir_problems(pathlib.Path(config.site_dir))
    build.report()


def on_files(files: Files, /, *, config: MkDocsConfig) -> None:
    per_build(config, SiteValidation).check_files(files)


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    return per_build(config, SiteValidation).read_source(page)


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    per_build(config, SiteValidation).check_page(page, html)


@event_priority(100)  # before other hooks use page.meta that may be invalid
def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> None:
    validation = per_build(config, SiteValidation)
    validation.check_queued_pages()
    validation.check_names()
    # overrides/partials/site-meta.html places it first in every page's <head>.
    env.globals["content_security_policy"] = validation.meta_policy()
    build = build_of(config)
    if build.problems:  # the build fails here: with every problem, near copies included
        validation.near_copies_later()
    build.report()
    validation.near_copies_later()  # else: waited for by the next report
    # Every page is converted: what is alive now lives to the end of the build.
    per_build(config, HeapFreeze).freeze()


def on_pre_template(template: Template, /, *, template_name: str, config: MkDocsConfig) -> None:
    """After every hook's `on_env`, before any page is written (MkDocs renders the theme's
    own templates, 404.html and sitemap.xml, first): the near copies, if no report has
    waited for them yet."""
    build_of(config).report()


@event_priority(-100)  # the page as written: after every plugin and hook has changed it
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> None:
    validation = per_build(config, SiteValidation)
    validation.check_disclaimer(page, output)
    validation.gate_page(page, output)


@event_priority(-100)  # after every plugin and hook has written its files
def on_post_build(*, config: MkDocsConfig) -> None:
    validation = per_build(config, SiteValidation)
    try:
        validation.gate_site()
        build_of(config).report()  # waits for the gate, and for the near copies if still pending
    except BaseException:
        validation.stop(wait=False)  # Ctrl-C or a failure: the worker's backlog is not waited for
        raise
    finally:
        validation.stop()
        per_build(config, HeapFreeze).thaw()


def on_build_error(*, error: Exception) -> None:
    stop_all_after_failure()
    thaw_after_failure()


def on_serve(
    server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[[], None]
) -> LiveReloadServer:
    """`mkdocs serve`: a failed rebuild logs its problems and the last good site stays up."""
    server.builder = keep_last_good_site(server.builder, server.root, log)
    return server
