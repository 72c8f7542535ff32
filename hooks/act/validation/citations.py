"""A page's sources and citations checked together: ids unique, access dates not after the
page's review, every `[^id]` naming a listed source, every listed source cited, every figure
cited. Line numbers come from the Markdown source (front matter for sources)."""

from __future__ import annotations

from act.citations import check_citations, uncited
from act.problems import Problem, SourceMap
from act.validation.schema import FrontMatter


def citation_problems(source: SourceMap, model: FrontMatter | None) -> list[Problem]:
    """Every citation problem of one page; `model` is None when its front matter is invalid."""
    body = "\n".join(source.text.split("\n")[source.body_line - 1 :])
    if model is None or not model.sources:
        if "[^" not in body:
            return []
        # No (valid) sources: only the markers can be judged, not what they should cite.
        found = check_citations(body, source.body_line, [], figures=False)
        if model is None:  # the front-matter errors already say what to fix
            found = [f for f in found if "names no source" not in f.message]
        return [source.problem(f.line, f.message) for f in found]
    problems: list[Problem] = []
    ids = [entry.id for entry in model.sources]
    first: dict[str, int] = {}  # id -> index of its first entry
    for index, entry in enumerate(model.sources):
        # Front-matter lines are looked up only for a problem: parsing them costs a YAML pass.
        if entry.id in first:
            problems.append(
                source.problem(
                    source.line_of(("sources", index, "id")),
                    f"source id '{entry.id}' is used twice (first on line "
                    f"{source.line_of(('sources', first[entry.id], 'id'))}) — give each source its own id",
                )
            )
        else:
            first[entry.id] = index
        if entry.accessed is not None and entry.accessed > model.last_reviewed:
            problems.append(
                source.problem(
                    source.line_of(("sources", index, "accessed")),
                    f"source '{entry.id}' accessed {entry.accessed.isoformat()} is after last_reviewed "
                    f"{model.last_reviewed.isoformat()} — give the day you read it, on or before the review",
                )
            )
    problems += [source.problem(f.line, f.message) for f in check_citations(body, source.body_line, ids)]
    for source_id in uncited(body, source.body_line, ids):
        problems.append(
            source.problem(
                source.line_of(("sources", first[source_id], "id")),
                f"source '{source_id}' is listed but nothing on the page cites it — cite it as "
                f"[^{source_id}] after the sentence it supports, or remove it",
            )
        )
    return problems
