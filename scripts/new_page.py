"""Write a new treatment or condition page from its template.

    make new-page TYPE=treatment TITLE="Radiofrequency ablation"

The page has every required field and section, dated today, with `TODO:` placeholders.
While any placeholder is left, the strict build fails and names the page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import re
import string
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from act.content_model import REVIEW_CYCLE_DAYS, TEMPLATE_FOLDERS, TITLE_LENGTH  # noqa: E402

TEMPLATES = pathlib.Path(__file__).resolve().parent / "page_templates"


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    if not slug:
        raise ValueError(f"title {title!r} has no letters or digits to make a file name from")
    return slug


def render(page_type: str, title: str, today: dt.date) -> str:
    template = string.Template((TEMPLATES / f"{page_type}.md").read_text(encoding="utf-8"))
    return template.substitute(
        title=title,
        today=today.isoformat(),
        next_review=(today + dt.timedelta(days=REVIEW_CYCLE_DAYS)).isoformat(),
        year=today.year,
    )


def new_page(page_type: str, title: str, docs: pathlib.Path, today: dt.date) -> pathlib.Path:
    if page_type not in TEMPLATE_FOLDERS:
        raise ValueError(f"TYPE must be one of {', '.join(TEMPLATE_FOLDERS)}, not {page_type!r}")
    title = title.strip()
    shortest, longest = TITLE_LENGTH
    if not shortest <= len(title) <= longest or any(c in title for c in '<>"\n'):
        raise ValueError(f"TITLE must be {shortest}-{longest} characters of plain text (no < > or quotes)")
    path = docs / TEMPLATE_FOLDERS[page_type] / f"{slugify(title)}.md"
    text = render(page_type, title, today)
    try:
        with path.open("x", encoding="utf-8") as fh:  # "x": never overwrite a page
            fh.write(text)
    except FileExistsError:
        raise FileExistsError(
            f"{path.relative_to(docs.parent)} already exists; nothing was written"
        ) from None
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--type", required=True, help="treatment or condition")
    parser.add_argument("--title", required=True, help='page title, e.g. "Radiofrequency ablation"')
    parser.add_argument("--docs", default=str(ROOT / "docs"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        path = new_page(args.type, args.title, pathlib.Path(args.docs), dt.date.today())
    except (ValueError, FileExistsError) as exc:
        print(f"new-page: {exc}", file=sys.stderr)
        return 2
    print(
        f"new-page: wrote {path.relative_to(pathlib.Path(args.docs).parent)}; replace every TODO: and run make check"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
