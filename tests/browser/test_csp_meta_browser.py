"""Where most readers are, no header carries the policy: GitHub Pages sends none, and the
offline bundle is opened from disk. The `<meta>` policy in every page must then block an
injected inline script and a request to another site on its own (issue 13)."""

from __future__ import annotations

import pathlib
import shutil

import pytest
from act.local_site import QuietHandler, serve
from testkit.browser import is_local

pytestmark = pytest.mark.browser

INJECTED = (
    "<script>window.__injected = 'ran'</script>"
    '<img id="outside" src="https://outside.example/pixel.png" alt="x">'
)
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    `${e.effectiveDirective} ${e.blockedURI || 'inline'}`));
"""


def _inject(root: pathlib.Path, rel: str) -> None:
    page = root / rel
    html = page.read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in html
    page.write_text(html.replace("</article>", INJECTED + "</article>", 1), encoding="utf-8")


def _visit(browser, url: str) -> tuple[object, list[str], list[str]]:
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    outside: list[str] = []

    def network(route) -> None:
        # Only requests the page really sends reach the network layer (a request the policy
        # refuses never does): record one to another site and stop it there.
        if is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", network)
    tab.goto(url, wait_until="load")
    tab.wait_for_timeout(300)
    result = tab.evaluate("window.__injected || null")
    violations = tab.evaluate("window.__cspViolations")
    context.close()
    return result, violations, outside


def _assert_blocked(result, violations: list[str], outside: list[str]) -> None:
    assert result is None, "the injected inline script ran"
    assert outside == [], f"requests left the machine: {outside}"
    assert any(v.startswith("script-src-elem inline") for v in violations), violations
    assert any(v.startswith("img-src https://outside.example/") for v in violations), violations


def test_meta_policy_blocks_injection_without_headers(browser, site_dir, tmp_path):
    """Served like GitHub Pages: plain files, no security headers at all."""
    root = tmp_path / "site"
    shutil.copytree(site_dir, root)
    (root / "_headers").unlink()
    _inject(root, "treatments/vertebroplasty/index.html")
    with serve(root, QuietHandler) as base:
        _assert_blocked(*_visit(browser, base + "treatments/vertebroplasty/"))


def test_meta_policy_blocks_injection_from_file_urls(browser, offline_root, tmp_path):
    """The offline bundle, unzipped and opened from disk."""
    root = tmp_path / "offline"
    shutil.copytree(offline_root, root)
    _inject(root, "treatments/vertebroplasty.html")
    _assert_blocked(*_visit(browser, (root / "treatments" / "vertebroplasty.html").as_uri()))


def test_an_unchanged_page_reports_no_violation_from_file_urls(browser, offline_root):
    """The meta policy does not break the offline bundle's own scripts."""
    result, violations, outside = _visit(
        browser, (offline_root / "treatments" / "vertebroplasty.html").as_uri()
    )
    assert (violations, outside) == ([], [])
