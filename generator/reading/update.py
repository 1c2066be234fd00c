"""``readings import --update``: carry a page's annotations and editorial layer onto a changed seed. Pure.

Data flow: the page's annotated text (old) and the new seed's ``Capture`` (new)
--anchoring.reanchor, notes by the words a reader sees (``annotations.text.plain``), context links by the
Markdown--> anchored and detached annotations --compose/write--> the new page text. The previous seed (from ``history``, given by the caller) tells a
contributor's work from what import generated: front-matter values (a three-way
merge: the old seed's value, the page's, the new seed's), capture notes, context
links. Nothing is dropped silently:

- a note that cannot be re-anchored goes to the page's "Detached notes" block,
  with its last-known passage; that block is carried over verbatim;
- notes import generated are made afresh from the new seed; one a contributor
  edited (or wrote with a generated-looking id) is theirs, and wins over the
  generated note it overlaps, which is left out and reported;
- a page with errors is refused (fix it first: ``readings check``), so a note the
  parser cannot pair with its passage is never lost in an update;
- a context link import made that the page lacks is a contributor's opt-out (``no_context``); what import
  made is the page it generated, composed again and known by its recorded digest, so a context page
  added since is linked, not opted out;
- every kept or changed value, re-added note and new ``no_context`` entry is
  reported in the command's output.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.annotations.text import plain
from generator.checks.annotations import annotation_problems
from generator.checks.sourcing import rating_problems
from generator.context.entities import Entity
from generator.document import read
from generator.document.capture import Capture, generated_repair
from generator.document.page import Page, dump, parse_page
from generator.document.read import Annotation, LinkSpan
from generator.document.schema import READING_FIELDS, ReadingMeta, replace
from generator.document.syntax import CONTEXT_LINK_RE, DETACHED_INTRO, DETACHED_TITLE, DETACHED_TYPE, REMOVED_TITLE, REMOVED_TYPE
from generator.document.text import paragraph_of, paragraph_starts
from generator.document.write import Layout, Mark, assemble, detached_block, detached_item, removed_block
from generator.errors import InputError, error
from generator.reading import anchoring
from generator.reading.compose import capture_marks, compose_page, context_links, front_matter, page_digest

STATUSES = ("kept", "moved", "text-changed", "detached")


@dataclass
class Detached:
    id: str
    kind: str
    passage: str
    note: str
    reason: str


@dataclass(frozen=True)
class NewNote:
    """A note to add to the page (``readings annotations import``): its passage is ``[start, end)`` of the new article text."""

    id: str
    kind: str
    start: int
    end: int
    note: str


@dataclass
class UpdateResult:
    text: str
    counts: dict[str, int] = field(default_factory=dict)
    detached: list[Detached] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # ids of notes whose passage's text changed


def _shown(value: Any) -> str:
    """A front-matter value as a reader would write it."""
    if value is None or value == "" or value == () or value == {}:
        return "(no value)"
    if isinstance(value, tuple):
        return ", ".join(_shown(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):  # a mapping (ratings, note_origins) of values, each as a reader would write it
        return "{" + ", ".join(f"{k}: {_shown(v)}" for k, v in value.items() if not _empty(v)) + "}"
    return repr(value) if isinstance(value, str) else str(value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == () or value == {}


def merge_front_matter(page: ReadingMeta, new: ReadingMeta, previous: ReadingMeta | None) -> tuple[ReadingMeta, list[str]]:
    """A three-way merge of each key: the old seed's value (``previous``), the page's, the new seed's.

    The page's value is kept wherever a contributor changed it (set, corrected or removed a value);
    otherwise the new seed's is taken. Without ``previous``, a page value that differs from the new
    seed's cannot be told from a contributor's edit: it is kept. Every kept difference is reported.
    """
    values: dict[str, Any] = {}
    messages: list[str] = []
    for spec in READING_FIELDS:
        name = spec.name
        mine, theirs = getattr(page, name), getattr(new, name)
        base = getattr(previous, name) if previous is not None else None
        if spec.derived or mine == theirs:
            values[name] = theirs
        elif name == "language" and _empty(mine) and not page.language_basis:
            # A page imported before import chose languages (it has no language_basis) has none: that is no
            # contributor's removal, so the new seed's language is taken.
            values[name] = theirs
        elif previous is not None and mine == base:
            values[name] = theirs  # the contributor left it as the old seed gave it: the new seed's value
        else:
            values[name] = mine
            why = "a contributor's edit" if previous is not None else "the previous seed was not found in git to tell"
            if previous is not None and _empty(mine):
                why = "a contributor removed it"
            messages.append(f"front-matter '{name}': kept the page's value {_shown(mine)} ({why}); the new seed has {_shown(theirs)}")
    return ReadingMeta(**values, extra=dict(page.extra)), messages


@dataclass
class _Placed:
    """Where the carried-over layer goes on the new text."""

    marks: list[Mark]
    links: list[LinkSpan]
    detached: list[Detached]
    counts: dict[str, int]
    changed: list[str]
    messages: list[str]


def _generated_by(previous: Capture | None) -> dict[str, tuple[str, str]] | None:
    """What import generated on the old page: capture note id -> (note, passage text); None if the old seed is unknown."""
    if previous is None:
        return None
    return {m.id: (m.note, previous.paragraphs[m.paragraph][m.start:m.end]) for m in capture_marks(previous)}


def _is_generated(ann: Annotation, generated: dict[str, tuple[str, str]] | None) -> bool:
    if generated is None:
        return generated_repair(ann.id, ann.note) is not None  # no history: the wording and id are all there is
    return generated.get(ann.id) == (ann.note, read.strip_markup(ann.passage))


def _place(page: Page, capture: Capture, previous: Capture | None, new_notes: Sequence[NewNote] = ()) -> _Placed:
    """Re-anchor contributors' annotations and the context links; regenerate the capture notes around them."""
    doc = read.parse(page.body, page.body_line)
    layer = read.locate(page.body)
    generated = _generated_by(previous)
    keep = {a.id: a for a in doc.annotations if not _is_generated(a, generated) and a.id in layer.spans}
    links = {f"link-{i}": link for i, link in enumerate(layer.links)}
    new_text = capture.article_text()
    # Notes are carried by the words a reader sees (``text.plain``), so that a link or emphasis the seed adds or drops
    # around them is no change of their text; each passage is then the Markdown that shows those words, widened to
    # hold whole any link or emphasis it cuts through (markers never cross). Context links, being Markdown, by it.
    old_shown, new_shown = plain(layer.text), plain(new_text)
    by_words, lost = anchoring.reanchor(old_shown.text, new_shown.text,
                                        [anchoring.Span(a.id, *old_shown.span(*layer.spans[a.id])) for a in keep.values()])
    grown: dict[str, str] = {}
    anchored = []
    for outcome in by_words:
        start, end = new_shown.markdown_span(outcome.start, outcome.end)
        if new_shown.span(start, end) != (outcome.start, outcome.end):
            grown[outcome.id] = new_shown.text[slice(*new_shown.span(start, end))]
        anchored.append(dataclasses.replace(outcome, start=start, end=end))
    anchored += anchoring.reanchor(layer.text, new_text, [anchoring.Span(key, link.start, link.end) for key, link in links.items()])[0]

    def detach(ann: Annotation, reason: str) -> Detached:
        return Detached(ann.id, ann.kind, read.strip_markup(ann.passage), ann.note_source or ann.note, reason)

    starts = paragraph_starts(capture.paragraphs)
    detached = [detach(keep[o.id], o.reason) for o in lost if o.id in keep]
    counts = dict.fromkeys(STATUSES, 0)
    kept_links: list[LinkSpan] = []
    marks: list[Mark] = []
    taken: list[tuple[int, int]] = []
    changed: list[str] = []
    messages: list[str] = []
    for outcome in sorted(anchored, key=lambda o: (o.start, o.id)):
        if outcome.id in links:
            kept_links.append(LinkSpan(links[outcome.id].slug, outcome.start, outcome.end))
            continue
        ann = keep[outcome.id]
        if any(outcome.start < e and s < outcome.end for s, e in taken):
            detached.append(detach(ann, "it would overlap another contributor's passage"))
            continue
        taken.append((outcome.start, outcome.end))
        index = paragraph_of(outcome.start, starts)
        marks.append(Mark(index, outcome.start - starts[index], outcome.end - starts[index], ann.id, ann.note_source or ann.note))
        counts[outcome.status] += 1
        if outcome.status == "text-changed":
            changed.append(ann.id)
        if ann.id in grown:
            messages.append(f"the passage of [^{ann.id}] now holds the link it cut through whole: “{' '.join(grown[ann.id].split())}”")
    # New notes come after the page's own: a passage already there wins over one being added.
    for new in new_notes:
        if any(new.start < e and s < new.end for s, e in taken):
            detached.append(Detached(new.id, new.kind, capture.article_text()[new.start:new.end], new.note,
                                     "it would overlap a passage the page already marks"))
            continue
        taken.append((new.start, new.end))
        index = paragraph_of(new.start, starts)
        marks.append(Mark(index, new.start - starts[index], new.end - starts[index], new.id, new.note))
        counts["added"] = counts.get("added", 0) + 1
    # The generated notes come after: a contributor's passage wins over the generated one it overlaps.
    # Notes already detached keep their ids too: a rating or an origin keyed by one must not pass to a generated note.
    held = {n.id for n in read.page_notes(page.body, page.body_line, doc).values() if not n.attached}
    for mark in capture_marks(capture, taken=set(keep) | {d.id for d in detached} | held):
        start, end = starts[mark.paragraph] + mark.start, starts[mark.paragraph] + mark.end
        if any(start < e and s < end for s, e in taken):
            messages.append(f"the generated note on “{capture.paragraphs[mark.paragraph][mark.start:mark.end]}” is left out:"
                            " a contributor's note covers that passage")
            continue
        marks.append(mark)
    counts["detached"] = len(detached)
    return _Placed(marks, kept_links, detached, counts, changed, messages)


def _regenerated(page: Page, previous: Capture | None, capture: Capture) -> list[str]:
    """Generated notes a contributor deleted from the page that the new seed brings back (they document a repair)."""
    if previous is None:
        return []
    present = {a.id for a in read.parse(page.body).annotations}
    old = {m.note: m for m in capture_marks(previous)}
    again = {m.note for m in capture_marks(capture)}
    return [f"the generated note “{note[:60]}…” was deleted from the page; it documents a repair the new seed still"
            " needs, so it is back" for note, mark in old.items() if mark.id not in present and note in again]


# Unlinked mentions tried in every combination when finding the page import generated (2 ** n pages at most, twice).
MAX_UNDECIDED = 4


def _as_shown(page: Page, entities: list[Entity]) -> list[Entity]:
    """The context pages with the summaries the page shows (its links' titles, its About the source): what they said
    when import wrote the page, if it was not edited since."""
    shown: dict[str, str] = {}
    for match in CONTEXT_LINK_RE.finditer(page.body):
        title = match.group("title")
        if title is not None and "\\" not in title:
            shown.setdefault(match.group("slug"), title)
    about = page.typed(ReadingMeta)[0].about_source
    if about is not None:
        shown[about.page] = about.summary
    return [dataclasses.replace(e, summary=shown[e.slug]) if e.slug in shown else e for e in entities]


def generated_links(page: Page, previous: Capture, entities: list[Entity], undecided: set[str]) -> set[str] | None:
    """The context pages import linked on the page it generated from ``previous``: that page is composed again and
    known by the digest the page records (``generated_sha256``). Today's context pages may differ from that day's:
    those the page does not link (``undecided``) may have come since, and summaries may have changed, so the
    candidates leave out each combination of them, with the summaries as today's and as the page shows them. None
    if no candidate gives the recorded digest (no digest, a context page renamed or removed, another generator)."""
    recorded = page.typed(ReadingMeta)[0].generated_sha256
    if not recorded:
        return None
    ordered = sorted(undecided)
    # The likeliest first: every one new, then every one removed by a contributor, then the mixtures.
    omitted = [set(ordered), set()]
    if len(ordered) <= MAX_UNDECIDED:
        omitted += [set(c) for size in range(1, len(ordered)) for c in itertools.combinations(ordered, size)]
    shown = _as_shown(page, entities)
    for base in [entities] + ([shown] if shown != entities else []):
        for left_out in omitted:
            text = compose_page(previous, [e for e in base if e.slug not in left_out])
            if page_digest(text) == recorded:
                return {link.slug for link in read.locate(parse_page(text, page.path).body).links}
    return None


def _unlinked(page: Page, previous: Capture | None, entities: list[Entity], skip: set[str]) -> tuple[set[str], set[str]]:
    """Context pages a contributor unlinked (import linked them on the page it generated from the old seed; the page
    no longer does), and unlinked mentions whose history cannot be told. A context page that came after the page was
    generated was never linked: its mention is not an opt-out."""
    if previous is None or not entities:
        return set(), set()
    now = {link.slug for link in read.locate(page.body).links}
    undecided = {link.slug for link in context_links(previous.paragraphs, capture_marks(previous), entities, [], skip)} - now
    if not undecided:
        return set(), set()
    generated = generated_links(page, previous, entities, undecided)
    if generated is None:
        return set(), undecided
    return generated & undecided, set()


def _carry_blocks(page: Page, capture: Capture, detached: list[Detached]) -> dict[int, list[str]]:
    """Editorial blocks follow the paragraph they preceded (found by its text, or through the diff); the "Detached
    notes" block is carried over verbatim, whatever it now holds, with the newly detached notes added."""
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
            carried += _detached_lines(block.text)
            continue
        if block.before >= len(old_paragraphs):
            target = len(capture.paragraphs)
        elif capture.paragraphs.count(old_paragraphs[block.before]) == 1:
            target = capture.paragraphs.index(old_paragraphs[block.before])  # the same paragraph, wherever it moved
        else:
            target = 0 if block.before == 0 else paragraph_of(mapper(old_starts[block.before]), starts)
        before.setdefault(target, []).append(block.text)
    items = carried + [detached_item(d.id, d.kind, d.passage, d.note) for d in sorted(detached, key=lambda d: d.id)]
    if items:
        before.setdefault(len(capture.paragraphs), []).append(detached_block(items))
    return before


def _detached_lines(block: str) -> list[str]:
    """Every line of a "Detached notes" block after its title and introduction, verbatim (blank lines inside kept)."""
    lines = block.split("\n")[1:]
    body = [line for line in lines]
    intro = f"    {DETACHED_INTRO}"
    if intro in body:
        body = body[body.index(intro) + 1:]
    while body and not body[0].strip():
        body.pop(0)
    while body and not body[-1].strip():
        body.pop()
    return body


def _check_removed_block(page: Page, previous: Capture | None, capture: Capture) -> None:
    """The generated "Removed from the capture" block is made afresh: refuse if it was edited (the edit would be lost)."""
    block = next((b for b in read.editorial_blocks(page.body) if b.type == REMOVED_TYPE and b.title == REMOVED_TITLE), None)
    if block is None:
        return
    if previous is not None:
        if block.text == removed_block(previous.removed):
            return
        why = "was edited"
    else:
        if block.text == removed_block(capture.removed):
            return
        why = "differs from the new seed's, and the previous seed is not in git history to tell whether someone edited it"
    raise InputError(error(page.path, page.body_line + block.line, 1, f"the “{REMOVED_TITLE}” block {why}: an update makes it"
                           " afresh from the seed and would lose any edit; move your text into an editorial block"
                           " (!!! editorial \"…\"), restore this block as the old seed gave it (or delete it), then run the"
                           " update again", "edited-page"))


def _refuse_errors(page: Page) -> None:
    """An update of a page with errors could lose what the parser cannot pair: fix the page first."""
    meta_problems = page.typed(ReadingMeta)[1]
    problems = [p for p in meta_problems + annotation_problems(read.parse(page.body, page.body_line), page.path) if p.is_error]
    if problems:
        first = problems[0]
        raise InputError(error(page.path, first.line, first.col, f"the page has {len(problems)} error(s) an update could lose"
                               f" work over (first: {first.message} [{first.code}]); nothing was written: fix them"
                               " (`readings check`), then run the update again", "page-has-errors"))


COMMENT_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):.*?(?P<comment>\s+#\s.*)$")


def _comments(page: Page, text: str) -> tuple[str, list[str]]:
    """YAML comments of the page's front-matter put back on their keys in ``text``; comments that find no key are reported."""
    raw = page.front_matter_text
    if "#" not in raw:
        return text, []
    head, sep, rest = text.partition("\n---\n")
    lines = head.split("\n")
    messages: list[str] = []
    pending: list[str] = []
    for line in raw.split("\n"):
        stripped = line.strip()
        if stripped.startswith("#"):
            pending.append(line)
            continue
        match = COMMENT_RE.match(line)
        key = line.split(":", 1)[0] if line and not line[0].isspace() and ":" in line else ""
        if not key:
            continue
        at = next((i for i, out in enumerate(lines) if out.startswith(f"{key}:")), None)
        if at is None:
            if pending or match:
                messages.append(f"front-matter comment on '{key}' was not kept: the key is gone")
            pending = []
            continue
        if match and not lines[at].rstrip().endswith(match.group("comment").strip()) and "\n" not in lines[at]:
            lines[at] = lines[at] + match.group("comment")
        for offset, comment in enumerate(pending):
            lines.insert(at + offset, comment)
        pending = []
    if pending:
        lines += pending
    return "\n".join(lines) + sep + rest, messages


def update_page(page: Page, capture: Capture, previous: Capture | None, entities: list[Entity] | None = None,
                digest: str = "", new_notes: Sequence[NewNote] = (), new_detached: Sequence[Detached] = ()) -> UpdateResult:
    """The page re-laid onto ``capture``: notes re-anchored or detached, blocks and front-matter edits carried over.

    ``digest`` is the ``generated_sha256`` of the page a fresh import would write (recorded, so that the
    updated page, which holds contributors' work, never passes for an untouched one). ``new_notes`` are
    added where they do not overlap a passage already there (else detached), ``new_detached`` go straight
    to the "Detached notes" block: nothing given is dropped.
    """
    _refuse_errors(page)
    meta, _problems = page.typed(ReadingMeta)
    _check_removed_block(page, previous, capture)
    placed = _place(page, capture, previous, new_notes)
    placed.detached.extend(new_detached)
    rated = [d.id for d in placed.detached if d.id in meta.ratings]
    found = entities or []
    known = {e.slug for e in found}
    messages = list(placed.messages) + _regenerated(page, previous, capture)
    messages += [f"[^{ident}] keeps its verdict ('{meta.ratings[ident].verdict}') while detached; no fact-check markup is published"
                 " for it until it is re-attached" for ident in rated]
    kept_links = []
    for link in placed.links:
        if link.slug in known or not found:
            kept_links.append(link)
        else:
            messages.append(f"the link to the context page '{link.slug}' is left out: that page does not exist")
    removed, unknown = _unlinked(page, previous, found, set(meta.no_context))
    unlinked = sorted(removed - set(meta.no_context))
    if unlinked:
        meta = replace(meta, no_context=(*meta.no_context, *unlinked))
        messages.append(f"front-matter 'no_context': added {', '.join(unlinked)} (a contributor removed the link import made)")
    links = context_links(capture.paragraphs, placed.marks, found, kept_links, set(meta.no_context))
    messages += [f"linked the first mention of '{slug}': whether import had linked it before cannot be told (the page's"
                 " generated_sha256 is not the page the previous seed gives with these context pages); if a contributor"
                 f" had removed that link, remove it again and add '{slug}' to no_context"
                 for slug in sorted(unknown & {link.slug for link in links})]
    layout = Layout(marks=placed.marks, links=links, removed=capture.removed, before=_carry_blocks(page, capture, placed.detached))
    new = replace(front_matter(capture, entities), generated_sha256=digest)
    merged, merge_messages = merge_front_matter(meta, new, front_matter(previous, entities) if previous else None)
    text, comment_messages = _comments(page, dump(merged, assemble(capture.paragraphs, layout)))
    return UpdateResult(text, placed.counts, placed.detached, merge_messages + messages + comment_messages, placed.changed)


# Front-matter keyed by note id that names no note of the page: what an update, which never loses a note, cannot cause.
LOST_NOTE_CODES = ("bad-rating", "bad-origin")


def _front_matter_errors(page: Page) -> set[tuple[str, str]]:
    """Front-matter keyed by note id (``ratings``, ``note_origins``) naming what is no note of the page: (code, message)."""
    return {(p.code, p.message) for p in rating_problems(page, "") if p.code in LOST_NOTE_CODES}


def check_result(result: UpdateResult, capture: Capture, path: str, before: Page | None = None) -> None:
    """An update must leave a valid, faithful page whose front-matter still names its notes (no error ``before``
    lacked); anything else is a bug, reported without writing."""
    page = parse_page(result.text, path)
    problems = [p.format() for p in annotation_problems(read.parse(page.body, page.body_line), path) if p.is_error]
    if before is not None:
        old = _front_matter_errors(before)
        problems += [f"{message} [{code}]" for code, message in sorted(_front_matter_errors(page) - old)]
    faithful = read.article_text(page.body) == capture.article_text()
    if problems or not faithful:
        detail = problems[0] if problems else "the article text would differ from the seed"
        raise InputError(error(path, 1, 1, f"internal error: the updated page would be invalid ({detail}); nothing was written", "update-failed"))
