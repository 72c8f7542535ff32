"""Problems found in pages, and where in a page's source file they sit.

Every problem is one line an author can act on without reading code:
`docs/path.md:LINE: what is wrong — how to fix it`. Line numbers are worked out only
when a problem is found, so a clean page costs no extra parsing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import yaml
from mkdocs.utils.meta import YAML_RE

Level = Literal["error", "warning", "info"]
Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding. `error` fails every build, `warning` fails strict builds, `info` is a notice."""

    path: str
    line: int
    message: str
    level: Level = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the line in a pull request:
        `::error file=docs/x.md,line=14::what — how to fix` (`::warning`, `::notice` for the others)."""
        command = {"error": "error", "warning": "warning", "info": "notice"}[self.level]
        where = [f"file={_escape_property(self.path)}"] if self.path else []
        if self.path and self.line > 0:
            where.append(f"line={self.line}")
        return f"::{command}{' ' if where else ''}{','.join(where)}::{_escape_data(self.message)}"


def annotating(environ: Mapping[str, str]) -> bool:
    """Whether to print annotations as well: only inside GitHub Actions (which sets GITHUB_ACTIONS=true)."""
    return environ.get("GITHUB_ACTIONS") == "true"


def _escape_data(text: str) -> str:
    # The runner's own escaping for a command's message (actions/toolkit, command.ts).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class SourceMap:
    """A page's source text split into front matter and body, with line lookups.

    `path` is the page as authors see it (`docs/treatments/x.md`). The front matter
    sits between `---` lines at the top, exactly as MkDocs finds it (same regex).
    """

    path: str
    text: str
    front_matter: str | None = field(init=False)
    body_line: int = field(init=False)  # 1-based line where the body starts
    front_matter_end: int = field(init=False)  # offset just after the closing `---` line

    def __post_init__(self) -> None:
        match = YAML_RE.match(self.text)
        self.front_matter = match.group(1) if match else None
        self.front_matter_end = match.end() if match else 0
        if match:
            body = self.text[match.end() :].lstrip("\n")
            self.body_line = self.text.count("\n", 0, len(self.text) - len(body)) + 1
        else:
            self.body_line = 1

    def front_matter_only(self) -> SourceMap:
        """The same page without its body: what cross-page checks need, in less memory."""
        return SourceMap(self.path, self.text[: self.front_matter_end])

    def problem(self, line: int, message: str, level: Level = "error") -> Problem:
        return Problem(self.path, line, message, level)

    @cached_property
    def _key_lines(self) -> dict[Loc, int]:
        """Line of every key and list item in the front matter, by its path (`("sources", 1, "url")`)."""
        lines: dict[Loc, int] = {(): 1}
        if not self.front_matter:
            return lines
        try:
            root = yaml.compose(self.front_matter, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return lines
        # The front matter's first line is line 2 of the file (line 1 is `---`).
        stack: list[tuple[Loc, yaml.Node]] = [((), root)] if root is not None else []
        while stack:
            loc, node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    child = (*loc, key.value)
                    lines.setdefault(child, key.start_mark.line + 2)
                    stack.append((child, value))
            elif isinstance(node, yaml.SequenceNode):
                for index, item in enumerate(node.value):
                    child = (*loc, index)
                    lines.setdefault(child, item.start_mark.line + 2)
                    stack.append((child, item))
        return lines

    def line_of(self, loc: Loc) -> int:
        """Line of a front-matter key or item; for a missing one, the line of what holds it."""
        lines = self._key_lines
        while loc not in lines:
            loc = loc[:-1]
        return lines[loc]

    @cached_property
    def _lines(self) -> list[str]:
        return self.text.split("\n")

    def find_line(self, needles: list[str], after: int = 0) -> int | None:
        """First body line (after line `after`) that contains one of `needles`, case-insensitively."""
        start = max(after, self.body_line - 1)
        for needle in needles:
            if not needle:
                continue
            pattern = re.compile(re.escape(needle), re.IGNORECASE)
            for index in range(start, len(self._lines)):
                if pattern.search(self._lines[index]):
                    return index + 1
        return None

    def lines_containing(self, needle: str) -> list[int]:
        """Every line of the whole file (front matter included) that contains `needle`."""
        return [number for number, line in enumerate(self._lines, start=1) if needle in line]
