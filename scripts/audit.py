"""`make audit`: Lighthouse scores for the locally served site, as a table.

Builds the site strictly, serves it on 127.0.0.1, runs Lighthouse (pinned in
scripts/audit/package.json) in Debian's Chromium against the home page and two content
pages with Lighthouse's default mobile settings, and prints performance, accessibility,
best-practices and SEO scores with the paint times (FCP, LCP), Total Blocking Time and
the total transfer size, and the machine's load average (performance varies with it).
The JSON reports are kept in dist/lighthouse/. A report, not a test: it never fails on a
score.

The local server behaves like the static host the site is published to (GitHub Pages,
and any ordinary static host): text files are sent gzip-compressed when the browser asks
for it, and responses carry Cache-Control (Material's content-hashed assets for a year,
everything else for ten minutes, as GitHub Pages does). Python's plain http.server sends
neither, which would measure a host nobody uses. Nothing depends on who is asking: every
client gets the same bytes for the same Accept-Encoding.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from act.local_site import CHROMIUM, CHROMIUM_FLAGS, QuietHandler, serve  # noqa: E402

AUDIT_DIR = ROOT / "scripts" / "audit"
OUT = ROOT / "dist" / "lighthouse"
PAGES = ["", "treatments/vertebroplasty/", "conditions/spinal-metastases/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = " ".join(("--headless=new", *CHROMIUM_FLAGS))


# What a static host compresses: text formats (images other than SVG are compressed already).
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
# Material names its built assets with a content hash (main.57a0d79d.min.css), so they
# never change under the same URL and may be cached for a year.
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)$")


class StaticHost(QuietHandler):
    """http.server plus the gzip and Cache-Control any real static host adds."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real hosts do

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        lifetime = 31536000 if HASHED.search(path) else 600
        self.send_header("Cache-Control", f"public, max-age={lifetime}")
        super().end_headers()

    def send_head(self):
        local = pathlib.Path(self.translate_path(self.path))
        if local.is_dir():
            local = local / "index.html"
        ctype = self.guess_type(str(local))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (
            wants_gzip
            and local.is_file()
            and ctype.startswith(COMPRESSIBLE)
            and self.path.split("?", 1)[0].endswith(("/", local.name))
        ):
            return super().send_head()  # redirects, 404s, binaries, clients without gzip
        body = gzip.compress(local.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def lighthouse(url: str, report: pathlib.Path) -> dict:
    cli = AUDIT_DIR / "node_modules" / ".bin" / "lighthouse"
    subprocess.run(
        [
            str(cli),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)},
    )
    return json.loads(report.read_text(encoding="utf-8"))


HEADER = "| Page | Performance | Accessibility | Best practices | SEO | FCP | LCP | TBT | Transfer size |"


def row(path: str, data: dict) -> str:
    """One page's line of the table: the four scores, the paint and blocking times, the bytes."""
    scores = [str(round(data["categories"][c]["score"] * 100)) for c in CATEGORIES]
    audits = data["audits"]
    fcp, lcp = (
        audits[a]["numericValue"] / 1000 for a in ("first-contentful-paint", "largest-contentful-paint")
    )
    tbt = audits["total-blocking-time"]["numericValue"]
    kib = audits["total-byte-weight"]["numericValue"] / 1024
    return f"| /{path} | {' | '.join(scores)} | {fcp:.1f} s | {lcp:.1f} s | {tbt:.0f} ms | {kib:.0f} KiB |"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as site:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site],
            cwd=ROOT,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        rows = []
        with serve(site, StaticHost) as base:
            for path in PAGES:
                name = path.strip("/").replace("/", "-") or "home"
                data = lighthouse(base + path, OUT / f"{name}.json")
                rows.append(row(path, data))
    table = "\n".join([HEADER, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", *rows])
    version = json.loads((AUDIT_DIR / "package.json").read_text())["devDependencies"]["lighthouse"]
    # Performance depends on how busy the machine is: say so beside the scores.
    load = " / ".join(f"{n:.2f}" for n in os.getloadavg())
    note = (
        f"Lighthouse {version}, mobile emulation; load average {load} (1/5/15 min) "
        f"on {os.cpu_count()} CPUs; reports in {OUT.relative_to(ROOT)}/"
    )
    (OUT / "summary.md").write_text(f"{table}\n\n{note}\n", encoding="utf-8")
    print(f"{table}\n\n{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
