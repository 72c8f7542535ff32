"""Build one site once and print what it cost, as JSON on the last line of stdout.

Run as a subprocess by bench.py, so the peak memory (this process' max RSS) belongs to
this build alone. Every event handler of every hook and plugin is wrapped in a timer,
so each one's own time is measured in the same build.

    python benchmarks/build_once.py path/to/mkdocs.yml
"""

from __future__ import annotations

import functools
import json
import logging
import resource
import sys
import time
from collections import defaultdict

from mkdocs.commands.build import build
from mkdocs.config import load_config

own_time: dict[str, float] = defaultdict(float)


def _timed(origin: str, method):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            own_time[origin] += time.perf_counter() - start

    return wrapper


def _instrument(config) -> None:
    plugins = config.plugins
    for event, methods in plugins.events.items():
        wrapped = []
        for method in methods:
            origin = plugins._event_origins.get(method, "<unknown>")
            timed = _timed(origin, method)
            plugins._event_origins[timed] = origin
            wrapped.append(timed)
        plugins.events[event] = wrapped


def main(config_file: str) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    start = time.perf_counter()
    config = load_config(config_file)
    _instrument(config)
    build(config)
    elapsed = time.perf_counter() - start
    max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"build_s": elapsed, "max_rss_mb": max_rss_kb / 1024, "own_s": dict(own_time)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
