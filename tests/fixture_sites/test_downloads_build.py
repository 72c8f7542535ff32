"""The download page and `make zim` in a throwaway copy of the project: the sizes the deploy
workflow writes reach the page, a broken sizes file fails the build with one clear line,
and `make zim` in another folder gives the very bytes of the session's ZIM."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from testkit.sitebuild import ROOT, BuildFailed, build_site

PARTS = ["docs", "overrides", "hooks", "vendor", "scripts", "mkdocs.yml", "Makefile", "requirements.txt"]


@pytest.fixture
def project(tmp_path) -> pathlib.Path:
    for part in PARTS:
        src = ROOT / part
        if src.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "downloads.json")
            shutil.copytree(src, tmp_path / part, ignore=ignore)
        else:
            shutil.copy2(src, tmp_path / part)
    return tmp_path


def test_published_sizes_appear_on_the_download_page(project, zim_path):
    sizes = {zim_path.name: 523_497, "advanced-cancer-treatments-offline.zip": 1_987_654}
    (project / "docs" / "_data" / "downloads.json").write_text(json.dumps(sizes), encoding="utf-8")
    build_site(project / "mkdocs.yml", project / "site")
    soup = BeautifulSoup((project / "site" / "about" / "download" / "index.html").read_bytes(), "lxml")
    shown = [row.find_all("td")[-1].get_text(strip=True) for row in soup.select("table.downloads tbody tr")]
    assert shown == ["0.5 MB", "2.0 MB"]


def test_a_broken_sizes_file_fails_the_build_with_one_line(project):
    (project / "docs" / "_data" / "downloads.json").write_text('{"x.zip": -1}', encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_site(project / "mkdocs.yml", project / "site")
    assert failure.value.messages[0] == (
        "docs/_data/downloads.json:1: expected {file name: size in bytes} — rerun scripts/download_sizes.py"
    )


def test_make_zim_in_another_folder_gives_the_same_bytes(project, zim_path):
    stamp = project / "venv-unused" / ".site-installed"
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", str(stamp), f"PY={sys.executable}", "VENV=venv-unused", "zim"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    built = project / "dist" / zim_path.name
    assert built.read_bytes() == zim_path.read_bytes()
