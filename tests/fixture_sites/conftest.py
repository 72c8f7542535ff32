"""Fixture sites build as if today were FIXTURE_TODAY, so their review dates never fall due."""

from __future__ import annotations

import pytest
from act.settings import TODAY_VARIABLE
from testkit.validation_site import FIXTURE_TODAY


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_VARIABLE, FIXTURE_TODAY.isoformat())
