"""act/leftovers.py: what a dead run left is told from a live run's files by the process id
in its name and the lock on it; a child started with `dying_with_this_process` dies with its parent.
Real processes, real locks."""

from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys

import pytest
from act.leftovers import dying_with_this_process, hold, left_over, process_alive, remove_left_overs
from testkit.processes import dead_pid, wait_for

PREFIX, SUFFIX = "offline-site-", ".part"
HOOKS = pathlib.Path(__file__).resolve().parents[2] / "hooks"


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
from act.leftovers import dying_with_this_process
command = dying_with_this_process("sleeper") if {dies} else [sys.executable, "-m", "sleeper"]
child = subprocess.Popen(command)
print(child.pid, flush=True)
child.wait()
"""


@pytest.mark.parametrize(("dies", "child_alive_after"), [(True, False), (False, True)])
def test_a_child_dies_with_its_parent(tmp_path, dies, child_alive_after):
    """SIGKILL for the parent alone: a child started with `dying_with_this_process` goes too;
    one started plainly runs on as an orphan (the case this guards against)."""
    (tmp_path / "sleeper.py").write_text("import time\ntime.sleep(60)\n", encoding="utf-8")
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT.format(hooks=str(HOOKS), dies=dies)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
    )
    child = int(parent.stdout.readline())
    try:
        assert wait_for(lambda: "sleeper" in pathlib.Path(f"/proc/{child}/cmdline").read_text(), 10)
        parent.send_signal(signal.SIGKILL)
        assert parent.wait(timeout=10) == -signal.SIGKILL
        gone = wait_for(lambda: not process_alive(child), 1.5)
        assert gone is not child_alive_after
    finally:
        parent.stdout.close()
        if process_alive(child):
            os.kill(child, signal.SIGKILL)


def test_the_child_runs_the_module_as_python_m_would(tmp_path):
    """Arguments, exit status and the working folder on sys.path, as under `python -m`."""
    (tmp_path / "echo_args.py").write_text(
        "import sys\nprint(sys.argv[1:], __name__)\nsys.exit(3)\n", encoding="utf-8"
    )
    result = subprocess.run(
        dying_with_this_process("echo_args", "a b", "--c"), cwd=tmp_path, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (3, "['a b', '--c'] __main__\n", "")
