"""Reading ease is measured offline, from data shipped in Python packages."""

from __future__ import annotations

import socket

import pytest
from act import readability


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("readability tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_measure_never_touches_the_network(no_network):
    readability.syllables.cache_clear()
    readability._pronunciations.cache_clear()
    readability._hyphenator.cache_clear()
    result = readability.measure("# Oesophageal stent\n\nA stent is a tube. It helps you swallow again.\n")
    assert result.words == 12 and result.sentences == 3


def test_syllables_from_the_dictionary_and_for_unknown_words():
    assert readability.syllables("cat") == 1
    assert readability.syllables("metastasis") == 4
    assert readability.syllables("oesophagus") >= 3  # UK spelling, not in the US dictionary


def test_plain_english_scores_higher_than_jargon():
    plain = "A stent is a small tube. It keeps the food pipe open. You can eat again."
    jargon = (
        "Endoscopic deployment of self-expanding metallic prostheses facilitates palliation of "
        "malignant oesophageal obstruction in inoperable individuals."
    )
    assert readability.measure(plain).flesch > 80 > 20 > readability.measure(jargon).flesch


def test_markup_is_not_counted_as_words():
    md = (
        '---\ntitle: X\n---\n\n!!! warning "Risks"\n    Bleeding.\n\n'
        '![alt text here](a.svg){ data-gallery="g" }\n<figure markdown="span">Caption.</figure>\n'
        "[link words](../x.md)[^nice-ng234]\n*[MDT]: team\n"
    )
    text = readability.plain_text(md)
    assert "gallery" not in text and "../x.md" not in text and "team" not in text and "nice" not in text
    assert readability.measure(md).words == 5  # Risks, Bleeding, Caption, link, words
