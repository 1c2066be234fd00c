"""The article text as readers and annotation tools see it: the page's Markdown without its markup. Pure.

A reading's article text (``read.locate``) is Markdown: ``*emphasis*``, ``[links](…)``,
backslash escapes and ``&lt;`` entities. Hypothesis and the W3C selectors quote the text a
browser shows. ``plain`` strips that markup and keeps a map both ways, so a passage's span in
the Markdown becomes a span in the shown text (export) and back (import):

    Markdown article text --links, emphasis, escapes, entities--> plain text, offsets both ways
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.document.syntax import LINK_INSIDE, LINK_TEXT

_LINK_RE = re.compile(r"!?\[(?P<keep>" + LINK_TEXT + r")\]\(" + LINK_INSIDE + r"\)")
# Emphasis as Python-Markdown reads it: never an escaped marker, and "_" not inside a word.
_STAR_RE = re.compile(r"(?<!\\)(?P<mark>\*{1,3})(?=\S)(?P<keep>[^\n]+?)(?<=[^\s\\])(?P=mark)")
_UNDERSCORE_RE = re.compile(r"(?<![\w\\])(?P<mark>_{1,3})(?=\S)(?P<keep>[^\n]+?)(?<=[^\s\\])(?P=mark)(?!\w)")
_ESCAPE_RE = re.compile(r"\\(?P<keep>[\\`*_{}\[\]()#+\-.!=<>|~&])")
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(frozen=True)
class Plain:
    """The shown text, and where each Markdown offset went (``forward``) and where each shown character came from."""

    text: str
    forward: tuple[int, ...]  # Markdown offset -> shown offset (len(markdown) + 1 entries)
    back: tuple[int, ...]  # shown offset -> Markdown offset (len(text) + 1 entries)
    constructs: tuple[tuple[int, int], ...] = ()  # Markdown spans of links and emphasis: a passage holds them whole

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A Markdown span as a span of the shown text."""
        return self.forward[start], self.forward[end]

    def markdown_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the shown text as the Markdown span that shows it, widened to hold any link or emphasis it
        cuts through whole (markers never cross: "==[a **b==]**" would not be Markdown)."""
        md_start = self.back[start]
        md_end = max(md_start, self.forward.index(end, md_start)) if end > start else md_start
        changed = True
        while changed:
            changed = False
            for s, e in self.constructs:
                overlap = md_start < e and s < md_end
                if overlap and not (s <= md_start and md_end <= e) and not (md_start <= s and e <= md_end):
                    md_start, md_end, changed = min(md_start, s), max(md_end, e), True
        return md_start, md_end


def _replace(text: str, pattern: re.Pattern[str], replacement: Callable[[re.Match[str]], str],
             atomic: bool = False) -> tuple[str, list[int], list[int]]:
    """``text`` with each match replaced; maps from old offsets to new and from new offsets to old.

    The characters of the match's ``keep`` group map one to one and the markup around them maps to
    their edges; an ``atomic`` match (an escape, an entity) maps as a whole to its replacement.
    """
    out: list[str] = []
    forward: list[int] = []
    back: list[int] = []
    pos = length = 0
    for match in pattern.finditer(text):
        piece = text[pos:match.start()]
        forward += range(length, length + len(piece))
        back += range(pos, match.start())
        out.append(piece)
        length += len(piece)
        new = replacement(match)
        kept = match.groupdict().get("keep")
        if kept is not None and not atomic:
            keep_start, keep_end = match.span("keep")
            forward += [length + min(max(offset - keep_start, 0), len(kept)) for offset in range(match.start(), match.end())]
            back += range(keep_start, keep_end)
        else:
            forward += [length] * (match.end() - match.start())
            back += [match.start()] * len(new)
        out.append(new)
        length += len(new)
        pos = match.end()
    piece = text[pos:]
    forward += range(length, length + len(piece) + 1)
    back += range(pos, len(text) + 1)
    out.append(piece)
    return "".join(out), forward, back


def plain(markdown: str) -> Plain:
    """The text ``markdown`` shows, with offsets both ways."""
    text = markdown
    forward = list(range(len(text) + 1))
    back = list(range(len(text) + 1))
    keep: Callable[[re.Match[str]], str] = lambda m: m.group("keep")  # noqa: E731
    steps: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str], bool]] = [
        (_LINK_RE, keep, False),
        (_STAR_RE, keep, False),
        (_UNDERSCORE_RE, keep, False),
        (_STAR_RE, keep, False),  # "**_x_**" nests: a second pass
        (_ESCAPE_RE, keep, True),
        (_ENTITY_RE, lambda m: html.unescape(m.group(0)), True),
    ]
    for pattern, replacement, atomic in steps:
        text, step_forward, step_back = _replace(text, pattern, replacement, atomic)
        forward = [step_forward[offset] for offset in forward]
        back = [back[offset] for offset in step_back]
    constructs = sorted(m.span() for pattern in (_LINK_RE, _STAR_RE, _UNDERSCORE_RE) for m in pattern.finditer(markdown))
    return Plain(text, tuple(forward), tuple(back), tuple(constructs))
