"""Build an MkDocs site in-process, the way `mkdocs build --strict` does."""

from __future__ import annotations

import logging
import os
import pathlib

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

ROOT = pathlib.Path(__file__).resolve().parents[2]


class BuildFailed(Exception):
    """A strict build failed; `messages` holds every warning and error it logged."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    config_file: os.PathLike | str = ROOT / "mkdocs.yml",
    site_dir: os.PathLike | str | None = None,
    **overrides,
) -> list[str]:
    """Build strictly; return the warnings logged, or raise BuildFailed with them."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    cwd = os.getcwd()
    try:
        # Paths in mkdocs.yml (hooks, snippets base_path) are relative to its folder.
        os.chdir(pathlib.Path(config_file).resolve().parent)
        config = load_config(str(config_file), strict=True, site_dir=str(site_dir), **overrides)
        build(config)
    except (Abort, PluginError, SystemExit) as exc:
        raise BuildFailed([*handler.messages, str(exc)]) from exc
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
    return handler.messages
