"""The built site satisfies its own Content-Security-Policy: served with the headers from
docs/_headers, as a static host would, no page reports a violation, including while a
reader searches, reads a glossary tooltip, opens a diagram and switches to dark mode."""

from __future__ import annotations

import re

import pytest
from testkit.browser import is_local
from testkit.site_pages import page_paths
from testkit.static_host import serve_with_headers

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} ${e.sample || ''}`.trim()));
"""


MISSING = "no-such-page/"


def _matters(message) -> bool:
    """Any console error, and any word from the browser about the policy headers, except
    the 404 status of the page that is missing on purpose."""
    if message.type != "error" and not re.search(r"Content.Security.Policy|Permissions.Policy", message.text):
        return False
    return not (
        message.text.startswith("Failed to load resource") and message.location["url"].endswith(MISSING)
    )


@pytest.fixture(scope="module")
def hosted(browser, site_dir):
    """A tab on the site served with its `_headers`, and everything that went wrong."""
    with serve_with_headers(site_dir) as base:
        context = browser.new_context()
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if _matters(m) else None)
        page.on("pageerror", lambda err: problems.append(f"page error: {err}"))
        page.on(
            "request", lambda r: None if is_local(r.url) else problems.append(f"external request: {r.url}")
        )
        yield base, page, problems
        context.close()


def _violations(page, where: str) -> list[str]:
    return [f"{where}: {v}" for v in page.evaluate("window.__cspViolations || []")]


def test_headers_file_is_served_with_every_response(hosted):
    base, page, _ = hosted
    response = page.goto(base + "treatments/vertebroplasty/")
    headers = response.headers
    assert "script-src 'self'" in headers.get("content-security-policy", ""), headers
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("referrer-policy") == "no-referrer"
    assert page.request.get(base + "search/search_index.json").headers.get("content-security-policy")


def test_no_page_violates_the_content_security_policy(hosted, site_dir):
    base, page, problems = hosted
    found: list[str] = []
    for path in [*page_paths(site_dir), MISSING]:
        page.goto(base + path, wait_until="load")
        found += _violations(page, path or "/")
    assert not found + problems, "\n".join(found + problems)


def test_search_tooltips_lightbox_and_dark_mode_work_under_the_policy(hosted):
    base, page, problems = hosted
    page.goto(base + "treatments/oesophageal-stent/")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("stent", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")
    page.locator("article abbr").first.hover()  # glossary tooltip, positioned by script
    page.locator(".md-tooltip2--active, .md-tooltip--active").first.wait_for(timeout=5_000)
    page.locator("a.glightbox").first.click()
    page.locator(".glightbox-container").wait_for(state="visible", timeout=5_000)
    page.wait_for_timeout(500)  # let the opening animation set its inline styles
    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="detached", timeout=5_000)
    page.locator("label.md-header__button[for^='__palette']").first.click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'", timeout=5_000)
    found = _violations(page, "oesophageal stent page")
    assert not found + problems, "\n".join(found + problems)
