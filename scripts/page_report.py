"""Editors' table of every page: type, words, reading ease, sources and review dates.

make report            # Markdown table on stdout
"""

from __future__ import annotations

import datetime as dt
import pathlib
import sys
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from act.content_model import MEASURED_TYPES, READING_EASE_MIN, WORDS_MAX, WORDS_MIN  # noqa: E402
from act.readability import measure  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

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
    text = path.read_text(encoding="utf-8")
    _, meta = get_data(text)  # MkDocs' own front-matter split
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
