"""Where most readers are, no header carries the policy: GitHub Pages sends none, and the
offline bundle is opened from disk. The `<meta>` policy in every page must then block an
injected inline script and a request to another site on its own (issue 13)."""

from __future__ import annotations

import shutil

import pytest
from act.local_site import QuietHandler, serve
from testkit.csp import assert_blocked, inject, visit

pytestmark = pytest.mark.browser


def test_meta_policy_blocks_injection_without_headers(browser, site_dir, tmp_path):
    """Served like GitHub Pages: plain files, no security headers at all."""
    root = tmp_path / "site"
    shutil.copytree(site_dir, root)
    (root / "_headers").unlink()
    inject(root / "treatments/vertebroplasty/index.html")
    with serve(root, QuietHandler) as base:
        assert_blocked(visit(browser, base + "treatments/vertebroplasty/"))


def test_meta_policy_blocks_injection_from_file_urls(browser, offline_root, tmp_path):
    """The offline bundle, unzipped and opened from disk."""
    root = tmp_path / "offline"
    shutil.copytree(offline_root, root)
    inject(root / "treatments/vertebroplasty.html")
    assert_blocked(visit(browser, (root / "treatments" / "vertebroplasty.html").as_uri()))


def test_an_unchanged_page_reports_no_violation_from_file_urls(browser, offline_root):
    """The meta policy does not break the offline bundle's own scripts."""
    result = visit(browser, (offline_root / "treatments" / "vertebroplasty.html").as_uri())
    assert (result.violations, result.outside, result.console_errors) == ([], [], [])
