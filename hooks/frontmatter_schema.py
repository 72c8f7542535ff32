"""The one schema for page front matter.

Every key a page may use is declared here, once. The validation hook checks pages
against it, the author guide's field reference is generated from it, and
`make new-page` writes templates that satisfy it. Unknown keys are rejected
(`extra="forbid"`), like `additionalProperties: false` in JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

PageType = Literal["home", "index", "treatment", "condition", "guide", "about"]


class Source(BaseModel):
    """One reference a page's facts come from."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, description="Title of the page, guideline or paper.")
    publisher: str = Field(min_length=2, description="Organisation or journal that published it, e.g. NHS, NICE.")
    year: int = Field(ge=1990, le=2100, description="Year it was published or last updated.")
    url: HttpUrl | None = Field(
        default=None,
        description="Address of the source. Only give one you have checked exists; https only.",
    )


class SearchSettings(BaseModel):
    """Material for MkDocs' own per-page search settings."""

    model_config = ConfigDict(extra="forbid")

    exclude: bool = Field(default=False, description="Leave this page out of search.")
    boost: float = Field(default=1.0, ge=0.1, le=10, description="Rank this page higher or lower in search.")


class FrontMatter(BaseModel):
    """Front matter of every page in `docs/`."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=70, description="Page title, shown as the heading and in search results.")
    description: str = Field(
        min_length=40,
        max_length=170,
        description="One plain-English sentence saying what the page covers (40-170 characters). Shown in search results and link previews.",
    )
    type: PageType = Field(description="What kind of page this is: treatment, condition, guide, about, home or index.")
    conditions: list[str] = Field(default_factory=list, description="Conditions the page concerns: slugs from `docs/_data/vocabulary.yml`.")
    body_areas: list[str] = Field(default_factory=list, description="Body areas the page concerns: slugs from `docs/_data/vocabulary.yml`.")
    cancer_types: list[str] = Field(default_factory=list, description="Cancer types the page concerns: slugs from `docs/_data/vocabulary.yml` (`any` if it applies to all).")
    aliases: list[str] = Field(
        default_factory=list,
        description="Other names a reader may search for that mean this page only: US spellings of its title, lay words. Site-wide variants (tumour/tumor) go in `docs/_data/spelling-variants.yml`.",
    )
    last_reviewed: dt.date = Field(description="Date a reviewer last checked the page, as YYYY-MM-DD.")
    next_review: dt.date = Field(description="Date the page is next due for review, as YYYY-MM-DD, after `last_reviewed`.")
    sources: list[Source] = Field(default_factory=list, description="References for the page's facts (title, publisher, year, url).")
    related: list[str] = Field(default_factory=list, description="Pages to pin at the top of Related topics, as paths from `docs/`, e.g. `treatments/vertebroplasty.md`.")
    not_related: list[str] = Field(default_factory=list, description="Pages never to list in this page's Related topics, as paths from `docs/`.")
    hide: list[Literal["navigation", "toc", "footer", "path"]] = Field(default_factory=list, description="Parts of the page layout to hide (Material for MkDocs).")
    search: SearchSettings | None = Field(default=None, description="Material for MkDocs search settings for this page (`exclude`, `boost`).")
