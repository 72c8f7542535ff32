"""Inline citations: `[^id]` in a page's Markdown, keyed to the `id` of an entry in its
front-matter `sources`.

Readers see a small superscript number, the source's place in the page's Sources list,
linking to that entry (which links back); screen readers hear "source 2". Numbering by
the list's order (not by first use) keeps the number a reader sees equal to the number
beside the entry in Sources.

The checks work on the Markdown source, so every finding has the author's line:
a citation of a source the page does not list, a listed source nothing cites, and a
paragraph or list item that gives a figure (a percentage, "N in N", "N out of N", a
median, a survival time) with no citation in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A citation marker: `[^nice-ng234]`. Ids are lower-case slugs, like page file names.
CITATION_RE = re.compile(r"\[\^([a-z0-9][a-z0-9-]*)\]")
# Anything that looks like a footnote marker, to tell authors about malformed ones.
LOOSE_MARKER_RE = re.compile(r"\[\^([^\]\s]*)\]")
# A Markdown footnote definition: sources come from front matter, never from these.
DEFINITION_RE = re.compile(r"^\s*\[\^[^\]]*\]:")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN_RE = re.compile(r"`[^`\n]*`")
# Lines that start a new block: list items, headings, admonitions, HTML, images.
BLOCK_START_RE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|!!!|\?\?\?|<|!\[)")
UNCHECKED_BLOCK_RE = re.compile(r"^\s*(?:#|!!!|\?\?\?)")

_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|a hundred|a thousand"
_COUNT = rf"(?:\d[\d,]*|{_NUMBER_WORDS})"
# What counts as a figure that needs a source in the same paragraph or list item.
FIGURE_RE = re.compile(
    r"|".join(
        [
            r"\d+(?:\.\d+)?\s*(?:%|per\s?cent\b)",  # 40%, 12.5 per cent
            rf"\b{_COUNT}\s+(?:in|out\s+of)\s+{_COUNT}\b",  # 1 in 50, one in three, 3 out of 101
            r"\bmedian\b",
            r"\bhazard\s+ratio\b",
            r"\b\d+(?:\.\d+)?(?:\s*(?:to|-|–)\s*\d+(?:\.\d+)?)?\s*(?:months?|years?)\b",  # 6 months, 2 to 3 years
            r"\b\d+-(?:year|month)\b",  # 5-year survival
        ]
    ),
    re.IGNORECASE,
)


# Where a figure can start: a digit, or one of FIGURE_RE's words at a word boundary.
# FIGURE_RE tried at every character costs ~30 µs a paragraph; tried only here, a third.
_FIGURE_WORDS = rf"median|hazard|{_NUMBER_WORDS}"
_FIGURE_START = re.compile(rf"\d|\b(?:{_FIGURE_WORDS})", re.IGNORECASE)
_FIGURE_START_LOWER = re.compile(rf"\d|\b(?:{_FIGURE_WORDS})")  # for ASCII text in lower case
HEADING_RE = re.compile(r"^\s*#{1,6}\s")


def first_figure(text: str) -> re.Match[str] | None:
    """`FIGURE_RE.search(text)`, the same match, faster: FIGURE_RE is only tried where a
    figure can start (`match` at a position sees the text before it, as `search` does)."""
    # ASCII text in lower case keeps every position and needs no case folding: faster.
    ascii_ = text.isascii()
    starts = _FIGURE_START_LOWER.finditer(text.lower()) if ascii_ else _FIGURE_START.finditer(text)
    for start in starts:
        figure = FIGURE_RE.match(text, start.start())
        if figure:
            return figure
    return None


def source_numbers(sources: object) -> dict[str, int]:
    """Each listed source's number, by its `id`: its place in the Sources list, from 1.

    Takes `page.meta["sources"]` as MkDocs parsed it, so it must not trust it: entries
    without a text `id` keep their place in the count but get no number.
    """
    if not isinstance(sources, list):
        return {}
    numbers: dict[str, int] = {}
    for number, source in enumerate(sources, start=1):
        source_id = source.get("id") if isinstance(source, dict) else None
        if isinstance(source_id, str) and source_id not in numbers:
            numbers[source_id] = number
    return numbers


def newest_source_year(sources: object) -> int | None:
    """The year of a page's newest dated source (its `year`: published or last updated).

    An `accessed` date says when an editor read an undated web page, not how old the
    page is, so it does not count: a page resting only on undated sources has no newest
    year, rather than looking as new as the day it was read."""
    years = [
        source["year"]
        for source in (sources if isinstance(sources, list) else [])
        if isinstance(source, dict) and isinstance(source.get("year"), int)
    ]
    return max(years, default=None)


def sources_out_of_date(newest: int | None, next_review: object, limit: int) -> bool:
    """True when the newest source is more than `limit` years older than the next review."""
    return newest is not None and hasattr(next_review, "year") and next_review.year - newest > limit


@dataclass(frozen=True)
class Citation:
    source_id: str
    line: int  # 1-based, in the page's source file


@dataclass(frozen=True)
class Finding:
    line: int
    message: str


def _code_masked(line: str) -> str:
    """The line with inline code blanked out, so markers in code are not citations."""
    if "`" not in line:  # most lines: no regex pass
        return line
    return CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line)


Prose = list[tuple[int, str]]


def _prose_lines(body: str, first_line: int) -> Prose:
    """(source line number, text) of every line outside fenced code.

    A list, so the checks below share one pass over the page (they ran four)."""
    prose: Prose = []
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        if FENCE_RE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            prose.append((first_line + offset, _code_masked(line)))
    return prose


def citations(body: str, first_line: int, prose: Prose | None = None) -> list[Citation]:
    """Every `[^id]` in the body, in order, with its line (`prose`: its lines, if known)."""
    return [
        Citation(match.group(1), number)
        for number, line in (prose if prose is not None else _prose_lines(body, first_line))
        if not DEFINITION_RE.match(line)  # reported as a definition, not as a citation
        for match in CITATION_RE.finditer(line)
    ]


def blocks(body: str, first_line: int, prose: Prose | None = None) -> Iterator[tuple[int, str]]:
    """Paragraphs and list items as (first line, text): the units a citation must sit in."""
    start, lines = 0, []
    for number, line in prose if prose is not None else _prose_lines(body, first_line):
        begins = not line.strip() or BLOCK_START_RE.match(line)
        if begins and lines:
            yield start, "\n".join(lines)
            lines = []
        if UNCHECKED_BLOCK_RE.match(line):  # headings and box titles stand alone, unchecked
            continue
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
    if lines:
        yield start, "\n".join(lines)


def check_citations(body: str, first_line: int, source_ids: list[str], figures: bool = True) -> list[Finding]:
    """Problems with a page's citations; the body's lines are numbered from first_line.

    `figures`: also require a citation in every paragraph or list item that gives a figure
    (on pages that list sources).
    """
    listed = set(source_ids)
    findings: list[Finding] = []
    prose = _prose_lines(body, first_line)
    for number, line in prose:
        if DEFINITION_RE.match(line):
            findings.append(
                Finding(
                    number,
                    "a footnote definition in the page — list the source under `sources:` in the "
                    "front matter with an `id`, and cite it as [^id]",
                )
            )
        for match in LOOSE_MARKER_RE.finditer(line):
            if not CITATION_RE.fullmatch(match.group(0)):
                findings.append(
                    Finding(
                        number,
                        f"citation '{match.group(0)}' is not a source id — write [^id] with the "
                        "lower-case `id` of an entry in `sources:` (letters, digits, hyphens)",
                    )
                )
    for number, line in prose:
        if HEADING_RE.match(line) and LOOSE_MARKER_RE.search(line):
            findings.append(
                Finding(
                    number,
                    "citation in a heading — cite the source in the text below the heading instead",
                )
            )
    for cited in citations(body, first_line, prose):
        if cited.source_id not in listed:
            known = ", ".join(sorted(listed)) or "none"
            findings.append(
                Finding(
                    cited.line,
                    f"citation [^{cited.source_id}] names no source on this page — use an `id` "
                    f"from `sources:` ({known}) or add the source there",
                )
            )
    for number, text in blocks(body, first_line, prose) if figures else ():
        if CITATION_RE.search(text):  # cited: no need to look for a figure
            continue
        figure = first_figure(text)
        if figure:
            findings.append(
                Finding(
                    number,
                    f"'{figure.group(0)}' is a figure with no citation in its paragraph or list item "
                    "— cite its source with [^id] straight after it, or leave the figure out",
                )
            )
    return findings


def uncited(body: str, first_line: int, source_ids: list[str]) -> list[str]:
    """Listed sources nothing on the page cites, in list order."""
    used = {cited.source_id for cited in citations(body, first_line)}
    return [source_id for source_id in source_ids if source_id not in used]


def render(markdown: str, numbers: dict[str, int]) -> str:
    """Markdown with each known `[^id]` turned into a superscript link to its source.

    Unknown ids are left as they are: the validation reports them with their line, and
    the strict build fails. The n-th use of a source gets id `cite-ID-n`, so the entry
    in Sources can link back to its first use.
    """
    seen: dict[str, int] = {}

    def link(match: re.Match[str]) -> str:
        source_id = match.group(1)
        number = numbers.get(source_id)
        if number is None:
            return match.group(0)
        seen[source_id] = seen.get(source_id, 0) + 1
        return (
            f'<sup class="citation" id="cite-{source_id}-{seen[source_id]}">'
            f'<a href="#source-{source_id}" aria-label="source {number}">{number}</a></sup>'
        )

    if "`" not in markdown and "~~~" not in markdown:
        # No fence and no code span anywhere (both need one of these), and a marker never
        # spans lines: the line-by-line walk below would replace every marker, in order,
        # and leave the rest as it is. One pass over the page does the same (differential
        # test: tests/unit/test_citation_logic.py); the walk costs ~30 µs a page.
        return CITATION_RE.sub(link, markdown)
    out, fenced = [], False
    for line in markdown.split("\n"):
        if FENCE_RE.match(line):
            fenced = not fenced
        if fenced or "[^" not in line:
            out.append(line)
            continue
        # Leave code spans alone; replace markers only between them.
        pieces, last = [], 0
        for span in CODE_SPAN_RE.finditer(line):
            pieces.append(CITATION_RE.sub(link, line[last : span.start()]))
            pieces.append(span.group(0))
            last = span.end()
        pieces.append(CITATION_RE.sub(link, line[last:]))
        out.append("".join(pieces))
    return "\n".join(out)
