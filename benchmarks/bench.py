"""Benchmark our hooks on synthetic sites of 1k, 5k and 10k pages.

For each size it builds, each in its own subprocess (benchmarks/build_once.py):

* Material alone: mkdocs.yml with no hooks;
* Material + one hook, for every entry under `hooks:` in mkdocs.yml (read at run time,
  so a hook added tomorrow is measured without editing this script);
* Material + all our hooks;
* Material + mkdocs-related-content-plugin (same pages, with `tags:` for it to read).

and reports, in one table: the build time and its difference from Material alone, the
hook's own time (its event handlers, timed inside the build), and the peak memory
(max RSS) and its difference. The table goes to stdout and benchmarks/RESULTS.md.

    python benchmarks/bench.py --sizes 1000,5000,10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import time

import yaml
from mkdocs.utils.yaml import yaml_load
from synth import generate

ROOT = pathlib.Path(__file__).resolve().parent.parent
HERE = pathlib.Path(__file__).resolve().parent
PLUGIN = "related-content"
RELATED_HOOK = "hooks/related_topics.py"
BASELINE = "Material alone"


def _real_config() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as fh:
        return yaml_load(fh)


def _plugin_installed() -> bool:
    try:
        import mkdocs_related_content  # noqa: F401
    except ImportError:
        return False
    return True


def _write_config(
    workdir: pathlib.Path, name: str, docs: pathlib.Path, hooks: list[str], plugins: list
) -> pathlib.Path:
    """A config that inherits the real mkdocs.yml and changes only what the variant needs."""
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs),
        "site_dir": str(workdir / "site"),
        "theme": {"custom_dir": str(ROOT / "overrides")},
        "hooks": [str(ROOT / h) for h in hooks],
        "plugins": plugins,
        "strict": False,
    }
    path = workdir / f"mkdocs-{name}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _run(config_file: pathlib.Path, workdir: pathlib.Path, timeout: int) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    try:
        proc = subprocess.run(
            [sys.executable, str(HERE / "build_once.py"), str(config_file)],
            cwd=workdir,  # snippets' base_path (docs/_snippets) is relative to it
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout} s"}
    finally:
        shutil.rmtree(workdir / "site", ignore_errors=True)
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"error": tail[:160]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _own(result: dict, origin_suffix: str, key: str = "hooks_s") -> float | None:
    own = result.get(key) or {}
    matches = [t for name, t in own.items() if name.endswith(origin_suffix)]
    return sum(matches) if matches else None


def run_size(n: int, out: pathlib.Path, timeout: int, variants: list[str] | None, on_row) -> None:
    real = _real_config()
    hooks: list[str] = list(real.get("hooks") or [])
    plugins: list = list(real.get("plugins") or [])
    workdir = out / f"n{n}"
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"[{n} pages] generating", flush=True)
    docs = generate(n, workdir / "docs")
    runs: list[tuple[str, list[str], list, pathlib.Path, str | None]] = [(BASELINE, [], plugins, docs, None)]
    runs += [(f"+ {h}", [h], plugins, docs, h) for h in hooks]
    runs.append(("+ all our hooks", hooks, plugins, docs, ".py"))  # own time: all hook files
    if _plugin_installed():
        tagged = generate(n, workdir / "docs-tagged", tagged=True)
        runs.append((f"+ {PLUGIN} plugin", [], [*plugins, PLUGIN], tagged, PLUGIN))
    # The same build as the first, last: how far apart two identical builds come out.
    runs.append((f"{BASELINE} (again)", [], plugins, docs, None))
    rows = []
    for label, run_hooks, run_plugins, run_docs, own_key in runs:
        if variants and not any(v in label for v in variants):
            continue
        config = _write_config(workdir, f"v{len(rows)}", run_docs, run_hooks, run_plugins)
        print(f"[{n} pages] {label} ...", end=" ", flush=True)
        started = time.perf_counter()
        result = _run(config, workdir, timeout)
        print(
            result.get("error")
            or f"{result['build_s']:.1f} s CPU, {result['max_rss_mb']:.0f} MB "
            f"({time.perf_counter() - started:.0f} s wall)",
            flush=True,
        )
        own = own_wall = None
        if own_key and "error" not in result:
            suffix = own_key if own_key in (PLUGIN, ".py") else os.path.basename(own_key)
            own, own_wall = _own(result, suffix), _own(result, suffix, "hooks_wall_s")
        rows.append({"n": n, "label": label, "own_s": own, "own_wall_s": own_wall, **result})
        on_row(rows[-1])


def _fmt_pct(delta: float, base: float) -> str:
    return f"{delta:+.1f} ({delta / base * 100:+.1f} %)" if base else f"{delta:+.1f}"


def table(rows: list[dict]) -> str:
    lines = [
        "| pages | build | CPU time (s) | Δ CPU vs Material (s, %) | own CPU time (s, % of build) "
        "| second process CPU (s) | wall time (s) | own wall time (s, % of wall) | peak RSS (MB) | Δ RSS (MB, %) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    base = {r["n"]: r for r in rows if r["label"] == BASELINE and "error" not in r}
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['n']} | {r['label']} | failed: {r['error']} | | | | | | | |")
            continue
        b = base.get(r["n"])
        own = (
            f"{r['own_s']:.2f} ({r['own_s'] / r['build_s'] * 100:.1f} %)"
            if r.get("own_s") is not None
            else ""
        )
        dt_ = _fmt_pct(r["build_s"] - b["build_s"], b["build_s"]) if b and r is not b else ""
        dm = _fmt_pct(r["max_rss_mb"] - b["max_rss_mb"], b["max_rss_mb"]) if b and r is not b else ""
        # Only our page checks start a second process (on large sites): beside the build, on
        # another core; its CPU time is not in the build's.
        second = f"{r['second_process_s']:.1f}" if r.get("second_process_s") else ""
        own_wall = (
            f"{r['own_wall_s']:.2f} ({r['own_wall_s'] / r['wall_s'] * 100:.1f} %)"
            if r.get("own_wall_s") is not None
            else ""
        )
        lines.append(
            f"| {r['n']} | {r['label']} | {r['build_s']:.1f} | {dt_} | {own} | {second} | {r['wall_s']:.1f} "
            f"| {own_wall} | {r['max_rss_mb']:.0f} | {dm} |"
        )
    return "\n".join(lines)


def growth(rows: list[dict]) -> str:
    """How the related-topics hook's own time grows, against n log n."""
    own = sorted((r["n"], r["own_s"]) for r in rows if r["label"] == f"+ {RELATED_HOOK}" and r.get("own_s"))
    if len(own) < 2:
        return ""
    lines = [
        "",
        "Growth of the related-topics hook's own CPU time (n log n would predict the last column):",
        "",
    ]
    lines += [
        "| pages | own CPU time (s) | µs per page | ratio to smallest | n log n ratio |",
        "|---:|---:|---:|---:|---:|",
    ]
    n0, t0 = own[0]
    for n, t in own:
        nlogn = (n * math.log(n)) / (n0 * math.log(n0))
        lines.append(f"| {n} | {t:.2f} | {t / n * 1e6:.0f} | {t / t0:.2f} | {nlogn:.2f} |")
    return "\n".join(lines)


def targets(rows: list[dict]) -> str:
    """The related-topics hook against its targets, at the largest size measured."""
    done = [r for r in rows if "error" not in r]
    sizes = sorted({r["n"] for r in done})
    for n in reversed(sizes):
        by_label = {r["label"]: r for r in done if r["n"] == n}
        base, hook = by_label.get(BASELINE), by_label.get(f"+ {RELATED_HOOK}")
        if not (base and hook and hook.get("own_s") is not None):
            continue
        own_pct = hook["own_s"] / hook["build_s"] * 100
        delta_pct = (hook["build_s"] - base["build_s"]) / base["build_s"] * 100
        rss_pct = (hook["max_rss_mb"] - base["max_rss_mb"]) / base["max_rss_mb"] * 100
        lines = [
            "",
            "",
            f"Targets at {n} pages (related topics ≤ 3 % of build time, ≤ 10 % of peak memory):",
            "",
            f"- own time {hook['own_s']:.2f} s = {own_pct:.1f} % of the build "
            f"({'met' if own_pct <= 3 else 'NOT met'}); whole-build difference {delta_pct:+.1f} %, "
            "which adds rendering the section and the noise of one build each;",
            f"- peak RSS {hook['max_rss_mb'] - base['max_rss_mb']:+.0f} MB = {rss_pct:+.1f} % "
            f"({'met' if rss_pct <= 10 else 'NOT met'}).",
        ]
        plugin = by_label.get(f"+ {PLUGIN} plugin")
        if plugin:
            lines.append(
                f"- for comparison, {PLUGIN}: own time {plugin.get('own_s') or 0:.2f} s, peak RSS "
                f"{plugin['max_rss_mb'] - base['max_rss_mb']:+.0f} MB (tags only, and it renders nothing)."
            )
        return "\n".join(lines)
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=os.environ.get("SIZES", "1000,5000,10000"))
    parser.add_argument("--out", default=str(HERE / "out"), help="work folder (generated sites)")
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"), help="generated; notes go in NOTES.md")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per build")
    parser.add_argument("--only", default="", help="comma-separated substrings of build labels to run")
    parser.add_argument("--fresh", action="store_true", help="forget the results of earlier runs")
    args = parser.parse_args()
    if pathlib.Path(args.results).resolve() == (HERE / "NOTES.md").resolve():
        parser.error("NOTES.md is written by hand: give another --results file")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    variants = [v for v in args.only.split(",") if v] or None
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    # Rows of earlier runs are kept (a row is replaced when its build is run again), so
    # `--only` can redo a few builds, and a long run's partial results survive.
    saved = out / "results.json"
    rows: list[dict] = (
        json.loads(saved.read_text(encoding="utf-8")) if saved.exists() and not args.fresh else []
    )

    def on_row(row: dict) -> None:
        same = [i for i, r in enumerate(rows) if (r["n"], r["label"]) == (row["n"], row["label"])]
        if same:
            rows[same[0]] = row
        else:
            rows.append(row)
        rows.sort(key=lambda r: r["n"])  # stable: build order kept within a size
        saved.write_text(json.dumps(rows, indent=1), encoding="utf-8")
        pathlib.Path(args.results).write_text(_report(rows), encoding="utf-8")

    for n in sizes:
        run_size(n, out, args.timeout, variants, on_row)
    print("\n" + table(rows) + targets(rows) + "\n" + growth(rows))
    return 0 if all("error" not in r for r in rows) else 1


def _report(rows: list[dict]) -> str:
    machine = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs"
    return (
        "# Benchmark results\n\n"
        "Written by benchmarks/bench.py only; notes and hand-measured runs are in [NOTES.md](NOTES.md).\n\n"
        f"Generated by `make bench` (benchmarks/bench.py) on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{machine}. One build per row, each in its own process; peak RSS is that process' max RSS. "
        "Times are CPU seconds of the build process (the machine is shared with other work, "
        "which inflates wall-clock times); own time is the CPU time spent inside the hook's "
        "(or plugin's) event handlers during the build. One build per row, so the Δ columns carry "
        "the noise of a shared machine (several per cent): a hook that does nothing on these pages "
        "(offline_build outside the offline build) and the repeated Material build show how much. "
        "Own time is the precise measure.\n\n" + table(rows) + targets(rows) + "\n" + growth(rows) + "\n"
    )


if __name__ == "__main__":
    sys.exit(main())
