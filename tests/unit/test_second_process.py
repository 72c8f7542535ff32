"""The build's second process (act/second_process.py) running the page checks
(act/validation/checks.py), with no build: a worker answers what the build's own process
answers, in order; an error in it is raised
with its traceback; a worker that dies or a failed build ends in a problem, never a hang."""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import signal
import time

import pytest
from act import second_process
from act.leftovers import process_alive
from act.problems import Problem, SourceMap
from act.second_process import Runner, WorkerFailed, result_or_problem, stop_all_after_failure
from act.security.gate import Policy
from act.validation.checks import Checks, PageToCheck, PageToGate
from act.validation.page import SiteData
from testkit.processes import processes_mentioning, wait_for

SITE = SiteData(vocabulary={}, variants={}, today=dt.date(2026, 11, 27), allow_overdue=False)
ONERROR = (
    "attribute 'onerror' on <img> is not allowed — remove it; if the theme or a hook writes it on purpose, "
    "add it to hooks/act/security/allowlist.py"
)
# 25 words: 16 ten-word runs.
SHARED = (
    "Your care team talks about what the treatment involves, how long it takes, "
    "what you may feel, and what help you can get at home."
)


@pytest.fixture
def written(tmp_path) -> list[PageToGate]:
    """Two built pages and their sources: one clean, one with a script the gate refuses."""
    pages = []
    for name, body in (("clean", "<p>Fine.</p>"), ("hostile", "<p>Fine.</p>\n<img src=x onerror=alert(1)>")):
        source = tmp_path / f"{name}.md"
        source.write_text(
            f"# {name}\n\nFine.\n\n<img src=x onerror=alert(1)>\n" if name == "hostile" else "# x\n"
        )
        page = tmp_path / "site" / f"{name}.html"
        page.parent.mkdir(exist_ok=True)
        page.write_text(f"<!doctype html><html><head><title>{name}</title></head><body>{body}</body></html>")
        pages.append(PageToGate(f"docs/{name}.md", str(source), str(page)))
    return pages


def listed(name: str, text: str) -> PageToCheck:
    source = SourceMap(f"docs/{name}.md", f"# {name}\n\n{text}\n")
    return PageToCheck(f"{name}.md", source, {}, f"<p>{text}</p>", f"{name}/", listed=True)


def checks(near_copy_limit: int | None, site_dir: str | None = None) -> Runner:
    """A runner with the page checks started, in a worker when `site_dir` is given."""
    runner = Runner(site_dir)
    runner.start("checks", Checks, SITE, Policy(), near_copy_limit)
    return runner


def answers(runner: Runner, written: list[PageToGate]) -> list:
    calls = [
        runner.call("checks", "gate_pages", written),
        runner.call("checks", "check_pages", [listed("one", SHARED), listed("two", SHARED)]),
        runner.call("checks", "near_copies"),
        runner.call(
            "checks", "gate_site", str(pathlib.Path(written[0].written).parent), frozenset(["clean.html"])
        ),
    ]
    return [call.result(timeout=60) for call in calls]


def test_a_worker_answers_what_the_build_process_answers(tmp_path, written):
    here = checks(15)
    there = checks(15, str(tmp_path / "site"))
    try:
        expected = answers(here, written)
        assert answers(there, written) == expected
    finally:
        there.stop()
    gate, _checked, near, site = expected
    assert gate == [Problem("docs/hostile.md", 5, f"in the built page: {ONERROR}")]
    assert near == [
        Problem(
            f"docs/{first}.md",
            1,
            f"shares 16 10-word runs with docs/{second}.md (more than 15) — say what is specific to each page, "
            "and keep shared background on one page that the other links to",
        )
        for first, second in (("one", "two"), ("two", "one"))
    ]
    assert site == [Problem("site/hostile.html", 2, ONERROR)]  # not gated as a page: gated as a file


def test_the_worker_ends_with_the_build_and_leaves_no_process(tmp_path, written):
    runner = checks(None, str(tmp_path / "site"))
    process = runner.process
    assert process is not None and processes_mentioning(str(tmp_path / "site"))
    runner.stop()
    assert process.returncode == 0
    assert not processes_mentioning(str(tmp_path / "site"))


def test_an_error_in_the_worker_is_raised_with_its_traceback(tmp_path):
    runner = checks(None, str(tmp_path / "site"))
    try:
        with pytest.raises(WorkerFailed) as failed:
            runner.call("checks", "no_such_check").result(timeout=60)
        assert "checks.no_such_check failed in the build's second process" in str(failed.value)
        assert "AttributeError: 'Checks' object has no attribute 'no_such_check'" in str(failed.value)
        # The worker goes on answering.
        assert runner.call("checks", "near_copies").result(timeout=60) == []
    finally:
        runner.stop()


def test_a_worker_that_dies_is_a_problem_not_a_hang(tmp_path, written):
    runner = checks(None, str(tmp_path / "site"))
    try:
        assert runner.call("checks", "near_copies").result(timeout=60) == []
        assert runner.process is not None
        os.kill(runner.process.pid, signal.SIGKILL)
        runner.process.wait(timeout=30)
        late = runner.call("checks", "gate_pages", written)
        assert result_or_problem(late, "docs") == (
            None,
            [
                Problem(
                    "docs",
                    1,
                    "the page checks did not finish (the build's second process ended) — build again; if "
                    "it happens again, report it with the build's log",
                )
            ],
        )
    finally:
        runner.stop()


def test_a_failed_build_stops_its_worker_at_once(tmp_path, written):
    """`on_build_error` (no config): every live worker stops, its waiting calls undone."""
    runner = checks(None, str(tmp_path / "site"))
    waiting = [runner.call("checks", "gate_pages", written * 200) for _ in range(20)]
    stop_all_after_failure()
    assert not second_process._running
    assert wait_for(lambda: not processes_mentioning(str(tmp_path / "site")), 10)
    assert all(call.done() for call in waiting)


# A build's process, with a worker busy on a long call when the build is killed outright.
BUSY_BUILD = """\
import datetime as dt, sys, time
sys.path.insert(0, sys.argv[1])
from act.security.gate import Policy
from act.validation.page import SiteData
from act.second_process import Runner
from act.validation.checks import Checks, PageToGate
runner = Runner(sys.argv[2])
runner.start("checks", Checks, SiteData({}, {}, dt.date(2026, 11, 27), False), Policy(), None)
page = PageToGate("docs/x.md", None, sys.argv[3])
runner.call("checks", "gate_pages", [page] * 1_000_000)  # minutes of work
print(runner.process.pid, flush=True)
time.sleep(120)
"""


def test_a_worker_busy_when_its_build_is_killed_outright_dies_with_it(tmp_path, written):
    """SIGKILL leaves the build no time to stop its worker, and a busy worker does not read
    the end of its input: the system kills it (Linux's PR_SET_PDEATHSIG)."""
    import subprocess
    import sys

    from testkit.sitebuild import ROOT

    site = str(tmp_path / "site")
    build = subprocess.Popen(
        [sys.executable, "-c", BUSY_BUILD, str(ROOT / "hooks"), site, written[1].written],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert build.stdout is not None
        worker = int(build.stdout.readline())
        time.sleep(0.5)  # well into the long call
        assert processes_mentioning(site) and not build.poll()
        build.kill()
        build.wait(timeout=30)
        assert wait_for(lambda: not processes_mentioning(site), 10), processes_mentioning(site)
        # Gone, or dead and waiting to be reaped (a killed process lingers while it exits).
        assert wait_for(lambda: not process_alive(worker), 10)
    finally:
        build.kill()
        build.communicate()


def test_a_worker_that_did_not_start_says_why_on_every_call():
    import io
    import pickle

    inbox = io.BytesIO(
        pickle.dumps(("checks", second_process._START, (Checks,)))
        + pickle.dumps(("checks", "near_copies", ()))
    )
    outbox = io.BytesIO()
    second_process.serve(inbox, outbox)
    outbox.seek(0)
    started, called = pickle.load(outbox), pickle.load(outbox)
    assert started[0] is False and "TypeError" in started[1]
    assert called[0] is False
    assert called[1].startswith("checks.near_copies failed in the build's second process:")
    assert "'checks' did not start: checks.<start> failed in the build's second process" in called[1]


def test_answers_that_cannot_be_read_fail_every_waiting_call(tmp_path, monkeypatch):
    """However the answers end (here: one that cannot be unpickled), no call waits for ever."""
    runner = checks(None, str(tmp_path / "site"))
    try:
        assert runner.call("checks", "near_copies").result(timeout=60) == []

        import pickle

        class Unreadable:
            """pickle as the runner uses it, but no answer can be read."""

            dumps, HIGHEST_PROTOCOL = pickle.dumps, pickle.HIGHEST_PROTOCOL

            @staticmethod
            def load(pipe):
                raise TypeError("cannot read this answer")

        monkeypatch.setattr(second_process, "pickle", Unreadable)  # the reader's next load
        # The reader was already waiting for the next answer with the real pickle: it reads
        # the first call's answer, then fails on the second's.
        first, second = runner.call("checks", "near_copies"), runner.call("checks", "near_copies")
        assert first.result(timeout=60) == []
        with pytest.raises(BrokenPipeError):
            second.result(timeout=60)
        with pytest.raises(BrokenPipeError):
            runner.call("checks", "near_copies").result(timeout=1)
    finally:
        monkeypatch.undo()
        runner.stop()


@pytest.fixture
def private_unreadable(monkeypatch):
    """Any folder named `private` cannot be listed (the tests run as root, whom no mode stops)."""
    from act.security import files

    scandir = files.os.scandir

    def refusing(path):
        if str(path).endswith("private"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(files.os, "scandir", refusing)


def test_links_are_found_past_a_folder_that_cannot_be_read(tmp_path, private_unreadable):
    """os.walk (MkDocs' listing) skips a folder it cannot read; so does the link search, and
    it goes on to find the links elsewhere."""
    from act.security import files

    (tmp_path / "private").mkdir()
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "env.txt").symlink_to("/proc/self/environ")
    assert files.symlinks([(tmp_path, "docs")]) == [
        (str(tmp_path / "public" / "env.txt"), "docs/public/env.txt")
    ]


def test_the_gate_reports_what_is_in_the_site_but_not_a_file_it_can_check(tmp_path, private_unreadable):
    """The built site is walked for every file: a pipe (never read: reading it would wait
    for ever), a link and a folder that cannot be listed are each a problem, not skipped."""
    site = tmp_path / "site"
    (site / "private").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><html><head><title>x</title></head><body></body></html>")
    os.mkfifo(site / "pipe.html")
    (site / "env.txt").symlink_to("/proc/self/environ")
    found = Checks(SITE, Policy(), None).gate_site(str(site), frozenset(["index.html"]))
    assert sorted(found) == [
        Problem("site/env.txt", 1, "symbolic link in the built site — remove it"),
        Problem(
            "site/pipe.html", 1, "not a regular file (a pipe, socket or device) in the built site — remove it"
        ),
        Problem(
            "site/private",
            1,
            "folder in the built site that cannot be read, so it cannot be checked — make it readable "
            "(chmod -R u+rwX site) or delete it, then build again",
        ),
    ]


def test_a_stopped_runner_answers_no_call_wherever_it_ran(tmp_path):
    for site_dir in (None, str(tmp_path / "site")):
        runner = checks(None, site_dir)
        runner.stop()
        with pytest.raises(BrokenPipeError):
            runner.call("checks", "near_copies").result(timeout=10)
