"""A pull request's pages at a glance: for each page it changes, reading ease and word count
before and after, sources added and removed, and its clinical sign-off; pages whose sign-off
the change lapsed are named in a notice. Run by the pull-request workflow, which adds the
table to the job summary and attaches it as an artifact:

    python scripts/pr_summary.py --base <base commit> --head HEAD --preview-url <url> --output pr-summary.md

Reads only git (`git diff`, `git show`) in the current repository. Inside GitHub Actions
(GITHUB_ACTIONS=true) it also prints each lapsed sign-off as a `::warning` on the page.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
from dataclasses import dataclass

from page_report import PageRow, row_of

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "hooks"))

from act.problems import Problem, annotating  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

DOCS = "docs/"


@dataclass(frozen=True)
class Change:
    path: str  # as authors see it, docs/x.md
    before: PageRow | None  # None: a new page
    after: PageRow | None  # None: a deleted page
    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def lapsed_here(self) -> bool:
        """Signed before this change, no longer signed after it."""
        return self.after is not None and self.after.clinical.state == "lapsed"


def git(*args: str, cwd: pathlib.Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def show(rev: str, path: str, cwd: pathlib.Path) -> str | None:
    proc = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=cwd, capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else None


def is_page(path: str) -> bool:
    parts = path.split("/")
    return path.startswith(DOCS) and path.endswith(".md") and not parts[1].startswith("_")


def source_ids(text: str | None) -> set[str]:
    if text is None:
        return set()
    _, meta = get_data(text)
    sources = meta.get("sources") if isinstance(meta, dict) else None
    return {str(s.get("id")) for s in sources or [] if isinstance(s, dict) and s.get("id")}


def changes(base: str, head: str, cwd: pathlib.Path) -> list[Change]:
    """Every page the change touches, renamed pages compared with their old selves."""
    found = []
    out = git("diff", "--name-status", "-M", "-z", base, head, "--", DOCS, cwd=cwd).split("\0")
    fields = iter(field for field in out if field)
    for status in fields:
        old = new = next(fields)
        if status[0] in "RC":
            new = next(fields)
        if not (is_page(old) or is_page(new)):
            continue
        before = None if status[0] == "A" else show(base, old, cwd)
        after = None if status[0] == "D" else show(head, new, cwd)
        label = lambda path: path[len(DOCS) :]  # noqa: E731
        found.append(
            Change(
                path=new,
                before=row_of(before, label(old)) if before is not None else None,
                after=row_of(after, label(new)) if after is not None else None,
                added=tuple(sorted(source_ids(after) - source_ids(before))),
                removed=tuple(sorted(source_ids(before) - source_ids(after))),
            )
        )
    return sorted(found, key=lambda change: change.path)


def _pair(before: str | None, after: str | None) -> str:
    if before is None:
        return f"new: {after}"
    if after is None:
        return f"{before} (deleted)"
    return before if before == after else f"{before} → {after}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary(found: list[Change], preview_url: str | None) -> str:
    lines = ["## Pages in this pull request", ""]
    if not found:
        lines.append("No page under docs/ changes.")
    else:
        lines += [
            "| Page | Reading ease | Words | Sources added | Sources removed | Clinical sign-off |",
            "| --- | ---: | ---: | --- | --- | --- |",
        ]
        for c in found:
            ease = _pair(
                f"{c.before.reading_ease:.1f}" if c.before else None,
                f"{c.after.reading_ease:.1f}" if c.after else None,
            )
            words = _pair(str(c.before.words) if c.before else None, str(c.after.words) if c.after else None)
            status = c.after.clinical.label if c.after else "deleted"
            lines.append(
                f"| {_cell(c.path)} | {ease} | {words} | {_cell(', '.join(c.added)) or '—'} "
                f"| {_cell(', '.join(c.removed)) or '—'} | {_cell(status)} |"
            )
    lapsed = [c for c in found if c.lapsed_here]
    if lapsed:
        lines += ["", "**Clinical sign-off lapsed** (the text changed since a clinician checked it):", ""]
        lines += [f"- {_cell(c.path)}: checked on {c.after.clinical.date}" for c in lapsed]
        lines += [
            "",
            "Ask a clinician to check the changes; once they approve, run "
            "`make sign-off PAGE=... NAME=... ROLE=...` and commit it (CONTRIBUTING.md).",
        ]
    lines += [
        "",
        f"Preview of the built site: [site-preview artifact]({preview_url})"
        if preview_url
        else "No preview: the site was not built (see the failed step).",
    ]
    return "\n".join(lines) + "\n"


def lapsed_notices(found: list[Change]) -> list[Problem]:
    return [
        Problem(
            c.path,
            1,
            f"clinical sign-off lapsed: the page changed since a clinician checked it on {c.after.clinical.date} "
            "— ask them to check the changes, then run make sign-off",
            "warning",
        )
        for c in found
        if c.lapsed_here
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the commit the pull request is compared with")
    parser.add_argument("--head", default="HEAD", help="the pull request's commit (default HEAD)")
    parser.add_argument("--preview-url", default="", help="link to the site-preview artifact")
    parser.add_argument("--output", help="write the Markdown here as well as to standard output")
    args = parser.parse_args(argv)
    cwd = pathlib.Path.cwd()
    try:
        found = changes(args.base, args.head, cwd)
    except subprocess.CalledProcessError as exc:
        print(
            f"pr-summary: git failed: {exc.stderr.strip()} — fetch both commits (actions/checkout fetch-depth: 0)",
            file=sys.stderr,
        )
        return 2
    text = summary(found, args.preview_url or None)
    if args.output:
        pathlib.Path(args.output).write_text(text, encoding="utf-8")
    print(text, end="")
    if annotating(os.environ):
        for notice in lapsed_notices(found):
            print(notice.annotation())
    return 0


if __name__ == "__main__":
    sys.exit(main())
