"""Annotations from elsewhere, placed on a reading: the same gated anchoring as ``import --update``. Pure.

Data flow: ``Incoming`` annotations --match_reading (their document's address)--> one reading
--place: the quote (with prefix and suffix) found in the text a reader sees (``text.plain``), the
position a tie-breaker only--> a span of the Markdown article text, widened to hold any link or
emphasis it cuts through --> ``NewNote`` (placed) or ``Detached`` (kept with its quote, never
dropped); replies and page notes are listed as skipped. The caller lays them on the page with
``reading.update.update_page`` and records who wrote them in ``note_origins``.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from generator.annotations.incoming import Incoming
from generator.annotations.text import plain
from generator.bibliography.cite import CITATION_LIKE_RE, groups_in
from generator.document import read
from generator.document.kinds import BY_NAME
from generator.importers.common import escape_text, repair_links
from generator.reading.anchoring import find_quote
from generator.reading.update import Detached, NewNote
from generator.slug import slugify


@dataclass(frozen=True)
class Placed:
    incoming: Incoming
    status: str  # "placed", "detached" or "skipped"
    note_id: str = ""
    reason: str = ""
    widened: bool = False  # the passage grew to hold a link or emphasis whole


def note_text(text: str, cited: Container[str] = frozenset()) -> str:
    """A note from elsewhere as one paragraph of the page's Markdown, unable to become HTML or our own markup: its
    links neutralised as a seed's are (their words kept, an address only where the site allows it), and a citation
    stays one only when every key it names is in ``cited`` (the bibliography), else it is shown as text."""
    neutral, _spans = repair_links(escape_text(" ".join(text.split())))
    neutral = CITATION_LIKE_RE.sub(lambda m: m.group(0) if all(item.key in cited for group in groups_in(m.group(0))
                                                          for item in group.items) else "\\" + m.group(0), neutral)
    return " ".join(neutral.split()) or "(no text)"


def _new_id(kind: str, quote: str, taken: set[str], wanted: str = "") -> str:
    base = wanted if wanted and wanted not in taken else f"{kind}-{slugify(' '.join(quote.split()[:5]), 40) or 'note'}"
    ident, number = base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    taken.add(ident)
    return ident


def place(incoming: list[Incoming], body: str, cited: Container[str] = frozenset(),
          imported: Container[str] = frozenset()) -> tuple[list[Placed], list[NewNote], list[Detached]]:
    """Where each annotation goes on the page whose body is ``body``; nothing is dropped. ``cited``: the keys a
    note may cite (the bibliography's); ``imported``: the source ids the page's notes record (``note_origins``),
    whose annotations are skipped as already imported."""
    doc = read.parse(body)
    layer = read.locate(body)
    shown = plain(layer.text)
    # Detached notes keep their ids (and what front-matter says of them): a new note never takes one.
    taken = {a.id for a in doc.annotations} | {d.id for d in doc.definitions} | set(read.page_notes(body, doc=doc))
    marked = list(layer.spans.values())
    results: list[Placed] = []
    notes: list[NewNote] = []
    detached: list[Detached] = []
    seen: set[str] = set()  # a file that holds the same annotation twice
    for item in incoming:
        if item.skipped:
            results.append(Placed(item, "skipped", reason=item.skipped))
            continue
        if item.source_id and (item.source_id in imported or item.source_id in seen):
            results.append(Placed(item, "skipped", reason="already imported (a note of the page records its id)"))
            continue
        seen.add(item.source_id)
        kind = item.kind if item.kind in BY_NAME else "question"
        if item.note_id in layer.spans:  # our own export, on a page that already has this note
            start, end = shown.span(*layer.spans[item.note_id])
            if shown.text[start:end] == item.exact:
                results.append(Placed(item, "skipped", item.note_id, reason="already on the page, at the same passage"))
                continue
        ident = _new_id(kind, item.exact, taken, item.note_id if item.note_id.startswith(f"{kind}-") else "")
        text = note_text(item.text, cited)
        outcome = find_quote(ident, item.exact, item.prefix, item.suffix, shown.text, item.start)
        if outcome.status == "detached":
            detached.append(Detached(ident, kind, item.exact, text, outcome.reason))
            results.append(Placed(item, "detached", ident, outcome.reason))
            continue
        start, end = shown.markdown_span(outcome.start, outcome.end)
        # A passage never crosses a context link either: it takes the link whole.
        for link in layer.links:
            if start < link.end and link.start < end and not (link.start <= start and end <= link.end) \
                    and not (start <= link.start and link.end <= end):
                start, end = min(start, link.start), max(end, link.end)
        widened = shown.span(start, end) != (outcome.start, outcome.end)
        if any(start < e and s < end for s, e in marked):
            reason = "it would overlap a passage the page already marks"
            detached.append(Detached(ident, kind, item.exact, text, reason))
            results.append(Placed(item, "detached", ident, reason))
            continue
        marked.append((start, end))
        notes.append(NewNote(ident, kind, start, end, text))
        results.append(Placed(item, "placed", ident, widened=widened))
    return results, notes, detached
