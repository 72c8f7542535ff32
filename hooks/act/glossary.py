"""Glossary terms: parse the tooltip file and render the glossary page from it.

`docs/_snippets/abbreviations.md` holds one `*[term]: definition` line per term. The
`abbr` extension turns those lines into tooltips on every page; this module turns the
same lines into the glossary page's definition list, so the page and the tooltips can
never disagree. Plain functions only: text in, data or Markdown out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from act.problems import Problem

# The same shape Python-Markdown's abbr extension accepts, one term per line.
TERM_LINE = re.compile(r"^\*\[(?P<term>[^\]\\]+)\]:[ \t]*(?P<definition>.*?)[ \t]*$")
# Definitions become HTML title attributes, where Markdown is not rendered.
MARKDOWN_CHARS = re.compile(r"[*_`\[\]<>|]")
MAX_DEFINITION = 140


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    line: int


def parse_abbreviations(
    text: str, path: str = "docs/_snippets/abbreviations.md"
) -> tuple[list[Term], list[Problem]]:
    """Read `*[term]: definition` lines. Returns the terms and every problem found."""
    terms: list[Term] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        match = TERM_LINE.match(line)
        if not match:
            problems.append(
                Problem(path, number, "not a glossary line — write it as `*[term]: plain definition`")
            )
            continue
        term, definition = match["term"].strip(), match["definition"]
        if not definition:
            message = f"`{term}` has no definition — add a short plain one after the colon"
            problems.append(Problem(path, number, message))
            continue
        if term in seen:
            message = f"`{term}` is already defined on line {seen[term]} — keep one of them"
            problems.append(Problem(path, number, message))
            continue
        singular = next((s for s in singular_forms(term) if s in seen), None)
        if singular is not None:
            message = (
                f"`{term}` is the plural of `{singular}` on line {seen[singular]} — delete this line "
                "(a term's plural shares its entry and tooltip)"
            )
            problems.append(Problem(path, number, message))
            continue
        if len(definition) > MAX_DEFINITION:
            message = f"definition of `{term}` is {len(definition)} characters — shorten it to {MAX_DEFINITION} or fewer"
            problems.append(Problem(path, number, message))
        if MARKDOWN_CHARS.search(definition):
            message = (
                f"definition of `{term}` contains Markdown or HTML characters — "
                "use plain words (tooltips show text as it is)"
            )
            problems.append(Problem(path, number, message))
        seen[term] = number
        terms.append(Term(term, definition, number))
    return terms, problems


def plural_forms(term: str) -> list[str]:
    """Plurals a glossary term is also marked as: stent→stents, metastasis→metastases,
    biopsy→biopsies, clinical trial→clinical trials (the last word changes)."""
    if term.endswith("s") and term[:-1].isupper():
        return []  # CTs is already plural
    if term[-1:].isupper() or not term[-1:].isalpha():
        return [term + "s"]  # MDT → MDTs
    forms = [term + "s"]
    if term.endswith("is"):
        forms.append(term[:-2] + "es")
    elif term.endswith("y") and term[-2:-1] not in "aeiou":
        forms.append(term[:-1] + "ies")
    elif term.endswith(("s", "x", "ch", "sh")):
        forms.append(term + "es")
    return forms


def singular_forms(term: str) -> list[str]:
    """Terms `term` could be the plural of (the inverse of plural_forms)."""
    candidates = [term[:-1], term[:-2], term[:-3] + "y", term[:-2] + "is"]
    return [c for c in candidates if c and term in plural_forms(c)]


def plural_lines(terms: list[Term]) -> str:
    """`*[plural]: definition` lines for every term's plurals that are not terms themselves,
    appended to each page so the abbr extension marks "stents" as it marks "stent".

    A blank line between them, as in the glossary file: adjacent lines form one block,
    which Python-Markdown re-tests once per line removed (quadratic: at 500 synthetic
    pages the build took 75 s of CPU instead of 12 s)."""
    defined = {t.term for t in terms}
    lines = [
        f"*[{form}]: {t.definition}" for t in terms for form in plural_forms(t.term) if form not in defined
    ]
    return "\n\n".join(lines)


# An <abbr> from Python-Markdown's abbr extension (groups 1 and 2: its title and word), or a
# whole heading (whose tooltips go; group 1 is then None).
_ABBR_OR_HEADING = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>|<h([1-6])\b.*?</h\3>', re.S)
_ABBR = re.compile(r'<abbr title="[^"]*">(.*?)</abbr>', re.S)


def _word(match: re.Match) -> str:
    return match[1]


def first_uses_only(html: str) -> str:
    """Keep the tooltip on the first use of each term in a page's body text only.

    Later uses, and any use inside a heading, become plain words: a page that underlines
    "stent" in every sentence reads as a fault. Singular and plural share a definition,
    so they count as one term.

    The replacement runs once per tooltip on every page (~80 on a long one), so it does
    the least it can: numbered groups, a heading told by its missing title, and a function
    instead of a `\\1` template (which Python 3.11 expands in Python, match by match). The
    same matches as named groups and templates gave (differential test in
    tests/unit/test_glossary_terms.py).
    """
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        title = match[1]
        if title is None:  # a heading
            return _ABBR.sub(_word, match[0])
        if title in seen:
            return match[2]
        seen.add(title)
        return match[0]

    return _ABBR_OR_HEADING.sub(replace, html)


def group_letter(term: str) -> str:
    """Heading a term is listed under: its first letter, or `#` for digits and symbols."""
    first = term[:1].upper()
    return first if first.isalpha() else "#"


def sort_terms(terms: list[Term]) -> list[Term]:
    """Alphabetical, ignoring case, so `MDT` sits among the m-words."""
    return sorted(terms, key=lambda t: (t.term.casefold(), t.term))


def render_glossary(terms: list[Term]) -> str:
    """Markdown for the glossary page: `## A` headings, each with a definition list."""
    parts: list[str] = []
    current = None
    for item in sort_terms(terms):
        letter = group_letter(item.term)
        if letter != current:
            parts.append(f"## {letter}\n")
            current = letter
        parts.append(f"{item.term}\n:   {item.definition}\n")
    return "\n".join(parts)


def insert_glossary(markdown: str, terms: list[Term], marker: str) -> str | None:
    """Replace the marker line with the rendered glossary; None if the marker is missing."""
    lines = markdown.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.strip() == marker:
            lines[index] = render_glossary(terms) + "\n"
            return "".join(lines)
    return None


GLOSSARY_PAGE = "guides/glossary.md"
MARKER = "<!-- glossary-terms -->"


def missing_marker(page_label: str) -> Problem:
    return Problem(page_label, 1, f"no `{MARKER}` line — add it where the terms should appear")
