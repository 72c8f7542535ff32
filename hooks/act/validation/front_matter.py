"""Front matter and file checks: encoding, empty files, YAML, and the schema.

MkDocs parses the front matter into `page.meta` itself; this module only parses YAML
again when MkDocs could not (malformed YAML leaves `page.meta` empty, silently), to say
which line is wrong. Schema errors from pydantic become one author-facing line each.
"""

from __future__ import annotations

import difflib
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from act.problems import Problem, SourceMap
from act.validation.schema import ClinicalReview, FrontMatter, SearchSettings, Source

DATE_HINT = "write it as YYYY-MM-DD, e.g. 2026-11-21"


def decode_page(path: str, data: bytes) -> tuple[str, list[Problem]]:
    """Decode a page as MkDocs would (UTF-8, optional BOM, universal newlines).

    A file that is not UTF-8 is decoded with replacement characters so the build can go
    on and report every other problem; the problem names the line of the first bad byte.
    """
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                path,
                line,
                f"file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be read) — "
                "re-save the file with UTF-8 encoding",
            )
        )
        text = data.decode("utf-8-sig", errors="replace")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        problems.append(
            Problem(
                path, line, "file holds a NUL byte (\\x00) — delete it; re-save the file as plain UTF-8 text"
            )
        )
        text = text.replace("\x00", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not problems and not text.strip():
        problems.append(
            Problem(path, 1, "file is empty — write the page (front matter, then body) or delete the file")
        )
    return text, problems


class _DiagnosticLoader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date (2026-13-01) as text, so the schema can name it."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_DiagnosticLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def read_front_matter(source: SourceMap, meta: dict[str, Any]) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The front matter to validate, or None with the problem when there is none to check.

    `meta` is what MkDocs parsed. It is empty both when the YAML is fine but empty and
    when it is malformed; only then is the YAML parsed again, to find out which.
    """
    if meta:
        return meta, []
    if source.front_matter is None and source.text.startswith("---"):
        return None, [
            source.problem(
                1,
                "front matter has no closing `---` line — end the keys with a line that holds "
                "only `---`, then a blank line before the body",
            )
        ]
    if source.front_matter is None:
        return None, [
            source.problem(
                1,
                "page has no front matter — start the file with a `---` line, the keys "
                "(title, description, type, last_reviewed, next_review), and another `---` line",
            )
        ]
    try:
        data = yaml.load(source.front_matter, Loader=_DiagnosticLoader)  # noqa: S506 (SafeLoader subclass)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2
        what = exc.problem or "cannot be read"
        return None, [
            source.problem(
                line,
                f"front matter is not valid YAML ({what}) — check the indentation, "
                "the `key: value` colon and the quotes on this line",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [source.problem(2, f"front matter is not valid YAML ({exc}) — fix the front matter")]
    if not isinstance(data, dict) or not data:
        return None, [
            source.problem(
                2,
                "front matter is not a set of `key: value` lines — write one `key: value` "
                "per line between the `---` lines",
            )
        ]
    return data, []


# libyaml's parser (same YAML, same marks), 15 times faster than the pure-Python one: this
# runs on every page.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def duplicate_key_problems(source: SourceMap) -> list[Problem]:
    """YAML keeps the last of two equal keys without a word: say so, as authors expect.

    Every mapping counts, nested ones too (a source with two `url:` lines), and keys are
    compared by their value, so `"title":` and `title:` are the same key.
    """
    if not source.front_matter or source.front_matter.count(":") < 2:
        return []
    try:
        root = yaml.compose(source.front_matter, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return []
    problems = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                line = key.start_mark.line + 2  # line 1 of the file is `---`
                name = str(key.value)
                if name in first:
                    problems.append(
                        source.problem(
                            line,
                            f"key '{name}' is given twice (first on line {first[name]}) — "
                            "keep one; YAML would silently use this one",
                        )
                    )
                else:
                    first[name] = line
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(problems)


def check_front_matter(
    source: SourceMap, data: dict[str, Any], vocabulary: dict[str, Any]
) -> tuple[FrontMatter | None, list[Problem]]:
    """Validate against the schema; every error becomes one problem at its key's line."""
    try:
        return FrontMatter.model_validate(data, context={"vocabulary": vocabulary}), []
    except ValidationError as exc:
        return None, [
            source.problem(source.line_of(error["loc"]), error_message(error)) for error in exc.errors()
        ]


def _label(loc: tuple) -> str:
    """How authors name a place in the front matter: `title`, `source 2 publisher`, `aliases item 3`."""
    if not loc:
        return "front matter"
    if loc[0] == "sources" and len(loc) > 1:
        rest = " ".join(str(part) for part in loc[2:])
        return f"source {loc[1] + 1}" + (f" {rest}" if rest else "")
    if len(loc) > 1 and isinstance(loc[1], int):
        return f"{loc[0]} item {loc[1] + 1}"
    return ".".join(str(part) for part in loc)


_NESTED_MODELS: dict[str, type[BaseModel]] = {
    "sources": Source,
    "search": SearchSettings,
    "clinical_review": ClinicalReview,
}


def _model_for(loc: tuple) -> type[BaseModel]:
    """The model that declares the last key of `loc` (`("search", "boost")` → SearchSettings)."""
    keys = [part for part in loc[:-1] if isinstance(part, str)]
    return _NESTED_MODELS.get(keys[0], FrontMatter) if keys else FrontMatter


def _field_help(loc: tuple) -> str:
    field = _model_for(loc).model_fields.get(str(loc[-1])) if loc else None
    return field.description if field and field.description else ""


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"use one of: {', '.join(choices)}"


_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("more than", "gt"),
    "less_than_equal": ("at most", "le"),
    "less_than": ("less than", "lt"),
}


def error_message(error: dict[str, Any]) -> str:
    """One `what is wrong — how to fix it` text for a pydantic error."""
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    ctx = error.get("ctx") or {}
    label = _label(loc)
    nested = f"{_label(loc[:2])}: " if loc and loc[0] == "sources" and len(loc) > 2 else ""
    if value is None and kind.endswith("_type"):  # `key:` with nothing after it
        return f"{label} is empty — fill it in or remove the key: {_field_help(loc)}"
    if kind == "missing":
        return (
            f"missing required key '{loc[-1]}'"
            + (f" in {_label(loc[:-1])}" if len(loc) > 1 else "")
            + (f" — add it: {_field_help(loc)}")
        )
    if kind == "extra_forbidden":
        allowed = list(_model_for(loc).model_fields)
        where = f" in {_label(loc[:-1])}" if len(loc) > 1 else ""
        return f"unknown front-matter key '{loc[-1]}'{where} — {_did_you_mean(str(loc[-1]), allowed)}"
    if kind in {"string_too_short", "string_too_long"}:
        limit = ctx.get("min_length", ctx.get("max_length"))
        bound = "at least" if kind == "string_too_short" else "at most"
        return f"{label} is {len(value)} characters long; it must be {bound} {limit} — {_field_help(loc)}"
    if kind == "string_type":
        return (
            f"{label} must be text, not {type(value).__name__} — write it as text "
            "(quote it if it looks like a number)"
        )
    if kind == "list_type":
        return f"{label} must be a list — write it as [first, second] or one `- item` per line"
    if kind == "literal_error":
        choices = [choice.strip(" '") for choice in ctx.get("expected", "").replace(" or ", ", ").split(",")]
        return f"{label} {value!r} is not allowed — {_did_you_mean(str(value), [c for c in choices if c])}"
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return f"{label} {str(value)!r} is not a real date — {DATE_HINT}"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"{label} {value!r} is not a whole number — write it as digits, e.g. 2024"
    if kind in _BOUNDS:
        word, key = _BOUNDS[kind]
        bound = ctx.get(key)
        bound = int(bound) if isinstance(bound, float) and bound.is_integer() else bound
        return f"{label} {value!r} is out of range: it must be {word} {bound} — {_field_help(loc)}"
    if kind.startswith("url_"):
        return f"{label} {value!r} is not a web address — give the full https:// address, or leave url out"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"{label} must be a set of `key: value` lines — {_field_help(loc) or 'see the author guide'}"
    if kind in {"bool_parsing", "bool_type", "float_parsing", "float_type"}:
        return f"{label} {value!r} has the wrong type — {_field_help(loc)}"
    if error["msg"] and "—" in error["msg"]:  # our own errors carry their fix
        return nested + error["msg"]
    return f"{label}: {error['msg']} — see the front-matter field reference in the author guide"
