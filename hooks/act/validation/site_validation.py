"""One build's page validation: what the validation hook finds at each step of a build.

The hook (hooks/validate_pages.py) calls one method per MkDocs event; every problem goes
into the build's shared list (`act.build.Build.problems`), reported with the other
hooks' problems in one failure. Made once per build by `act.build.per_build`.
"""

from __future__ import annotations

import os
import pathlib
import re
from concurrent.futures import Future
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from act.build import build_of, per_build
from act.content_model import LISTED_TYPES
from act.problems import Problem, SourceMap
from act.second_process import PAGES_PER_BATCH, SecondProcess, result_or_problem
from act.security import csp
from act.security.files import published_problem, symlink_problem, symlinks
from act.security.gate import Policy
from act.security.nesting import nesting_refusal
from act.security.safe_yaml import MAX_FRONT_MATTER, yaml_refusal
from act.validation.checks import CHECKS, Checks, PageToCheck, PageToGate
from act.validation.front_matter import decode_page
from act.validation.names import PageNames, name_problems
from act.validation.page import SiteData
from act.validation.svg import svg_problems

DISCLAIMER_CLASS = "site-disclaimer"
# The page checks (lxml) and the output gate (lexbor) run over `PAGES_PER_BATCH` pages at a
# time (act/second_process.py), queued as MkDocs hands them over. The page checks see the
# page as MkDocs handed it over; the gate reads it from the file MkDocs wrote. Every queued
# page is checked before its problems are reported: the page checks' queue is emptied
# first thing in `on_env`, the gate's by the first report after the pages.
# pymdownx.snippets lines: `--8<-- "name.md"` (also `;--8<--` and multi-line blocks of names).
_SNIPPET_LINE = re.compile(r"^[ \t]*;?-{1,}8<-{1,}[ \t]+[\"']?([^\"'\n]*)[\"']?[ \t]*$", re.MULTILINE)


def _outside_snippets(label: str, text: str) -> tuple[str, list[Problem]]:
    """Snippet paths that would leave docs/_snippets/: reported, and taken out of the page so
    the snippets extension never reads them (it would stop the build with a traceback)."""
    if "8<" not in text:
        return text, []
    problems = []
    for match in reversed(list(_SNIPPET_LINE.finditer(text))):
        name = match.group(1).strip()
        if ".." in name.split("/") or name.startswith(("/", "~", "\\")) or ":" in name:
            line = text.count("\n", 0, match.start()) + 1
            problems.append(
                Problem(
                    label,
                    line,
                    f"snippet '{name}' is outside docs/_snippets/ — include only files from docs/_snippets/, "
                    "by their name there",
                )
            )
            text = text[: match.start()] + text[match.end() :]
    return text, problems[::-1]


def site_dir_problems(site_dir: pathlib.Path) -> list[Problem]:
    """A site folder the build cannot empty or create would end in a traceback: say so first."""
    if not site_dir.exists():
        parent = next(folder for folder in site_dir.parents if folder.exists())
        if os.access(parent, os.W_OK | os.X_OK):
            return []
        return [
            Problem(
                site_dir.name,
                1,
                f"the build cannot create the site folder ({parent} is read-only) — make {parent} writable "
                "or build to another folder (mkdocs build -d FOLDER), then build again",
            )
        ]
    if not site_dir.is_dir() or site_dir.is_symlink():
        return [
            Problem(site_dir.name, 1, "the site folder is not a plain folder — delete it, then build again")
        ]
    for folder, _dirs, _files in os.walk(site_dir):
        if not os.access(folder, os.W_OK | os.X_OK):
            rel = pathlib.Path(folder).relative_to(site_dir.parent).as_posix()
            return [
                Problem(
                    rel,
                    1,
                    f"the build cannot empty the site folder ({rel} is read-only) — make it writable "
                    f"(chmod -R u+w {site_dir.name}) or delete it, then build again",
                )
            ]
    return []


class SiteValidation:
    def __init__(self, config: MkDocsConfig) -> None:
        self.build = build_of(config)
        custom_dir = config.theme.custom_dir
        self.source_roots = [(self.build.docs_dir, self.build.docs_label)]
        if custom_dir:
            self.source_roots.append((pathlib.Path(custom_dir), pathlib.Path(custom_dir).name))
        self.site = SiteData(
            vocabulary=self.build.vocabulary,
            variants=self.build.spelling_variants,
            today=self.build.today,
            allow_overdue=self.build.settings.allow_overdue,
        )
        self.sources: dict[str, SourceMap] = {}  # by src_uri
        self.unreadable: set[str] = set()  # empty files: nothing else to say about them
        self.names: list[PageNames] = []
        self.site_dir = pathlib.Path(config.site_dir)
        self.policy_text = csp.read_policy(self.build.docs_dir)
        found = csp.directives(self.policy_text or "")
        site_url = config.site_url or ""
        self.policy = Policy(
            site_url=site_url if site_url.endswith("/") or not site_url else site_url + "/",
            script_hashes=frozenset(found.get("script-src", [])),
            style_hashes=frozenset(found.get("style-src-elem", found.get("style-src", []))),
        )
        self.gated: set[str] = set()  # pages already gated as they were written (site paths)
        # Pages waiting for their checks and for the gate (see PAGES_PER_BATCH).
        self.pages_to_check: list[PageToCheck] = []
        self.pages_to_gate: list[PageToGate] = []
        # Where the checks run (act/second_process.py): decided once the pages are known.
        self.second_process = per_build(config, SecondProcess)
        self.checked: list[Future] = []  # the page checks' results, collected in `on_env`
        self.gate_results: list[Future] = []  # the gate's, collected in `on_post_build`
        self.near: Future | None = None  # the near copies', collected before any page is written
        self.gate_pending = False  # `collect_gate` waits in the build's pending checks
        # Symbolic links under docs/ and overrides/ (reported in `check_files`), each as a
        # path and as a folder prefix: never read through.
        self.linked: set[str] = set()
        self.through_link: tuple[str, ...] = ()

    def check_files(self, files: Files) -> None:
        self.site.page_paths = {file.src_uri for file in files.documentation_pages()}
        self.site.site_urls = {unquote(file.url) for file in files}
        self.second_process.place(len(self.site.page_paths))
        # No symbolic link in the sources, and only an allowlist of files published from docs/.
        links = symlinks(self.source_roots)
        self.build.problems += [symlink_problem(where) for _path, where in links]
        # A link, or a file reached through a linked folder: reported above, not judged (or
        # read) again.
        self.linked = {path for path, _where in links}
        self.through_link = tuple(os.path.join(path, "") for path in self.linked)
        # MkDocs makes a docs file's path as docs_dir + its name: a file whose path does not
        # start so is the theme's or a vendored one.
        docs = os.path.join(os.path.normpath(os.path.abspath(self.build.docs_dir)), "")
        for file in files:
            path = file.abs_src_path
            if file.inclusion.is_excluded() or not path or not path.startswith(docs):
                continue
            if self._behind_link(path):
                continue
            why = published_problem(file.src_uri)
            if why:
                self.build.problems.append(Problem(self.build.label(file.src_uri), 1, why))
        # Diagrams are documents too: a script in an SVG runs when the SVG is opened.
        for file in files.media_files():
            path = file.abs_src_path
            if file.src_uri.lower().endswith(".svg") and path and not file.inclusion.is_excluded():
                if self._behind_link(path) or os.path.islink(path):
                    continue  # a link (reported above when under docs/ or overrides/)
                with open(path, "rb") as svg:
                    data = svg.read()
                self.build.problems += svg_problems(self.build.label(file.src_uri), data)
        self.build.problems += _shared_destinations(files, self.build.label)

    def _behind_link(self, path: str) -> bool:
        """A link, or a file reached through a linked folder."""
        return path in self.linked or (bool(self.through_link) and path.startswith(self.through_link))

    def read_source(self, page: Page) -> str | None:
        """The page's text, read once as MkDocs would, with a bad file reported, not raised."""
        if page.file.abs_src_path is None:  # generated by a plugin: nothing on disk to check
            return None
        label = self.build.label(page.file.src_uri)
        if self._behind_link(page.file.abs_src_path):
            # Reported in `check_files`: what it points to is never read (it could be any
            # file of the build machine, and the build log is public).
            self.unreadable.add(page.file.src_uri)
            return ""
        try:
            with open(page.file.abs_src_path, "rb") as source:
                data = source.read()
        except OSError as exc:  # deleted or unreadable since MkDocs listed it
            self.build.problems.append(
                Problem(label, 1, f"file cannot be read ({exc.strerror}) — restore the file, or build again")
            )
            self.unreadable.add(page.file.src_uri)
            return ""
        text, problems = decode_page(label, data)
        text, found = _outside_snippets(label, text)
        problems += found
        source = SourceMap(label, text)
        self.sources[page.file.src_uri] = source
        self.build.problems += problems
        refused = yaml_refusal(source.front_matter, MAX_FRONT_MATTER) if source.front_matter else None
        if refused:
            # Not even MkDocs may parse it: hand MkDocs the body alone.
            self.build.problems.append(Problem(label, refused[0] + 2, f"front matter: {refused[1]}"))
            self.unreadable.add(page.file.src_uri)
            return text[source.front_matter_end :]
        too_deep = nesting_refusal(text, source.front_matter_end)
        if too_deep:
            # Python-Markdown would recurse until it fails: hand MkDocs the front matter alone.
            self.build.problems.append(Problem(label, too_deep[0] + 1, too_deep[1]))
            self.unreadable.add(page.file.src_uri)
            return text[: source.front_matter_end]
        if not text.strip():
            self.unreadable.add(page.file.src_uri)
        return text

    def check_page(self, page: Page, html: str) -> None:
        """Queue the page's converted HTML for the page checks, run `PAGES_PER_BATCH` at a
        time (see `PAGES_PER_BATCH`); `check_queued_pages` runs the rest."""
        if page.file.src_uri not in self.sources or page.file.src_uri in self.unreadable:
            return
        meta = dict(page.meta) if isinstance(page.meta, dict) else page.meta  # as it is now
        source = self.sources[page.file.src_uri]
        listed = isinstance(meta, dict) and meta.get("type") in LISTED_TYPES
        self.pages_to_check.append(PageToCheck(page.file.src_uri, source, meta, html, page.url, listed))
        # Only the front matter is needed here from now on (for the lines of cross-page problems).
        self.sources[page.file.src_uri] = source.front_matter_only()
        if len(self.pages_to_check) >= PAGES_PER_BATCH:
            self._send_pages_to_check()

    def _send_pages_to_check(self) -> None:
        queued, self.pages_to_check = self.pages_to_check, []
        if queued:
            self.checked.append(self._call("check_pages", queued))

    def _call(self, method: str, *args) -> Future:
        """Call the build's `Checks` (made on first use), where they run."""
        return self.second_process.call(CHECKS, self._checks, method, *args)

    def _checks(self) -> tuple:
        return Checks, self.site, self.policy, self.build.settings.near_copy_runs_max

    def check_queued_pages(self) -> None:
        """Every page's checks collected (`on_env`), and the near copies asked for."""
        self._send_pages_to_check()
        checked, self.checked = self.checked, []
        self.near = self._call("near_copies")
        for future in checked:
            result, problems = result_or_problem(future, self.build.docs_label)
            self.build.problems += problems
            for page_problems, names in result or []:
                self.build.problems += page_problems
                if names is not None:
                    self.names.append(names)

    def near_copies_later(self) -> None:
        """Leave the near copies to the build's pending checks: the second process pairs the
        pages' runs while the other hooks do their `on_env` work (~3 s at 10,000 pages), and
        the next report waits for them (`on_pre_template` at the latest, before any page is
        written)."""
        if self.near is not None:
            self.build.pending.append(self.collect_near_copies)

    def collect_near_copies(self) -> list[Problem]:
        """The near copies between pages (once), waited for if need be."""
        near, self.near = self.near, None
        if near is None:
            return []
        found, problems = result_or_problem(near, self.build.docs_label)
        return problems + (found or [])

    def check_names(self) -> None:
        """Titles and aliases across pages: each names one page."""
        by_path = {source.path: source for source in self.sources.values()}
        for found in name_problems(self.names, self.site.variants):
            source = by_path[found.path]
            self.build.problems.append(source.problem(source.line_of(found.key), found.message))

    def check_disclaimer(self, page: Page, output: str) -> None:
        """Whether the disclaimer reached the page shows only in the written HTML."""
        # The disclaimer sits near the end: search from there. The page's own text could
        # mention the class too; then only a count tells whether the template added one.
        content = page.content or ""
        missing = output.rfind(DISCLAIMER_CLASS) < 0 or (
            DISCLAIMER_CLASS in content and output.count(DISCLAIMER_CLASS) <= content.count(DISCLAIMER_CLASS)
        )
        if missing:
            self.build.problems.append(
                Problem(
                    self.build.label(page.file.src_uri),
                    1,
                    "the disclaimer did not reach this page — overrides/partials/page-footer.html must include "
                    "partials/disclaimer.html, and every page template must include the page footer",
                )
            )

    # --- the output gate (act/security/gate.py) ---------------------------------------

    def meta_policy(self) -> str | None:
        """The CSP for the `<meta>` tag of every page, or None (with a problem) when there is none."""
        if self.policy_text is None:
            self.build.problems.append(
                Problem(
                    self.build.label(csp.HEADERS_FILE),
                    1,
                    "no Content-Security-Policy for '/*' — restore docs/_headers (git checkout -- docs/_headers)",
                )
            )
            return None
        return csp.meta_policy(self.policy_text)

    def gate_page(self, page: Page, output: str) -> None:
        """Queue the written page for the gate, `PAGES_PER_BATCH` at a time (see
        `PAGES_PER_BATCH`); `collect_gate` runs the rest. The gate reads the page from the
        file: what the build wrote is what readers get."""
        if not output.strip():  # MkDocs writes no file for an empty page
            return
        self.gated.add(page.file.dest_uri)
        label = self.build.label(page.file.src_uri)
        self.pages_to_gate.append(PageToGate(label, page.file.abs_src_path, page.file.abs_dest_path))
        self._gate_later()
        # MkDocs writes this page once every hook has seen it: the batch sent holds the
        # pages before it, all written.
        if len(self.pages_to_gate) > PAGES_PER_BATCH:
            written, self.pages_to_gate = self.pages_to_gate[:-1], self.pages_to_gate[-1:]
            self.gate_results.append(self._call("gate_pages", written))

    def _gate_later(self) -> None:
        """The gate's findings join the build's pending checks (once until collected)."""
        if not self.gate_pending:
            self.build.pending.append(self.collect_gate)
            self.gate_pending = True

    def collect_gate(self) -> list[Problem]:
        """The gate's findings so far, the queued pages gated first. Called by a report
        (`act.build.Build.pending`): only between pages or after the last, never between
        our `on_post_page` (the last) and MkDocs writing that page, so every queued page is
        written."""
        self.gate_pending = False
        written, self.pages_to_gate = self.pages_to_gate, []
        if written:
            self.gate_results.append(self._call("gate_pages", written))
        results, self.gate_results = self.gate_results, []
        problems = []
        for future in results:
            found, stopped = result_or_problem(future, self.build.docs_label)
            problems += stopped + (found or [])
        return problems

    def gate_site(self) -> None:
        """Every other file the build wrote (HTML, SVG, JS, JSON and XML, and no unknown
        type) and every page changed since it was gated, left to the build's next report."""
        self._gate_later()
        self.gate_results.append(self._call("gate_site", str(self.site_dir), frozenset(self.gated)))

    def stop(self, *, wait: bool = True) -> None:
        """The end of the build: the worker, if any, stops (at once, when the build failed)."""
        self.second_process.stop(wait=wait)


def _shared_destinations(files: Files, label) -> list[Problem]:
    """Pages MkDocs would write to one file: only one would be published (and checked)."""
    by_dest: dict[str, list[str]] = {}
    for file in files.documentation_pages():
        by_dest.setdefault(file.dest_uri, []).append(file.src_uri)
    problems = []
    for dest, sources in by_dest.items():
        for source in sources if len(sources) > 1 else ():
            others = ", ".join(label(other) for other in sources if other != source)
            problems.append(
                Problem(
                    label(source),
                    1,
                    f"this page and {others} are both written to site/{dest} — rename or move one of them",
                )
            )
    return problems
