"""Issue 13, class 9 for `make zim`: an interrupted ZIM build leaves nothing half-written,
and what a run killed outright (SIGKILL) left is removed by the next run. Real libzim."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from act.leftovers import hold
from act.zim.naming import zim_file_name
from act.zim.writer import WORK_FOLDER_PREFIX, PageText, ZimMetadata, _Entry, write_zim_atomically
from testkit.processes import dead_pid

METADATA = ZimMetadata("T", "Long description.", "Creator", "https://example.org/", dt.date(2026, 11, 1))
PAGE = b"<html><head><title>Home</title></head><body><h1>Home</h1><p>Words.</p></body></html>"


def entries(interrupt_after: int | None = None):
    yield _Entry("index.html", "text/html", PAGE, PageText("Home", "", "Words."))
    if interrupt_after == 1:
        raise KeyboardInterrupt  # what Ctrl-C, or SIGTERM through scripts/zim.py, raises
    yield _Entry("other.html", "text/html", PAGE, PageText("Other", "", "Words."))


def test_an_interrupted_zim_build_leaves_the_old_file_and_no_part(tmp_path):
    output = tmp_path / zim_file_name(METADATA.date)
    output.write_bytes(b"last month's ZIM")
    with pytest.raises(KeyboardInterrupt):
        write_zim_atomically(entries(interrupt_after=1), METADATA, output)
    assert sorted(p.name for p in tmp_path.iterdir()) == [output.name]
    assert output.read_bytes() == b"last month's ZIM"


def test_the_next_zim_build_removes_what_a_killed_run_left(tmp_path):
    """A killed run's work folder goes, whatever libzim had written in it; one whose run is
    alive (its process, or its lock) stays; other files stay."""
    killed = tmp_path / f"{WORK_FOLDER_PREFIX}{dead_pid()}-{'0' * 16}.part"
    live_process = tmp_path / f"{WORK_FOLDER_PREFIX}{os.getppid()}-{'1' * 16}.part"
    live_lock = tmp_path / f"{WORK_FOLDER_PREFIX}{dead_pid()}-{'2' * 16}.part"
    for folder in (killed, live_process, live_lock):
        folder.mkdir()
        for name in ("x.zim.tmp", "x.zim_fulltext.idx.tmp", "x.zim_title.idx"):
            (folder / name).write_bytes(b"half")
    (tmp_path / ".other.zim.part").write_bytes(b"not ours")
    output = tmp_path / zim_file_name(METADATA.date)
    lock = hold(live_lock)  # as a run whose child process still writes there holds it
    try:
        write_zim_atomically(entries(), METADATA, output)
    finally:
        os.close(lock)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live_process.name, live_lock.name, ".other.zim.part", output.name]
    )
    assert output.read_bytes()[:4] == b"ZIM\x04"
