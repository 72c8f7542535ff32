"""The content model: the kinds of page and what each kind implies, stated once.

Every rule that depends on a page's `type` asks this module: the front-matter schema
(allowed types, who needs sources), the body rules (the risks box), Related topics and
the A-Z (who is listed), the JSON-LD (what a page is about), `make new-page` (where a
page of a type lives), `make check` and `make report` (who is measured, and against
which targets). To add a type, or a requirement to one, change it here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Box:
    """An admonition a page must (or may) carry: `!!! kind "title"`."""

    kind: str
    title: str
    what: str  # how the build names it when it is missing
    how: str  # what to write under it

    @property
    def markdown(self) -> str:
        return f'!!! {self.kind} "{self.title}"'


RISKS_BOX = Box(
    "warning",
    "Risks and complications",
    "risks section",
    "with the risks as a list indented 4 spaces below it",
)
KEY_POINTS_BOX = Box(
    "abstract",
    "Key points",
    "key points summary",
    "straight after the opening paragraph, with 3 to 5 short bullets written for this page, indented 4 spaces",
)
KEY_POINTS_BULLETS = (3, 5)
URGENT_BOX = Box(
    "danger",
    "When to get urgent help",
    "urgent-help box",
    "naming the warning signs and who to call (999, A&E)",
)


@dataclass(frozen=True)
class PageType:
    name: str
    listed: bool = False  # may appear in (and gets) Related topics
    in_a_z: bool = False  # has an entry in the A-Z page
    needs_sources: bool = False  # states medical facts, so must say where from
    required_boxes: tuple[Box, ...] = ()  # the build fails without any of them
    emergency_box: Box | None = None  # required on the pages of this type about an emergency
    measured: bool = False  # body text held to the length and reading-ease targets
    folder: str | None = None  # where `make new-page` writes one; None: not made from a template
    related_heading: str | None = None  # its group's heading in other pages' Related topics
    schema_subject: str | None = None  # JSON-LD: schema.org type of what the page is about


# In the order the front-matter reference lists them.
PAGE_TYPES: dict[str, PageType] = {
    t.name: t
    for t in (
        PageType("home"),
        PageType("index"),
        PageType(
            "treatment",
            listed=True,
            in_a_z=True,
            needs_sources=True,
            required_boxes=(KEY_POINTS_BOX, RISKS_BOX),
            measured=True,
            folder="treatments",
            related_heading="Treatments",
            schema_subject="MedicalProcedure",
        ),
        PageType(
            "condition",
            listed=True,
            in_a_z=True,
            needs_sources=True,
            required_boxes=(KEY_POINTS_BOX,),
            emergency_box=URGENT_BOX,
            measured=True,
            folder="conditions",
            related_heading="Conditions",
            schema_subject="MedicalCondition",
        ),
        PageType("guide", listed=True, in_a_z=True, related_heading="Guides"),
        PageType("about", in_a_z=True),
    )
}
PageTypeName = Literal["home", "index", "treatment", "condition", "guide", "about"]
assert tuple(PAGE_TYPES) == PageTypeName.__args__, "PageTypeName must name every page type, in order"

# Conditions (vocabulary slugs) that are emergencies: a condition page whose `conditions`
# name one needs the urgent-help box, straight after its opening paragraph.
EMERGENCY_CONDITIONS = frozenset(
    {
        "spinal-metastases",
        "malignant-airway-obstruction",
        "malignant-bowel-obstruction",
        "superior-vena-cava-obstruction",
        "hypercalcaemia",
        "malignant-pericardial-effusion",
        "malignant-biliary-obstruction",
        "brain-metastases",
    }
)

# Related topics shows its groups in this order: the clinical link first.
RELATED_GROUP_ORDER = ("condition", "treatment", "guide")


def page_type(name: object) -> PageType | None:
    return PAGE_TYPES.get(name) if isinstance(name, str) else None


def names_where(flag: str) -> frozenset[str]:
    """The names of the types for which `flag` (a PageType field) is set."""
    return frozenset(name for name, t in PAGE_TYPES.items() if getattr(t, flag))


LISTED_TYPES = names_where("listed")
A_Z_TYPES = names_where("in_a_z")
TYPES_NEEDING_SOURCES = names_where("needs_sources")
MEASURED_TYPES = names_where("measured")
TEMPLATE_FOLDERS = {name: t.folder for name, t in PAGE_TYPES.items() if t.folder}

# Targets for measured pages (CONTRIBUTING.md states them to authors).
WORDS_MIN, WORDS_MAX = 450, 1200
READING_EASE_MIN = 60.0
# Review cycle: every page is reviewed at least once a year (CONTRIBUTING.md, "Review
# cycle"). A new page is due for review after a year; `next_review` may be at most
# REVIEW_INTERVAL_YEARS after `last_reviewed`; the build warns this many days before
# `next_review` and fails once it has passed.
REVIEW_INTERVAL_YEARS = 1
REVIEW_CYCLE_DAYS = 365 * REVIEW_INTERVAL_YEARS
REVIEW_WARNING_DAYS = 30
# Front-matter text lengths (the schema enforces them; `make new-page` checks the title).
TITLE_LENGTH = (3, 70)
DESCRIPTION_LENGTH = (40, 170)
# `make report` flags a page whose newest source is more than this many years older than
# its next review (by year: the same sources give the same flags on any day).
SOURCE_AGE_MAX_YEARS = 5
# The strict build fails when two content pages share more than this many ten-word runs.
NEAR_COPY_RUNS_MAX = 15
NEAR_COPY_RUN_WORDS = 10
