"""Write a reading page's body: the article's paragraphs with annotations, links and blocks laid over them. Pure.

``assemble`` is the one writer of the format (``syntax`` holds its markers): a
fresh import (``reading.compose``) and an update (``reading.update``) both
describe the page as a ``Layout`` (marks, links, editorial blocks, the removed
text) over the article's paragraphs, and ``assemble`` lays it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.document.capture import Removed
from generator.document.kinds import BY_NAME
from generator.document.syntax import (
    DETACHED_INTRO,
    DETACHED_TITLE,
    DETACHED_TYPE,
    REMOVED_INTRO,
    REMOVED_TITLE,
    REMOVED_TYPE,
    context_target,
)


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
    """A link to the context page ``slug`` over paragraph ``paragraph`` at ``[start, end)``, with its tooltip."""

    paragraph: int
    start: int
    end: int
    slug: str
    title: str | None = None

    @property
    def target(self) -> str:
        """The Markdown link target and title: '../context/x.md "summary"'."""
        return context_target(self.slug, self.title)


@dataclass
class Layout:
    """Everything a page body holds besides the article's paragraphs."""

    marks: list[Mark] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    before: dict[int, list[str]] = field(default_factory=dict)  # blocks before paragraph i (len(paragraphs): at the end)
    removed: list[Removed] = field(default_factory=list)


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def removed_block(removed: list[Removed]) -> str:
    """The collapsed block holding, verbatim, the seed's text that is not the article."""
    lines = [f'??? {REMOVED_TYPE} "{REMOVED_TITLE}"', "", f"    {REMOVED_INTRO}"]
    for part in removed:
        fence = _fence(part.text)
        lines += ["", f"    {part.label}:", "", f"    {fence}text"]
        lines += [f"    {line}" if line else "" for line in part.text.split("\n")]
        lines.append(f"    {fence}")
    return "\n".join(lines)


def detached_item(ident: str, kind: str, passage: str, note: str) -> str:
    """One line of the "Detached notes" block (``read.detached_items`` reads it back)."""
    label = BY_NAME[kind].label if kind in BY_NAME else kind
    return f"    - `{ident}` ({label}). Last passage: “{' '.join(passage.split())}”. Note: {' '.join(note.split())}"


def detached_block(items: list[str]) -> str:
    return "\n".join([f'!!! {DETACHED_TYPE} "{DETACHED_TITLE}"', "", f"    {DETACHED_INTRO}", "", *items])


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
    """Lay annotation markers and context links over one paragraph, properly nested.

    A link may sit inside a passage and a passage inside a link (callers never let them cross). At one
    position, closing comes before opening; what opened last closes first; of two spans that open
    together, the longer (and, when equal, the passage) opens first, so it is the outer one.
    """
    events: list[tuple[int, int, int, int, str]] = []  # (position, close 0 / open 1, nesting key, passage first, text)
    for link in links:
        events += [(link.start, 1, -link.end, 1, "["), (link.end, 0, -link.start, 0, f"]({link.target})")]
    for mark in marks:
        events += [(mark.start, 1, -mark.end, 0, "=="), (mark.end, 0, -mark.start, 1, f"==[^{mark.id}]")]
    out, pos = [], 0
    for position, _kind, _nesting, _tie, text in sorted(events):
        out += [paragraph[pos:position], text]
        pos = position
    out.append(paragraph[pos:])
    return "".join(out)


def assemble(paragraphs: list[str], layout: Layout) -> str:
    """The page body: editorial blocks, paragraphs with marked passages and their notes, the removed block."""
    out: list[str] = []
    marks_of: dict[int, list[Mark]] = {}
    for mark in layout.marks:
        marks_of.setdefault(mark.paragraph, []).append(mark)
    links_of: dict[int, list[Link]] = {}
    for link in layout.links:
        links_of.setdefault(link.paragraph, []).append(link)
    for index, paragraph in enumerate(paragraphs):
        out += layout.before.get(index, [])
        marks = sorted(marks_of.get(index, []), key=lambda m: m.start)
        spans = [(m, safe_span(paragraph, m.start, m.end)) for m in marks]
        # A generated note on a paragraph without a single word has nothing to mark, and is left out.
        marks = [Mark(m.paragraph, span[0], span[1], m.id, m.note) for m, span in spans if span]
        out.append(_overlay(paragraph, marks, links_of.get(index, [])))
        if marks:
            out.append("\n".join(f"[^{m.id}]: {m.note}" for m in marks))
    out += layout.before.get(len(paragraphs), [])
    if layout.removed:
        out.append(removed_block(layout.removed))
    return "\n\n".join(out)
