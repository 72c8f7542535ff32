"""Shared fixtures: the real site built once per session, served on 127.0.0.1, and a
Playwright page in Debian's Chromium that records console errors and any request that
leaves the machine.

Layers (each a folder, each runnable alone: `pytest tests/unit`): unit (no build),
fixture_sites (small sites built in tmp), real_site (the real site's output), content
(guarantees about the pages), browser (Chromium). Every test gets its layer's marker, so
`pytest -m "not browser"` works too.

Session fixtures run once per pytest-xdist worker, each into its own temporary folder,
so workers never race on a build; the offline bundle and the ZIM, which their tests only
read, are built once for all workers (`shared_once`).
"""

from __future__ import annotations

import fcntl
import os
import pathlib
import zipfile
from collections.abc import Callable

import pytest
from act.local_site import CHROMIUM, CHROMIUM_FLAGS, serve
from testkit.browser import is_local
from testkit.sitebuild import ROOT, build_site

LAYERS = ("unit", "fixture_sites", "real_site", "content", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        layer = pathlib.Path(str(item.path)).parent.name
        if layer in LAYERS:
            item.add_marker(layer)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> pathlib.Path:
    """The real site, built strictly from mkdocs.yml into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    build_site(ROOT / "mkdocs.yml", out)
    return out


def shared_once(tmp_path_factory, name: str, make: Callable[[pathlib.Path], None]) -> pathlib.Path:
    """`make(folder)` run once per test session, however many xdist workers ask for it.

    Under xdist every worker's temporary folder sits in one folder of this session; a lock
    there lets the first worker build and the others wait and reuse. Without xdist the
    session's own temporary folder is used (its parent is shared by earlier sessions).
    """
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            folder.mkdir(exist_ok=True)
            make(folder)
            done.touch()
    return folder


def _build_offline_bundle(folder: pathlib.Path) -> None:
    from act.offline_bundle import make_offline_bundle

    report = make_offline_bundle(folder / "bundle.zip")
    with zipfile.ZipFile(report.path) as archive:
        archive.extractall(folder / "unzipped")


@pytest.fixture(scope="session")
def offline_bundle_zip(tmp_path_factory) -> pathlib.Path:
    """The offline bundle, built once per test session by the real script (read only)."""
    return shared_once(tmp_path_factory, "offline-bundle", _build_offline_bundle) / "bundle.zip"


@pytest.fixture(scope="session")
def offline_root(offline_bundle_zip) -> pathlib.Path:
    """The offline bundle unzipped, as a reader would: its one folder (read only)."""
    from act.offline_bundle import BUNDLE_FOLDER

    return offline_bundle_zip.parent / "unzipped" / BUNDLE_FOLDER


def _build_zim(folder: pathlib.Path) -> None:
    from act.zim.writer import make_zim

    make_zim(folder)


@pytest.fixture(scope="session")
def zim_path(tmp_path_factory) -> pathlib.Path:
    """The Kiwix edition, built once per test session by the real `make zim` code (read only)."""
    folder = shared_once(tmp_path_factory, "zim", _build_zim)
    (found,) = folder.glob("*.zim")
    return found


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """Base URL of the built site served over HTTP on a free loopback port."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-browser.sh (make test does)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        yield browser
        browser.close()


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
