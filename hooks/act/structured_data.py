"""schema.org JSON-LD for a page: a MedicalWebPage for patients, about what the page explains.

Treatment pages are about a procedure and condition pages about a condition (the content
model's `schema_subject`), named by the page title, with the page's aliases as other
names; every other page is about advanced cancer, the site's subject. Sources become
citations (with their DOI or address). A page signed off by a clinician (`clinical_review`)
names them as `reviewedBy` while the sign-off holds (act/clinical_review.py); no other
page, and no page changed since it was signed, claims a reviewer. Only a page with review dates (a checked page) gets any.

`json_ld` returns the text to place inside `<script type="application/ld+json">`:
`<`, `>`, `&` and `'` are escaped as JSON `\\u` escapes, so no value can end the script
element early, and keys are sorted, so the same page always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from act.clinical_review import AWAITING, ClinicalStatus
from act.content_model import page_type

LICENCE = "https://creativecommons.org/licenses/by-sa/4.0/"
SITE_SUBJECT = {
    "@type": "MedicalCondition",
    "name": "Advanced cancer",
    "alternateName": ["Metastatic cancer", "Secondary cancer", "Stage 4 cancer"],
}


def structured_data(
    meta: Mapping[str, Any],
    *,
    site_name: str,
    site_url: str | None,
    canonical_url: str | None,
    clinical: ClinicalStatus = AWAITING,
) -> dict[str, Any] | None:
    """The JSON-LD object for a page with front matter `meta`, or None for an unchecked page."""
    if not meta or not meta.get("last_reviewed"):
        return None
    kind = page_type(meta.get("type"))
    subject: dict[str, Any] = dict(SITE_SUBJECT)
    if kind is not None and kind.schema_subject:
        subject = {"@type": kind.schema_subject, "name": meta.get("title")}
        if meta.get("aliases"):
            subject["alternateName"] = list(meta["aliases"])
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": meta.get("title"),
        "description": meta.get("description"),
        "inLanguage": "en-GB",
        "lastReviewed": str(meta["last_reviewed"]),
        "about": subject,
        "audience": {"@type": "Patient"},
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": site_url or None},
        "license": LICENCE,
    }
    if canonical_url:
        data["url"] = canonical_url
    if clinical.state == "signed":
        data["reviewedBy"] = {"@type": "Person", "name": clinical.name, "jobTitle": clinical.role}
    if meta.get("sources"):
        data["citation"] = [_citation(source) for source in meta["sources"]]
    return data


def _citation(source: Mapping[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": source.get("title"),
        "publisher": {"@type": "Organization", "name": source.get("publisher")},
    }
    if source.get("year"):
        work["datePublished"] = str(source["year"])
    doi = source.get("doi")
    if doi:
        work["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": str(doi)}
        work["sameAs"] = f"https://doi.org/{doi}"
    if source.get("url"):
        work["url"] = str(source["url"])
    elif doi:
        work["url"] = f"https://doi.org/{doi}"
    return work


def json_ld(data: Mapping[str, Any]) -> Markup:
    """Safe to place inside a <script> element as it is (the same escaping as Jinja's `tojson`)."""
    return htmlsafe_json_dumps(data, sort_keys=True)
