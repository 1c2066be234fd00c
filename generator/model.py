"""What an importer produces from a seed: the ``Capture``.

A capture holds the article's paragraphs (Markdown, after documented repairs),
the repairs as ``capture`` annotations, the metadata read from the seed and
the parts of the seed that are not the article, verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Repair:
    """A capture repair, recorded as a ``capture`` annotation on the repaired text."""

    paragraph: int  # index into Capture.paragraphs
    start: int  # span of the passage in that paragraph
    end: int
    note: str


@dataclass(frozen=True)
class Removed:
    """A run of seed text that is not the article, kept verbatim."""

    label: str
    text: str


@dataclass
class Capture:
    source: str  # the seed's path, relative to the project, with "/" separators
    sha256: str
    meta: dict[str, Any]  # front-matter values read from the seed; absent when the seed lacks them
    paragraphs: list[str]
    repairs: list[Repair] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)

    def article_text(self) -> str:
        """The article text a page must reproduce (see ``markup.article_text``)."""
        return "\n\n".join(self.paragraphs)


_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS_RE = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")


def plain_text(markdown: str) -> str:
    """Markdown inline text without its markup: for descriptions and word counts."""
    text = _LINK_RE.sub(r"\1", markdown)
    text = _EMPHASIS_RE.sub(r"\2", text)
    text = text.replace("&lt;", "<").replace("&amp;", "&")
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!=<>])", r"\1", text)


WORDS_PER_MINUTE = 200  # a common, conservative reading speed for news prose


def word_count(paragraphs: list[str]) -> int:
    return sum(len(plain_text(p).split()) for p in paragraphs)


def reading_time(words: int) -> int:
    """Minutes, rounded up, at least one."""
    return max(1, -(-words // WORDS_PER_MINUTE))
