"""The fast author loop: everything a pull request will be checked for, in one command.

    make check

1. strict build (runs the page-validation hook and MkDocs' link and anchor checks);
2. spell check: codespell with its own dictionary plus scripts/spelling/medical.txt
   (medical misspellings and US spellings), words in scripts/spelling/allowed.txt allowed;
3. reading ease and word count per treatment and condition page;
4. review dates: overdue pages fail, reviews due within 30 days are listed;
5. source notes: no 8-word run copied from ../shared/seeds (when shared/ is present).
Exit status is 1 if any step found an error.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time

from page_report import DOCS, ROOT, content_pages, page_row

PY = sys.executable
SPELLING = ROOT / "scripts" / "spelling"
SEEDCOPY = ROOT.parent / "shared" / "tools" / "seedcopy.py"


def run(cmd: list[str]) -> tuple[int, str]:
    proc = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    return proc.returncode, proc.stdout + proc.stderr


def step_build() -> list[str]:
    with tempfile.TemporaryDirectory() as out:
        code, output = run([PY, "-m", "mkdocs", "build", "--strict", "--site-dir", out])
    lines = [ln for ln in output.splitlines() if ln.strip() and not ln.startswith("INFO")]
    return lines if code else []


def step_spelling() -> list[str]:
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
    return (
        [
            f"{ln} — correct the spelling (or add a real word to scripts/spelling/allowed.txt)"
            for ln in output.splitlines()
            if "==>" in ln
        ]
        if code
        else []
    )


def step_pages(today: dt.date) -> tuple[list[str], list[str], list[str]]:
    errors, notes, report = [], [], []
    for path in content_pages():
        row = page_row(path)
        if row.type in {"treatment", "condition"}:
            report.append(f"  {row.path:<55} {row.words:>5} words  reading ease {row.reading_ease:5.1f}")
        for problem in row.problems(today):
            target = notes if problem.startswith("note:") else errors
            target.append(f"docs/{row.path}: {problem.removeprefix('note: ')}")
    return errors, notes, report


def step_seedcopy() -> list[str]:
    if not SEEDCOPY.is_file():
        return []
    code, output = run([PY, str(SEEDCOPY), str(DOCS)])
    return (
        [ln for ln in output.splitlines() if ln.startswith(str(DOCS)) or ln.startswith("docs/")]
        if code
        else []
    )


def main() -> int:
    started = time.perf_counter()
    errors: list[str] = []
    for name, step in (("build", step_build), ("spelling", step_spelling), ("source notes", step_seedcopy)):
        found = step()
        print(f"check: {name}: {'ok' if not found else f'{len(found)} problem(s)'}")
        for line in found:
            print(f"  {line}")
        errors += found
    page_errors, notes, report = step_pages(dt.date.today())
    print("check: reading ease and length (treatment and condition pages):")
    print("\n".join(report))
    print(
        f"check: page targets and review dates: {'ok' if not page_errors else f'{len(page_errors)} problem(s)'}"
    )
    for line in page_errors + [f"{n} (not an error yet)" for n in notes]:
        print(f"  {line}")
    errors += page_errors
    seconds = time.perf_counter() - started
    print(f"check: {len(errors)} error(s), {len(notes)} review(s) due soon, {seconds:.1f} s")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
