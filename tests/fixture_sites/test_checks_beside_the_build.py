"""Issue 13: the page checks, near copies and output gate running beside the build (in the
validation fixture, as on a large site: act/second_process.py) still report
every problem in the one failure, before any page is written when they are page problems,
and leave no process behind; pages are never read through links, never written twice to
one file, and a page a plugin rewrites after it was gated is gated again.

Some builds add a hook of the test's own (written to the test's folder) that does what
other hooks of the real site do: report problems of its own in `on_env` or early in
`on_post_build`, or rewrite written pages there.
"""

from __future__ import annotations

import pathlib

import pytest
import yaml
from testkit.processes import processes_mentioning
from testkit.sitebuild import ROOT
from testkit.validation_site import FIXTURE, GOOD_GUIDE, GOOD_TREATMENT, BuildFailed, build_fixture

T, G = "treatments/good-treatment.md", "guides/good-guide.md"
DT, DG = f"docs/{T}", f"docs/{G}"
# 25 words: 16 ten-word runs, one more than two pages may share.
SHARED_25 = (
    "Your care team talks about what the treatment involves, how long it takes, "
    "what you may feel, and what help you can get at home."
)
NEAR_COPIES = {
    T: GOOD_TREATMENT.replace("A short summary of the treatment, in plain words.", SHARED_25, 1),
    G: GOOD_GUIDE.replace("Some text.", SHARED_25, 1),
}
NEAR_COPY_LINES = [
    f"{DG}:1: shares 16 10-word runs with {DT} (more than 15) — say what is specific to each page, "
    "and keep shared background on one page that the other links to",
    f"{DT}:1: shares 16 10-word runs with {DG} (more than 15) — say what is specific to each page, "
    "and keep shared background on one page that the other links to",
]
HOSTILE_IMG = "<svg><title><img src=x onerror=alert(1)></title></svg>"
ONERROR = (
    "in the built page: attribute 'onerror' on <img> is not allowed — remove it; if the theme or a hook "
    "writes it on purpose, add it to hooks/act/security/allowlist.py"
)

# A hook of the test's own; EVENT is replaced by its event function.
HOOK = """\
from mkdocs.plugins import event_priority
from act.build import build_of
from act.problems import Problem

EVENT
"""
REPORTS_IN_ON_ENV = """\
def on_env(env, config, files):
    build = build_of(config)
    build.problems.append(Problem("docs/_data/other.yml", 1, "another hook's problem — fix it"))
    build.report()
"""
REPORTS_EARLY_IN_ON_POST_BUILD = """\
@event_priority(100)
def on_post_build(config):
    build = build_of(config)
    build.problems.append(Problem("docs/_data/other.yml", 1, "another hook's problem — fix it"))
    build.report()
"""
REWRITES_PAGES_IN_ON_POST_BUILD = """\
import pathlib

def on_post_build(config):
    for page in pathlib.Path(config.site_dir).rglob("good-*/index.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("</body>", "<img src=x onerror=alert(1)></body>"), encoding="utf-8")
"""
# After Material writes the search index, before the gate reads it: a text whose entry was
# gated clean as it was handed over (act/search_work.py) is replaced in the written file.
REWRITES_THE_SEARCH_INDEX = """\
import json, pathlib

@event_priority(-50)
def on_post_build(config):
    path = pathlib.Path(config.site_dir, "search", "search_index.json")
    index = json.loads(path.read_text(encoding="utf-8"))
    for entry in index["docs"]:
        if entry["location"] == "guides/good-guide/":
            entry["text"] += "<img src=x onerror=alert(1)>"
    path.write_text(json.dumps(index), encoding="utf-8")
"""
OTHER_HOOK_LINE = "docs/_data/other.yml:1: another hook's problem — fix it"


def build_with_hook(tmp_path: pathlib.Path, pages: dict, event: str) -> list[str]:
    """The fixture build with the test's hook last in the list; returns its problem lines."""
    hook = tmp_path / "test_hook.py"
    hook.write_text(HOOK.replace("EVENT", event), encoding="utf-8")
    hooks = yaml.safe_load((FIXTURE / "mkdocs.yml").read_text(encoding="utf-8"))["hooks"]
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path, pages, hooks=[*(str((FIXTURE / h).resolve()) for h in hooks), str(hook)])
    return problem_lines(failed.value.messages)


def problem_lines(messages: list[str]) -> list[str]:
    return [m for m in messages if m.startswith(("docs/", "site/")) and ":" in m]


def written_pages(site: pathlib.Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


def test_near_copies_alone_fail_the_build_before_any_page_is_written(tmp_path):
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path, NEAR_COPIES)
    assert problem_lines(failed.value.messages) == NEAR_COPY_LINES
    assert written_pages(tmp_path / "site") == []
    assert not processes_mentioning(str(tmp_path / "site"))  # the worker stopped with the build


def test_another_hooks_report_in_on_env_includes_the_near_copies(tmp_path):
    assert build_with_hook(tmp_path, NEAR_COPIES, REPORTS_IN_ON_ENV) == [OTHER_HOOK_LINE, *NEAR_COPY_LINES]
    assert written_pages(tmp_path / "site") == []


def test_a_report_early_in_on_post_build_includes_the_gates_findings(tmp_path):
    """The gate's findings (every page gated by then, the last batch too) are in the first
    report that fails the build, whichever hook makes it."""
    pages = {T: GOOD_TREATMENT.replace("A short summary", f"{HOSTILE_IMG}\n\nA short summary", 1)}
    lines = build_with_hook(tmp_path, pages, REPORTS_EARLY_IN_ON_POST_BUILD)
    assert lines == [OTHER_HOOK_LINE, f"{DT}:{_line_of(pages[T], HOSTILE_IMG)}: {ONERROR}"]


def test_a_page_rewritten_after_it_was_gated_is_gated_again(tmp_path, monkeypatch):
    """A plugin's `on_post_build` that changes written pages (here: every content page)
    after the gate read them: each is read and gated again."""
    from act.validation import site_validation

    monkeypatch.setattr(site_validation, "PAGES_PER_BATCH", 1)  # every page gated before the rewrite
    lines = build_with_hook(tmp_path, {}, REWRITES_PAGES_IN_ON_POST_BUILD)
    assert lines == [
        f"docs/conditions/good-condition.md:1: {ONERROR}",
        f"docs/guides/good-guide.md:1: {ONERROR}",
        f"docs/treatments/good-treatment.md:1: {ONERROR}",
    ]


def test_the_search_index_is_gated_as_written_not_as_handed_over(tmp_path):
    """Entries that passed the gate as the build handed them over are spared a second parse
    only when the written index holds exactly them."""
    lines = build_with_hook(tmp_path, {}, REWRITES_THE_SEARCH_INDEX)
    assert lines == [
        "site/search/search_index.json:1: search entry 'guides/good-guide/' text: attribute 'onerror' on "
        "<img> is not allowed — remove it; if the theme or a hook writes it on purpose, add it to "
        "hooks/act/security/allowlist.py"
    ]


def test_a_good_build_leaves_no_process_behind(tmp_path):
    build_fixture(tmp_path, {})
    assert written_pages(tmp_path / "site")
    assert not processes_mentioning(str(tmp_path / "site"))


def test_two_pages_written_to_one_file_fail_the_build(tmp_path):
    twin = GOOD_GUIDE.replace("title: Good guide", "title: Twin guide", 1)
    assert twin != GOOD_GUIDE
    with pytest.raises(BuildFailed) as failed:
        build_fixture(tmp_path, {"guides/twin.md": twin, "guides/twin/index.md": twin})
    assert [
        line for line in problem_lines(failed.value.messages) if "twin" in line and "written" in line
    ] == [
        "docs/guides/twin.md:1: this page and docs/guides/twin/index.md are both written to "
        "site/guides/twin/index.html — rename or move one of them",
        "docs/guides/twin/index.md:1: this page and docs/guides/twin.md are both written to "
        "site/guides/twin/index.html — rename or move one of them",
    ]


def test_a_page_that_is_a_link_is_never_read(tmp_path):
    """Class 1: a page linked to a file elsewhere on the build machine is reported as a link,
    and nothing of what it points to reaches the build's log."""
    secret = tmp_path / "secret.md"
    secret.write_text("SECRET-TOKEN-abc123\n", encoding="utf-8")
    docs_page = tmp_path / "docs" / "guides" / "leak.md"
    with pytest.raises(BuildFailed) as failed:
        _build_with_link(tmp_path, docs_page, secret)
    messages = failed.value.messages
    assert problem_lines(messages) == [
        "docs/guides/leak.md:1: symbolic link — replace it with the file itself: the build would publish "
        "whatever the link points to, on the build machine"
    ]
    assert not any("SECRET-TOKEN" in message for message in messages)


def _build_with_link(tmp_path: pathlib.Path, page: pathlib.Path, target: pathlib.Path) -> None:
    from testkit.sitebuild import build_site
    from testkit.validation_site import make_docs

    docs = make_docs(tmp_path, {})
    page.symlink_to(target)
    build_site(FIXTURE / "mkdocs.yml", tmp_path / "site", docs_dir=str(docs))


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


SEARCH_FILES = ("search/search_index.json", "search/lunr-index.js", "search/did-you-mean.js")


def test_the_search_work_in_the_second_process_writes_what_it_writes_in_the_builds_own(tmp_path, monkeypatch):
    """The fixture with the search hook, its entries handed over one page at a time: built
    with the work in the second process and in the build's own, the same search files,
    byte for byte, with the extra fields and a prebuilt lunr index in them."""
    from act import search_work
    from act.validation import site_validation

    monkeypatch.setattr(search_work, "PAGES_PER_BATCH", 1)
    monkeypatch.setattr(site_validation, "PAGES_PER_BATCH", 1)
    hooks = yaml.safe_load((FIXTURE / "mkdocs.yml").read_text(encoding="utf-8"))["hooks"]
    hooks = [str((FIXTURE / h).resolve()) for h in hooks] + [str(ROOT / "hooks" / "search_aliases.py")]
    written = {}
    for where, second_process_from in (("second process", 0), ("build process", None)):
        out = tmp_path / where
        build_fixture(
            out, {}, hooks=hooks, extra={"page_checks": {"second_process_from": second_process_from}}
        )
        written[where] = [(out / "site" / name).read_bytes() for name in SEARCH_FILES]
        assert not processes_mentioning(str(out / "site"))
    assert written["second process"] == written["build process"]
    index, lunr, _words = written["build process"]
    assert b'"aliases":' in index and b'"variants":' in index  # the extra fields reached the index
    assert lunr.startswith(b"self.lunrIndex = JSON.parse(")  # prebuilt, not the fallback
