"""Editors' table of every page: type, words, reading ease, sources and review dates.

make report            # Markdown table on stdout
"""

from __future__ import annotations

import datetime as dt
import pathlib
import sys
from dataclasses import dataclass

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from act.readability import measure  # noqa: E402

DOCS = ROOT / "docs"
# Pages whose body text the word-count and reading-ease targets apply to.
MEASURED_TYPES = {"treatment", "condition"}
WORDS_MIN, WORDS_MAX, EASE_MIN = 450, 1200, 60.0
SOON_DAYS = 30


@dataclass(frozen=True)
class PageRow:
    path: str
    type: str
    words: int
    reading_ease: float
    sources: int
    last_reviewed: dt.date | None
    next_review: dt.date | None

    def problems(self, today: dt.date) -> list[str]:
        """Targets the page misses; soft ones are prefixed 'note:'."""
        found = []
        if self.type in MEASURED_TYPES:
            if not WORDS_MIN <= self.words <= WORDS_MAX:
                found.append(f"{self.words} words of body text — aim for {WORDS_MIN}-{WORDS_MAX}")
            if self.reading_ease < EASE_MIN:
                found.append(
                    f"reading ease {self.reading_ease:.1f} is below {EASE_MIN:.0f} — use shorter sentences and everyday words"
                )
        if self.next_review and self.next_review < today:
            found.append(f"review was due on {self.next_review} — review the page and update its dates")
        elif self.next_review and self.next_review <= today + dt.timedelta(days=SOON_DAYS):
            found.append(f"note: review due on {self.next_review}, within {SOON_DAYS} days")
        return found


def content_pages(docs: pathlib.Path = DOCS) -> list[pathlib.Path]:
    return sorted(p for p in docs.rglob("*.md") if not p.relative_to(docs).parts[0].startswith("_"))


def page_row(path: pathlib.Path, docs: pathlib.Path = DOCS) -> PageRow:
    text = path.read_text(encoding="utf-8")
    meta = {}
    if text.startswith("---\n"):
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
    stats = measure(text)
    return PageRow(
        path=str(path.relative_to(docs)),
        type=str(meta.get("type", "?")),
        words=stats.words,
        reading_ease=round(stats.flesch, 1),
        sources=len(meta.get("sources") or []),
        last_reviewed=meta.get("last_reviewed"),
        next_review=meta.get("next_review"),
    )


def markdown_table(rows: list[PageRow]) -> str:
    lines = [
        "| Page | Type | Words | Reading ease | Sources | Last reviewed | Next review due |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r.path} | {r.type} | {r.words} | {r.reading_ease:.1f} | {r.sources} | {r.last_reviewed} | {r.next_review} |"
        )
    return "\n".join(lines)


def main() -> int:
    rows = [page_row(p) for p in content_pages()]
    print(markdown_table(rows))
    measured = [r for r in rows if r.type in MEASURED_TYPES]
    if measured:
        print(
            f"\n{len(rows)} pages; {len(measured)} treatment and condition pages: "
            f"{sum(r.words for r in measured)} words, lowest reading ease "
            f"{min(r.reading_ease for r in measured):.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
