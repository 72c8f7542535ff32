"""The fast author loop: everything a pull request will be checked for, in one command.

    make check

1. strict build: the page validation (every hook's problems, review dates included) and
   MkDocs' link and anchor checks, with the build's own problem count;
2. spell check: codespell with its own dictionary plus scripts/spelling/medical.txt
   (medical misspellings and US spellings), words in scripts/spelling/allowed.txt allowed;
3. length and reading ease of the pages the content model measures.

A step that could not run is reported as a problem, never as ok. Exit status is 1 if any
step found a problem. Inside GitHub Actions (GITHUB_ACTIONS=true) every problem is also
printed once as a workflow command, `::error file=docs/x.md,line=14::what — how to fix`,
so the pull request shows it on that line (act/problems.py formats it).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import time

from page_report import ROOT, content_pages, page_row

sys.path.insert(0, str(ROOT / "hooks"))

from act.content_model import MEASURED_TYPES  # noqa: E402
from act.problems import Problem, annotating  # noqa: E402

PY = sys.executable
SPELLING = ROOT / "scripts" / "spelling"
# `ERROR   -  docs/x.md:14: what — how to fix`: MkDocs' log prefix, then the problem.
LOG_LINE = re.compile(r"^(?P<level>ERROR|WARNING)\s+-\s+(?P<message>.*)$")
PROBLEM = re.compile(r"^\S+:\d+: ")
# `docs/x.md:14: what — how to fix` (the build's and codespell's lines), `docs/x.md: what` (targets).
WHERE = re.compile(r"^(?P<path>[^\s:]+)(?::(?P<line>\d+))?: (?P<message>.*)$", re.DOTALL)
# MkDocs' own link warnings name the page without a line: `Doc file 'treatments/x.md' contains ...`.
DOC_FILE = re.compile(r"^Doc file '(?P<path>[^']+)'")
SUMMARY = re.compile(r"^(?P<count>\d+) problems? in \d+ (?:pages?|files?) — ")


def run(cmd: list[str]) -> tuple[int, str]:
    proc = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    return proc.returncode, proc.stdout + proc.stderr


def as_problem(text: str, level: str = "error") -> Problem:
    """A line of this script's output as the Problem it reports (for its annotation)."""
    level = "warning" if level == "WARNING" else "error"
    if match := WHERE.match(text):
        return Problem(match["path"], int(match["line"] or 0), match["message"], level)
    if match := DOC_FILE.match(text):
        return Problem(f"docs/{match['path']}", 0, text, level)
    return Problem("", 0, text, level)


def step_build() -> list[tuple[str, Problem]]:
    """The build's problem lines, as the build counts them; its other failures verbatim."""
    with tempfile.TemporaryDirectory() as out:
        code, output = run([PY, "-m", "mkdocs", "build", "--strict", "--site-dir", out])
    if code == 0:
        return []
    logged = [(m["message"], m["level"]) for line in output.splitlines() if (m := LOG_LINE.match(line))]
    problems = [(text, level) for text, level in logged if PROBLEM.match(text)]
    others = [(t, level) for t, level in logged if not PROBLEM.match(t) and not SUMMARY.match(t)]
    # MkDocs' own warnings (a broken link) have no `path:line:` but are problems too.
    found = problems + others
    if not found:  # failed without saying why in a log line: show what it printed
        found = [(f"the build failed: {line}", "ERROR") for line in output.splitlines() if line.strip()][-10:]
    return [(text, as_problem(text, level)) for text, level in found]


def step_spelling() -> list[tuple[str, Problem]]:
    return [(text, as_problem(text)) for text in spelling_lines()]


def spelling_lines() -> list[str]:
    if importlib.util.find_spec("codespell_lib") is None:
        return ["the spell check did not run: codespell is not installed — run `make check` (it installs it)"]
    pages = [str(p.relative_to(ROOT)) for p in content_pages()]
    code, output = run(
        [
            PY,
            "-m",
            "codespell_lib",
            "--dictionary=-",
            f"--dictionary={SPELLING / 'medical.txt'}",
            f"--ignore-words={SPELLING / 'allowed.txt'}",
            # Front matter holds aliases, which are US spellings on purpose. (The lookahead keeps
            # the closing newline: codespell 2.4.3 miscounts lines after a match that ends in one.)
            "--ignore-multiline-regex",
            r"\A---\n.*?\n---(?=\n)",
            *pages,
        ]
    )
    found = [
        f"{ln} — correct the spelling (or add a real word to scripts/spelling/allowed.txt)"
        for ln in output.splitlines()
        if "==>" in ln
    ]
    if code and not found:
        return [f"the spell check did not run: {output.strip()[:300]}"]
    return found


def step_targets() -> tuple[list[tuple[str, Problem]], list[str]]:
    """(problems, report lines) for the length and reading-ease targets."""
    problems, report = [], []
    for path in content_pages():
        row = page_row(path)
        if row.type in MEASURED_TYPES:
            report.append(f"  {row.path:<55} {row.words:>5} words  reading ease {row.reading_ease:5.1f}")
        problems += [f"docs/{row.path}: {problem}" for problem in row.target_problems()]
    return [(text, as_problem(text)) for text in problems], report


def main() -> int:
    started = time.perf_counter()
    every: list[Problem] = []
    for name, step in (("strict build", step_build), ("spelling", step_spelling)):
        found = step()
        print(f"check: {name}: {'ok' if not found else f'{len(found)} problem(s)'}")
        for line, problem in found:
            print(f"  {line}")
            every.append(problem)
    found, report = step_targets()
    print("check: reading ease and length (" + ", ".join(sorted(MEASURED_TYPES)) + " pages):")
    print("\n".join(report))
    print(f"check: length and reading-ease targets: {'ok' if not found else f'{len(found)} problem(s)'}")
    for line, problem in found:
        print(f"  {line}")
        every.append(problem)
    print(f"check: {len(every)} problem(s) in all, {time.perf_counter() - started:.1f} s")
    if annotating(os.environ):
        for problem in every:
            print(problem.annotation())
    return 1 if every else 0


if __name__ == "__main__":
    sys.exit(main())
