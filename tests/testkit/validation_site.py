"""Build the page-validation fixture site with some pages swapped for bad ones.

The fixture (tests/fixtures/validation/) is a small good site: one page of each kind,
the real theme overrides and only the validation hook. Each test copies its docs/ to a
temporary folder, with the real docs/_data (vocabulary, spelling variants), writes the
pages it wants, and builds strictly in-process.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import pathlib
import re
import shutil
import signal
from collections.abc import Iterator

from testkit.sitebuild import ROOT, BuildFailed, build_site

FIXTURE = ROOT / "tests" / "fixtures" / "validation"
# The day fixture builds take as today (ACT_TODAY, set for the whole fixture_sites layer in
# its conftest.py): the fixture pages were reviewed on 2026-11-01 and fall due on
# 2027-11-01, and must never fall due with the calendar.
FIXTURE_TODAY = dt.date(2026, 11, 27)
GOOD_TREATMENT = (FIXTURE / "docs" / "treatments" / "good-treatment.md").read_text(encoding="utf-8")
GOOD_CONDITION = (FIXTURE / "docs" / "conditions" / "good-condition.md").read_text(encoding="utf-8")
GOOD_GUIDE = (FIXTURE / "docs" / "guides" / "good-guide.md").read_text(encoding="utf-8")
# One problem line as the hook logs it: `docs/path.md:LINE: message`.
PROBLEM_LINE = re.compile(r"^docs/\S+\.(md|svg):\d+: ")


def make_docs(tmp_path: pathlib.Path, pages: dict[str, str | bytes]) -> pathlib.Path:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE / "docs", docs)
    # Not the search phrases or the home page cards: they name the real site's pages, which the
    # fixture lacks (it has its own home.yml).
    shutil.copytree(
        ROOT / "docs" / "_data",
        docs / "_data",
        ignore=shutil.ignore_patterns("search-phrases.yml", "home.yml"),
        dirs_exist_ok=True,
    )
    # The real glossary: a build with the real mkdocs.yml appends it to every page (snippets
    # auto_append) and the glossary hook reads it, so it is part of any docs folder.
    shutil.copytree(ROOT / "docs" / "_snippets", docs / "_snippets")
    # The real security headers: the output gate reads the CSP's inline hashes from them.
    shutil.copy(ROOT / "docs" / "_headers", docs / "_headers")
    for name, content in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return docs


def build_fixture(tmp_path: pathlib.Path, pages: dict[str, str | bytes], **overrides) -> list[str]:
    """Build the fixture with `pages` written over it; return warnings or raise BuildFailed."""
    docs = make_docs(tmp_path, pages)
    return build_site(FIXTURE / "mkdocs.yml", tmp_path / "site", docs_dir=str(docs), **overrides)


def inheriting_config(tmp_path: pathlib.Path) -> pathlib.Path:
    """A mkdocs.yml in `tmp_path` that inherits the fixture's (MkDocs' INHERIT) with docs_dir
    `tmp_path/docs`, for builds run as a command (docs_dir cannot be given on its command
    line). Its hooks are the fixture's own, made absolute: relative paths would resolve
    against the new file's folder."""
    import yaml

    hooks = yaml.safe_load((FIXTURE / "mkdocs.yml").read_text(encoding="utf-8"))["hooks"]
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {FIXTURE / 'mkdocs.yml'}\ndocs_dir: docs\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n  font: false\n"
        "hooks:\n" + "".join(f"  - {(FIXTURE / hook).resolve()}\n" for hook in hooks),
        encoding="utf-8",
    )
    return config


def build_command(config: pathlib.Path, site_dir: pathlib.Path) -> list[str]:
    """`mkdocs build --strict` of `config` into `site_dir`, as a command."""
    import sys

    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]


# A busy 2-core machine (the suite runs 2 workers beside Chromium) can hold a rebuild in
# progress for a while; a server that never stops still fails the test, with its log.
SERVE_STOP_SECONDS = 60


def _ctrl_c_stops() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def serving(config: pathlib.Path, log: pathlib.Path, env: dict[str, str]) -> Iterator[str]:
    """`mkdocs serve --strict` of `config` on a free 127.0.0.1 port, its output in `log`;
    yields the site's address, and stops the server as Ctrl+C would."""
    import socket
    import subprocess
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--strict",
        "-f",
        str(config),
        "-a",
        f"127.0.0.1:{port}",
    ]
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen(
            command,
            cwd=config.parent,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            # A suite started in the background (`make test &`) inherits SIGINT ignored, and
            # Python then never turns Ctrl+C into KeyboardInterrupt: the server would not stop.
            preexec_fn=_ctrl_c_stops,
        )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl+C: the server cleans up after itself
        try:
            server.wait(timeout=SERVE_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise AssertionError(
                f"mkdocs serve did not stop within {SERVE_STOP_SECONDS} s of Ctrl+C:\n{tail}"
            ) from None


def problem_lines(messages: list[str]) -> list[str]:
    return [message for message in messages if PROBLEM_LINE.match(message)]


__all__ = [
    "FIXTURE_TODAY",
    "BuildFailed",
    "GOOD_CONDITION",
    "GOOD_GUIDE",
    "GOOD_TREATMENT",
    "build_fixture",
    "problem_lines",
]
