"""A signed page in the built site: while its text is what was signed, the page names the
clinician and JSON-LD names the reviewer; after a changed sentence it says "Changed since it
was checked by a clinician on <date>" and JSON-LD names no one; whitespace changes nothing."""

from __future__ import annotations

import json
import shutil

import pytest
from bs4 import BeautifulSoup
from testkit.sitebuild import ROOT, build_site

FIXTURE = ROOT / "tests" / "fixtures" / "hosted-site"
SIGNED = "Checked by a clinician: Dr A </script><b>Example</b>, Consultant interventional radiologist, on 2 March 2026"
LAPSED = "Changed since it was checked by a clinician on 2 March 2026"


@pytest.mark.parametrize(
    ("edit", "shown", "reviewer"),
    [
        (("", ""), SIGNED, True),
        (("Body.[^paper] More.", "Body.[^paper]\n\n   More."), SIGNED, True),
        (("Body.[^paper] More.", "Body.[^paper] Much more."), LAPSED, False),
    ],
    ids=["as-signed", "whitespace", "changed-sentence"],
)
def test_sign_off_display_and_json_ld(tmp_path, edit, shown, reviewer):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE / "docs", docs)
    page = docs / "treatments" / "stent.md"
    text = page.read_text(encoding="utf-8")
    assert edit[0] in text
    page.write_text(text.replace(*edit, 1), encoding="utf-8")
    build_site(FIXTURE / "mkdocs.yml", tmp_path / "site", docs_dir=str(docs))
    soup = BeautifulSoup(
        (tmp_path / "site" / "treatments" / "stent" / "index.html").read_text("utf-8"), "lxml"
    )
    review = soup.select(".page-review .clinical-review")
    assert [" ".join(p.get_text(" ", strip=True).split()) for p in review] == [shown]
    assert review[0].select_one("time")["datetime"] == "2026-03-02"
    assert ("clinical-review--lapsed" in review[0]["class"]) is not reviewer
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    if reviewer:
        assert data["reviewedBy"] == {
            "@type": "Person",
            "name": "Dr A </script><b>Example</b>",
            "jobTitle": "Consultant interventional radiologist",
        }
    else:
        assert "reviewedBy" not in data
