"""``readings import --update``: carry a page's annotations and editorial layer onto a changed seed.

Data flow: the page's annotated text (old) and the new seed's ``Capture`` (new)
--anchoring.reanchor--> anchored and detached annotations --render.assemble-->
the new page text. Pure apart from looking up the previous seed in git (to
tell contributors' front-matter edits from the old seed's own values).
Nothing is dropped: a note that cannot be re-anchored goes to the page's
"Detached notes" block, with its last-known passage.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import anchoring, context, markup
from generator.context import Entity
from generator.errors import InputError, error
from generator.kinds import BY_NAME
from generator.model import Capture
from generator.pages import Page, dump
from generator.render import REMOVED_TITLE, Layout, Mark, assemble, capture_marks, context_links, front_matter, paragraph_of, paragraph_starts
from generator.sources import globalresearch, parse_text

DETACHED_TITLE = "Detached notes"
DETACHED_INTRO = ("These notes lost their passage when the seed changed. To re-attach one, mark its passage in the"
                  " text as ==passage==[^id] and put the note below that paragraph; or delete it.")
DETACHED_ITEM_RE = re.compile(r"^    - `(?P<id>[^`]+)` \((?P<label>[^)]*)\)\. Last passage: “(?P<passage>.*)”\. Note: (?P<note>.*)$")
GENERATED_NOTE_RE = re.compile(
    "|".join([re.escape(globalresearch.LOST_LINK_NOTE), re.escape(globalresearch.UNSAFE_LINK_NOTE),
              r"The capture broke this paragraph in two after “.*”; the two parts are joined here\."]))
ALWAYS_FROM_SEED = ("source", "source_sha256", "words", "reading_time", "about_source")


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


def _is_generated(ident: str, note: str) -> bool:
    return bool(re.fullmatch(r"capture-\d+", ident)) and bool(GENERATED_NOTE_RE.fullmatch(note))


def _detached_block(items: list[str]) -> str:
    return "\n".join([f'!!! detached "{DETACHED_TITLE}"', "", f"    {DETACHED_INTRO}", "", *items])


def _detached_item(item: Detached) -> str:
    passage = " ".join(item.passage.split())
    note = " ".join(item.note.split())
    return f"    - `{item.id}` ({BY_NAME[item.kind].label if item.kind in BY_NAME else item.kind}). Last passage: “{passage}”. Note: {note}"


def merge_front_matter(page: Page, new: dict[str, Any], previous: dict[str, Any] | None) -> tuple[dict[str, Any], list[str]]:
    """New seed values, except where a contributor changed the page's value; contributors' extra keys stay.

    ``previous`` is what the old seed generated; without it, a differing value
    cannot be told from a contributor's edit, so the page's value is kept and reported.
    """
    meta = dict(new)
    messages: list[str] = []
    for key, value in page.meta.items():
        if key in ALWAYS_FROM_SEED:
            continue
        if key not in new:
            if previous is None or key not in previous or previous[key] != value:
                meta[key] = value  # a contributor's key or value; keep it
            continue
        if value == new[key]:
            continue
        if previous is not None and previous.get(key) == value:
            continue  # the old seed's value: take the new seed's
        meta[key] = value
        why = "a contributor's edit" if previous is not None else "the previous seed was not found in git to tell"
        messages.append(f"front-matter '{key}': kept the page's value ({why}); the new seed has {new[key]!r}")
    return meta, messages


def update_page(page: Page, capture: Capture, previous: Capture | None, entities: list[Entity] | None = None) -> UpdateResult:
    doc, _problems = markup.parse(page.body, page.path, page.body_line)
    layer = markup.locate(page.body)
    old_text, spans = layer.text, layer.spans
    keep = [a for a in doc.annotations if not _is_generated(a.id, a.note) and a.id in spans]
    new_text = capture.article_text()
    link_spans = [anchoring.Span(f"link-{i}", start, end) for i, (_slug, start, end) in enumerate(layer.links)]
    anchored, lost = anchoring.reanchor(old_text, new_text, [anchoring.Span(a.id, *spans[a.id]) for a in keep] + link_spans)
    by_id = {a.id: a for a in keep}
    lost = [o for o in lost if o.id in by_id]  # a context link that cannot be placed is simply made again

    starts = paragraph_starts(capture.paragraphs)
    marks = capture_marks(capture, taken=set(by_id))
    taken: list[tuple[int, int]] = [(starts[m.paragraph] + m.start, starts[m.paragraph] + m.end) for m in marks]
    detached = [Detached(o.id, by_id[o.id].kind, markup.strip_markup(by_id[o.id].passage), by_id[o.id].note, o.reason) for o in lost]
    counts = {"kept": 0, "moved": 0, "text-changed": 0, "detached": 0}
    kept_links: list[tuple[str, int, int]] = []
    for outcome in sorted(anchored, key=lambda o: (o.start, o.id)):
        if outcome.id not in by_id:
            kept_links.append((layer.links[int(outcome.id.split("-")[1])][0], outcome.start, outcome.end))
            continue
        ann = by_id[outcome.id]
        if any(outcome.start < e and s < outcome.end for s, e in taken):
            detached.append(Detached(ann.id, ann.kind, markup.strip_markup(ann.passage), ann.note, "it would overlap another passage"))
            continue
        taken.append((outcome.start, outcome.end))
        index = paragraph_of(outcome.start, starts)
        marks.append(Mark(index, outcome.start - starts[index], outcome.end - starts[index], ann.id, ann.note))
        counts[outcome.status] += 1
    counts["detached"] = len(detached)
    known = {e.slug for e in entities or []}
    kept_links = [link for link in kept_links if link[0] in known or not entities]

    # Editorial blocks follow the paragraph they preceded; detached notes collect in one block.
    old_starts = paragraph_starts([markup.strip_markup(raw) for _line, raw in markup.raw_paragraphs(page.body)])
    mapper = anchoring.offset_mapper(old_text, new_text)
    links = context_links(capture.paragraphs, marks, entities or [], kept_links, context.meta_skip(page.meta))
    layout = Layout(marks=marks, links=links, removed=capture.removed)
    carried: list[str] = []
    for index, block in markup.editorial_blocks(page.body):
        title = block.split("\n", 1)[0]
        if REMOVED_TITLE in title:
            continue
        if DETACHED_TITLE in title:
            carried += [line for line in block.split("\n") if DETACHED_ITEM_RE.match(line)]
            continue
        target = len(capture.paragraphs) if index >= len(old_starts) else (
            0 if index == 0 else paragraph_of(mapper(old_starts[index]), starts))
        layout.before.setdefault(target, []).append(block)
    items = carried + [_detached_item(d) for d in sorted(detached, key=lambda d: d.id)]
    if items:
        layout.before.setdefault(len(capture.paragraphs), []).append(_detached_block(items))

    meta, messages = merge_front_matter(page, front_matter(capture, entities), front_matter(previous, entities) if previous else None)
    text = dump(meta, assemble(capture.paragraphs, layout))
    return UpdateResult(text, counts, detached, messages)


def previous_seed(project: Path, source: str, sha256: str) -> Capture | None:
    """The seed as it was when the page was imported, found in git history by its SHA-256."""
    import hashlib

    try:
        revs = subprocess.run(["git", "log", "--format=%H", "--", source], cwd=project, capture_output=True,
                              text=True, check=True, timeout=30).stdout.split()
        for rev in revs:
            data = subprocess.run(["git", "show", f"{rev}:{source}"], cwd=project, capture_output=True,
                                  check=True, timeout=30).stdout
            if hashlib.sha256(data).hexdigest() == sha256:
                return parse_text(data, source)
    except (OSError, subprocess.SubprocessError, InputError):
        return None
    return None


def check_result(result: UpdateResult, capture: Capture, path: str) -> None:
    """An update must leave a valid, faithful page; anything else is a bug, reported without writing."""
    from generator.pages import parse_page

    page = parse_page(result.text, path)
    _doc, problems = markup.parse(page.body, path, page.body_line)
    faithful = markup.article_text(page.body) == capture.article_text()
    if problems or not faithful:
        detail = problems[0].format() if problems else "the article text would differ from the seed"
        raise InputError(error(path, 1, 1, f"internal error: the updated page would be invalid ({detail}); nothing was written", "update-failed"))
