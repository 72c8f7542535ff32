"""Class 9 of issue 13: a build that cannot finish leaves no traceback and no debris."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from act.validation import site_validation
from testkit.sitebuild import ROOT


def test_unwritable_site_folder_is_a_problem_not_a_traceback(tmp_path, monkeypatch):
    """Tests run as root, who may write anywhere: the permission answer is faked."""
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    monkeypatch.setattr(os, "access", lambda path, mode: not str(path).endswith("assets"))
    problems = site_validation.site_dir_problems(site)
    assert [str(problem) for problem in problems] == [
        "site/assets:1: the build cannot empty the site folder (site/assets is read-only) — make it writable "
        "(chmod -R u+w site) or delete it, then build again"
    ]


def test_killed_offline_build_leaves_no_part_file_or_temporary_folder(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    output = tmp_path / "dist" / "bundle.zip"
    env = os.environ | {"TMPDIR": str(temporary), "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "offline_bundle.py"), "--output", str(output)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not any(temporary.iterdir()) and time.monotonic() < deadline:  # the build has started
        time.sleep(0.05)
    assert any(temporary.iterdir()), "the offline build never started"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 128 + signal.SIGTERM
    assert list(temporary.iterdir()) == []
    assert not output.exists()
    assert not output.parent.exists() or not list(output.parent.glob(".*.part"))
