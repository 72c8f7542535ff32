"""What the hosted site ships besides its pages, checked in the built HTML: trust signals
(review dates, sources), link previews, JSON-LD, robots.txt, the 404 page, and a
Content-Security-Policy whose hashes match the inline scripts and styles actually built."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import pathlib
import re

import pytest
from act.content_model import page_type
from bs4 import BeautifulSoup
from testkit import pages
from testkit.site_pages import page_paths
from testkit.sitebuild import ROOT, build_site
from testkit.static_host import headers_for, parse_headers_file

FIXTURE = ROOT / "tests" / "fixtures" / "hosted-site"
DOCS = ROOT / "docs"
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)[
    1
]


def soup_of(site: pathlib.Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def source_of(path: str) -> pathlib.Path:
    return DOCS / "index.md" if path == "" else DOCS / (path.rstrip("/") + ".md")


def front_matter(path: str) -> dict:
    return pages.front_matter(source_of(path))


def long_date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


# --- the templates, on a fixture site with hostile titles -----------------------------


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("hosted-fixture")
    build_site(FIXTURE / "mkdocs.yml", out)
    return out


def test_sources_are_numbered_and_link_to_their_url_or_doi_and_back(fixture_site):
    soup = soup_of(fixture_site, "treatments/stent")
    section = soup.select_one("section.page-sources")
    assert section.select_one("h2#sources").get_text(strip=True) == "Sources"
    items = section.select("ol > li")
    assert [li["id"] for li in items] == ["source-checked-guideline", "source-paper"]
    assert [" ".join(li.get_text().split()) for li in items] == [
        "A checked guideline. NICE, 2023. ↩︎",
        "A paper with a DOI only <i>. A Journal, accessed 1 March 2026. ↩︎",
    ]
    assert [a["href"] for a in items[0].select("a")] == [
        "https://www.nice.org.uk/guidance/ng234",
        "#cite-checked-guideline-1",
    ]
    assert [a["href"] for a in items[1].select("a")] == [
        "https://doi.org/10.1016/S0140-6736(05)66954-1",
        "#cite-paper-1",
    ]
    assert items[1].select("i") == []  # escaped, not markup
    cited = [(sup["id"], sup.a["href"], sup.a["aria-label"]) for sup in soup.select("article sup.citation")]
    assert cited == [
        ("cite-paper-1", "#source-paper", "source 2"),
        ("cite-checked-guideline-1", "#source-checked-guideline", "source 1"),
    ]
    assert soup_of(fixture_site, "guides/choosing").select("#sources") == []  # no sources, no heading


def test_review_dates_read_as_dates(fixture_site):
    review = soup_of(fixture_site, "guides/choosing").select_one(".page-review")
    text = " ".join(review.get_text(" ", strip=True).split())
    assert text == (
        "Page last reviewed: 1 February 2026 Next review due: 1 August 2026 Awaiting review by a clinician"
    )
    assert [t["datetime"] for t in review.select("time")] == ["2026-02-01", "2026-08-01"]
    assert "reviewedBy" not in json.loads(
        soup_of(fixture_site, "guides/choosing").select_one('script[type="application/ld+json"]').string
    )


def test_a_clinical_sign_off_shows_who_checked_the_page(fixture_site):
    soup = soup_of(fixture_site, "treatments/stent")
    review = soup.select_one(".page-review .clinical-review")
    text = " ".join(review.get_text(" ", strip=True).split())
    assert text == (
        "Checked by a clinician: Dr A </script><b>Example</b>, Consultant interventional radiologist, "
        "on 2 March 2026"
    )
    assert review.select("b") == [] and review.select_one("time")["datetime"] == "2026-03-02"
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr A </script><b>Example</b>",
        "jobTitle": "Consultant interventional radiologist",
    }


def test_link_previews_and_json_ld_survive_characters_that_need_escaping(fixture_site):
    soup = soup_of(fixture_site, "treatments/stent")
    title = 'Stent "A" </script><b>bold</b> & more'
    assert soup.select_one('meta[property="og:title"]')["content"] == title
    assert (
        soup.select_one('meta[property="og:url"]')["content"] == "https://example.org/docs/treatments/stent/"
    )
    assert soup.select_one('meta[property="og:type"]')["content"] == "article"
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    assert "</script" not in scripts[0].string and "<b>" not in scripts[0].string
    data = json.loads(scripts[0].string)
    assert data["about"] == {"@type": "MedicalProcedure", "name": title, "alternateName": ["food pipe tube"]}
    assert data["lastReviewed"] == "2026-03-09"
    assert data["url"] == "https://example.org/docs/treatments/stent/"
    assert [c.get("url") for c in data["citation"]] == [
        "https://www.nice.org.uk/guidance/ng234",
        "https://doi.org/10.1016/S0140-6736(05)66954-1",
    ]
    assert data["citation"][1]["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "DOI",
        "value": "10.1016/S0140-6736(05)66954-1",
    }
    assert "datePublished" not in data["citation"][1]


def test_pages_that_are_neither_treatment_nor_condition_are_about_advanced_cancer(fixture_site):
    for path in ("", "guides/choosing"):
        data = json.loads(soup_of(fixture_site, path).select_one('script[type="application/ld+json"]').string)
        assert data["about"]["@type"] == "MedicalCondition"
        assert data["about"]["name"] == "Advanced cancer"
    home = soup_of(fixture_site, "")
    assert home.select_one('meta[property="og:type"]')["content"] == "website"


def test_robots_txt_points_at_the_sitemap_under_site_url(fixture_site):
    robots = (fixture_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *\nAllow: /" in robots
    assert "Sitemap: https://example.org/docs/sitemap.xml" in robots


# --- the real site --------------------------------------------------------------------


def test_real_site_has_site_url_robots_sitemap_canonical_links_and_referrer_policy(site_dir):
    assert SITE_URL.startswith("https://") and SITE_URL.endswith("/")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (site_dir / "robots.txt").read_text(encoding="utf-8")
    problems = []
    for path in page_paths(site_dir):
        soup = soup_of(site_dir, path)
        canonical = soup.select_one('link[rel="canonical"]')
        if canonical is None or canonical["href"] != SITE_URL + path:
            problems.append(f"{path or '/'}: canonical link is not {SITE_URL + path}")
        referrer = soup.select_one('meta[name="referrer"]')
        if referrer is None or referrer["content"] != "no-referrer":
            problems.append(
                f"{path or '/'}: no <meta name=referrer content=no-referrer> (for header-less hosts)"
            )
    assert not problems, "\n".join(problems)


def test_every_page_has_trust_signals_and_previews_from_its_front_matter(site_dir):
    problems = []
    for path in page_paths(site_dir):
        meta = front_matter(path)
        soup = soup_of(site_dir, path)
        where = f"{source_of(path).relative_to(ROOT)}"
        review = soup.select_one("article .page-review")
        text = " ".join(review.get_text(" ", strip=True).split()) if review else ""
        expected = (
            f"Page last reviewed: {long_date(meta['last_reviewed'])}"
            f" Next review due: {long_date(meta['next_review'])}"
            " Awaiting review by a clinician"  # no page is signed off by a clinician yet
        )
        if text != expected:
            problems.append(f"{where}: review dates read {text!r}, expected {expected!r}")
        items = soup.select("article section.page-sources li")
        if len(items) != len(meta.get("sources") or []):
            problems.append(
                f"{where}: {len(items)} sources shown, {len(meta.get('sources') or [])} in front matter"
            )
        for item, source in zip(items, meta.get("sources") or [], strict=False):
            hrefs = [a["href"] for a in item.select("a")]
            link = source.get("url") or f"https://doi.org/{source['doi']}"
            backlink = f"#cite-{source['id']}-1"
            if hrefs[:1] != [link] or hrefs[-1:] != [backlink] or item.get("id") != f"source-{source['id']}":
                problems.append(f"{where}: source {source['title']!r} links to {hrefs}")
            if not soup.select_one(f'article sup.citation[id="cite-{source["id"]}-1"]'):
                problems.append(f"{where}: source {source['id']!r} is cited nowhere on the page")
        if len(soup.select("#sources")) > 1:
            problems.append(
                f"{where}: two elements with id 'sources' (do not write a Sources section by hand)"
            )
        previews = {m["property"]: m["content"] for m in soup.select("meta[property^='og:']")}
        if previews.get("og:title") != meta["title"] or previews.get("og:description") != meta["description"]:
            problems.append(f"{where}: og:title/og:description differ from the front matter")
        if soup.select_one('meta[name="description"]')["content"] != meta["description"]:
            problems.append(f"{where}: meta description differs from the front matter")
        if not soup.select_one("article .site-disclaimer"):
            problems.append(f"{where}: no disclaimer")
        problems += [f"{where}: {problem}" for problem in _json_ld_problems(soup, meta)]
    assert not problems, "\n".join(problems)


def _json_ld_problems(soup: BeautifulSoup, meta: dict) -> list[str]:
    """The page's one JSON-LD block: a MedicalWebPage about what the page's type says."""
    scripts = soup.select('script[type="application/ld+json"]')
    if len(scripts) != 1:
        return [f"{len(scripts)} JSON-LD blocks, expected 1"]
    try:
        data = json.loads(scripts[0].string)
    except json.JSONDecodeError as exc:
        return [f"JSON-LD is not valid JSON: {exc}"]
    kind = page_type(meta.get("type"))
    expected_about = (
        (kind.schema_subject, meta["title"])
        if kind and kind.schema_subject
        else (
            "MedicalCondition",
            "Advanced cancer",
        )
    )
    problems = []
    if data.get("@context") != "https://schema.org" or data.get("@type") != "MedicalWebPage":
        problems.append("JSON-LD is not a schema.org MedicalWebPage")
    if data.get("lastReviewed") != meta["last_reviewed"].isoformat():
        problems.append(f"JSON-LD lastReviewed {data.get('lastReviewed')!r} differs from the front matter")
    about = data.get("about") or {}
    if (about.get("@type"), about.get("name")) != expected_about:
        problems.append(f"JSON-LD about is {about}, expected {expected_about}")
    if data.get("audience") != {"@type": "Patient"}:
        problems.append("JSON-LD audience is not Patient")
    if (data.get("name"), data.get("description")) != (meta["title"], meta["description"]):
        problems.append("JSON-LD name or description differs from the front matter")
    if len(data.get("citation") or []) != len(meta.get("sources") or []):
        problems.append("JSON-LD citations differ from the sources")
    if "reviewedBy" in data and not meta.get("clinical_review"):
        problems.append("JSON-LD claims a reviewer, but no clinician has signed the page off")
    return problems


def test_every_diagram_has_a_text_alternative(site_dir):
    missing = [
        f"{path or '/'}: {img.get('src')}"
        for path in page_paths(site_dir)
        for img in soup_of(site_dir, path).select("article img")
        if not (img.get("alt") or "").strip()
    ]
    assert not missing, "images without alt text:\n" + "\n".join(missing)


def test_404_page_offers_search_and_is_not_indexed(site_dir):
    soup = BeautifulSoup((site_dir / "404.html").read_text(encoding="utf-8"), "lxml")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    form = soup.select_one("article form[role=search]")
    assert form["action"] == "/" and form["method"] == "get"
    assert form.select_one("input[name=q]")["id"] == soup.select_one("article form label")["for"]
    # Served from any missing address, so every link must be absolute.
    relative = [a["href"] for a in soup.select("a[href]") if not a["href"].startswith(("/", "#", "https://"))]
    assert not relative, relative
    assert not soup.select('script[type="application/ld+json"]')


# --- security headers -----------------------------------------------------------------


def _csp(site_dir: pathlib.Path) -> dict[str, list[str]]:
    headers = headers_for(
        "/treatments/", parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))
    )
    directives = {}
    for part in headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_headers_file_is_at_the_site_root_with_every_security_header(site_dir):
    headers = headers_for(
        "/any/page/", parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))
    )
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    csp = _csp(site_dir)
    assert csp["default-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["script-src"] + csp["style-src"] + csp["style-src-elem"]
    assert "'unsafe-eval'" not in csp["script-src"]


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_csp_hashes_match_the_inline_scripts_and_styles_that_are_built(site_dir):
    """Material writes small inline scripts (one differs per folder depth) and glightbox an
    inline script and style. Each needs its hash in docs/_headers, and no stale hash stays."""
    csp = _csp(site_dir)
    allowed = {"script": set(csp["script-src"]), "style": set(csp["style-src-elem"]) & set(csp["style-src"])}
    needed: dict[str, dict[str, str]] = {"script": {}, "style": {}}
    for page in sorted(site_dir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for tag in soup.find_all(["script", "style"]):
            if tag.name == "script" and (
                tag.get("src") or tag.get("type") in {"application/json", "application/ld+json"}
            ):
                continue  # external files, and data blocks that never run
            needed[tag.name].setdefault(_sha256(tag.string or ""), page.relative_to(site_dir).as_posix())
    problems = [
        f"docs/_headers: add {digest} to {kind}-src (inline {kind} in {page})"
        for kind in needed
        for digest, page in needed[kind].items()
        if digest not in allowed[kind]
    ]
    problems += [
        f"docs/_headers: remove {digest} from {kind}-src (no inline {kind} has it any more)"
        for kind in needed
        for digest in allowed[kind]
        if digest.startswith("'sha256-") and digest not in needed[kind]
    ]
    assert not problems, "\n".join(problems)


def test_no_html_carries_inline_event_handlers_or_javascript_urls(site_dir):
    """The policy allows no inline handlers; catch them here with a clear message."""
    pattern = re.compile(r"<[^>]+\son[a-z]+\s*=|href=\"javascript:", re.IGNORECASE)
    offenders = [
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*.html")
        if pattern.search(p.read_text("utf-8"))
    ]
    assert not offenders, offenders
