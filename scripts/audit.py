"""`make audit`: Lighthouse scores for the locally served site, as a table.

Builds the site strictly, serves it on 127.0.0.1, runs Lighthouse (pinned in
scripts/audit/package.json) in Debian's Chromium against the home page and two content
pages with Lighthouse's default mobile settings, and prints performance, accessibility,
best-practices and SEO scores with the total transfer size. The JSON reports are kept in
dist/lighthouse/. A report, not a test: it never fails on a score.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading

ROOT = pathlib.Path(__file__).resolve().parent.parent
AUDIT_DIR = ROOT / "scripts" / "audit"
OUT = ROOT / "dist" / "lighthouse"
PAGES = ["", "treatments/vertebroplasty/", "conditions/spinal-metastases/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def lighthouse(url: str, report: pathlib.Path) -> dict:
    cli = AUDIT_DIR / "node_modules" / ".bin" / "lighthouse"
    subprocess.run(
        [str(cli), url, "--quiet", "--output=json", f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}"],
        check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    return json.loads(report.read_text(encoding="utf-8"))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as site:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site],
                       cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        rows = []
        try:
            for path in PAGES:
                name = path.strip("/").replace("/", "-") or "home"
                data = lighthouse(base + path, OUT / f"{name}.json")
                scores = [round(data["categories"][c]["score"] * 100) for c in CATEGORIES]
                kib = data["audits"]["total-byte-weight"]["numericValue"] / 1024
                rows.append(f"| /{path} | " + " | ".join(map(str, scores)) + f" | {kib:.0f} KiB |")
        finally:
            server.shutdown()
    table = "\n".join(["| Page | Performance | Accessibility | Best practices | SEO | Transfer size |",
                       "| --- | ---: | ---: | ---: | ---: | ---: |", *rows])
    (OUT / "summary.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    print(f"\nLighthouse {json.loads((AUDIT_DIR / 'package.json').read_text())['devDependencies']['lighthouse']},"
          f" mobile emulation; reports in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
