"""What a run killed outright (SIGKILL, a power cut) leaves behind, and how the next run
tells it from the files of a run still in progress.

A run cannot clean up after SIGKILL, so every temporary file or folder a long command
(`make offline`, `make zim`) makes is found and removed by the next run. Two marks keep a
live run's files safe from that:

- its name carries the process id of the run that made it (`prefix<pid>-<random>suffix`):
  while that process lives, what it made is in use, even in the instant between making a
  file and locking it;
- the run holds an exclusive lock (flock) on it while it works, shared with any child
  process it starts (the `mkdocs build` writing the site folder): the system drops the lock
  when the last holder dies, however it dies.

Something is left over only when both say so: its process is gone and nobody holds its
lock. A process id the system has given to a new process keeps a leftover until that
process ends: never a live run's files removed, at worst a leftover kept a while longer.

A child process started with `dying_with_this_process` is killed by the system when the
run that started it dies, so a killed run leaves no orphan `mkdocs` behind either (Linux's
PR_SET_PDEATHSIG; elsewhere the child finishes its build and exits, and its lock keeps its
folder until then).
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import pathlib
import re
import secrets
import shutil
import sys
from collections.abc import Iterator

# `<pid>-<16 hex digits>` between a temporary's prefix and suffix.
_RUN_MARK = re.compile(r"(?P<pid>\d+)-[0-9a-f]{16}")


def temporary_path(folder: pathlib.Path, prefix: str, suffix: str = "") -> pathlib.Path:
    """A new name in `folder` marked with this process's id, not yet made. Name it first,
    then make it inside the `try` that removes it: an interruption (a signal lands between
    any two steps) between making and the `try` would otherwise leave it behind, as
    `tempfile.mkdtemp` and `mkstemp` can."""
    return folder / f"{prefix}{os.getpid()}-{secrets.token_hex(8)}{suffix}"


def hold(path: pathlib.Path) -> int:
    """Lock `path` (a file or a folder) for this run; returns the descriptor, which holds the
    lock until it and every copy given to a child process are closed. The descriptor is not
    inherited unless passed on (`pass_fds`)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except BaseException:
        os.close(fd)
        raise
    return fd


def process_alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    try:
        stat = pathlib.Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:  # no /proc (macOS): os.kill said it exists
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _locked_by_someone(path: pathlib.Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:  # its run just finished and removed it
        return True
    except OSError:  # cannot open it to test: leave it
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # also drops the lock just taken
    return False


def left_over(path: pathlib.Path, prefix: str, suffix: str = "") -> bool:
    """Whether `path` (named `prefix…suffix`) is what a dead run left: the process named in
    it is gone (or no process is named) and nobody holds its lock."""
    middle = path.name[len(prefix) : len(path.name) - len(suffix)]
    mark = _RUN_MARK.fullmatch(middle)
    if mark and process_alive(int(mark["pid"])):
        return False
    return not _locked_by_someone(path)


def remove_left_overs(folder: pathlib.Path, prefix: str, suffix: str = "") -> list[pathlib.Path]:
    """Remove every file or folder `folder/prefix*suffix` that a dead run left; return them."""
    removed = []
    for path in sorted(folder.glob(f"{glob.escape(prefix)}*{glob.escape(suffix)}")):
        if path.is_symlink() or not left_over(path, prefix, suffix):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


@contextlib.contextmanager
def held_folder(folder: pathlib.Path, prefix: str, suffix: str = "") -> Iterator[tuple[pathlib.Path, int]]:
    """A new private folder `folder/prefix<pid>-<random>suffix`, locked, removed on the way
    out (also on Ctrl-C and SIGTERM); first removes what dead runs left with this prefix and
    suffix. Yields (the folder, the lock's descriptor: pass it to a child that writes there)."""
    remove_left_overs(folder, prefix, suffix)
    path = temporary_path(folder, prefix, suffix)
    fd = None
    try:  # made inside the `try`, so an interruption at any point removes it
        path.mkdir(mode=0o700)
        fd = hold(path)
        yield path, fd
    finally:
        shutil.rmtree(path, ignore_errors=True)
        if fd is not None:
            os.close(fd)


# Run in the child with `python -c`, before the module it runs: asks the system for SIGKILL
# when the parent dies (Linux's PR_SET_PDEATHSIG), then checks the parent did not die before
# the request took hold. Done in the child itself, not in a `preexec_fn`: that makes the
# parent run Python's fork handlers, where a SIGTERM or Ctrl-C landing is printed and
# dropped instead of stopping the run. `-c`, like `-m`, puts the working folder first on
# sys.path, so the module sees the same path as under `python -m`.
_DIE_WITH_PARENT = """\
import ctypes, os, runpy, signal, sys
parent, module = int(sys.argv[1]), sys.argv[2]
if sys.platform.startswith("linux") and ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0):  # 1: PR_SET_PDEATHSIG
    sys.exit("prctl(PR_SET_PDEATHSIG) failed")
if os.getppid() != parent:
    os._exit(1)
sys.argv = [module, *sys.argv[3:]]
runpy.run_module(module, run_name="__main__", alter_sys=True)
"""


def dying_with_this_process(module: str, *args: str) -> list[str]:
    """The command for `python -m module args…` in a child the system kills when this
    process dies, however it dies (Linux; elsewhere the child runs to its end)."""
    return [sys.executable, "-c", _DIE_WITH_PARENT, str(os.getpid()), module, *args]
