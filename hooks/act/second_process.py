"""The build's second process: work that needs no answer before the build goes on, run on
another core (build machines, CI's too, have two cores or more).

On a site of `PageChecksSettings.second_process_from` pages or more, the page checks, the
near copies and the output gate (act/validation/checks.py) and the search index's extra
fields and prebuilt lunr index (act/search_work.py) run in one worker process, handed
their work a batch at a time as MkDocs makes it, while this process goes on with
Material's work. A smaller site (the real one has under 100 pages) makes the same calls in
this process, as they are made: a worker takes ~0.25 s of CPU to start.

Each kind of work is an object made in the worker by `Runner.start` and called by name;
one worker, so calls run in the order they were made, and the objects are one build's:
made when the build starts them, gone when it ends. The worker dies with the build,
however the build dies (Linux's PR_SET_PDEATHSIG); a failed build stops it
(`stop_all_after_failure`). Not `multiprocessing`: its spawned workers run the build's
main script again (MkDocs' command, pytest's, a benchmark's), and forked ones could
inherit locks that `mkdocs serve`'s threads hold.
"""

from __future__ import annotations

import collections
import contextlib
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
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import IO, Any

from mkdocs.config.defaults import MkDocsConfig

from act.build import build_of
from act.leftovers import dying_with_this_process
from act.problems import Problem

# Work is handed over this many pages at a time, queued as MkDocs hands the pages over:
# one call (one pickle, one answer) per batch rather than per page, and run back to back,
# a parser's code and data stay in the CPU caches (in a 3,000-page build the page checks
# cost ~25 % less CPU and the gate ~10 % than page by page, some of it moved to our next
# per-page step: benchmarks/NOTES.md, 2026-11-27 afternoon).
PAGES_PER_BATCH = 32
# Runners with a worker still running, so that a failed build (`on_build_error`, which is
# given no config) can stop them. Weak: a runner that is gone is dropped from it.
_running: weakref.WeakSet[Runner] = weakref.WeakSet()
ENDED = "the build's second process ended"
# The method of a call that makes a named object, `kind(*args)`: no method has this name.
_START = "<start>"


@dataclass(frozen=True)
class Named:
    """In `Runner.start`'s arguments: the object of that name made by the same runner
    before, where the work runs (None if there is none)."""

    name: str


def _resolve(args: tuple, objects: dict[str, Any]) -> list:
    return [objects.get(arg.name) if isinstance(arg, Named) else arg for arg in args]


class WorkerFailed(RuntimeError):
    """Work raised an error in the worker (a bug: bad input is reported, not raised)."""


class Runner:
    """Calls methods of named objects: in a worker process, or here and now; results as
    futures.

    The worker is `python -m act.second_process`, sent pickled calls on its standard
    input and answering each, in order, on a pipe of its own. A thread here writes the
    calls, so handing over a batch never waits for the worker; another reads the answers
    into the calls' futures."""

    def __init__(self, site_dir: str | None = None) -> None:
        """With `site_dir`, the work runs in a worker, whose command line names the site
        folder it serves (so `ps` tells which build it belongs to); without, here."""
        self.objects: dict[str, Any] = {}  # the objects made here (no worker)
        self.process: subprocess.Popen | None = None
        self.stopped = False  # a stopped runner answers no call
        if site_dir is None:
            return
        hooks_dir = str(pathlib.Path(__file__).resolve().parent.parent)
        path = os.pathsep.join(filter(None, [hooks_dir, os.environ.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            dying_with_this_process("act.second_process", "--site-dir", site_dir),
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

    def start(self, name: str, kind: type, *args: Any) -> None:
        """Make `kind(*args)` where the work runs, as `name` (a class, pickled by its name:
        the worker imports its module; a `Named` argument is another object made there).
        Made in a worker, an error in it fails every later call to `name`, saying why."""
        if self.process is None:
            self.objects[name] = kind(*_resolve(args, self.objects))
        else:
            self.call(name, _START, kind, *args)

    def call(self, name: str, method: str, *args: Any) -> Future:
        if self.stopped:
            ended: Future = Future()
            ended.set_exception(BrokenPipeError(ENDED))
            return ended
        if self.process is None:
            done: Future = Future()
            done.set_result(getattr(self.objects[name], method)(*args))  # an error raises here
            return done
        # Pickled here, so a value that cannot be sent fails this call, not the writer.
        data = pickle.dumps((name, method, args), protocol=pickle.HIGHEST_PROTOCOL)
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
        self.stopped = True
        process, self.process = self.process, None
        _running.discard(self)
        if process is None:
            return
        self.outbox.put(None)  # the worker ends once it has answered every call
        if not wait:
            process.kill()
        process.wait()
        self.reader.join()  # it closes the answers' pipe


class SecondProcess:
    """The build's one runner (`act.build.per_build`): the first hook to know the pages
    (`place`, the page checks' `on_files`) decides where the work runs; any later user
    gets the same runner, here when nobody placed it, and makes its object there on its
    first call (`call`)."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.start_from = build_of(config).settings.page_checks.second_process_from
        self.site_dir = str(pathlib.Path(config.site_dir).resolve())
        self._runner: Runner | None = None
        self._made: set[str] = set()  # the names of the objects made so far

    def call(self, name: str, make: Callable[[], tuple[Any, ...]], method: str, *args: Any) -> Future:
        """`method` of the object `name`, made first if this build has not made it yet:
        `make()` gives its class and arguments (see `Runner.start`)."""
        runner = self.runner()
        if name not in self._made:
            kind, *made_with = make()
            runner.start(name, kind, *made_with)
            self._made.add(name)
        return runner.call(name, method, *args)

    def place(self, pages: int) -> Runner:
        if self._runner is None:
            in_worker = self.start_from is not None and pages >= self.start_from
            self._runner = Runner(self.site_dir if in_worker else None)
        return self._runner

    def runner(self) -> Runner:
        if self._runner is None:
            self._runner = Runner()
        return self._runner

    def stop(self, *, wait: bool = True) -> None:
        """The end of the build: the worker, if any, stops once it has answered every call
        (at once, leaving them, when `wait` is false: the build failed)."""
        if self._runner is not None:
            self._runner.stop(wait=wait)


def result_or_problem(future: Future, label: str, what: str = "the page checks") -> tuple[Any, list[Problem]]:
    """A call's result, or, when the worker died under it, a problem saying so."""
    try:
        return future.result(), []
    except BrokenPipeError as exc:
        return None, [
            Problem(
                label,
                1,
                f"{what} did not finish ({exc}) — build again; if it happens again, report it with "
                "the build's log",
            )
        ]


def stop_all_after_failure() -> None:
    """A failed build: stop its worker now, with the calls still waiting left undone. All
    workers of this process: one build runs at a time (`mkdocs serve` rebuilds in turn)."""
    for runner in list(_running):
        runner.stop(wait=False)


def serve(inbox: IO[bytes], outbox: IO[bytes]) -> None:
    """The worker: answer each call, in order, until the build closes its end."""
    objects: dict[str, Any] = {}
    not_started: dict[str, str] = {}  # why a name's object could not be made
    while True:
        try:
            name, method, args = pickle.load(inbox)
        except EOFError:
            return
        try:
            if method == _START:
                kind, *rest = args
                objects[name], value = kind(*_resolve(tuple(rest), objects)), None
            elif name not in objects:
                raise RuntimeError(not_started.get(name, f"{name!r} was not started"))
            else:
                value = getattr(objects[name], method)(*args)
            answer = (True, value)
        except Exception:
            failure = f"{name}.{method} failed in the build's second process:\n{traceback.format_exc()}"
            if method == _START:
                not_started[name] = f"{name!r} did not start: {failure}"
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
    # This module's own code, not __main__'s copy: the calls hold `act.second_process.Named`
    # (as the build pickled them), which __main__'s `Named` is not.
    from act import second_process

    second_process.serve(sys.stdin.buffer, answers)
