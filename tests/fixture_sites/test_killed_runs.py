"""Issue 13, class 9: `make offline` killed outright (SIGKILL, which nothing can catch) at
several points leaves no orphan `mkdocs` running, and the next run removes what it left
(its temporary site folder, its `.part` zip) and writes the same zip, byte for byte, as a
run never interrupted; a run still in progress never loses its folder to another run.

Real processes throughout: scripts/offline_bundle.py (what `make offline` runs) on the
validation fixture, its temporary folders in a TMPDIR of the test's own.
"""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest
from act import offline_bundle
from act.settings import TODAY_VARIABLE
from testkit.processes import (
    children_of,
    kill_outright,
    kill_processes_mentioning,
    processes_mentioning,
    start_script,
    wait_for,
)
from testkit.processes import finish as finish_run
from testkit.sitebuild import ROOT
from testkit.validation_site import FIXTURE_TODAY, inheriting_config, make_docs

SITE_FOLDERS = f"{offline_bundle.SITE_FOLDER_PREFIX}*"
PAUSE_VARIABLE = "ACT_TEST_PAUSE"
# A hook of the test's own: with PAUSE_VARIABLE naming a file, the build stops half-way (after
# MkDocs has read the pages, before it writes them) and waits there while that file exists,
# writing `<file>.reached` to say it got there. A killed run's child that outlived it would
# still be waiting, so an orphan cannot finish its build and slip away before it is looked for.
PAUSE_HOOK = """\
import os, pathlib, time

def on_files(files, config):
    pause = os.environ.get("PAUSE_VARIABLE")
    if pause:
        pathlib.Path(pause + ".reached").touch()
        deadline = time.monotonic() + 120
        while pathlib.Path(pause).exists() and time.monotonic() < deadline:
            time.sleep(0.02)
    return files
""".replace("PAUSE_VARIABLE", PAUSE_VARIABLE)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> pathlib.Path:
    """The fixture's docs, a mkdocs.yml inheriting its config, and the pause hook; returns
    the config."""
    root = tmp_path_factory.mktemp("project")
    make_docs(root, {})
    config = inheriting_config(root)
    hook = root / "pause_hook.py"
    hook.write_text(PAUSE_HOOK, encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    assert text.endswith(".py\n") and "\nhooks:\n" in text  # the hooks list comes last
    config.write_text(f"{text}  - {hook}\n", encoding="utf-8")
    return config


def run_env(temporary: pathlib.Path, pause: pathlib.Path | None) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k not in ("ACT_ALLOW_OVERDUE", PAUSE_VARIABLE)}
    return keep | {
        "NO_MKDOCS_2_WARNING": "1",
        TODAY_VARIABLE: FIXTURE_TODAY.isoformat(),
        "SOURCE_DATE_EPOCH": "1767225600",
        "TMPDIR": str(temporary),
        **({PAUSE_VARIABLE: str(pause)} if pause else {}),
    }


def start(
    config: pathlib.Path, output: pathlib.Path, temporary: pathlib.Path, pause: pathlib.Path | None = None
) -> subprocess.Popen:
    """`make offline`'s command in a process group of its own (as a terminal or CI job runs
    it); with `pause`, its build waits half-way while that file exists."""
    temporary.mkdir(exist_ok=True)
    if pause:
        pause.touch()
    return start_script(
        ROOT / "scripts" / "offline_bundle.py",
        ["--output", str(output), "--config-file", str(config)],
        run_env(temporary, pause),
    )


def finish(process: subprocess.Popen) -> None:
    finish_run(process, timeout=180)


@pytest.fixture(scope="module")
def reference_zip(project, tmp_path_factory) -> bytes:
    """The bundle of a run nobody interrupted."""
    root = tmp_path_factory.mktemp("reference")
    output = root / "bundle.zip"
    finish(start(project, output, root / "tmp"))
    return output.read_bytes()


def building_site(process: subprocess.Popen, temporary: pathlib.Path, pause: pathlib.Path) -> bool:
    """The run's `mkdocs build` child is half-way through, its site folder made."""
    reached = pause.with_name(pause.name + ".reached")
    return reached.exists() and bool(children_of(process.pid)) and any(temporary.glob(SITE_FOLDERS))


def writing_zip(process: subprocess.Popen, temporary: pathlib.Path, pause: pathlib.Path) -> bool:
    pause.unlink(missing_ok=True)  # the build goes on without waiting
    return bool(offline_bundle.part_files(pause.parent / "dist" / "bundle.zip"))


# (when, whom): SIGKILL for the Python parent alone (its child is left without it) or for the
# whole process group (what closing a terminal with `kill -9 -PGID` does).
KILL_POINTS = {
    "parent-while-mkdocs-builds": (building_site, "parent", "site folder"),
    "group-while-mkdocs-builds": (building_site, "group", "site folder"),
    "parent-while-writing-the-zip": (writing_zip, "parent", "part file"),
    "group-while-writing-the-zip": (writing_zip, "group", "part file"),
}


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_run_killed_outright_leaves_no_orphan_and_the_next_run_cleans_up(
    project, reference_zip, tmp_path, point
):
    when, whom, left_behind = KILL_POINTS[point]
    temporary, output, pause = tmp_path / "tmp", tmp_path / "dist" / "bundle.zip", tmp_path / "pause"
    killed = start(project, output, temporary, pause)
    try:
        reached = wait_for(lambda: when(killed, temporary, pause), 120, step=0.005)
        assert reached, f"the run never got there: {killed.poll()}"
        # An orphan mkdocs would still be listed (in the offline case waiting at the pause,
        # which stays until the check is over).
        kill_outright(killed, whom, tmp_path)
        pause.unlink(missing_ok=True)
        # SIGKILL left this behind (so the test hits the case it is about).
        left = (
            temporary.glob(SITE_FOLDERS)
            if left_behind == "site folder"
            else offline_bundle.part_files(output)
        )
        assert len(list(left)) == 1, left_behind
        assert not output.exists()

        finish(start(project, output, temporary))
        assert list(temporary.iterdir()) == []
        assert sorted(p.name for p in output.parent.iterdir()) == ["bundle.zip"]
        assert output.read_bytes() == reference_zip
        assert not processes_mentioning(str(tmp_path))
    finally:
        killed.kill()
        killed.communicate()
        kill_processes_mentioning(str(tmp_path))


def test_a_run_in_progress_keeps_its_site_folder_while_another_run_cleans_up(
    project, reference_zip, tmp_path
):
    """Two `make offline` at once, sharing TMPDIR: the second, starting while the first
    builds, removes nothing of the first's, and both write the same zip."""
    temporary, pause = tmp_path / "tmp", tmp_path / "pause"
    first = start(project, tmp_path / "first.zip", temporary, pause)
    try:
        assert wait_for(lambda: building_site(first, temporary, pause), 120, step=0.005), "it never built"
        finish(start(project, tmp_path / "second.zip", temporary))  # while the first waits half-way
        assert first.poll() is None and len(list(temporary.glob(SITE_FOLDERS))) == 1
        pause.unlink()
        finish(first)
    finally:
        first.kill()
        first.communicate()
        kill_processes_mentioning(str(tmp_path))
    assert (tmp_path / "first.zip").read_bytes() == (tmp_path / "second.zip").read_bytes() == reference_zip
    assert list(temporary.iterdir()) == []
