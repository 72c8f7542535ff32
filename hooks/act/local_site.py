"""Serving a built site on 127.0.0.1 and launching Debian's Chromium against it.

Used by the browser tests and `make audit`, so both see the site the same way and the
browser flags are written once.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# No sandbox (CI runs as root in a container), no GPU, and nothing that phones home, so a
# test that forbids requests leaving the machine sees only the site's own.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """http.server without a log line per request (test and audit output stay readable)."""

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(
    directory: os.PathLike | str, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """Serve `directory` on a free loopback port; yields the base URL, ending in `/`."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
