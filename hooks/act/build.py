"""One build's state, kept on that build's own config object.

`mkdocs serve` loads hook modules once and a fresh config for every rebuild, so state in
a module would outlive its build and leak one build's pages into the next. Every hook
keeps its state in an object made on first use and stored on `config` instead:

    state = per_build(config, RelatedState)   # the same object for the whole build

`Build` is the state all hooks share: the settings, the data files (each read and checked
once, on first use) and the problems found so far, reported together in one failure.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import pathlib
import sys
from collections.abc import Callable
from functools import cached_property
from typing import TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from act import data_files
from act.glossary import Term, plural_lines
from act.problems import Problem, annotating
from act.settings import Settings, read_settings, settings_line

T = TypeVar("T")
_STORE = "_act_per_build"
log = logging.getLogger("mkdocs.plugins.act")


def per_build(config: MkDocsConfig, kind: Callable[[MkDocsConfig], T]) -> T:
    """The one `kind(config)` of this build, made on first use."""
    store = config.__dict__.setdefault(_STORE, {})
    if kind not in store:
        store[kind] = kind(config)
    return store[kind]


def docs_label(config: MkDocsConfig) -> str:
    """How messages name the docs folder: relative to mkdocs.yml, as authors see it."""
    docs = pathlib.Path(config.docs_dir)
    base = pathlib.Path(config.config_file_path or ".").resolve().parent
    return docs.relative_to(base).as_posix() if docs.is_relative_to(base) else docs.name


class Build:
    """What every hook of one build shares."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.docs_dir = pathlib.Path(config.docs_dir)
        self.docs_label = docs_label(config)
        config_file = pathlib.Path(config.config_file_path or "mkdocs.yml")
        text = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
        self.settings: Settings
        self.settings, self.problems = read_settings(
            config.extra, os.environ, config_file.name, settings_line(text)
        )
        self.today = self.settings.today or dt.date.today()
        # In GitHub Actions each problem is also printed as an annotation on its line.
        self.annotate = annotating(os.environ)
        # Work still running (in the build's second process): each gives its problems
        # when called, waiting for them if need be. `report` calls them first, so a build
        # that fails, wherever it fails, fails with every problem found so far.
        self.pending: list[Callable[[], list[Problem]]] = []

    def label(self, src_uri: str) -> str:
        """A file under docs/ as problems name it: `docs/treatments/x.md`."""
        return f"{self.docs_label}/{src_uri}"

    def _load(self, load: Callable[[pathlib.Path, str], tuple[T, list[Problem]]]) -> T:
        value, problems = load(self.docs_dir, self.docs_label)
        self.problems += problems
        return value

    @cached_property
    def vocabulary(self) -> data_files.Vocabulary:
        return self._load(data_files.load_vocabulary)

    @cached_property
    def spelling_variants(self) -> data_files.Variants:
        return self._load(data_files.load_spelling_variants)

    @cached_property
    def search_phrases(self) -> list[data_files.SearchPhrase]:
        return self._load(data_files.load_search_phrases)

    @cached_property
    def glossary_terms(self) -> list[Term]:
        return self._load(data_files.load_glossary_terms)

    @cached_property
    def glossary_plurals(self) -> str:
        """The plurals' tooltip lines appended to every page: the same for all, made once."""
        return plural_lines(self.glossary_terms)

    def report(self) -> None:
        """Log every problem found so far once, in file order; fail once if any is an error.

        Each hook that finds problems calls this at the end of its part of the build (for
        pages: `on_env`, before any page is written); whichever runs first reports all,
        the checks still pending included (they are waited for).
        """
        pending, self.pending = self.pending, []
        for collect in pending:
            self.problems += collect()
        problems, self.problems = sorted(set(self.problems)), []
        log_at = {"error": log.error, "warning": log.warning, "info": log.info}
        for problem in problems:
            log_at[problem.level](str(problem))
        if self.annotate:
            # Workflow commands are read from standard output, one per line.
            sys.stdout.write("".join(f"{problem.annotation()}\n" for problem in problems))
            sys.stdout.flush()
        errors = [problem for problem in problems if problem.level == "error"]
        if errors:
            # The count includes warnings (which fail strict builds too), so it equals the
            # number of lines above: what `make check` reports as well.
            counted = [problem for problem in problems if problem.level != "info"]
            paths = {problem.path for problem in counted}
            # Pages are what authors fix most; data files (docs/_data, docs/_snippets) are files.
            pages_only = all(path.endswith(".md") and "/_" not in path for path in paths)
            what = "page" if pages_only else "file"
            raise PluginError(
                f"{len(counted)} problem{'s' * (len(counted) != 1)} in {len(paths)} {what}{'s' * (len(paths) != 1)} "
                "— fix the lines above, then build again"
            )


def build_of(config: MkDocsConfig) -> Build:
    return per_build(config, Build)


class HeapFreeze:
    """The build's long-lived objects kept out of the garbage collector's full scans.

    Once every page is read and converted (`on_env`), the pages, their tables of contents
    and the hooks' state live to the end of the build; each full collection would walk all
    of them again, a cost that grows with the site (a sizeable part of the page checks at
    10,000 pages). `gc.freeze()` moves them to the permanent generation; `thaw` puts them
    back at the end of the build, or when it fails, so nothing outlives the build under
    `mkdocs serve`. Only freezes when nothing else has frozen objects, so thawing
    restores exactly the state found.
    """

    def __init__(self, config: MkDocsConfig) -> None:
        self.frozen = False

    def freeze(self) -> None:
        """Freeze every object alive now (again, as the build goes on: `gc.freeze` is cheap)."""
        if self.frozen or gc.get_freeze_count() == 0:
            gc.freeze()
            self.frozen = True

    def thaw(self) -> None:
        if self.frozen:
            gc.unfreeze()
            self.frozen = False


def thaw_after_failure() -> None:
    """A failed build (`on_build_error`, which has no config): thaw what `HeapFreeze` froze.

    Nothing else in a build of this site freezes objects, and `HeapFreeze` only freezes
    when nothing is frozen, so whatever is frozen here is that build's.
    """
    gc.unfreeze()
