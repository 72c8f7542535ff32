"""Processes as the system lists them (/proc), for tests that kill a run and look for orphans."""

from __future__ import annotations

import contextlib
import os
import pathlib
import signal
import subprocess
import sys
import time
from collections.abc import Callable

from act.leftovers import process_alive

PROC = pathlib.Path("/proc")


def _stat(pid_dir: pathlib.Path) -> list[str] | None:
    try:
        text = (pid_dir / "stat").read_text(encoding="ascii", errors="replace")
    except OSError:  # gone meanwhile
        return None
    return text.rpartition(")")[2].split()  # state, ppid, …


def children_of(pid: int) -> list[int]:
    """The running (not zombie) processes whose parent is `pid`."""
    found = []
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat(entry)
            if fields and fields[0] != "Z" and int(fields[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def processes_mentioning(text: str) -> list[str]:
    """`pid: command line` of every running process whose command line contains `text`."""
    return [f"{pid}: {command}" for pid, command in _mentioning(text)]


def kill_processes_mentioning(text: str) -> None:
    """SIGKILL every process whose command line contains `text` (a test's own orphans, named
    by the test's own folder), so a failing test leaves nothing running."""
    for pid, _ in _mentioning(text):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _mentioning(text: str) -> list[tuple[int, str]]:
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in command and process_alive(int(entry.name)):
            found.append((int(entry.name), command.strip()))
    return found


def wait_for(condition: Callable[[], object], timeout: float, step: float = 0.01) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


def dead_pid() -> int:
    """The id of a process that has just ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


def start_script(script: pathlib.Path, args: list[str], env: dict[str, str]) -> subprocess.Popen:
    """`python script args` from the project root in a process group of its own (as a
    terminal or CI job runs it), its output collected for `finish`."""
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        cwd=script.parents[1],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def finish(process: subprocess.Popen, timeout: float) -> None:
    """Wait for a run that nobody interrupts; it must succeed (its output is the message)."""
    out, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, out


def kill_outright(process: subprocess.Popen, whom: str, folder: pathlib.Path) -> None:
    """SIGKILL a run started by `start_script`: its Python parent alone (`whom="parent"`) or
    its whole process group (`"group"`). Asserts nothing mentioning `folder` runs on: the
    run's mkdocs child died with it (an orphan would still be listed)."""
    if whom == "parent":
        process.send_signal(signal.SIGKILL)
    else:
        os.killpg(process.pid, signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    assert wait_for(lambda: not processes_mentioning(str(folder)), 10), processes_mentioning(str(folder))
