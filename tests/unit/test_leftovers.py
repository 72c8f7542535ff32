"""act/leftovers.py: what a dead run left is told from a live run's files by the process id
in its name and the lock on it; a child started with `die_with_parent` dies with its parent.
Real processes, real locks."""

from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys
import textwrap

import pytest
from act.leftovers import hold, left_over, process_alive, remove_left_overs
from testkit.processes import dead_pid, wait_for

PREFIX, SUFFIX = "offline-site-", ".part"


def zombie() -> subprocess.Popen:
    """A process that has ended but is not yet reaped."""
    process = subprocess.Popen([sys.executable, "-c", ""])
    stat = pathlib.Path(f"/proc/{process.pid}/stat")
    assert wait_for(lambda: stat.read_text().rpartition(")")[2].split()[0] == "Z", 10)
    return process


# (the process named in the file's name, whether someone holds its lock) -> left over?
CASES = {
    "dead-process-no-lock": ("dead", False, True),
    "dead-process-locked-by-its-child": ("dead", True, False),
    "live-process-not-yet-locked": ("live", False, False),
    "live-process-locked": ("live", True, False),
    "zombie-process-no-lock": ("zombie", False, True),
    "no-process-named-no-lock": ("none", False, True),
    "no-process-named-locked": ("none", True, False),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("kind", ["folder", "file"])
def test_left_over(tmp_path, case, kind):
    named, locked, expected = CASES[case]
    reaped = None
    if named == "dead":
        middle = f"{dead_pid()}-{'a' * 16}"
    elif named == "live":
        middle = f"{os.getpid()}-{'b' * 16}"
    elif named == "zombie":
        reaped = zombie()
        middle = f"{reaped.pid}-{'c' * 16}"
    else:
        middle = "stale"
    path = tmp_path / f"{PREFIX}{middle}{SUFFIX}"
    path.mkdir() if kind == "folder" else path.write_bytes(b"")
    lock = hold(path) if locked else None
    try:
        assert left_over(path, PREFIX, SUFFIX) is expected
        assert remove_left_overs(tmp_path, PREFIX, SUFFIX) == ([path] if expected else [])
        assert path.exists() is not expected
    finally:
        if lock is not None:
            os.close(lock)
        if reaped is not None:
            reaped.wait()


def test_a_lock_passed_to_a_child_outlives_the_parent(tmp_path):
    """The run (here: this test) closes its copy; its child's copy still holds the lock."""
    folder = tmp_path / f"{PREFIX}{dead_pid()}-{'d' * 16}"
    folder.mkdir()
    lock = hold(folder)
    child = subprocess.Popen(["sleep", "60"], pass_fds=(lock,))
    os.close(lock)
    try:
        assert not left_over(folder, PREFIX)
    finally:
        child.kill()
        child.wait()
    assert left_over(folder, PREFIX)


def test_process_alive():
    assert process_alive(os.getpid())
    assert not process_alive(dead_pid())


PARENT = """
import subprocess, sys
sys.path.insert(0, {hooks!r})
from act.leftovers import die_with_parent
child = subprocess.Popen(["sleep", "60"], preexec_fn=die_with_parent() if {dies} else None)
print(child.pid, flush=True)
child.wait()
"""


@pytest.mark.parametrize(("dies", "child_alive_after"), [(True, False), (False, True)])
def test_a_child_dies_with_its_parent(dies, child_alive_after):
    """SIGKILL for the parent alone: with `die_with_parent` the child goes too; without it,
    it runs on as an orphan (the case this guards against)."""
    hooks = os.path.join(os.path.dirname(__file__), "..", "..", "hooks")
    parent = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(PARENT.format(hooks=os.path.abspath(hooks), dies=dies))],
        stdout=subprocess.PIPE,
        text=True,
    )
    child = int(parent.stdout.readline())
    try:
        parent.send_signal(signal.SIGKILL)
        assert parent.wait(timeout=10) == -signal.SIGKILL
        gone = wait_for(lambda: not process_alive(child), 1.5)
        assert gone is not child_alive_after
    finally:
        parent.stdout.close()
        if process_alive(child):
            os.kill(child, signal.SIGKILL)
