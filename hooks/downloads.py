"""Hook: give the "Download for offline use" page (docs/about/download.md) its list of
downloads: the offline zip and the Kiwix ZIM, with their published addresses and sizes
(see hooks/act/downloads.py). overrides/partials/downloads.html shows the list.

Runs in `on_env`, after every page's front matter has been read: the ZIM's name comes
from the newest `last_reviewed` of all pages.
"""

from __future__ import annotations

import dataclasses

from act.build import build_of
from act.downloads import DOWNLOAD_PAGE, downloads, read_sizes
from act.problems import Problem
from act.zim.naming import newest_review
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    file = files.get_file_from_path(DOWNLOAD_PAGE)
    if file is None or file.page is None:
        return env
    build = build_of(config)
    sizes, problems = read_sizes(build.docs_dir, build.docs_label)
    build.problems += problems
    newest = newest_review(f.page.meta for f in files.documentation_pages() if f.page is not None)
    if newest is None:
        build.problems.append(
            Problem(build.label(DOWNLOAD_PAGE), 1, "no page has last_reviewed, which dates the ZIM — add it")
        )
    else:
        file.page.meta["downloads"] = [
            dataclasses.asdict(d) for d in downloads(config.site_url, newest, sizes)
        ]
    build.report()
    return env
