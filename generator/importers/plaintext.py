"""Importer for plain text: the title on the first line, then the article's paragraphs."""

from __future__ import annotations

from generator.document.capture import Capture, Removed
from generator.errors import InputError, error
from generator.importers.common import blocks, make_capture, repair_paragraphs

MAX_TITLE = 300


def detect(text: str) -> bool:
    """Anything whose first non-blank line could be a title; the importer of last resort."""
    first = text.lstrip().split("\n", 1)[0].strip()
    return 0 < len(first) <= MAX_TITLE


def parse(text: str, path: str, sha256: str) -> Capture:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.strip())
    title = lines[index].strip().lstrip("#").strip()
    parts = [b for b in blocks("\n".join(lines[index + 1:])) if b.text.strip()]
    if not parts:
        raise InputError(error(path, index + 2, 1, "only a title line: the article's text should follow it after a blank line", "no-body"))
    paragraphs, repairs = repair_paragraphs(parts, join=True)
    removed = [Removed("Title line of the capture (it is this page's title)", lines[index])]
    return make_capture(path, sha256, {"title": title}, paragraphs, repairs, removed)
