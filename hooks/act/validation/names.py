"""Rules across pages: every title and alias names one page; spelling variants are site-wide.

Search sends a reader who types a title or an alias to one page. Two pages with the
same title, or an alias shared by two pages, make that ambiguous. Spelling variants
(tumour/tumor) apply to every page, so they live in `docs/_data/spelling-variants.yml`,
not in one page's aliases.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from act.problems import Loc

VARIANTS_FILE = "docs/_data/spelling-variants.yml"

# UK → US spelling patterns, applied to both words to see if they are one word spelt two ways.
_SPELLING_PATTERNS = [
    (re.compile(r"our"), "or"),
    (re.compile(r"oe"), "e"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"is(e|es|ed|ing|ation|ations)\b"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)\b"), r"yz\1"),
    (re.compile(r"tre(s?)\b"), r"ter\1"),
    (re.compile(r"ogue(s?)\b"), r"og\1"),
    (re.compile(r"ll(ed|ing)\b"), r"l\1"),
    (re.compile(r"ence\b"), "ense"),
]


def normalise(text: str) -> str:
    """Compare names as a reader types them: case, spacing, Unicode forms (NFKC: `ﬁ` is `fi`)
    and invisible characters (zero-width spaces) do not matter."""
    if not text.isascii():  # ASCII is its own NFKC form and holds no invisible (Cf) character
        text = "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf")
    return " ".join(text.casefold().split())


def _us_form(word: str) -> str:
    for pattern, replacement in _SPELLING_PATTERNS:
        word = pattern.sub(replacement, word)
    return word


@dataclass
class PageNames:
    """The names one page answers to: its title and aliases, with their front-matter places."""

    path: str
    title: str
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NameProblem:
    path: str
    key: Loc
    message: str


def variant_words(variants: dict[str, list[str]]) -> set[str]:
    """Every spelling in the site-wide list, UK forms and their variants alike."""
    words = {normalise(key) for key in variants}
    for others in variants.values():
        words.update(normalise(other) for other in others or [])
    return words


def name_problems(pages: list[PageNames], variants: dict[str, list[str]]) -> list[NameProblem]:
    """Duplicate titles, aliases that name more than one page, and aliases that are spelling variants."""
    problems: list[NameProblem] = []
    owners: dict[str, tuple[str, str]] = {}  # normalised name -> (path, "title" or "alias")
    listed_variants = variant_words(variants)
    pages = sorted(pages, key=lambda page: page.path)
    for page in pages:
        title = normalise(page.title)
        if title in owners and owners[title][1] == "title":
            problems.append(
                NameProblem(
                    page.path,
                    ("title",),
                    (
                        f"title '{page.title}' is also the title of {owners[title][0]} — give each page its own title"
                    ),
                )
            )
        else:
            owners.setdefault(title, (page.path, "title"))
    for page in pages:
        seen: set[str] = set()
        title_words = normalise(page.title).split()
        for index, alias in enumerate(page.aliases):
            name, key = normalise(alias), ("aliases", index)
            owner = owners.get(name)
            if name == normalise(page.title):
                message = f"alias '{alias}' repeats this page's title — remove it"
            elif name in seen:
                message = f"alias '{alias}' is listed twice — remove one"
            elif name in listed_variants:
                message = (
                    f"alias '{alias}' is a site-wide spelling variant, already in {VARIANTS_FILE} — "
                    "remove it from aliases (search applies that list to every page)"
                )
            elif (word := _variant_of(name, title_words)) is not None:
                message = (
                    f"alias '{alias}' is only a spelling variant of '{word}' — put it in {VARIANTS_FILE} "
                    "instead of aliases, so search applies it to every page"
                )
            elif owner and owner[0] != page.path:
                what = "the title" if owner[1] == "title" else "an alias"
                message = (
                    f"alias '{alias}' is also {what} of {owner[0]} — an alias names one page: "
                    "keep it on the page it describes best and remove it from the other"
                )
            else:
                owners[name] = (page.path, "alias")
                seen.add(name)
                continue
            seen.add(name)
            problems.append(NameProblem(page.path, key, message))
    return problems


def _variant_of(alias: str, title_words: list[str]) -> str | None:
    """The title word that a one-word alias merely respells (stabilization → stabilisation)."""
    if " " in alias:
        return None
    for word in title_words:
        if word != alias and _us_form(word) == _us_form(alias):
            return word
    return None
