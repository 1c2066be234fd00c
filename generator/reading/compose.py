"""Compose a reading page for a capture: front-matter, capture notes and context links over its paragraphs. Pure.

A fresh import is ``compose_page``; ``reading.update`` reuses ``front_matter``,
``capture_marks`` and ``context_links`` to lay a page's carried-over layer onto
a changed seed. ``document.write.assemble`` writes the result.
"""

from __future__ import annotations

import hashlib
import re

from generator.context.entities import Entity
from generator.context.mentions import about_source, plan_links, title_text
from generator.document.capture import Capture
from generator.document.page import dump
from generator.document.read import LinkSpan
from generator.document.schema import ReadingMeta, replace
from generator.document.syntax import generated_id
from generator.document.text import paragraph_of, paragraph_starts
from generator.document.write import Layout, Link, Mark, assemble


def front_matter(capture: Capture, entities: list[Entity] | None = None) -> ReadingMeta:
    """The seed's metadata plus what import derives: tags, About the source, the seed's path and hash."""
    meta = capture.meta
    tags = tuple(dict.fromkeys([*meta.themes, *meta.regions]))
    return replace(meta, about_source=about_source(meta.publisher, entities or []), tags=tags or meta.tags,
                   source=capture.source, source_sha256=capture.sha256)


WORD_RE = re.compile(r"\w")
CODE_SPAN_RE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)


def _outside_code(paragraph: str, start: int, end: int) -> tuple[int, int]:
    """A passage never starts or ends inside inline code (it would show as code): move it to the nearest word outside."""
    spans = [m.span() for m in CODE_SPAN_RE.finditer(paragraph)]
    if not any(start < e and s < end for s, e in spans):
        return start, end
    words = [m.span() for m in re.finditer(r"\w+", paragraph) if not any(s <= m.start() < e for s, e in spans)]
    return min(words, key=lambda w: abs(w[0] - start)) if words else (start, start)


def _disjoint(capture: Capture) -> list[tuple[int, int, int, str]]:
    """The repairs' spans made disjoint, in reading order: passages never overlap, so where two repairs meet (a
    paragraph joined just before a lost link) the earlier passage ends where the later begins."""
    spans: list[tuple[int, int, int, str]] = []  # (paragraph, start, end, note)
    placed = sorted(((r, *_outside_code(capture.paragraphs[r.paragraph], r.start, r.end)) for r in capture.repairs),
                    key=lambda item: (item[0].paragraph, item[1], item[2]))
    for repair, start, end in placed:
        if spans and spans[-1][0] == repair.paragraph and start < spans[-1][2]:
            paragraph, prev_start, _prev_end, note = spans[-1]
            text = capture.paragraphs[paragraph]
            if WORD_RE.search(text[prev_start:start]):
                spans[-1] = (paragraph, prev_start, start, note)  # the earlier one gives way
            else:
                start = spans[-1][2]  # else the later one starts after it
        if WORD_RE.search(capture.paragraphs[repair.paragraph][start:end]):
            spans.append((repair.paragraph, start, end, repair.note))
    return spans


def capture_marks(capture: Capture, taken: set[str] | frozenset[str] = frozenset()) -> list[Mark]:
    """The capture's repairs as ``capture-N`` annotations, numbered in reading order, skipping ``taken`` ids."""
    marks: list[Mark] = []
    number = 0
    for paragraph, start, end, note in _disjoint(capture):
        number += 1
        while generated_id(number) in taken:
            number += 1
        marks.append(Mark(paragraph, start, end, generated_id(number), note))
    return marks


def context_links(paragraphs: list[str], marks: list[Mark], entities: list[Entity], kept: list[LinkSpan],
                  skip: set[str]) -> list[Link]:
    """The reading's context links: ``kept`` ones plus first mentions (see ``mentions.plan_links``)."""
    starts = paragraph_starts(paragraphs)
    by_slug = {e.slug: e for e in entities}
    blocked = [(starts[m.paragraph] + m.start, starts[m.paragraph] + m.end) for m in marks]
    links = []
    for span in plan_links(paragraphs, entities, kept, skip, blocked):
        index = paragraph_of(span.start, starts)
        title = title_text(by_slug[span.slug]) if span.slug in by_slug else None
        links.append(Link(index, span.start - starts[index], span.end - starts[index], span.slug, title))
    return links


DIGEST_LINE_RE = re.compile(r"^generated_sha256: [0-9a-f]{64}\n", re.MULTILINE)


def page_digest(text: str) -> str:
    """The digest of a page's text with its ``generated_sha256`` line left out."""
    head, sep, body = text.partition("\n---\n")
    return hashlib.sha256((DIGEST_LINE_RE.sub("", head, count=1) + sep + body).encode("utf-8")).hexdigest()


def recorded_digest(text: str) -> str:
    """The ``generated_sha256`` a page's text records, or ""."""
    match = DIGEST_LINE_RE.search(text.partition("\n---\n")[0])
    return match.group(0).split(":", 1)[1].strip() if match else ""


def untouched(text: str) -> bool:
    """Whether a page is exactly what import generated from its seed (no contributor has edited it since)."""
    recorded = recorded_digest(text)
    return bool(recorded) and page_digest(text) == recorded


def compose_page(capture: Capture, entities: list[Entity] | None = None) -> str:
    """The page a fresh import writes for ``capture``, recording its own digest (``generated_sha256``)."""
    marks = capture_marks(capture)
    links = context_links(capture.paragraphs, marks, entities or [], [], set())
    layout = Layout(marks=marks, links=links, removed=capture.removed)
    meta, body = front_matter(capture, entities), assemble(capture.paragraphs, layout)
    digest = page_digest(dump(replace(meta, generated_sha256=""), body))
    return dump(replace(meta, generated_sha256=digest), body)
