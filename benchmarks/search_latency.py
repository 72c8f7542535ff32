"""Search as a reader uses it (issue 16): the hit rate of the search queries of the
browser tests (tests/testkit/search.py), hosted and from the offline bundle, and the time
from the last keystroke to the final results with Chromium's CPU slowed 4x (CDP
Emulation.setCPUThrottlingRate). Prints a Markdown table (the target: under 300 ms).

    python benchmarks/search_latency.py [--site DIR] [--offline DIR] [--runs 3]

Without --site/--offline it builds the site and the offline bundle into a temporary
folder first (about two minutes).
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from act.local_site import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402
from testkit.search import QUERIES, SearchTab  # noqa: E402

THROTTLE = 4
# Marks the last keystroke, then records when the result list last changed after it.
ARM = """() => {
    const input = document.querySelector('input.md-search__input');
    const list = document.querySelector('.md-search-result__list');
    window.__searchTiming = {start: null, end: null};
    input.addEventListener('keydown', () => { window.__searchTiming.start = performance.now(); }, {once: true});
    new MutationObserver(() => {
        if (window.__searchTiming.start !== null) window.__searchTiming.end = performance.now();
    }).observe(list, {childList: true, subtree: true});
}"""


def hit_rate(tab: SearchTab) -> tuple[int, list[str]]:
    hits, misses = 0, []
    for query in QUERIES:
        found = tab.search(query.text)
        if query.hits(found):
            hits += 1
        else:
            misses.append(f"{query.text!r} -> {found[:5]} (wanted {query.pages} in the top {query.top})")
    return hits, misses


def keystroke_to_results(tab: SearchTab, runs: int) -> list[float]:
    """Milliseconds from the keydown of each query's last character to the last change
    of the result list, with the CPU throttled."""
    cdp = tab.page.context.new_cdp_session(tab.page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    times = []
    try:
        for _ in range(runs):
            for query in QUERIES:
                tab.box.query(query.text[:-1])
                tab.page.evaluate(ARM)
                tab.box.input.press(query.text[-1])
                tab.box.settled(query.text)
                timing = tab.page.evaluate("() => window.__searchTiming")
                if timing["start"] is not None and timing["end"] is not None:
                    times.append(timing["end"] - timing["start"])
    finally:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=pathlib.Path, help="a built hosted site (default: build one)")
    parser.add_argument(
        "--offline", type=pathlib.Path, help="an unzipped offline bundle (default: build one)"
    )
    parser.add_argument("--runs", type=int, default=3, help="timed passes over the queries")
    args = parser.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="search-bench-"))
    site, offline = args.site, args.offline
    if site is None:
        from testkit.sitebuild import build_site

        site = tmp / "site"
        build_site(ROOT / "mkdocs.yml", site)
    if offline is None:
        from act.offline_bundle import make_offline_bundle

        report = make_offline_bundle(tmp / "bundle.zip")
        offline = tmp / "offline"
        with zipfile.ZipFile(report.path) as archive:
            archive.extractall(offline)

    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        for mode, tab in (
            ("hosted", lambda: SearchTab(browser, url, "/", "")),
            (
                "offline (file://)",
                lambda: SearchTab(
                    browser,
                    (offline / "index.html").as_uri(),
                    offline.as_uri().removeprefix("file://"),
                    ".html",
                ),
            ),
        ):
            opened = tab()
            hits, misses = hit_rate(opened)
            times = keystroke_to_results(opened, args.runs)
            opened.close()
            rows.append((mode, hits, misses, times))
        browser.close()

    print(
        f"| Site | Hit rate ({len(QUERIES)} queries) | Keystroke to results, {THROTTLE}x CPU: median | p95 | max | n |"
    )
    print("|---|---|---|---|---|---|")
    for mode, hits, _, times in rows:
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else float("nan")
        print(
            f"| {mode} | {hits}/{len(QUERIES)} ({100 * hits / len(QUERIES):.0f}%) | "
            f"{statistics.median(times):.0f} ms | {p95:.0f} ms | {max(times):.0f} ms | {len(times)} |"
        )
    for mode, _, misses, _ in rows:
        for miss in misses:
            print(f"- {mode} miss: {miss}")


if __name__ == "__main__":
    main()
