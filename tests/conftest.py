"""Shared fixtures: the real site built once per session, served on 127.0.0.1, and a
Playwright page in Debian's Chromium that records console errors and any request that
leaves the machine."""

from __future__ import annotations

import functools
import http.server
import os
import pathlib
import threading
from urllib.parse import urlparse

import pytest
from sitebuild import ROOT, build_site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> pathlib.Path:
    """The real site, built strictly from mkdocs.yml into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    build_site(ROOT / "mkdocs.yml", out)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """Base URL of the built site served over HTTP on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-browser.sh (make test does)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in {"file", "data", "blob", "about"}:
        return True
    return parsed.hostname in LOCAL_HOSTS or f"[{parsed.hostname}]" in LOCAL_HOSTS


class PageLog:
    """What a page did that a test may want to forbid."""

    def __init__(self) -> None:
        self.external_requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []


@pytest.fixture
def page(browser):
    """A fresh browser page; fails the test if anything is requested off this machine."""
    context = browser.new_context()
    pg = context.new_page()
    log = PageLog()
    pg.on("request", lambda req: None if is_local(req.url) else log.external_requests.append(req.url))
    pg.on("console", lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda err: log.page_errors.append(str(err)))
    pg.log = log
    yield pg
    context.close()
    assert not log.external_requests, f"requests left the machine: {log.external_requests}"
