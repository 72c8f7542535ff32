"""Key points and the urgent-help box (issue 16), judged on converted HTML without a build:
every treatment and condition page opens with 3-5 key points; a condition page about an
emergency has the urgent box, straight after its opening paragraph."""

from __future__ import annotations

import pytest
from act.validation.body import html_findings

TITLE = '<h1 id="x">X</h1><p>Opening paragraph.</p>'
URGENT = '<div class="admonition danger"><p class="admonition-title">When to get urgent help</p><p>Call 999.</p></div>'
RISKS = '<div class="admonition warning"><p class="admonition-title">Risks and complications</p><ul><li>a</li></ul></div>'


def key_points(n: int) -> str:
    items = "".join(f"<li>point {i}</li>" for i in range(n))
    return (
        f'<div class="admonition abstract"><p class="admonition-title">Key points</p><ul>{items}</ul></div>'
    )


def messages(body: str, page_type: str, emergency: str | None = None) -> list[str]:
    found = html_findings(
        body, title="X", page_type=page_type, page_url="x/", site_urls=set(), emergency=emergency
    )
    return [f.message for f in found]


@pytest.mark.parametrize(
    ("body", "page_type", "emergency"),
    [
        (TITLE + key_points(3) + RISKS, "treatment", None),
        (TITLE + key_points(5) + RISKS, "treatment", None),
        (TITLE + key_points(4), "condition", None),
        (TITLE + URGENT + key_points(4), "condition", "spinal-metastases"),
        (TITLE + "<p>Second paragraph.</p>" + URGENT + key_points(3), "condition", "hypercalcaemia"),
        (TITLE, "guide", None),
    ],
)
def test_good_pages_pass(body, page_type, emergency):
    assert messages(body, page_type, emergency) == []


@pytest.mark.parametrize(
    ("body", "page_type", "emergency", "expected"),
    [
        (
            TITLE + RISKS,
            "treatment",
            None,
            'treatment page has no key points summary — add `!!! abstract "Key points"` straight after the '
            "opening paragraph, with 3 to 5 short bullets written for this page, indented 4 spaces",
        ),
        (
            TITLE + key_points(2) + RISKS,
            "treatment",
            None,
            "key points box has 2 bullets — keep 3 to 5 short ones",
        ),
        (TITLE + key_points(6), "condition", None, "key points box has 6 bullets — keep 3 to 5 short ones"),
        (
            TITLE + key_points(3),
            "condition",
            "spinal-metastases",
            "condition page about an emergency (spinal-metastases) has no urgent-help box — add "
            '`!!! danger "When to get urgent help"` straight after the opening paragraph, naming the warning '
            "signs and who to call (999, A&E)",
        ),
        (
            TITLE + key_points(3) + URGENT,
            "condition",
            "spinal-metastases",
            "urgent-help box is not straight after the opening paragraph — move "
            '`!!! danger "When to get urgent help"` up to there',
        ),
        (
            TITLE + "<h2>Symptoms</h2>" + URGENT + key_points(3),
            "condition",
            None,
            "urgent-help box is not straight after the opening paragraph — move "
            '`!!! danger "When to get urgent help"` up to there',
        ),
    ],
)
def test_bad_pages_get_one_exact_message(body, page_type, emergency, expected):
    assert messages(body, page_type, emergency) == [expected]
