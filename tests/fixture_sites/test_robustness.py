"""Class 9 of issue 13 (and the preview half of class 7): a build that cannot finish ends
with a problem line, not a traceback, and leaves no debris; the preview recovers.

Each test runs the real command in its own process, as an author would: `mkdocs build`
into a site folder it may not touch, `mkdocs serve` given a YAML alias bomb, and
`scripts/offline_bundle.py` (what `make offline` runs) killed part-way.
"""

from __future__ import annotations

import fcntl
import os
import pathlib
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from act import offline_bundle
from testkit.processes import wait_for
from testkit.sitebuild import ROOT
from testkit.validation_site import GOOD_TREATMENT, build_command, inheriting_config, make_docs, serving

T = "treatments/good-treatment.md"
MKDOCS_ENV = {k: v for k, v in os.environ.items() if k != "ACT_ALLOW_OVERDUE"} | {"NO_MKDOCS_2_WARNING": "1"}


def fixture_project(tmp_path: pathlib.Path, pages: dict[str, str] | None = None) -> pathlib.Path:
    """The validation fixture's docs in `tmp_path/docs`, with a mkdocs.yml beside them that
    inherits the fixture's (docs_dir cannot be given on the command line)."""
    make_docs(tmp_path, pages or {})
    return inheriting_config(tmp_path)


def log_lines(text: str) -> list[str]:
    """MkDocs log lines without their `ERROR   -  ` level prefix."""
    return [line.split(" -  ", 1)[-1] for line in text.splitlines()]


# --- a site folder the build may not empty or create ------------------------------------------

# Root ignores permission bits through three capabilities; a command run without them (still
# as root, so it reads the project wherever it was cloned) is held to the bits like anyone.
WITHOUT_ROOT_OVERRIDES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def unprivileged(command: list[str]) -> list[str]:
    return [*WITHOUT_ROOT_OVERRIDES, *command] if os.geteuid() == 0 else command


def read_only_subfolder(out: pathlib.Path) -> pathlib.Path:
    (out / "site" / "assets").mkdir(parents=True)
    (out / "site" / "assets" / "old.js").write_text("old", encoding="utf-8")
    (out / "site" / "assets").chmod(0o555)
    return out / "site" / "assets" / "old.js"


def read_only_site(out: pathlib.Path) -> pathlib.Path:
    (out / "site").mkdir(parents=True)
    (out / "site" / "old.html").write_text("old", encoding="utf-8")
    (out / "site").chmod(0o555)
    return out / "site" / "old.html"


def read_only_parent(out: pathlib.Path) -> pathlib.Path:
    out.mkdir()
    (out / "keep.txt").write_text("old", encoding="utf-8")
    out.chmod(0o555)
    return out / "keep.txt"


CANNOT_EMPTY = (
    "the build cannot empty the site folder ({rel} is read-only) — make it writable (chmod -R u+w site) or "
    "delete it, then build again"
)


@pytest.mark.parametrize(
    ("prepare", "expected"),
    [
        (read_only_subfolder, "site/assets:1: " + CANNOT_EMPTY.format(rel="site/assets")),
        (read_only_site, "site:1: " + CANNOT_EMPTY.format(rel="site")),
        (
            read_only_parent,
            "site:1: the build cannot create the site folder ({out} is read-only) — make {out} writable or "
            "build to another folder (mkdocs build -d FOLDER), then build again",
        ),
    ],
    ids=["read-only-subfolder", "read-only-site", "site-cannot-be-created"],
)
def test_a_site_folder_the_build_may_not_touch_is_a_problem_not_a_traceback(tmp_path, prepare, expected):
    """For real: the folders are read-only and the build runs without root's overrides."""
    config = fixture_project(tmp_path)
    out = tmp_path / "out"
    kept = prepare(out)
    try:
        result = subprocess.run(
            unprivileged(build_command(config, out / "site")),
            cwd=tmp_path,
            env=MKDOCS_ENV,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        for folder in (out, out / "site", out / "site" / "assets"):
            if folder.exists():
                folder.chmod(0o755)
    output = result.stderr + result.stdout
    assert result.returncode == 1, output
    assert "Traceback" not in output and "Error:" not in output, output
    problems = [line for line in log_lines(output) if line.startswith("site")]
    assert problems == [expected.format(out=out)], output
    assert kept.read_text(encoding="utf-8") == "old"  # nothing was half-emptied


# --- `mkdocs serve` and a YAML alias bomb -----------------------------------------------------

# "Billion laughs": nine levels of nine aliases, 9**9 strings if a parser expanded them.
ALIAS_BOMB = '  lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"  lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 9)
)


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError as error:
        return f"no answer: {error}"


def test_serve_survives_an_alias_bomb_and_serves_the_page_once_it_is_fixed(tmp_path):
    config = fixture_project(tmp_path)
    log = tmp_path / "serve.log"
    page = tmp_path / "docs" / T
    started = time.monotonic()
    with serving(config, log, MKDOCS_ENV) as address:
        url = address + "treatments/good-treatment/"
        assert wait_for(lambda: "Serving on" in log.read_text(encoding="utf-8"), 30)
        assert "A short summary of the treatment" in _get(url)
        page.write_text(
            GOOD_TREATMENT.replace("type: treatment\n", "type: treatment\nnotes:\n" + ALIAS_BOMB, 1).replace(
                "A short summary of the treatment", "A bombed summary"
            ),
            encoding="utf-8",
        )
        assert wait_for(lambda: "still serving the last good build" in log.read_text(encoding="utf-8"), 20)
        problems = {line for line in log_lines(log.read_text(encoding="utf-8")) if line.startswith("docs/")}
        assert problems == {
            f"docs/{T}:6: front matter: YAML anchor 'a0' — write the value out in full: anchors and aliases "
            "(&name, *name) are not read"
        }
        served = _get(url)  # still answering, with the last good page
        assert "A short summary of the treatment" in served and "A bombed summary" not in served
        page.write_text(
            GOOD_TREATMENT.replace("A short summary of the treatment", "A fixed summary"), encoding="utf-8"
        )
        assert wait_for(lambda: "A fixed summary" in _get(url), 20)
    assert "Traceback" not in log.read_text(encoding="utf-8")
    assert time.monotonic() - started < 60


# --- a killed `make offline` --------------------------------------------------------------------


def _offline_bundle(config: pathlib.Path, output: pathlib.Path, temporary: pathlib.Path) -> subprocess.Popen:
    """scripts/offline_bundle.py as `make offline` runs it, on the fixture, temporary folders in
    `temporary`."""
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "offline_bundle.py"),
            "--output",
            str(output),
            "--config-file",
            str(config),
        ],
        cwd=ROOT,
        env=MKDOCS_ENV | {"TMPDIR": str(temporary)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_killed_offline_build_leaves_no_part_file_or_temporary_folder(tmp_path):
    """SIGTERM while the site is being built: the temporary site folder goes."""
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


def test_killed_zim_build_leaves_no_temporary_folder(tmp_path):
    """`make zim` (scripts/zim.py) given SIGTERM while the site is being built."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    output_dir = tmp_path / "dist"
    log = tmp_path / "zim.log"
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "zim.py"), "--output-dir", str(output_dir)],
            cwd=ROOT,
            env=MKDOCS_ENV | {"TMPDIR": str(temporary)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        assert wait_for(lambda: any(temporary.iterdir()), 60), "the ZIM build never started"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 128 + signal.SIGTERM, log.read_text(encoding="utf-8")
    finally:
        process.kill()
    assert list(temporary.iterdir()) == [], log.read_text(encoding="utf-8")
    assert not output_dir.exists() or list(output_dir.iterdir()) == []


def test_offline_build_killed_while_writing_the_zip_leaves_the_old_bundle_alone(tmp_path):
    """SIGTERM while the zip is being written: its `.part` file goes, the bundle already in
    dist/ keeps its bytes, no temporary folder stays."""
    config = fixture_project(tmp_path)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    output = tmp_path / "dist" / "bundle.zip"
    output.parent.mkdir()
    output.write_bytes(b"the bundle of an earlier run")
    process = _offline_bundle(config, output, temporary)
    try:
        assert wait_for(lambda: offline_bundle.part_files(output), 90), "the zip was never written"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        process.kill()
    assert offline_bundle.part_files(output) == []
    assert sorted(p.name for p in output.parent.iterdir()) == ["bundle.zip"]
    assert output.read_bytes() == b"the bundle of an earlier run"
    assert list(temporary.iterdir()) == []


def test_the_next_offline_build_removes_the_part_file_of_a_run_killed_outright(tmp_path):
    """SIGKILL cannot be caught: the killed run's `.part` file stays until the next run."""
    config = fixture_project(tmp_path)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    output = tmp_path / "dist" / "bundle.zip"
    process = _offline_bundle(config, output, temporary)
    try:
        assert wait_for(lambda: offline_bundle.part_files(output), 90), "the zip was never written"
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        process.kill()
    left = offline_bundle.part_files(output)
    assert len(left) == 1 and not output.exists()
    second = _offline_bundle(config, output, temporary)
    assert second.wait(timeout=120) == 0
    assert offline_bundle.part_files(output) == [] and output.exists()


def test_a_part_file_still_being_written_is_not_removed(tmp_path):
    """Two runs at once: the second leaves the first's `.part` file alone while it is locked."""
    output = tmp_path / "bundle.zip"
    live, stale = output.parent / ".bundle.zip.live.part", output.parent / ".bundle.zip.stale.part"
    other = output.parent / ".other.zip.x.part"
    for path in (live, stale, other):
        path.write_bytes(b"")
    with open(live, "rb") as writing:
        fcntl.flock(writing.fileno(), fcntl.LOCK_EX)
        assert offline_bundle.remove_stale_parts(output) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".bundle.zip.live.part", ".other.zip.x.part"]
