"""The layout the README promises: every .py directly in hooks/ is a hook that mkdocs.yml
lists, and all logic lives in the `act` package beside them."""

from __future__ import annotations

import ast

from mkdocs.utils.yaml import yaml_load
from testkit.sitebuild import ROOT

HOOKS = ROOT / "hooks"


def _listed_hooks() -> list[str]:
    # mkdocs.yml uses !ENV tags: MkDocs' own loader understands them.
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as fh:
        config = yaml_load(fh)
    return sorted(config["hooks"])


def test_mkdocs_yml_lists_exactly_the_python_files_in_hooks():
    on_disk = sorted(f"hooks/{path.name}" for path in HOOKS.glob("*.py"))
    assert _listed_hooks() == on_disk, "add the new hook to mkdocs.yml, or move its logic into hooks/act/"


def test_hooks_hold_only_typed_event_functions():
    """A hook file defines typed `on_*` functions and constants; anything else belongs in act/."""
    for path in HOOKS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = [node for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)]
        others = [node.name for node in defined if not node.name.startswith("on_")]
        assert not others, f"{path.name}: {others} — move them into a module under hooks/act/"
        for node in defined:
            args = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            untyped = [arg.arg for arg in args if arg.annotation is None]
            assert not untyped and node.returns is not None, (
                f"{path.name}: type every argument of {node.name}"
            )
