"""The content model, the settings, per-build state and the JSON-LD builder, without a build."""

from __future__ import annotations

import datetime as dt
import gc
import json

import pytest
from act import content_model
from act.build import Build, HeapFreeze, per_build, thaw_after_failure
from act.settings import RelatedTopicsSettings, read_settings, settings_line
from act.structured_data import json_ld, structured_data
from act.validation.schema import FrontMatter
from mkdocs.config.defaults import MkDocsConfig


def test_the_schema_allows_exactly_the_content_models_page_types():
    schema = FrontMatter.model_json_schema()
    assert schema["properties"]["type"]["enum"] == list(content_model.PAGE_TYPES)
    assert content_model.A_Z_TYPES >= content_model.LISTED_TYPES >= content_model.MEASURED_TYPES
    assert set(content_model.RELATED_GROUP_ORDER) == content_model.LISTED_TYPES


def test_settings_default_and_report_a_wrong_value_instead_of_failing():
    settings, problems = read_settings({}, {})
    assert settings.related_topics == RelatedTopicsSettings() and problems == []
    settings, problems = read_settings(
        {"related_topics": {"limit": 4, "exclude": ["guides/glossary.md"]}}, {"ACT_ALLOW_OVERDUE": "1"}
    )
    assert settings.related_topics.limit == 4 and settings.related_topics.exclude == {"guides/glossary.md"}
    assert settings.allow_overdue
    settings, problems = read_settings(
        {"related_topics": {"limt": 4}}, {"CI": "true", "ACT_ALLOW_OVERDUE": "1"}
    )
    assert settings.related_topics == RelatedTopicsSettings() and not settings.allow_overdue
    assert [str(p).split(" — ")[0] for p in problems] == [
        "mkdocs.yml:1: extra.related_topics.limt: Extra inputs are not permitted"
    ]


@pytest.mark.parametrize(
    ("value", "today", "problems"),
    [
        ("", None, []),
        ("2027-10-30", dt.date(2027, 10, 30), []),
        (" 2030-01-01 ", dt.date(2030, 1, 1), []),
        (
            "30/10/2027",
            None,
            ["ACT_TODAY:1: ACT_TODAY='30/10/2027' is not a date — write it as YYYY-MM-DD, or unset it"],
        ),
        (
            "tomorrow",
            None,
            ["ACT_TODAY:1: ACT_TODAY='tomorrow' is not a date — write it as YYYY-MM-DD, or unset it"],
        ),
    ],
)
def test_act_today_pins_the_build_date_or_is_reported(value, today, problems):
    settings, found = read_settings({}, {"ACT_TODAY": value})
    assert settings.today == today
    assert [str(p) for p in found] == problems


def test_a_build_takes_act_today_as_today(monkeypatch):
    monkeypatch.setenv("ACT_TODAY", "2031-02-03")
    assert Build(MkDocsConfig()).today == dt.date(2031, 2, 3)
    monkeypatch.delenv("ACT_TODAY")
    assert Build(MkDocsConfig()).today == dt.date.today()


def test_a_wrong_setting_is_reported_at_its_line_in_mkdocs_yml():
    assert settings_line("site_name: x\nextra:\n  related_topics:\n    limit: 0\n") == 3
    _, problems = read_settings({"related_topics": {"limit": 0}}, {}, "mkdocs.yml", 3)
    assert str(problems[0]).startswith("mkdocs.yml:3: extra.related_topics.limit: ")


def test_per_build_state_is_one_object_per_config_and_dies_with_it(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")

    def config() -> MkDocsConfig:
        c = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
        c.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs")})
        c.validate()
        return c

    first, second = config(), config()
    assert per_build(first, Build) is per_build(first, Build)
    assert per_build(first, Build) is not per_build(
        second, Build
    )  # `mkdocs serve`: a new config each rebuild


def test_the_heap_freeze_lasts_one_build_and_restores_what_it_found():
    assert gc.get_freeze_count() == 0
    kept = [object()]  # a tracked object alive when the build freezes
    heap = HeapFreeze(MkDocsConfig())
    heap.freeze()
    assert heap.frozen and gc.get_freeze_count() > 0
    heap.freeze()  # a second call changes nothing
    heap.thaw()
    assert not heap.frozen and gc.get_freeze_count() == 0
    heap.thaw()  # nothing left to thaw
    assert gc.get_freeze_count() == 0
    # A failed build (`on_build_error`) thaws what its freeze froze.
    HeapFreeze(MkDocsConfig()).freeze()
    thaw_after_failure()
    assert gc.get_freeze_count() == 0
    # Someone else's frozen objects: left alone, not frozen over nor thawed by us.
    gc.freeze()
    try:
        # Frozen objects can still be freed (another thread lets one go), so the count may
        # fall a little; a freeze over it would raise it, a thaw would empty it.
        count = gc.get_freeze_count()
        other = HeapFreeze(MkDocsConfig())
        other.freeze()
        assert not other.frozen and 0 < gc.get_freeze_count() <= count
        other.thaw()
        assert not other.frozen and 0 < gc.get_freeze_count() <= count
    finally:
        gc.unfreeze()
    assert kept


META = {
    "title": 'Stent "A" </script>',
    "description": "A tube & more",
    "type": "treatment",
    "aliases": ["food pipe tube"],
    "last_reviewed": dt.date(2026, 3, 9),
    "sources": [{"title": "T", "publisher": "NICE", "year": 2023, "url": "https://nice.org.uk/x"}],
}


def test_json_ld_follows_the_page_type_and_cannot_end_its_script_element():
    data = structured_data(META, site_name="S", site_url="https://e.org/", canonical_url="https://e.org/t/")
    assert data["about"] == {
        "@type": "MedicalProcedure",
        "name": META["title"],
        "alternateName": ["food pipe tube"],
    }
    text = str(json_ld(data))
    assert "</script" not in text and "&" not in text and json.loads(text) == data
    guide = structured_data({**META, "type": "guide"}, site_name="S", site_url=None, canonical_url=None)
    assert guide["about"]["name"] == "Advanced cancer" and "url" not in guide
    assert structured_data({"title": "x"}, site_name="S", site_url=None, canonical_url=None) is None
