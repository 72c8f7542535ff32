"""Issue 13, class 9, for `make zim`: a run killed outright (SIGKILL) while libzim writes, or
while its `mkdocs build` runs, leaves last month's ZIM alone and nothing running; the next run
removes what it left (the work folder holding libzim's half-written files, the temporary
site folder) and writes a good ZIM, the same bytes as a run nobody interrupted.

Real processes: scripts/zim.py (what `make zim` runs) on the real site, in a process group
of its own, with a TMPDIR of the test's own.
"""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest
from act.zim import writer
from libzim.reader import Archive
from testkit.processes import (
    children_of,
    kill_outright,
    kill_processes_mentioning,
    start_script,
    wait_for,
)
from testkit.processes import finish as finish_run
from testkit.sitebuild import ROOT

OUTPUT_NAME = writer.read_metadata(ROOT / "mkdocs.yml").file_name
SITE_FOLDERS = f"{writer.SITE_FOLDER_PREFIX}*"


def start(output_dir: pathlib.Path, temporary: pathlib.Path) -> subprocess.Popen:
    temporary.mkdir(exist_ok=True)
    env = os.environ | {
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1767225600",
        "TMPDIR": str(temporary),
    }
    return start_script(ROOT / "scripts" / "zim.py", ["--output-dir", str(output_dir)], env)


def finish(process: subprocess.Popen) -> None:
    finish_run(process, timeout=300)


@pytest.fixture(scope="module")
def reference_zim(tmp_path_factory) -> bytes:
    """The ZIM of a run nobody interrupted."""
    root = tmp_path_factory.mktemp("reference")
    finish(start(root / "dist", root / "tmp"))
    return (root / "dist" / OUTPUT_NAME).read_bytes()


def libzim_writing(process: subprocess.Popen, output_dir: pathlib.Path, temporary: pathlib.Path) -> bool:
    """libzim has begun writing its files in the run's work folder."""
    return any(any(folder.iterdir()) for folder in writer.work_folders(output_dir))


def mkdocs_building(process: subprocess.Popen, output_dir: pathlib.Path, temporary: pathlib.Path) -> bool:
    return bool(children_of(process.pid)) and any(temporary.glob(SITE_FOLDERS))


# (when, whom, what the killed run leaves behind)
KILL_POINTS = {
    "parent-while-libzim-writes": (libzim_writing, "parent", "work folder"),
    "group-while-libzim-writes": (libzim_writing, "group", "work folder"),
    "group-while-mkdocs-builds": (mkdocs_building, "group", "site folder"),
}


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_zim_run_killed_outright_is_cleaned_up_by_the_next(reference_zim, tmp_path, point):
    when, whom, left_behind = KILL_POINTS[point]
    temporary, output_dir = tmp_path / "tmp", tmp_path / "dist"
    output = output_dir / OUTPUT_NAME
    output_dir.mkdir()
    output.write_bytes(b"last month's ZIM")
    killed = start(output_dir, temporary)
    try:
        assert wait_for(lambda: when(killed, output_dir, temporary), 180, step=0.005), killed.poll()
        kill_outright(killed, whom, tmp_path)
        left = (
            writer.work_folders(output_dir)
            if left_behind == "work folder"
            else list(temporary.glob(SITE_FOLDERS))
        )
        assert len(left) == 1, left_behind
        if left_behind == "work folder":
            assert any(p.name.endswith(".tmp") for p in left[0].iterdir()), "libzim was not writing"
        assert output.read_bytes() == b"last month's ZIM"

        finish(start(output_dir, temporary))
        assert list(temporary.iterdir()) == []
        assert sorted(p.name for p in output_dir.iterdir()) == [OUTPUT_NAME]
        archive = Archive(output)
        assert archive.check() and archive.has_fulltext_index and archive.main_entry.path
        assert output.read_bytes() == reference_zim
    finally:
        killed.kill()
        killed.communicate()
        kill_processes_mentioning(str(tmp_path))
