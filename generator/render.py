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

from generator import context
from generator.context import Entity
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


@dataclass(frozen=True)
class Link:
    """A link to a context page over paragraph ``paragraph`` at ``[start, end)``."""

    paragraph: int
    start: int
    end: int
    target: str  # the Markdown link target and title: '../context/x.md "summary"'


@dataclass
class Layout:
    """Everything a page body holds besides the article's paragraphs."""

    marks: list[Mark] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    before: dict[int, list[str]] = field(default_factory=dict)  # editorial blocks before paragraph i (len: at the end)
    removed: list[Removed] = field(default_factory=list)


def front_matter(capture: Capture, entities: list[Entity] | None = None) -> dict[str, Any]:
    meta = dict(capture.meta)
    about = context.about_source(meta.get("publisher"), entities or [])
    if about:
        meta["about_source"] = about
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


EDGE_CHARS = " \t\n=\\"  # a passage must not begin or end with these: "==" and "\" would break the markers


def safe_span(paragraph: str, start: int, end: int) -> tuple[int, int] | None:
    """The passage shrunk so its markers stay unambiguous, or the nearest word; None if the paragraph has no word."""
    s, e = start, end
    while s < e and paragraph[s] in EDGE_CHARS:
        s += 1
    while e > s and paragraph[e - 1] in EDGE_CHARS:
        e -= 1
    if s < e:
        return s, e
    words = [m.span() for m in re.finditer(r"\w+", paragraph)]
    if not words:
        return None
    return min(words, key=lambda span: abs(span[0] - start))


def _overlay(paragraph: str, marks: list[Mark], links: list[Link]) -> str:
    """Lay annotation markers and context links over one paragraph; links may sit inside passages."""
    events: list[tuple[int, int, str]] = []  # (position, order at equal positions, text)
    for link in links:
        events += [(link.start, 3, "["), (link.end, 0, f"]({link.target})")]
    for mark in marks:
        events += [(mark.start, 2, "=="), (mark.end, 1, f"==[^{mark.id}]")]
    out, pos = [], 0
    for position, _order, text in sorted(events):
        out += [paragraph[pos:position], text]
        pos = position
    out.append(paragraph[pos:])
    return "".join(out)


def assemble(paragraphs: list[str], layout: Layout) -> str:
    """The page body: editorial blocks, paragraphs with marked passages and their notes, the removed block."""
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        out += layout.before.get(index, [])
        marks = sorted((m for m in layout.marks if m.paragraph == index), key=lambda m: m.start)
        spans = [(m, safe_span(paragraph, m.start, m.end)) for m in marks]
        # A generated note on a paragraph without a single word has nothing to mark, and is left out.
        marks = [Mark(m.paragraph, span[0], span[1], m.id, m.note) for m, span in spans if span]
        out.append(_overlay(paragraph, marks, [link for link in layout.links if link.paragraph == index]))
        if marks:
            out.append("\n".join(f"[^{m.id}]: {m.note}" for m in marks))
    out += layout.before.get(len(paragraphs), [])
    if layout.removed:
        out.append(removed_block(layout.removed))
    return "\n\n".join(out)


def paragraph_starts(paragraphs: list[str]) -> list[int]:
    """Offsets of each paragraph in the article text (paragraphs joined by a blank line)."""
    starts, pos = [], 0
    for paragraph in paragraphs:
        starts.append(pos)
        pos += len(paragraph) + 2
    return starts


def paragraph_of(offset: int, starts: list[int]) -> int:
    return max(i for i, start in enumerate(starts) if start <= offset) if starts else 0


def context_links(paragraphs: list[str], marks: list[Mark], entities: list[Entity], kept: list[tuple[str, int, int]],
                  skip: set[str]) -> list[Link]:
    """The reading's context links: ``kept`` ones plus first mentions (see ``context.plan_links``)."""
    starts = paragraph_starts(paragraphs)
    by_slug = {e.slug: e for e in entities}
    blocked = [(starts[m.paragraph] + m.start, starts[m.paragraph] + m.end) for m in marks]
    links = []
    for slug, start, end in context.plan_links(paragraphs, entities, kept, skip, blocked):
        index = paragraph_of(start, starts)
        target = context.link_target(by_slug[slug]) if slug in by_slug else f"../{context.CONTEXT_DIR}/{slug}.md"
        links.append(Link(index, start - starts[index], end - starts[index], target))
    return links


def render_page(capture: Capture, entities: list[Entity] | None = None) -> str:
    marks = capture_marks(capture)
    links = context_links(capture.paragraphs, marks, entities or [], [], set())
    layout = Layout(marks=marks, links=links, removed=capture.removed)
    return dump(front_matter(capture, entities), assemble(capture.paragraphs, layout))
