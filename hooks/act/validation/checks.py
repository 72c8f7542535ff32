"""The page checks, near copies and the output gate, as they run beside the build.

These checks only read and report: nothing they find changes a page, so they need not run
between Material's own steps. On a large site they run in the build's second process
(act/second_process.py), handed batches of pages as MkDocs converts and writes them,
while the build goes on converting and rendering; on a small one the same calls run in the
build's own process, as they are made. Their results are collected where the build needs
them: the page checks' and the near copies' in `on_env`, before any page is written; the
gate's in `on_post_build`. `Checks` holds one build's state: made when the build starts
them, gone when the build ends.
"""

from __future__ import annotations

import hashlib
import html
import os
import pathlib
from array import array
from dataclasses import dataclass
from typing import Any

from act import near_copies
from act.html_text import strip_tags
from act.problems import Problem, SourceMap
from act.security.files import tree
from act.security.gate import (
    SEARCH_HTML_FIELDS,
    Policy,
    html_findings,
    line_of,
    search_value_needs_gate,
    site_file_findings,
)
from act.validation.names import PageNames
from act.validation.page import SiteData, check_page
from act.validation.svg import svg_problems

CHECKS = "checks"  # their name in the build's second process


@dataclass(frozen=True)
class PageToCheck:
    src_uri: str
    source: SourceMap
    meta: Any  # page.meta as MkDocs left it (a dict, or what a broken front matter gave)
    content: str  # the converted HTML of the page's body
    url: str
    listed: bool  # a content page: its text is compared for near copies


@dataclass(frozen=True)
class PageToGate:
    label: str  # docs/treatments/x.md
    abs_src_path: str | None  # where its source lines are looked up
    written: str  # the HTML file the build wrote for it


class Checks:
    """The checks themselves, with one build's state; in the worker or in this process."""

    def __init__(self, site: SiteData, policy: Policy, near_copy_limit: int | None) -> None:
        self.site = site
        self.policy = policy
        self.near_copy_limit = near_copy_limit  # None: the near copies are not looked for
        self.runs: dict[str, array] = {}  # each listed page's ten-word runs, by its label
        # Each gated page's file as it was when gated: a file changed since (by a plugin's
        # `on_post_build`) is gated again by `gate_site`.
        self.gated: dict[str, tuple[PageToGate, tuple[int, ...]]] = {}
        # Digests of the search entries' titles and texts that passed the gate as the build
        # handed them over (`gate_search_entries`): in the written search index they are
        # not parsed again, when `gate_site` has to wait for it at the end of the build.
        self.search_clean: set[bytes] = set()

    def check_pages(self, pages: list[PageToCheck]) -> list[tuple[list[Problem], PageNames | None]]:
        results = []
        for page in pages:
            result = check_page(page.source, page.src_uri, page.meta, page.content, page.url, self.site)
            if page.listed and self.near_copy_limit is not None:
                self.runs[page.source.path] = near_copies.run_hashes(strip_tags(page.content))
            results.append((result.problems, result.names))
        return results

    def near_copies(self) -> list[Problem]:
        """Content pages that repeat each other: each pair named on both pages."""
        # Only needed here: the runs are let go for the rest of the build.
        hashed, self.runs = self.runs, {}
        limit = self.near_copy_limit
        if limit is None:
            return []
        problems = []
        for first, second, count in near_copies.near_copies(hashed, limit):
            problems.append(Problem(first, 1, near_copies.message(second, count, limit)))
            problems.append(Problem(second, 1, near_copies.message(first, count, limit)))
        return problems

    def gate_pages(self, pages: list[PageToGate]) -> list[Problem]:
        """Each page as the build wrote it, parsed as a browser parses it, against the allowlist."""
        problems = []
        for page in pages:
            try:
                with open(page.written, "rb") as file:
                    data = file.read()
                    self.gated[page.written] = (page, _version(os.fstat(file.fileno())))
            except OSError as exc:  # deleted or made unreadable since the build wrote it
                problems.append(
                    Problem(
                        page.label,
                        1,
                        f"the built page cannot be read back to check it ({exc.strerror}) — build again",
                    )
                )
                continue
            findings = html_findings(data.decode("utf-8", errors="replace"), self.policy)
            if not findings:
                continue
            try:
                text = pathlib.Path(page.abs_src_path or "").read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            for finding in findings:
                # The source may hold the text entity-encoded (`&lt;img`).
                line = line_of(text, finding.needle)
                if line == 1 and finding.needle:
                    line = line_of(text, html.escape(finding.needle, quote=False))
                problems.append(Problem(page.label, line, f"in the built page: {finding.message}"))
        return problems

    def gate_search_entries(self, entries: list[dict[str, Any]]) -> None:
        """Search entries as Material will write them, gated ahead of the written index:
        only whether each title and text passes is kept (the written index is gated in
        `gate_site`, the values that passed here matched by their digest)."""
        for entry in entries:
            for key in SEARCH_HTML_FIELDS:
                value = entry.get(key)
                if search_value_needs_gate(value) and not html_findings(value, self.policy):
                    self.search_clean.add(_digest(value))

    def _gated_clean(self, value: str) -> bool:
        return bool(self.search_clean) and _digest(value) in self.search_clean

    def gate_site(self, site_dir: str, gated: frozenset[str]) -> list[Problem]:
        """Every other file the build wrote: HTML, SVG, JS, JSON and XML, and no unknown type."""
        problems = []
        for written, (page, version) in list(self.gated.items()):
            try:
                changed = _version(os.stat(written)) != version
            except OSError:
                changed = False  # gone: nothing of it is published
            if changed:
                problems += self.gate_pages([page])
        root = pathlib.Path(site_dir)
        if not root.is_dir():
            return problems
        found = tree(root)
        for rel in found.links:
            problems.append(Problem(f"site/{rel}", 1, "symbolic link in the built site — remove it"))
        for rel in found.others:
            problems.append(
                Problem(
                    f"site/{rel}",
                    1,
                    "not a regular file (a pipe, socket or device) in the built site — remove it",
                )
            )
        for rel in found.unreadable:
            problems.append(
                Problem(
                    f"site/{rel}",
                    1,
                    "folder in the built site that cannot be read, so it cannot be checked — make it readable "
                    "(chmod -R u+rwX site) or delete it, then build again",
                )
            )
        for rel in found.files:
            if rel in gated:
                continue
            label = f"site/{rel}"
            path = root / rel
            data = path.read_bytes()
            if path.suffix.lower() == ".svg":
                problems += svg_problems(label, data)
                continue
            found = site_file_findings(
                pathlib.PurePosixPath(rel), data, self.policy, set(), self._gated_clean
            )
            for finding in found:
                text = data.decode("utf-8", errors="replace") if finding.needle else ""
                problems.append(Problem(label, line_of(text, finding.needle), finding.message))
        return problems


def _digest(value: str) -> bytes:
    # Cryptographic: unlike hash() (whose key PYTHONHASHSEED can fix), no text can be made
    # to pass for another that passed the gate.
    return hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=20).digest()


def _version(stat: os.stat_result) -> tuple[int, ...]:
    """What changes when a file is written again: its inode, size and times."""
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
