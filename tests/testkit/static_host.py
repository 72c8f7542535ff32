"""Serve a built site the way a static host does with its `_headers` file (Netlify and
Cloudflare Pages format), so browser tests see the real security headers."""

from __future__ import annotations

import contextlib
import fnmatch
import pathlib
from collections.abc import Iterator

from act.local_site import QuietHandler, serve


def parse_headers_file(text: str) -> list[tuple[str, dict[str, str]]]:
    """`_headers` as [(path pattern, {header: value})], in file order.

    A line starting at column 0 is a path pattern; indented `Name: value` lines below it
    are its headers; `#` lines are comments. Raises ValueError on anything else.
    """
    rules: list[tuple[str, dict[str, str]]] = []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1][name.strip()] = value.strip()
        else:
            problems.append(f"_headers:{number}: expected a path or an indented `Name: value` line")
    if problems:
        raise ValueError("\n".join(problems))
    return rules


def headers_for(path: str, rules: list[tuple[str, dict[str, str]]]) -> dict[str, str]:
    """Headers a host sends for URL path `path` (`*` in a pattern matches anything)."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(path, pattern):
            found.update(headers)
    return found


class _HeadersHandler(QuietHandler):
    rules: list[tuple[str, dict[str, str]]] = []

    def end_headers(self) -> None:
        for name, value in headers_for(self.path.split("?", 1)[0], self.rules).items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None) -> None:
        # Like a static host: a missing page gets the site's own 404 page.
        page = pathlib.Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_with_headers(site: pathlib.Path) -> Iterator[str]:
    """Serve `site` on a free loopback port, sending the headers from its `_headers`."""
    rules = parse_headers_file((site / "_headers").read_text(encoding="utf-8"))
    handler = type("Handler", (_HeadersHandler,), {"rules": rules})
    with serve(site, handler) as url:
        yield url
