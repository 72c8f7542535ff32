"""Editors' table of every page: type, words, reading ease, sources and review dates, the
year of its newest source (flagged when more than SOURCE_AGE_MAX_YEARS older than its next
review) and its clinical sign-off: awaiting, signed, or lapsed (the text changed since).

make report            # Markdown table on stdout, and the review dashboard,
                       # dist/review-dashboard.html (scripts/review_dashboard.py): every page,
                       # what needs attention first; an artifact, not part of the site
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import sys
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from act.citations import newest_source_year, sources_out_of_date  # noqa: E402
from act.clinical_review import AWAITING, ClinicalStatus, status_of  # noqa: E402
from act.content_model import (  # noqa: E402
    MEASURED_TYPES,
    READING_EASE_MIN,
    SOURCE_AGE_MAX_YEARS,
    WORDS_MAX,
    WORDS_MIN,
)
from act.readability import measure  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402
from review_dashboard import write_dashboard  # noqa: E402

DOCS = ROOT / "docs"


@dataclass(frozen=True)
class PageRow:
    path: str
    type: str
    words: int
    reading_ease: float
    sources: int
    last_reviewed: dt.date | None
    next_review: dt.date | None
    newest_source: int | None = None
    clinical: ClinicalStatus = AWAITING

    @property
    def clinician_checked(self) -> bool:
        """A clinician's sign-off holds for the page as it is now."""
        return self.clinical.state == "signed"

    @property
    def sources_old(self) -> bool:
        return sources_out_of_date(self.newest_source, self.next_review, SOURCE_AGE_MAX_YEARS)

    def target_problems(self) -> list[str]:
        """The content targets a measured page misses (review dates are the build's to report)."""
        found = []
        if self.type in MEASURED_TYPES:
            if not WORDS_MIN <= self.words <= WORDS_MAX:
                found.append(f"{self.words} words of body text — aim for {WORDS_MIN}-{WORDS_MAX}")
            if self.reading_ease < READING_EASE_MIN:
                found.append(
                    f"reading ease {self.reading_ease:.1f} is below {READING_EASE_MIN:.0f} — "
                    "use shorter sentences and everyday words"
                )
        return found


def content_pages(docs: pathlib.Path = DOCS) -> list[pathlib.Path]:
    return sorted(p for p in docs.rglob("*.md") if not p.relative_to(docs).parts[0].startswith("_"))


def page_row(path: pathlib.Path, docs: pathlib.Path = DOCS) -> PageRow:
    return row_of(path.read_text(encoding="utf-8"), str(path.relative_to(docs)))


def row_of(text: str, path: str) -> PageRow:
    """The row of a page's source `text` (as `path`, from docs/): also for a page at a git revision."""
    body, meta = get_data(text)  # MkDocs' own front-matter split
    stats = measure(text)
    return PageRow(
        path=path,
        type=str(meta.get("type", "?")),
        words=stats.words,
        reading_ease=round(stats.flesch, 1),
        sources=len(meta.get("sources") or []),
        last_reviewed=meta.get("last_reviewed"),
        next_review=meta.get("next_review"),
        newest_source=newest_source_year(meta.get("sources")),
        clinical=status_of(meta, body),
    )


def markdown_table(rows: list[PageRow]) -> str:
    lines = [
        "| Page | Type | Words | Reading ease | Sources | Last reviewed | Next review due | Newest source "
        "| Clinical review |",
        "| --- | --- | ---: | ---: | ---: | --- | --- | --- | --- |",
    ]
    for r in rows:
        newest = "" if r.newest_source is None else f"{r.newest_source}" + (" (old)" if r.sources_old else "")
        clinician = r.clinical.state
        lines.append(
            f"| {r.path} | {r.type} | {r.words} | {r.reading_ease:.1f} | {r.sources} | {r.last_reviewed} "
            f"| {r.next_review} | {newest} | {clinician} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dashboard", default=str(ROOT / "dist" / "review-dashboard.html"))
    parser.add_argument("--docs", default=str(DOCS), help=argparse.SUPPRESS)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    docs = pathlib.Path(args.docs)
    rows = [page_row(p, docs) for p in content_pages(docs)]
    print(markdown_table(rows))
    measured = [r for r in rows if r.type in MEASURED_TYPES]
    if measured:
        print(
            f"\n{len(rows)} pages; {len(measured)} treatment and condition pages: "
            f"{sum(r.words for r in measured)} words, lowest reading ease "
            f"{min(r.reading_ease for r in measured):.1f}"
        )
    old = [r for r in rows if r.sources_old]
    print(
        f"Sources more than {SOURCE_AGE_MAX_YEARS} years older than the next review: "
        + (", ".join(f"{r.path} (newest {r.newest_source}, review {r.next_review})" for r in old) or "none")
    )
    awaiting = [r for r in rows if r.last_reviewed and r.clinical.state == "awaiting"]
    print(f"Awaiting review by a clinician: {len(awaiting)} of {len(rows)} pages")
    lapsed = [r for r in rows if r.clinical.state == "lapsed"]
    print(
        "Sign-off lapsed (changed since a clinician checked it): "
        + (", ".join(f"{r.path} (signed {r.clinical.date})" for r in lapsed) or "none")
    )
    dashboard = write_dashboard(rows, pathlib.Path(args.dashboard), args.today or dt.date.today())
    print(f"Review dashboard: {dashboard}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
