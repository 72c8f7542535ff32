"""Serve a ZIM with Debian's kiwix-serve (package kiwix-tools) on a free loopback port."""

from __future__ import annotations

import contextlib
import pathlib
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator

KIWIX_SERVE = "kiwix-serve"
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
# kiwix-serve 3.3.0 writes its toolbar into every page, with the jQuery 1.10.2 it serves
# from here. jQuery's feature test sets `onsubmit`, `onchange` and `onfocusin` to "t" on a
# detached <div>; the page's Content-Security-Policy blocks the three, and Chromium logs
# each as an error. Nothing else of Kiwix's is blocked (act/zim/variant.py).
JQUERY = "skin/jquery-ui/external/jquery/jquery.js"
JQUERY_FEATURE_TEST_HANDLERS = 3
BLOCKED_HANDLER = "Executing inline event handler violates the following Content Security Policy directive"


def is_jquery_feature_test(base: str, source_url: str, text: str) -> bool:
    """Whether a console error is the policy blocking jQuery's feature test (see JQUERY)."""
    return source_url.startswith(f"{base}{JQUERY}") and text.startswith(BLOCKED_HANDLER)


def book_url(base: str) -> str:
    """The base URL, ending in `/`, of the one book kiwix-serve at `base` serves, from its
    catalog (the layout differs between versions)."""
    with urllib.request.urlopen(f"{base}catalog/v2/entries", timeout=10) as response:
        feed = ET.fromstring(response.read())
    links = feed.findall("atom:entry/atom:link[@type='text/html']", ATOM)
    assert len(links) == 1, "kiwix-serve's catalog should list one book with one HTML link"
    return base.rstrip("/") + links[0].get("href").rstrip("/") + "/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def kiwix_serve(zim: pathlib.Path, timeout: float = 20.0) -> Iterator[str]:
    """Run kiwix-serve for `zim` on 127.0.0.1; yields the base URL, ending in `/`."""
    executable = shutil.which(KIWIX_SERVE)
    if executable is None:
        raise RuntimeError("kiwix-serve is missing: apt-get install kiwix-tools (.ci/run does)")
    port = _free_port()
    command = [executable, "--address=127.0.0.1", f"--port={port}", str(zim)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"kiwix-serve exited with {process.returncode}: {process.stdout.read()}")
            try:
                with urllib.request.urlopen(base, timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"kiwix-serve did not answer on {base} within {timeout} s") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
