"""Keep `mkdocs serve` showing the last good build when a rebuild fails.

By itself MkDocs empties the preview's site folder at the start of every rebuild, and
after a failed one holds every request until a build succeeds ("the server will appear
stuck"). For an author that means a blank browser exactly when they need to compare.
Instead: after every good build, keep a copy of the site; when a rebuild fails (its
problems are already logged, one line each), put that copy back and let the server go
on serving it. Only `mkdocs serve` uses this (the validation hook's `on_serve`);
`mkdocs build` still fails.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
from collections.abc import Callable


def _replace_tree(source: str, target: str) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)


def keep_last_good_site(
    builder: Callable[[], None], site_dir: str, log: logging.Logger
) -> Callable[[], None]:
    """Wrap the preview server's builder: on failure, restore and serve the last good site."""
    last_good = tempfile.mkdtemp(prefix="act-last-good-site-")
    atexit.register(shutil.rmtree, last_good, ignore_errors=True)
    _replace_tree(site_dir, last_good)  # the first build, which serve only starts after it succeeded

    def build_or_keep_last_good() -> None:
        try:
            builder()
        except Exception as exc:  # any failed rebuild: MkDocs has logged why
            _replace_tree(last_good, site_dir)
            log.error(f"{exc} — still serving the last good build; fix the problems above and save again")
            return
        _replace_tree(site_dir, last_good)

    return build_or_keep_last_good
