"""``readings import --update``: carry a page's annotations and editorial layer onto a changed seed. Pure.

Data flow: the page's annotated text (old) and the new seed's ``Capture`` (new)
--anchoring.reanchor--> anchored and detached annotations --compose/write--> the
new page text. The previous seed (from ``history``, given by the caller) tells
contributors' front-matter edits from the old seed's own values. Nothing is
dropped: a note that cannot be re-anchored goes to the page's "Detached notes"
block, with its last-known passage; notes import generated (recognised by their
repair code) are made afresh from the new seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.checks.annotations import annotation_problems
from generator.context.entities import Entity
from generator.document import read
from generator.document.capture import Capture, generated_repair
from generator.document.page import Page, dump, parse_page
from generator.document.read import Annotation, LinkSpan
from generator.document.schema import READING_FIELDS, ReadingMeta, replace
from generator.document.syntax import DETACHED_TITLE, DETACHED_TYPE, REMOVED_TITLE, REMOVED_TYPE
from generator.document.text import paragraph_of, paragraph_starts
from generator.document.write import Layout, Mark, assemble, detached_block, detached_item, removed_block
from generator.errors import InputError, error
from generator.reading import anchoring
from generator.reading.compose import capture_marks, context_links, front_matter

STATUSES = ("kept", "moved", "text-changed", "detached")


@dataclass
class Detached:
    id: str
    kind: str
    passage: str
    note: str
    reason: str


@dataclass
class UpdateResult:
    text: str
    counts: dict[str, int] = field(default_factory=dict)
    detached: list[Detached] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def _shown(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == ()


def merge_front_matter(page: ReadingMeta, new: ReadingMeta, previous: ReadingMeta | None) -> tuple[ReadingMeta, list[str]]:
    """New seed values, except where a contributor changed the page's value; contributors' extra keys stay.

    ``previous`` is what the old seed generated; without it, a differing value
    cannot be told from a contributor's edit, so the page's value is kept and reported.
    """
    values: dict[str, Any] = {}
    messages: list[str] = []
    for spec in READING_FIELDS:
        name = spec.name
        mine, seeds = getattr(page, name), getattr(new, name)
        before = getattr(previous, name) if previous is not None else None
        if spec.derived or _empty(mine):
            values[name] = seeds
        elif _empty(seeds):
            # The new seed lacks the key: drop the page's value only if the old seed gave exactly it.
            values[name] = seeds if previous is not None and before == mine else mine
        elif mine == seeds or (previous is not None and before == mine):
            values[name] = seeds  # the same, or the old seed's value: take the new seed's
        else:
            values[name] = mine
            why = "a contributor's edit" if previous is not None else "the previous seed was not found in git to tell"
            messages.append(f"front-matter '{name}': kept the page's value ({why}); the new seed has {_shown(seeds)!r}")
    return ReadingMeta(**values, extra=dict(page.extra)), messages


@dataclass
class _Placed:
    """Where the carried-over layer goes on the new text."""

    marks: list[Mark]
    links: list[LinkSpan]
    detached: list[Detached]
    counts: dict[str, int]


def _place(page: Page, capture: Capture) -> _Placed:
    """Re-anchor contributors' annotations and the context links; regenerate the capture notes around them."""
    doc = read.parse(page.body, page.body_line)
    layer = read.locate(page.body)
    keep = {a.id: a for a in doc.annotations if generated_repair(a.id, a.note) is None and a.id in layer.spans}
    links = {f"link-{i}": link for i, link in enumerate(layer.links)}
    spans = [anchoring.Span(a.id, *layer.spans[a.id]) for a in keep.values()]
    spans += [anchoring.Span(key, link.start, link.end) for key, link in links.items()]
    anchored, lost = anchoring.reanchor(layer.text, capture.article_text(), spans)

    def detach(ann: Annotation, reason: str) -> Detached:
        return Detached(ann.id, ann.kind, read.strip_markup(ann.passage), ann.note, reason)

    starts = paragraph_starts(capture.paragraphs)
    marks = capture_marks(capture, taken=set(keep))
    taken: list[tuple[int, int]] = [(starts[m.paragraph] + m.start, starts[m.paragraph] + m.end) for m in marks]
    # A context link that cannot be placed is simply made again.
    detached = [detach(keep[o.id], o.reason) for o in lost if o.id in keep]
    counts = dict.fromkeys(STATUSES, 0)
    kept_links: list[LinkSpan] = []
    for outcome in sorted(anchored, key=lambda o: (o.start, o.id)):
        if outcome.id in links:
            kept_links.append(LinkSpan(links[outcome.id].slug, outcome.start, outcome.end))
            continue
        ann = keep[outcome.id]
        if any(outcome.start < e and s < outcome.end for s, e in taken):
            detached.append(detach(ann, "it would overlap another passage"))
            continue
        taken.append((outcome.start, outcome.end))
        index = paragraph_of(outcome.start, starts)
        marks.append(Mark(index, outcome.start - starts[index], outcome.end - starts[index], ann.id, ann.note))
        counts[outcome.status] += 1
    counts["detached"] = len(detached)
    return _Placed(marks, kept_links, detached, counts)


def _carry_blocks(page: Page, capture: Capture, detached: list[Detached]) -> dict[int, list[str]]:
    """Editorial blocks follow the paragraph they preceded; detached notes, old and new, collect in one block."""
    old_paragraphs = [read.strip_markup(raw) for _line, raw in read.raw_paragraphs(page.body)]
    old_starts = paragraph_starts(old_paragraphs)
    mapper = anchoring.offset_mapper(read.locate(page.body).text, capture.article_text())
    starts = paragraph_starts(capture.paragraphs)
    before: dict[int, list[str]] = {}
    carried: list[str] = []
    for block in read.editorial_blocks(page.body):
        if block.type == REMOVED_TYPE and block.title == REMOVED_TITLE:
            continue  # made afresh from the new seed
        if block.type == DETACHED_TYPE and block.title == DETACHED_TITLE:
            carried += read.detached_entries(block.text)  # every entry, verbatim, however it was edited
            continue
        target = len(capture.paragraphs) if block.before >= len(old_starts) else (
            0 if block.before == 0 else paragraph_of(mapper(old_starts[block.before]), starts))
        before.setdefault(target, []).append(block.text)
    items = carried + [detached_item(d.id, d.kind, d.passage, d.note) for d in sorted(detached, key=lambda d: d.id)]
    if items:
        before.setdefault(len(capture.paragraphs), []).append(detached_block(items))
    return before


def update_page(page: Page, capture: Capture, previous: Capture | None, entities: list[Entity] | None = None,
                digest: str = "") -> UpdateResult:
    """The page re-laid onto ``capture``: notes re-anchored or detached, blocks and front-matter edits carried over.

    ``digest`` is the ``generated_sha256`` of the page a fresh import would write (recorded, so that the
    updated page, which holds contributors' work, never passes for an untouched one).
    """
    meta, problems = page.typed(ReadingMeta)
    if any(p.is_error for p in problems):
        raise InputError([p for p in problems if p.is_error])
    _check_removed_block(page, previous)
    placed = _place(page, capture)
    known = {e.slug for e in entities or []}
    kept_links = [link for link in placed.links if link.slug in known or not entities]
    links = context_links(capture.paragraphs, placed.marks, entities or [], kept_links, set(meta.no_context))
    layout = Layout(marks=placed.marks, links=links, removed=capture.removed, before=_carry_blocks(page, capture, placed.detached))
    new = replace(front_matter(capture, entities), generated_sha256=digest)
    merged, messages = merge_front_matter(meta, new, front_matter(previous, entities) if previous else None)
    return UpdateResult(dump(merged, assemble(capture.paragraphs, layout)), placed.counts, placed.detached, messages)


def _check_removed_block(page: Page, previous: Capture | None) -> None:
    """The generated "Removed from the capture" block is made afresh: refuse if someone edited it (it would be lost)."""
    if previous is None or not previous.removed:
        return
    for block in read.editorial_blocks(page.body):
        if block.type == REMOVED_TYPE and block.title == REMOVED_TITLE and block.text != removed_block(previous.removed):
            raise InputError(error(page.path, page.body_line + block.line, 1, f"the “{REMOVED_TITLE}” block was edited: an update"
                                   " makes it afresh from the seed and would lose the edit; move your text into an editorial"
                                   " block (!!! editorial \"…\") and restore this one, then run the update again", "edited-page"))


def check_result(result: UpdateResult, capture: Capture, path: str) -> None:
    """An update must leave a valid, faithful page; anything else is a bug, reported without writing."""
    page = parse_page(result.text, path)
    problems = [p for p in annotation_problems(read.parse(page.body, page.body_line), path) if p.is_error]
    faithful = read.article_text(page.body) == capture.article_text()
    if problems or not faithful:
        detail = problems[0].format() if problems else "the article text would differ from the seed"
        raise InputError(error(path, 1, 1, f"internal error: the updated page would be invalid ({detail}); nothing was written", "update-failed"))
