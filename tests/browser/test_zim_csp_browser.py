"""The Kiwix edition keeps the site's Content-Security-Policy (act/zim/variant.py): served by
Debian's kiwix-serve on 127.0.0.1 and read in Chromium, a script and an outside request
slipped into a page are blocked, while the page and Kiwix's own search (its suggestions and
its results page) work; on an unchanged page the policy blocks nothing but the feature test
of the jQuery that kiwix-serve's toolbar loads."""

from __future__ import annotations

import shutil

import pytest
from act.zim import writer
from testkit.csp import assert_blocked, inject, open_recorded, visit
from testkit.kiwix import JQUERY, JQUERY_FEATURE_TEST_HANDLERS, book_url, is_jquery_feature_test, kiwix_serve

pytestmark = pytest.mark.browser

PAGE = "treatments/vertebroplasty.html"


@pytest.fixture(scope="module")
def injected_zim(offline_root, tmp_path_factory):
    """The ZIM written by the real `make zim` code from the offline build, one page carrying
    what a pull request might slip past every check."""
    root = tmp_path_factory.mktemp("zim-injected")
    site = root / "site"
    shutil.copytree(offline_root, site)
    (site / PAGE).chmod(0o644)
    inject(site / PAGE)
    output = root / "injected.zim"
    writer.zim_from_site(site, output, writer.read_metadata())
    return output


def test_injected_script_and_outside_request_are_blocked_and_the_page_and_search_work(browser, injected_zim):
    with kiwix_serve(injected_zim) as base:
        book = book_url(base)
        assert_blocked(visit(browser, book + PAGE))

        context = browser.new_context()
        outside: list[str] = []
        tab = open_recorded(context, outside)
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(book + PAGE, wait_until="load")
        assert tab.locator("article h1").first.inner_text().replace("¶", "").strip() == "Vertebroplasty"
        assert tab.locator("#outside").count() == 1  # the injection is in the page, and stopped
        # Kiwix's toolbar: its suggestions (jQuery UI, fetched from /suggest) ...
        box = tab.locator("#kiwixsearchbox")
        box.press_sequentially("kyphopl", delay=30)
        suggestion = tab.locator("ul.ui-autocomplete li", has_text="Kyphoplasty").first
        suggestion.wait_for(state="visible")
        violations = tab.evaluate("window.__cspViolations")
        # ... and its full-text search.
        box.fill("kyphoplasty")
        box.press("Enter")
        tab.wait_for_load_state()
        results = [t.strip() for t in tab.locator(".results a").all_inner_texts()]
        assert results and results[0] == "Kyphoplasty", results
        context.close()
    assert errors == [] and outside == []
    kiwix_own = [f"script-src-attr inline {base}{JQUERY}"] * JQUERY_FEATURE_TEST_HANDLERS
    assert sorted(v.split("?")[0] for v in violations) == sorted(
        [
            *kiwix_own,
            f"img-src https://outside.example/pixel.png {book + PAGE}",
            f"script-src-elem inline {book + PAGE}",
        ]
    ), violations


def test_an_unchanged_page_reports_only_the_jquery_feature_test(browser, zim_path):
    """Measured, not assumed: the one thing of Kiwix's the policy stops (testkit/kiwix.py)."""
    with kiwix_serve(zim_path) as base:
        result = visit(browser, book_url(base) + PAGE)
    assert not result.injected_ran and result.outside == []
    assert [v.split("?")[0] for v in result.violations] == [
        f"script-src-attr inline {base}{JQUERY}"
    ] * JQUERY_FEATURE_TEST_HANDLERS, result.violations
    assert len(result.console_errors) == JQUERY_FEATURE_TEST_HANDLERS, result.console_errors
    assert all(is_jquery_feature_test(base, url, text) for url, text in result.console_errors), (
        result.console_errors
    )
