"""Every page of the real site in a real browser, in light and in dark mode: axe-core
finds no accessibility violation, the schema.org JSON-LD parses and says what the page
is about, no cookie is set, and nothing is requested from another host.

Each mode visits every page once (one browser context, reused) and the tests below read
what that visit recorded, so the whole site costs one page load per page per mode."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from testkit.browser import is_local
from testkit.site_pages import page_paths
from testkit.sitebuild import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material scheme
NOT_FOUND = "404.html"

AXE_RUN = """() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
})))"""


@dataclass
class Visit:
    path: str
    scheme: str
    violations: list[dict]
    json_ld: list[str]


@dataclass
class Crawl:
    mode: str
    visits: list[Visit] = field(default_factory=list)
    cookies: list[dict] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module", params=list(SCHEMES))
def crawl(request, browser, site_dir, site_url) -> Crawl:
    """Visit every page (and the 404 page) once in light or dark mode and record it."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (package.json pins axe-core)")
    result = Crawl(mode=request.param)
    context = browser.new_context(color_scheme=request.param)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    current = {"path": ""}
    page.on(
        "request",
        lambda req: None if is_local(req.url) else result.external.append(f"{current['path']}: {req.url}"),
    )
    page.on(
        "console",
        lambda msg: result.errors.append(f"{current['path']}: {msg.text}") if msg.type == "error" else None,
    )
    page.on("pageerror", lambda err: result.errors.append(f"{current['path']}: {err}"))
    for path in [*page_paths(site_dir), NOT_FOUND]:
        current["path"] = path or "/"
        page.goto(site_url + path, wait_until="load")
        result.visits.append(
            Visit(
                path=path or "/",
                scheme=page.evaluate("document.body.dataset.mdColorScheme"),
                violations=page.evaluate(AXE_RUN),
                json_ld=page.eval_on_selector_all(
                    'script[type="application/ld+json"]', "els => els.map(e => e.textContent)"
                ),
            )
        )
    result.cookies = context.cookies()
    context.close()
    return result


def test_every_page_is_shown_in_the_readers_colour_scheme(crawl):
    wrong = [f"{v.path}: {v.scheme}" for v in crawl.visits if v.scheme != SCHEMES[crawl.mode]]
    assert not wrong, f"expected the {SCHEMES[crawl.mode]} scheme in {crawl.mode} mode:\n" + "\n".join(wrong)


def test_axe_finds_no_accessibility_violations(crawl):
    problems = [
        f"{v.path} [{crawl.mode}]: {x['id']} ({x['impact']}): {x['help']} at {', '.join(x['targets'])}"
        for v in crawl.visits
        for x in v.violations
    ]
    assert not problems, f"{len(problems)} axe-core violations:\n" + "\n".join(problems)


def test_no_cookies_no_third_party_requests_no_errors(crawl):
    assert len(crawl.visits) > 10, "the crawl visited almost nothing"
    assert crawl.cookies == [], f"cookies were set: {crawl.cookies}"
    assert not crawl.external, "requests left the site:\n" + "\n".join(crawl.external)
    assert not crawl.errors, "console or page errors:\n" + "\n".join(crawl.errors)


def _json_ld_problems(visit: Visit) -> list[str]:
    if len(visit.json_ld) != 1:
        return [f"{visit.path}: {len(visit.json_ld)} JSON-LD blocks, expected 1"]
    try:
        data = json.loads(visit.json_ld[0])
    except json.JSONDecodeError as exc:
        return [f"{visit.path}: JSON-LD is not valid JSON: {exc}"]
    problems = []
    if data.get("@context") != "https://schema.org" or data.get("@type") != "MedicalWebPage":
        problems.append(f"{visit.path}: not a schema.org MedicalWebPage")
    reviewed = str(data.get("lastReviewed", ""))
    if len(reviewed) != 10 or reviewed[4] != "-" or reviewed[7] != "-":
        problems.append(f"{visit.path}: lastReviewed {reviewed!r} is not YYYY-MM-DD")
    about = data.get("about") or {}
    if about.get("@type") not in {"MedicalProcedure", "MedicalCondition"} or not about.get("name"):
        problems.append(f"{visit.path}: about is not a named MedicalProcedure or MedicalCondition: {about}")
    if data.get("audience") != {"@type": "Patient"}:
        problems.append(f"{visit.path}: audience is not Patient")
    if not data.get("name") or not data.get("description"):
        problems.append(f"{visit.path}: JSON-LD has no name or description")
    return problems


def test_every_page_has_json_ld_for_a_medical_web_page(crawl):
    pages = [v for v in crawl.visits if v.path != NOT_FOUND]
    problems = [p for v in pages for p in _json_ld_problems(v)]
    assert not problems, "\n".join(problems)


def test_json_ld_about_follows_the_page_type(crawl):
    by_path = {v.path: json.loads(v.json_ld[0]) for v in crawl.visits if v.path != NOT_FOUND and v.json_ld}
    assert by_path["treatments/vertebroplasty/"]["about"]["@type"] == "MedicalProcedure"
    assert by_path["treatments/vertebroplasty/"]["about"]["name"] == "Vertebroplasty"
    assert by_path["conditions/bone-metastases/"]["about"]["@type"] == "MedicalCondition"
    assert by_path["conditions/bone-metastases/"]["about"]["name"] == "Bone metastases"
