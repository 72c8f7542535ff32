"""Build one site once and print what it cost, as JSON on the last line of stdout.

Run as a subprocess by bench.py, so the peak memory (this process' max RSS) belongs to
this build alone; the CPU time and peak memory of the build's second process (a
child, on large sites) are reported beside it. Every event handler of every hook and plugin is wrapped in a timer,
so each one's own time is measured in the same build. Times are CPU seconds of this
process (the machine is shared, so wall-clock time says more about the neighbours);
the wall-clock time is reported too.

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
# Wall-clock time inside each one's events: its CPU time, and the time it waits (for the
# build's second process, when the work runs in one) while the build cannot go on.
own_wall: dict[str, float] = defaultdict(float)


def _timed(origin: str, method):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        start, wall = time.process_time(), time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            own_time[origin] += time.process_time() - start
            own_wall[origin] += time.perf_counter() - wall

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
    start, cpu_start = time.perf_counter(), time.process_time()
    config = load_config(config_file)
    _instrument(config)
    build(config)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # The build's second process (act/second_process.py), ended and
    # waited for by the end of the build: its CPU time and peak memory, beside the build's.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "wall_s": time.perf_counter() - start,
        "build_s": time.process_time() - cpu_start,
        "max_rss_mb": usage.ru_maxrss / 1024,
        "hooks_s": dict(own_time),
        "hooks_wall_s": dict(own_wall),
        "second_process_s": children.ru_utime + children.ru_stime,
        "second_process_rss_mb": children.ru_maxrss / 1024,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
