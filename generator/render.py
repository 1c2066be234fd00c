"""Render reading pages: front-matter and annotated Markdown body. Pure: data in, text out.

``render_page`` renders a fresh import: capture repairs become ``capture``
annotations and removed text goes, verbatim, into a collapsed block at the end.
``assemble`` is the shared core, also used by ``update`` to lay re-anchored
annotations and editorial blocks over a new text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.model import Capture, Removed
from generator.pages import dump

REMOVED_TITLE = "Removed from the capture"
REMOVED_INTRO = ("The capture held this text around the article. It is not part of the article's text,"
                 " and is kept here verbatim so that nothing is lost.")


@dataclass(frozen=True)
class Mark:
    """An annotation to lay over paragraph ``paragraph`` at ``[start, end)``."""

    paragraph: int
    start: int
    end: int
    id: str
    note: str


@dataclass
class Layout:
    """Everything a page body holds besides the article's paragraphs."""

    marks: list[Mark] = field(default_factory=list)
    before: dict[int, list[str]] = field(default_factory=dict)  # editorial blocks before paragraph i (len: at the end)
    removed: list[Removed] = field(default_factory=list)


def front_matter(capture: Capture) -> dict[str, Any]:
    meta = dict(capture.meta)
    tags = list(dict.fromkeys([*meta.get("themes", []), *meta.get("regions", [])]))
    if tags:
        meta["tags"] = tags
    meta["source"] = capture.source
    meta["source_sha256"] = capture.sha256
    return meta


def capture_marks(capture: Capture, taken: set[str] | frozenset[str] = frozenset()) -> list[Mark]:
    """The capture's repairs as ``capture-N`` annotations, numbered in reading order, skipping ``taken`` ids."""
    marks: list[Mark] = []
    number = 0
    for repair in sorted(capture.repairs, key=lambda r: (r.paragraph, r.start)):
        number += 1
        while f"capture-{number}" in taken:
            number += 1
        marks.append(Mark(repair.paragraph, repair.start, repair.end, f"capture-{number}", repair.note))
    return marks


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def removed_block(removed: list[Removed]) -> str:
    lines = [f'??? removed "{REMOVED_TITLE}"', "", f"    {REMOVED_INTRO}"]
    for part in removed:
        fence = _fence(part.text)
        lines += ["", f"    {part.label}:", "", f"    {fence}text"]
        lines += [f"    {line}" if line else "" for line in part.text.split("\n")]
        lines.append(f"    {fence}")
    return "\n".join(lines)


def assemble(paragraphs: list[str], layout: Layout) -> str:
    """The page body: editorial blocks, paragraphs with marked passages and their notes, the removed block."""
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        out += layout.before.get(index, [])
        marks = sorted((m for m in layout.marks if m.paragraph == index), key=lambda m: m.start)
        # Insert markers from the end, so earlier offsets stay valid.
        for mark in reversed(marks):
            passage = paragraph[mark.start:mark.end]
            paragraph = f"{paragraph[:mark.start]}=={passage}==[^{mark.id}]{paragraph[mark.end:]}"
        out.append(paragraph)
        if marks:
            out.append("\n".join(f"[^{m.id}]: {m.note}" for m in marks))
    out += layout.before.get(len(paragraphs), [])
    if layout.removed:
        out.append(removed_block(layout.removed))
    return "\n\n".join(out)


def render_page(capture: Capture) -> str:
    layout = Layout(marks=capture_marks(capture), removed=capture.removed)
    return dump(front_matter(capture), assemble(capture.paragraphs, layout))
