"""The one schema for page front matter.

Every key a page may use is declared here, once. The validation hook checks pages
against it, the author guide's field reference is generated from it, and
`make new-page` writes templates that satisfy it. Unknown keys are rejected
(`extra="forbid"`), like `additionalProperties: false` in JSON Schema.

Rules that need data from outside the page take it from the validation context, so the
schema stays importable (and its field reference generatable) without a site:

    FrontMatter.model_validate(meta, context={"vocabulary": {"conditions": {...}, ...}})

Without a `vocabulary` in the context the vocabulary checks are skipped.

Custom errors carry their whole author-facing text, `what is wrong — how to fix it`,
in their message; `front_matter.py` turns pydantic's own errors into such lines.
"""

from __future__ import annotations

import datetime as dt
import difflib
import ipaddress
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from act.content_model import (
    DESCRIPTION_LENGTH,
    REVIEW_INTERVAL_YEARS,
    TITLE_LENGTH,
    TYPES_NEEDING_SOURCES,
    PageTypeName,
)

VOCABULARY_FILE = "docs/_data/vocabulary.yml"

# A full stop after one of these does not end a sentence.
_ABBREVIATIONS = frozenset({"e.g.", "i.e.", "etc.", "vs.", "dr.", "mr.", "mrs.", "ms.", "st.", "approx."})
_SENTENCE_END = re.compile(r"(\S+)[.!?][\"')\]]?\s+(?=[A-Z0-9])")


def _plain_text(value: str, info: ValidationInfo) -> str:
    """Reject markup: these strings are shown in titles, cards, search and link previews."""
    if "<" in value or ">" in value:
        raise PydanticCustomError(
            "markup_in_text",
            "{field} contains '<' or '>' — write it as plain text, without HTML",
            {"field": info.field_name},
        )
    hidden = next((ch for ch in value if unicodedata.category(ch) in {"Cc", "Cf", "Co", "Cs"}), None)
    if hidden is not None:
        raise PydanticCustomError(
            "hidden_character",
            "{field} contains an invisible or control character (U+{code}) — delete it and type the text again",
            {"field": info.field_name, "code": f"{ord(hidden):04X}"},
        )
    return value


def _not_a_number(value: Any, info: ValidationInfo) -> Any:
    """YAML reads `1767225600` as a number, which pydantic would take as a Unix timestamp."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError(
            "review_date_number",
            "{field} {value} is a number, not a date — write it as YYYY-MM-DD, e.g. 2026-11-21",
            {"field": info.field_name, "value": value},
        )
    return value


ReviewDate = Annotated[dt.date, BeforeValidator(_not_a_number)]


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _years(count: int) -> str:
    return f"{count} year" if count == 1 else f"{count} years"


def _vocabulary_term(value: str, info: ValidationInfo) -> str:
    """A slug from `docs/_data/vocabulary.yml`, when the context provides the vocabulary."""
    vocabulary = (info.context or {}).get("vocabulary")
    if vocabulary is None:
        return value
    terms = vocabulary.get(info.field_name, {})
    if value not in terms:
        close = difflib.get_close_matches(value, list(terms), n=1, cutoff=0.6)
        hint = (
            f"did you mean {close[0]!r}? Terms are listed in {VOCABULARY_FILE}"
            if close
            else f"use a term from {VOCABULARY_FILE}, or add it there first if it is new"
        )
        raise PydanticCustomError(
            "unknown_term",
            "unknown {field} term '{term}' — {hint}",
            {"field": info.field_name, "term": value, "hint": hint},
        )
    return value


def _sign_off_hash(value: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{16}", value):
        raise PydanticCustomError(
            "sign_off_hash",
            "clinical_review.hash '{value}' was not written by make sign-off — once the clinician has "
            "checked the page, run `make sign-off PAGE=... NAME=... ROLE=...` (CONTRIBUTING.md)",
            {"value": value},
        )
    return value


PlainText = Annotated[str, AfterValidator(_plain_text)]
SignOffHash = Annotated[str, AfterValidator(_sign_off_hash)]
VocabularyTerm = Annotated[str, AfterValidator(_vocabulary_term)]


# A source's `id`: a lower-case slug, like a page's file name, cited as `[^id]`.
SOURCE_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A DOI as printed on a paper, without the https://doi.org/ prefix: 10.1016/S0140-6736(05)66954-1.
DOI_RE = re.compile(r"10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+")


def _source_id(value: str) -> str:
    if not SOURCE_ID_RE.fullmatch(value):
        raise PydanticCustomError(
            "source_id",
            "source id '{id}' is not a slug — use lower-case letters, digits and single hyphens, "
            "e.g. nice-ng234",
            {"id": value},
        )
    return value


def _doi(value: str) -> str:
    if not DOI_RE.fullmatch(value) or "<" in value or ">" in value:
        raise PydanticCustomError(
            "doi",
            "doi '{doi}' is not a DOI — write it as printed on the paper, starting 10., "
            "without https://doi.org/, e.g. 10.1016/S0140-6736(05)66954-1",
            {"doi": value},
        )
    return value


class Source(BaseModel):
    """One reference a page's facts come from."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, AfterValidator(_source_id)] = Field(
        description="Short name the page cites it by, as `[^id]`: lower-case letters, digits and hyphens, "
        "unique on the page, e.g. `nice-ng234`. Write it first."
    )
    title: PlainText = Field(min_length=3, description="Title of the page, guideline or paper.")
    publisher: PlainText = Field(
        min_length=2, description="Organisation or journal that published it, e.g. NHS, NICE."
    )
    year: int | None = Field(
        default=None,
        ge=1990,
        le=2100,
        description="Year it was published or last updated. Give `year` or `accessed`.",
    )
    accessed: dt.date | None = Field(
        default=None,
        description="For a web page that shows no date: the day you read it, as YYYY-MM-DD, "
        "not after `last_reviewed`. Give `year` or `accessed`.",
    )
    url: HttpUrl | None = Field(
        default=None,
        description="Address of the source. Only give one you have checked exists; https only. "
        "Give `url` or `doi`.",
    )
    doi: Annotated[str, AfterValidator(_doi)] | None = Field(
        default=None,
        description="DOI of a paper, e.g. `10.1016/S0140-6736(05)66954-1` (linked as https://doi.org/...). "
        "Give `url` or `doi`.",
    )

    @field_validator("url")
    @classmethod
    def _https_only(cls, url: HttpUrl | None) -> HttpUrl | None:
        if url is not None and url.scheme != "https":
            raise PydanticCustomError(
                "https_only",
                "source url '{url}' is not https — use the https:// address of the source",
                {"url": str(url)},
            )
        if url is not None and (url.username or url.password):
            raise PydanticCustomError(
                "source_url_userinfo",
                "source url '{url}' has a name before '@', so it leads to another site than it seems — "
                "give the plain https:// address of the source",
                {"url": str(url)},
            )
        host = (url.host or "").strip("[]").rstrip(".").lower() if url is not None else ""
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            address = None
        if url is not None and (
            host == "localhost" or host.endswith((".localhost", ".local", ".internal")) or address is not None
        ):
            raise PydanticCustomError(
                "source_url_not_public",
                "source url '{url}' is not a public web address — give the https:// address of the "
                "published source, by its domain name",
                {"url": str(url)},
            )
        return url

    @model_validator(mode="after")
    def _dated_and_findable(self) -> Source:
        if self.year is None and self.accessed is None:
            raise PydanticCustomError(
                "source_undated",
                "source '{id}' has no date — add `year` (published or last updated) or, for a web "
                "page that shows no date, `accessed: YYYY-MM-DD`",
                {"id": self.id},
            )
        if self.url is None and self.doi is None:
            raise PydanticCustomError(
                "source_unfindable",
                "source '{id}' cannot be found by a reader — add its https `url` or its `doi`",
                {"id": self.id},
            )
        return self


class ClinicalReview(BaseModel):
    """A clinician's sign-off, given in a pull request; never written for them."""

    model_config = ConfigDict(extra="forbid")

    name: PlainText = Field(min_length=3, description="Full name of the clinician who checked the page.")
    role: PlainText = Field(
        min_length=3, description="Their role, as readers should see it, e.g. Consultant clinical oncologist."
    )
    date: dt.date = Field(description="Date they signed the page off, as YYYY-MM-DD.")
    hash: SignOffHash = Field(
        description="A record of what they signed, written by `make sign-off` (run it; do not type this): "
        "when the page's text changes afterwards, the sign-off lapses.",
    )


class SearchSettings(BaseModel):
    """Material for MkDocs' own per-page search settings."""

    model_config = ConfigDict(extra="forbid")

    exclude: bool = Field(default=False, description="Leave this page out of search.")
    boost: float = Field(default=1.0, ge=0.1, le=10, description="Rank this page higher or lower in search.")


class FrontMatter(BaseModel):
    """Front matter of every page in `docs/`."""

    model_config = ConfigDict(extra="forbid")

    title: PlainText = Field(
        min_length=TITLE_LENGTH[0],
        max_length=TITLE_LENGTH[1],
        description="Page title, shown as the heading and in search results. Plain text (no `<` or `>`), "
        "3-70 characters, different from every other page's title and aliases; the page's one `# ` heading "
        "repeats it exactly.",
    )
    description: PlainText = Field(
        min_length=DESCRIPTION_LENGTH[0],
        max_length=DESCRIPTION_LENGTH[1],
        description="One plain-English sentence saying what the page covers (40-170 characters). "
        "Shown in search results and link previews.",
    )
    type: PageTypeName = Field(
        description="What kind of page this is: treatment, condition, guide, about, home or index. "
        'Treatment pages must have a `!!! warning "Risks and complications"` section.'
    )
    conditions: list[VocabularyTerm] = Field(
        default_factory=list,
        description="Conditions the page concerns: slugs from `docs/_data/vocabulary.yml`.",
    )
    body_areas: list[VocabularyTerm] = Field(
        default_factory=list,
        description="Body areas the page concerns: slugs from `docs/_data/vocabulary.yml`.",
    )
    cancer_types: list[VocabularyTerm] = Field(
        default_factory=list,
        description="Cancer types the page concerns: slugs from `docs/_data/vocabulary.yml` "
        "(`any` if it applies to all).",
    )
    aliases: list[PlainText] = Field(
        default_factory=list,
        description="Other names a reader may search for that mean this page only: US spellings of its "
        "title, lay words. An alias may not be another page's title or alias. Site-wide variants "
        "(tumour/tumor) go in `docs/_data/spelling-variants.yml`.",
    )
    last_reviewed: ReviewDate = Field(description="Date a reviewer last checked the page, as YYYY-MM-DD.")
    next_review: ReviewDate = Field(
        description="Date the page is next due for review, as YYYY-MM-DD, after `last_reviewed` and "
        f"at most {_years(REVIEW_INTERVAL_YEARS)} after it. "
        "The build fails once this date has passed, and warns 30 days before."
    )
    sources: list[Source] = Field(
        default_factory=list,
        validate_default=True,
        description="References for the page's facts, each with `id`, title, publisher, `year` or "
        "`accessed`, and `url` or `doi`. Treatment and condition pages need at least one; every source is "
        "cited in the text as `[^id]`, and every figure carries a citation.",
    )
    clinical_review: ClinicalReview | None = Field(
        default=None,
        description="Only when a named clinician has checked the page and signed it off in a pull request: "
        "`{name, role, date, hash}`, written by `make sign-off`. Without it the page says it is awaiting "
        "review by a clinician.",
    )
    related: list[str] = Field(
        default_factory=list,
        description="Pages to pin at the top of Related topics, as paths from `docs/`, "
        "e.g. `treatments/vertebroplasty.md`.",
    )
    not_related: list[str] = Field(
        default_factory=list,
        description="Pages never to list in this page's Related topics, as paths from `docs/`.",
    )
    hide: list[Literal["navigation", "toc", "footer", "path"]] = Field(
        default_factory=list, description="Parts of the page layout to hide (Material for MkDocs)."
    )
    search: SearchSettings | None = Field(
        default=None, description="Material for MkDocs search settings for this page (`exclude`, `boost`)."
    )

    @field_validator("description")
    @classmethod
    def _one_sentence(cls, description: str) -> str:
        for match in _SENTENCE_END.finditer(description):
            if f"{match.group(1)}.".lower() not in _ABBREVIATIONS:
                raise PydanticCustomError(
                    "not_one_sentence",
                    "description has more than one sentence — say what the page covers in one sentence",
                )
        return description

    @field_validator("next_review")
    @classmethod
    def _after_last_reviewed(cls, next_review: dt.date, info: ValidationInfo) -> dt.date:
        last = info.data.get("last_reviewed")
        if last is not None and next_review <= last:
            raise PydanticCustomError(
                "review_order",
                "next_review {next} is not after last_reviewed {last} — "
                "set the next review date after the last one",
                {"next": next_review.isoformat(), "last": last.isoformat()},
            )
        if last is not None and next_review > years_after(last, REVIEW_INTERVAL_YEARS):
            raise PydanticCustomError(
                "review_too_far",
                "next_review {next} is more than {years} after last_reviewed {last} — "
                "set a review date within {years}",
                {
                    "next": next_review.isoformat(),
                    "last": last.isoformat(),
                    "years": _years(REVIEW_INTERVAL_YEARS),
                },
            )
        return next_review

    @field_validator("sources")
    @classmethod
    def _sources_for_medical_pages(cls, sources: list[Source], info: ValidationInfo) -> list[Source]:
        page_type = info.data.get("type")
        if not sources and page_type in TYPES_NEEDING_SOURCES:
            raise PydanticCustomError(
                "sources_missing",
                "a {type} page needs sources — "
                "list at least one under `sources:` (id, title, publisher, year, url)",
                {"type": page_type},
            )
        return sources
