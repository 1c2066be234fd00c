"""Text helpers of the page format: the article text, plain text of Markdown, escaping, counts.

The article text is the paragraphs joined by one blank line; offsets into it
(``paragraph_starts``, ``paragraph_of``) are how annotations and links are placed.
"""

from __future__ import annotations

import json
import re

from generator.document.counts import Length, measure
from generator.document.syntax import LINK_INSIDE, LINK_TEXT

PARAGRAPH_BREAK = "\n\n"

_LINK_RE = re.compile(r"!?\[(" + LINK_TEXT + r")\]\(" + LINK_INSIDE + r"\)")
_EMPHASIS_RE = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")


def join_paragraphs(paragraphs: list[str]) -> str:
    return PARAGRAPH_BREAK.join(paragraphs)


def paragraph_starts(paragraphs: list[str]) -> list[int]:
    """Offsets of each paragraph in the article text."""
    starts, pos = [], 0
    for paragraph in paragraphs:
        starts.append(pos)
        pos += len(paragraph) + len(PARAGRAPH_BREAK)
    return starts


def paragraph_of(offset: int, starts: list[int]) -> int:
    """The index of the paragraph holding ``offset``."""
    return max(i for i, start in enumerate(starts) if start <= offset) if starts else 0


def plain_text(markdown: str) -> str:
    """Markdown inline text without its markup: for descriptions and word counts."""
    text = _LINK_RE.sub(r"\1", markdown)
    text = _EMPHASIS_RE.sub(r"\2", text)
    text = text.replace("&lt;", "<").replace("&amp;", "&")
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!=<>])", r"\1", text)


def length(paragraphs: list[str]) -> Length:
    """The article's length per script (``counts.measure``) from its Markdown paragraphs."""
    return measure(" ".join(plain_text(p) for p in paragraphs))


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December")


def long_date(iso: str) -> str:
    """The site's one date format: "18 December 2017" (an ISO date's text, left as it is if it is not one)."""
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return iso
    return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {int(parts[0])}"


def md_escape(text: str) -> str:
    """Escape Markdown syntax in text that comes from seeds (titles, names) before it goes into a generated page."""
    return re.sub(r"([\\`*_\[\]<>|#=~!&{}])", r"\\\1", text)


def yaml_str(value: str) -> str:
    """A YAML scalar for ``value`` ("Theme: Economy" needs quotes)."""
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def short(text: str, limit: int = 90) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
