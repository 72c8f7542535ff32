"""The page checks, near copies and the output gate, run beside the build on another core.

These checks only read and report: nothing they find changes a page, so they need not run
between Material's own steps. On a site of `PageChecksSettings.second_process_from` pages or
more they run in one worker process, handed batches of pages as MkDocs converts and writes
them, while this process goes on converting and rendering (build machines, CI's too, have
two cores or more). Their results are collected where the build needs them: the page checks'
and the near copies' in `on_env`, before any page is written; the gate's in
`on_post_build`. A smaller site (the real one has under 100 pages) makes the same calls in
this process, as they are made: a worker takes ~0.25 s of CPU to start.

One worker, so calls run in the order they were made (the near copies after every page's
checks), and its state (`Checks`) is one build's: made when the worker starts, gone when the
build ends. The worker dies with the build, however the build dies (Linux's PR_SET_PDEATHSIG);
a failed build stops it (`stop_all_after_failure`). Not `multiprocessing`: its spawned
workers run the build's main script again (MkDocs' command, pytest's, a benchmark's), and
forked ones could inherit locks that `mkdocs serve`'s threads hold.
"""

from __future__ import annotations

import collections
import contextlib
import html
import os
import pathlib
import pickle
import queue
import signal
import subprocess
import sys
import threading
import traceback
import weakref
from array import array
from concurrent.futures import Future
from dataclasses import dataclass
from typing import IO, Any

from act import near_copies
from act.html_text import strip_tags
from act.leftovers import dying_with_this_process
from act.problems import Problem, SourceMap
from act.security.gate import Policy, html_findings, line_of, site_file_findings
from act.validation.names import PageNames
from act.validation.page import SiteData, check_page
from act.validation.svg import svg_problems


@dataclass(frozen=True)
class PageToCheck:
    src_uri: str
    source: SourceMap
    meta: Any  # page.meta as MkDocs left it (a dict, or what a broken front matter gave)
    content: str  # the converted HTML of the page's body
    url: str
    listed: bool  # a content page: its text is compared for near copies


@dataclass(frozen=True)
class PageToGate:
    label: str  # docs/treatments/x.md
    abs_src_path: str | None  # where its source lines are looked up
    written: str  # the HTML file the build wrote for it


class Checks:
    """The checks themselves, with one build's state; in the worker or in this process."""

    def __init__(self, site: SiteData, policy: Policy, near_copy_limit: int | None) -> None:
        self.site = site
        self.policy = policy
        self.near_copy_limit = near_copy_limit  # None: the near copies are not looked for
        self.runs: dict[str, array] = {}  # each listed page's ten-word runs, by its label
        # Each gated page's file as it was when gated: a file changed since (by a plugin's
        # `on_post_build`) is gated again by `gate_site`.
        self.gated: dict[str, tuple[PageToGate, tuple[int, ...]]] = {}

    def check_pages(self, pages: list[PageToCheck]) -> list[tuple[list[Problem], PageNames | None]]:
        results = []
        for page in pages:
            result = check_page(page.source, page.src_uri, page.meta, page.content, page.url, self.site)
            if page.listed and self.near_copy_limit is not None:
                self.runs[page.source.path] = near_copies.run_hashes(strip_tags(page.content))
            results.append((result.problems, result.names))
        return results

    def near_copies(self) -> list[Problem]:
        """Content pages that repeat each other: each pair named on both pages."""
        # Only needed here: the runs are let go for the rest of the build.
        hashed, self.runs = self.runs, {}
        limit = self.near_copy_limit
        if limit is None:
            return []
        problems = []
        for first, second, count in near_copies.near_copies(hashed, limit):
            problems.append(Problem(first, 1, near_copies.message(second, count, limit)))
            problems.append(Problem(second, 1, near_copies.message(first, count, limit)))
        return problems

    def gate_pages(self, pages: list[PageToGate]) -> list[Problem]:
        """Each page as the build wrote it, parsed as a browser parses it, against the allowlist."""
        problems = []
        for page in pages:
            try:
                with open(page.written, "rb") as file:
                    data = file.read()
                    self.gated[page.written] = (page, _version(os.fstat(file.fileno())))
            except OSError as exc:  # deleted or made unreadable since the build wrote it
                problems.append(
                    Problem(
                        page.label,
                        1,
                        f"the built page cannot be read back to check it ({exc.strerror}) — build again",
                    )
                )
                continue
            findings = html_findings(data.decode("utf-8", errors="replace"), self.policy)
            if not findings:
                continue
            try:
                text = pathlib.Path(page.abs_src_path or "").read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            for finding in findings:
                # The source may hold the text entity-encoded (`&lt;img`).
                line = line_of(text, finding.needle)
                if line == 1 and finding.needle:
                    line = line_of(text, html.escape(finding.needle, quote=False))
                problems.append(Problem(page.label, line, f"in the built page: {finding.message}"))
        return problems

    def gate_site(self, site_dir: str, gated: frozenset[str]) -> list[Problem]:
        """Every other file the build wrote: HTML, SVG, JS, JSON and XML, and no unknown type."""
        problems = []
        for written, (page, version) in list(self.gated.items()):
            try:
                changed = _version(os.stat(written)) != version
            except OSError:
                changed = False  # gone: nothing of it is published
            if changed:
                problems += self.gate_pages([page])
        root = pathlib.Path(site_dir)
        if not root.is_dir():
            return problems
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                problems.append(Problem(f"site/{rel}", 1, "symbolic link in the built site — remove it"))
                continue
            if not path.is_file() or rel in gated:
                continue
            label = f"site/{rel}"
            data = path.read_bytes()
            if path.suffix.lower() == ".svg":
                problems += svg_problems(label, data)
                continue
            for finding in site_file_findings(pathlib.PurePosixPath(rel), data, self.policy, set()):
                text = data.decode("utf-8", errors="replace") if finding.needle else ""
                problems.append(Problem(label, line_of(text, finding.needle), finding.message))
        return problems


def _version(stat: os.stat_result) -> tuple[int, ...]:
    """What changes when a file is written again: its inode, size and times."""
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


# --- where the checks run ------------------------------------------------------------

# Runners with a worker still running, so that a failed build (`on_build_error`, which is
# given no config) can stop them. Weak: a runner that is gone is dropped from it.
_running: weakref.WeakSet[Runner] = weakref.WeakSet()
ENDED = "the page checks' process ended"
_START = "start"  # the first call a worker gets: `Checks(site, policy, near_copy_limit)`


class WorkerFailed(RuntimeError):
    """A check raised an error in the worker (a bug: bad input is reported, not raised)."""


class Runner:
    """Calls `Checks` methods: in a worker process, or here and now; results as futures.

    The worker is `python -m act.validation.second_process`, sent pickled calls on its
    standard input and answering each, in order, on a pipe of its own. A thread here writes
    the calls, so handing over a batch never waits for the worker; another reads the answers
    into the calls' futures."""

    def __init__(
        self, site: SiteData, policy: Policy, near_copy_limit: int | None, site_dir: str | None = None
    ) -> None:
        """With `site_dir`, the checks run in a worker, whose command line names the site
        folder it checks (so `ps` tells which build it serves); without, here."""
        self.checks: Checks | None = None
        self.process: subprocess.Popen | None = None
        if site_dir is None:
            self.checks = Checks(site, policy, near_copy_limit)
            return
        hooks_dir = str(pathlib.Path(__file__).resolve().parent.parent.parent)
        path = os.pathsep.join(filter(None, [hooks_dir, os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            dying_with_this_process("act.validation.second_process", "--site-dir", site_dir),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # MkDocs put hooks/ on sys.path only while it loaded the hooks.
            env=dict(os.environ, PYTHONPATH=path),
        )
        self.outbox: queue.SimpleQueue = queue.SimpleQueue()
        self.waiting: collections.deque[Future] = collections.deque()  # answers come in order
        self.lock = threading.Lock()
        self.ended = False  # the worker has gone: no answer will come
        threading.Thread(target=self._write, args=(self.process.stdin,), daemon=True).start()
        self.reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self.reader.start()
        _running.add(self)
        self.call(_START, site, policy, near_copy_limit)

    def call(self, method: str, *args: Any) -> Future:
        if self.process is None:
            assert self.checks is not None
            done: Future = Future()
            done.set_result(getattr(self.checks, method)(*args))  # an error raises here, as it did
            return done
        # Pickled here, so a value that cannot be sent fails this call, not the writer.
        data = pickle.dumps((method, args), protocol=pickle.HIGHEST_PROTOCOL)
        future: Future = Future()
        with self.lock:  # a call's place among the answers is its place among the calls
            if self.ended:
                future.set_exception(BrokenPipeError(ENDED))
                return future
            self.waiting.append(future)
            self.outbox.put(data)
        return future

    def _write(self, pipe: IO[bytes]) -> None:
        try:
            while (data := self.outbox.get()) is not None:
                pipe.write(data)  # one pickle: the worker's pickle.load reads exactly it
                pipe.flush()
        except (BrokenPipeError, OSError):
            pass  # the worker is gone: the reader fails what is waiting
        finally:
            with contextlib.suppress(OSError):
                pipe.close()

    def _read(self, pipe: IO[bytes]) -> None:
        try:
            while True:
                ok, value = pickle.load(pipe)
                with self.lock:
                    future = self.waiting.popleft()
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(WorkerFailed(value))
        except BaseException:  # the end of the answers (EOF), or answers that cannot be read
            pass
        finally:
            # Whatever ended the answers, no call is left waiting for one (a build waits
            # on its calls without a time limit).
            with contextlib.suppress(OSError):
                pipe.close()
            with self.lock:
                self.ended = True
                left, self.waiting = list(self.waiting), collections.deque()
            for future in left:
                future.set_exception(BrokenPipeError(ENDED))

    def stop(self, *, wait: bool = True) -> None:
        process, self.process = self.process, None
        _running.discard(self)
        if process is None:
            return
        self.outbox.put(None)  # the worker ends once it has answered every call
        if not wait:
            process.kill()
        process.wait()
        self.reader.join()  # it closes the answers' pipe


def result_or_problem(future: Future, label: str) -> tuple[Any, list[Problem]]:
    """A call's result, or, when the worker died under it, a problem saying so."""
    try:
        return future.result(), []
    except BrokenPipeError as exc:
        return None, [
            Problem(
                label,
                1,
                f"the page checks stopped before they finished ({exc}) — build again; if it happens "
                "again, report it with the build's log",
            )
        ]


def stop_all_after_failure() -> None:
    """A failed build: stop its worker now, with the calls still waiting left undone. All
    workers of this process: one build runs at a time (`mkdocs serve` rebuilds in turn)."""
    for runner in list(_running):
        runner.stop(wait=False)


def serve(inbox: IO[bytes], outbox: IO[bytes]) -> None:
    """The worker: answer each call, in order, until the build closes its end."""
    checks: Checks | None = None
    not_started = "the worker was not started"
    while True:
        try:
            method, args = pickle.load(inbox)
        except EOFError:
            return
        try:
            if method == _START:
                checks, value = Checks(*args), None
            elif checks is None:
                raise RuntimeError(not_started)
            else:
                value = getattr(checks, method)(*args)
            answer = (True, value)
        except Exception:
            failure = f"{method} failed in the page checks' process:\n{traceback.format_exc()}"
            if method == _START:
                not_started = f"the worker did not start: {failure}"
            answer = (False, failure)
        pickle.dump(answer, outbox, protocol=pickle.HIGHEST_PROTOCOL)
        outbox.flush()


if __name__ == "__main__":
    # Run by `Runner` (act.leftovers.dying_with_this_process has made it die with the build).
    # Its answers go on a pipe of their own: anything printed goes to standard error.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    # Ctrl-C reaches every process of the terminal's group: the build decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serve(sys.stdin.buffer, answers)
