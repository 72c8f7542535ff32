"""A clinician's sign-off: what it covers, and whether it still holds.

`make sign-off PAGE=docs/x.md NAME="..." ROLE="..."` (scripts/sign_off.py) writes
`clinical_review: {name, role, date, hash}` into the page's front matter. `hash` is
`signed_hash` of the page as it was signed. What counts clinically, and so goes into it:

- the front-matter `title`, `description` and `sources` (every field of every source);
- the whole body (everything below the front matter: text, headings, boxes, links, images).

Not counted: every other front-matter key (review dates, aliases, related pages, layout) and
the differences `normalise` removes: whitespace (spaces, tabs, line breaks, blank lines: any
run of them counts as one space; none at the ends) and the typographic forms in TYPOGRAPHIC
(curly quotes, dashes, ellipsis, no-break and soft hyphens). Any other change, one word or
one figure, lapses the sign-off: the page then says "Changed since it was checked by a
clinician on <date>", JSON-LD names no reviewer, and `make report` and the pull request list
the page as lapsed. CONTRIBUTING.md repeats this list; a test keeps the two in step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import yaml
from mkdocs.utils.meta import YAML_RE, get_data

from act.validation.schema import ClinicalReview

State = Literal["awaiting", "signed", "lapsed"]
# Front-matter keys a sign-off covers, besides the body.
SIGNED_KEYS = ("title", "description", "sources")
# Typographic forms that read the same: changing between them is not a clinical change.
TYPOGRAPHIC = {
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u2013": "-",  # – en dash
    "\u2014": "-",  # — em dash
    "\u2026": "...",  # …
    "\u00a0": " ",  # no-break space
    "\u00ad": "",  # soft hyphen
}
HASH_LENGTH = 16  # hex digits of SHA-256 kept: enough to notice any change, short enough to read
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text with the differences that do not count removed (see the module docstring)."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(str.maketrans(TYPOGRAPHIC))
    return _WHITESPACE.sub(" ", text).strip()


def signed_text(meta: Mapping[str, Any], body: str) -> str:
    """What a sign-off covers, as one normalised string."""
    covered = {key: meta.get(key) for key in SIGNED_KEYS}
    return normalise(json.dumps(covered, sort_keys=True, ensure_ascii=False, default=str) + "\n" + body)


def signed_hash(meta: Mapping[str, Any], body: str) -> str:
    return hashlib.sha256(signed_text(meta, body).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def page_hash(source: str) -> str:
    """The sign-off hash of a page's whole source file (front matter and body)."""
    body, meta = get_data(source)
    return signed_hash(meta, body)


@dataclass(frozen=True)
class ClinicalStatus:
    """Whether a clinician's sign-off holds for the page as it is now."""

    state: State
    name: str | None = None
    role: str | None = None
    date: dt.date | None = None

    @property
    def label(self) -> str:
        return {
            "awaiting": "awaiting",
            "signed": f"signed {self.date}",
            "lapsed": f"lapsed (signed {self.date})",
        }[self.state]


AWAITING = ClinicalStatus("awaiting")


def clinical_status(source: str) -> ClinicalStatus:
    """The status of a page from its source file: awaiting (no sign-off), signed (the hash
    matches what is there now) or lapsed (the text changed since)."""
    body, meta = get_data(source)
    return status_of(meta, body)


def page_status(meta: Mapping[str, Any], read_source: Callable[[], str]) -> ClinicalStatus:
    """The status of a page in a build: `meta` as MkDocs parsed it (page.meta), `read_source`
    reads the page's file. Cheaper than `clinical_status`: the front matter is not parsed
    again, and the file is read only for a page that names a reviewer: any other page is
    awaiting whatever its text says (`status_of` never looks at its body), and most pages
    have no sign-off (reading each page's file again cost ~60 µs a page in a build)."""
    if _review(meta) is None:
        return AWAITING
    source = read_source()
    match = YAML_RE.match(source)
    return status_of(meta, source[match.end() :] if match else source)


def _review(meta: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The page's `clinical_review` if it names a reviewer, else None (no sign-off)."""
    review = meta.get("clinical_review") if isinstance(meta, Mapping) else None
    return review if isinstance(review, Mapping) and review.get("name") else None


def status_of(meta: Mapping[str, Any], body: str) -> ClinicalStatus:
    review = _review(meta)
    if review is None:
        return AWAITING
    signed = str(review.get("hash") or "") == signed_hash(meta, body)
    date = review.get("date")
    return ClinicalStatus(
        "signed" if signed else "lapsed",
        name=str(review.get("name")),
        role=str(review.get("role") or ""),
        date=date if isinstance(date, dt.date) else None,
    )


# The `clinical_review:` block: its key line and the indented lines under it.
_BLOCK = re.compile(r"^clinical_review:.*\n(?:[ \t]+.*\n|[ \t]*\n(?=[ \t]))*", re.MULTILINE)


def sign_off(text: str, name: str, role: str, today: dt.date) -> str:
    """`text` (a page's source) with a sign-off by `name`, `role` on `today` of what it says now."""
    match = YAML_RE.match(text)
    if not match:
        raise ValueError("the page has no front matter — it must start with a `---` line")
    review = ClinicalReview(name=name, role=role, date=today, hash=page_hash(text))
    block = yaml.safe_dump(
        {
            "clinical_review": {
                "name": review.name,
                "role": review.role,
                "date": review.date,
                "hash": review.hash,
            }
        },
        sort_keys=False,
        allow_unicode=True,
        width=1000,
    )
    front = match.group(1)  # ends with a newline
    if _BLOCK.search(front):
        front = _BLOCK.sub(lambda _: block, front, count=1)
    elif re.search(r"^sources:", front, re.MULTILINE):
        front = re.sub(r"^sources:", lambda m: block + m.group(0), front, count=1, flags=re.MULTILINE)
    else:
        front += block
    start = match.start(1)
    signed = text[:start] + front + text[match.end(1) :]
    if page_hash(signed) != review.hash:  # the sign-off itself is not counted: a guard, not a case
        raise ValueError("the page changed while it was being signed off — run it again")
    return signed
