"""The fast author loop: everything a pull request will be checked for, in one command.

    make check

1. strict build: the page validation (every hook's problems, review dates included) and
   MkDocs' link and anchor checks, with the build's own problem count;
2. spell check: codespell with its own dictionary plus scripts/spelling/medical.txt
   (medical misspellings and US spellings), words in scripts/spelling/allowed.txt allowed;
3. length and reading ease of the pages the content model measures.

A step that could not run is reported as a problem, never as ok. Exit status is 1 if any
step found a problem.
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

PY = sys.executable
SPELLING = ROOT / "scripts" / "spelling"
# `ERROR   -  docs/x.md:14: what — how to fix`: MkDocs' log prefix, then the problem.
LOG_LINE = re.compile(r"^(?:ERROR|WARNING)\s+-\s+(?P<message>.*)$")
PROBLEM = re.compile(r"^\S+:\d+: ")
SUMMARY = re.compile(r"^(?P<count>\d+) problems? in \d+ (?:pages?|files?) — ")


def run(cmd: list[str]) -> tuple[int, str]:
    proc = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    return proc.returncode, proc.stdout + proc.stderr


def step_build() -> list[str]:
    """The build's problem lines, as the build counts them; its other failures verbatim."""
    with tempfile.TemporaryDirectory() as out:
        code, output = run([PY, "-m", "mkdocs", "build", "--strict", "--site-dir", out])
    if code == 0:
        return []
    messages = [m["message"] for line in output.splitlines() if (m := LOG_LINE.match(line))]
    problems = [message for message in messages if PROBLEM.match(message)]
    others = [m for m in messages if not PROBLEM.match(m) and not SUMMARY.match(m)]
    # MkDocs' own warnings (a broken link) have no `path:line:` but are problems too.
    found = problems + others
    if not found:  # failed without saying why in a log line: show what it printed
        found = [f"the build failed: {line}" for line in output.splitlines() if line.strip()][-10:]
    return found


def step_spelling() -> list[str]:
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


def step_targets() -> tuple[list[str], list[str]]:
    """(problems, report lines) for the length and reading-ease targets."""
    problems, report = [], []
    for path in content_pages():
        row = page_row(path)
        if row.type in MEASURED_TYPES:
            report.append(f"  {row.path:<55} {row.words:>5} words  reading ease {row.reading_ease:5.1f}")
        problems += [f"docs/{row.path}: {problem}" for problem in row.target_problems()]
    return problems, report


def main() -> int:
    started = time.perf_counter()
    total = 0
    for name, step in (("strict build", step_build), ("spelling", step_spelling)):
        found = step()
        print(f"check: {name}: {'ok' if not found else f'{len(found)} problem(s)'}")
        for line in found:
            print(f"  {line}")
        total += len(found)
    found, report = step_targets()
    print("check: reading ease and length (" + ", ".join(sorted(MEASURED_TYPES)) + " pages):")
    print("\n".join(report))
    print(f"check: length and reading-ease targets: {'ok' if not found else f'{len(found)} problem(s)'}")
    for line in found:
        print(f"  {line}")
    total += len(found)
    print(f"check: {total} problem(s) in all, {time.perf_counter() - started:.1f} s")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
