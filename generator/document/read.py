"""The annotation layer of a reading page, read from its Markdown body. Pure: text in, data out.

Contributors write an annotation as a marked passage followed by a
footnote-style reference, and define its note below the paragraph::

    The ==widely held opinion==[^source-opinion] says ...

    [^source-opinion]: Whose opinion? The text names no one who holds it.

The reference id starts with the annotation's kind (``claim``, ``source``...).
GitHub and GitLab previews show the ``[^...]`` parts as ordinary footnotes.

``parse`` returns the layer: annotations, note definitions, and the loose ends a
checker reports (``checks.annotations`` holds those rules). ``locate`` gives the
article text with each passage's and context link's span in it;
``article_text`` strips annotation markup and editorial blocks, leaving the text
that must equal the seed's article (the faithfulness rule); ``editorial_blocks``
and ``detached_items`` read the blocks; ``page_notes`` says which notes a page has, detached ones included.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from generator.document.kinds import KIND_NAMES
from generator.document.syntax import (
    ADMONITION_RE,
    ADMONITION_TITLE_RE,
    ANY_FOOTNOTE_REF_RE,
    CONTEXT_LINK_RE,
    CONTINUATION,
    DEF_RE,
    DETACHED_INTRO,
    DETACHED_ITEM_RE,
    DETACHED_TYPE,
    FENCE_RE,
    ID_PATTERN,
    LOOSE_REF_RE,
    MARK_RE,
    STRAY_MARK_RE,
)
from generator.document.text import join_paragraphs

# A code span never crosses a blank line (Markdown ends the paragraph there): a span that did would hide
# what follows it from the checks while the site renders it.
INLINE_CODE_RE = re.compile(r"(?<!\\)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)


@dataclass
class Annotation:
    """One annotation: a marked passage, its kind and its note."""

    id: str
    kind: str
    passage: str = ""
    note: str = ""
    line: int = 0  # 1-based line of the passage in the file (0: missing)
    col: int = 0
    note_line: int = 0  # 1-based line of the note's definition (0: missing)
    note_source: str = ""  # the note as written (line breaks and indentation kept), for writing it back unchanged


@dataclass(frozen=True)
class Definition:
    """A note definition ``[^id]: text`` (continuation lines joined)."""

    id: str
    text: str
    line: int  # 1-based line in the file
    source: str = ""  # the note as written: its first line's text, then its continuation lines verbatim


@dataclass(frozen=True)
class Located:
    """Something found at ``line``:``col`` of the file (1-based)."""

    line: int
    col: int
    id: str = ""
    detail: str = ""


@dataclass
class Document:
    """The parsed annotation layer of one page body.

    ``annotations`` holds the first passage of each id; the other lists are what a
    checker reports (see ``checks.annotations``).
    """

    annotations: list[Annotation] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)  # every definition, duplicates included, in file order
    reused_ids: list[Located] = field(default_factory=list)  # a second passage with an id already used
    nested: list[Located] = field(default_factory=list)  # passages that hold another annotation
    loose_refs: list[Located] = field(default_factory=list)  # detail: "empty", "unopened" or "unmarked"
    footnotes: list[Located] = field(default_factory=list)  # ordinary footnote references outside editorial blocks
    stray_marks: list[Located] = field(default_factory=list)  # "==" that opens no annotation (the first one)
    editorial_lines: set[int] = field(default_factory=set)  # 0-based body lines in editorial blocks
    line_offset: int = 0  # file lines before the body

    def counts(self) -> dict[str, int]:
        """Annotation counts by kind, in the declared order of kinds."""
        return {k: n for k in KIND_NAMES if (n := sum(a.kind == k for a in self.annotations))}

    def notes(self) -> dict[str, Definition]:
        """The first definition of each id."""
        found: dict[str, Definition] = {}
        for definition in self.definitions:
            found.setdefault(definition.id, definition)
        return found


def block_regions(lines: list[str]) -> tuple[set[int], set[int]]:
    """Line indexes inside editorial (admonition) blocks, and inside fenced code (at any indent)."""
    editorial: set[int] = set()
    code: set[int] = set()
    i = 0
    in_editorial = False
    while i < len(lines):
        line = lines[i]
        if ADMONITION_RE.match(line):
            in_editorial = True
        elif line.strip() and not line.startswith(CONTINUATION):
            in_editorial = False
        if in_editorial:
            editorial.add(i)
        fence = FENCE_RE.match(line)
        if fence:
            marker = fence.group(1)
            code.add(i)
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(marker):
                code.add(i)
                if in_editorial:
                    editorial.add(i)
                i += 1
            if i < len(lines):
                code.add(i)
                if in_editorial:
                    editorial.add(i)
        i += 1
    return editorial, code


def _definitions(lines: list[str], skip: set[int]) -> Iterator[tuple[int, int, str, str]]:
    """Yield (first line, last line, id, text) of each note definition."""
    i = 0
    while i < len(lines):
        match = DEF_RE.match(lines[i]) if i not in skip else None
        if not match:
            i += 1
            continue
        start, parts = i, [match.group("text").strip()]
        i += 1
        while i < len(lines) and lines[i].startswith(CONTINUATION) and lines[i].strip():
            parts.append(lines[i].strip())
            i += 1
        yield start, i - 1, match.group("id"), " ".join(p for p in parts if p)


class _Lines:
    """Line and column of offsets in a text, in O(log n) each (pages can hold tens of thousands of references)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        """0-based line and column."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]


def _lay_out(body: str, line_offset: int) -> tuple[Document, str, list[str]]:
    """The document with its definitions and editorial lines, and the body with definitions and code blanked out."""
    lines = body.split("\n")
    editorial, code = block_regions(lines)
    doc = Document(editorial_lines=editorial, line_offset=line_offset)
    blanked = list(lines)
    for start, end, ident, text in _definitions(lines, code):
        first = DEF_RE.match(lines[start])
        source = "\n".join([first.group("text").strip() if first else text, *lines[start + 1:end + 1]])
        doc.definitions.append(Definition(ident, text, start + 1 + line_offset, source))
        for j in range(start, end + 1):
            blanked[j] = ""
    for j in code:
        blanked[j] = ""
    # Inline code shows its text as it is: "==x==[^id]" inside backticks is not a passage.
    text = _code_blanked("\n".join(blanked))
    return doc, text, lines


def parse(body: str, line_offset: int = 0) -> Document:
    """Parse the annotation layer of a page body.

    ``line_offset`` is the number of file lines before the body (the
    front-matter), so what is found points at the right line of the file.
    """
    doc, text, _lines = _lay_out(body, line_offset)
    where = _Lines(text)

    def located(offset: int, ident: str = "", detail: str = "") -> Located:
        line, col = where.at(offset)
        return Located(line + 1 + line_offset, col + 1, ident, detail)

    def outside_editorial(spot: Located) -> bool:
        return spot.line - 1 - line_offset not in doc.editorial_lines

    marked = _passages(doc, text, located)
    _loose_ends(doc, text, marked, located, outside_editorial)
    return doc


def _passages(doc: Document, text: str, located: Callable[..., Located]) -> list[tuple[int, int]]:
    """Every ``==passage==[^id]``: the first of each id becomes an annotation. Returns the marked spans."""
    notes = doc.notes()
    seen: set[str] = set()
    spans: list[tuple[int, int]] = []
    for match in MARK_RE.finditer(text):
        ident, kind = match.group("id"), match.group("kind")
        spot = located(match.start(), ident, kind)
        spans.append((match.start(), match.end()))
        if ident in seen:
            doc.reused_ids.append(spot)
            continue
        seen.add(ident)
        note = notes.get(ident)
        doc.annotations.append(Annotation(ident, kind, match.group("passage"), note.text if note else "", spot.line, spot.col,
                                          note.line if note else 0, note.source if note else ""))
        if "==" in match.group("passage") or MARK_RE.search(match.group("passage")):
            doc.nested.append(spot)
    return spans


def _loose_ends(doc: Document, text: str, marked: list[tuple[int, int]], located: Callable[..., Located],
                shown: Callable[[Located], bool]) -> None:
    """References without a passage, ordinary footnotes, and a stray "==" (only ``shown`` ones: not in editorial blocks)."""
    def inside_mark(offset: int) -> bool:
        index = bisect.bisect_right(marked, (offset, len(text) + 1)) - 1  # marked spans never overlap
        return index >= 0 and marked[index][0] <= offset < marked[index][1]

    for match in LOOSE_REF_RE.finditer(text):
        if inside_mark(match.start()) or match.group("kind") not in KIND_NAMES:
            continue  # attached; or an ordinary footnote (below)
        before = text[max(0, match.start() - 4):match.start()]
        state = "empty" if before.endswith("====") else "unopened" if before.endswith("==") else "unmarked"
        doc.loose_refs.append(located(match.start(), match.group("id"), state))
    for match in ANY_FOOTNOTE_REF_RE.finditer(text):
        ident = match.group(1)
        if not re.fullmatch(ID_PATTERN, ident) or ident.split("-", 1)[0] not in KIND_NAMES:
            spot = located(match.start(), ident)
            if shown(spot):
                doc.footnotes.append(spot)
    leftover = MARK_RE.sub(lambda m: " " * len(m.group(0)), text)
    for match in STRAY_MARK_RE.finditer(leftover):
        spot = located(match.start())
        if shown(spot):
            doc.stray_marks.append(spot)
            break


def without_code(body: str) -> str:
    """The body with code (fenced blocks and inline spans) blanked out, offsets and lines kept: code is shown, never read."""
    lines = body.split("\n")
    _editorial, code = block_regions(lines)
    text = "\n".join(" " * len(line) if index in code else line for index, line in enumerate(lines))
    return INLINE_CODE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _code_blanked(text: str) -> str:
    """``text`` with its inline code spans blanked, offsets kept: "==x==[^id]" inside backticks is not a passage."""
    return INLINE_CODE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _strip(text: str, pattern: re.Pattern[str], group: str) -> tuple[str, list[int]]:
    """``text`` with each match replaced by its ``group``, and a map from old offsets to new ones."""
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    length = 0
    for match in pattern.finditer(_code_blanked(text)):  # markup inside a code span is shown as it is, not read
        kept_start, kept_end = match.span(group)
        kept = text[kept_start:kept_end]
        piece = text[pos:match.start()]
        mapping += range(length, length + len(piece))
        out.append(piece)
        length += len(piece)
        for offset in range(match.start(), match.end()):
            inside = kept_start <= offset < kept_end
            mapping.append(length + (offset - kept_start) if inside else length + (len(kept) if offset >= kept_end else 0))
        out.append(kept)
        length += len(kept)
        pos = match.end()
    piece = text[pos:]
    mapping += range(length, length + len(piece) + 1)
    out.append(piece)
    return "".join(out), mapping


def strip_links(text: str) -> str:
    """Remove context links from text, keeping their words."""
    return _strip(text, CONTEXT_LINK_RE, "text")[0]


def strip_markup(text: str) -> str:
    """Remove annotation markers and context links from text, keeping the article's words."""
    return _strip(strip_links(text), MARK_RE, "passage")[0]


def raw_paragraphs(body: str, line_offset: int = 0) -> list[tuple[int, str]]:
    """The article's paragraphs with their annotation markers, each with its 1-based line in the file.

    Editorial blocks and note definitions are left out.
    """
    lines = body.split("\n")
    editorial, code = block_regions(lines)
    kept = list(lines)
    for start, end, _ident, _text in _definitions(lines, code):
        for j in range(start, end + 1):
            kept[j] = ""
    for j in editorial:
        kept[j] = ""
    text = "\n".join(kept)
    result: list[tuple[int, str]] = []
    line = 1 + line_offset  # counted as we go: recounting from the start would be quadratic
    for part in re.split(r"(\n[ \t]*\n)", text):
        if part.strip() and not re.fullmatch(r"\n[ \t]*\n", part):
            lead = len(part) - len(part.lstrip("\n"))
            result.append((line + lead, part.strip("\n")))
        line += part.count("\n")
    return result


def article_paragraphs(body: str, line_offset: int = 0) -> list[tuple[int, str]]:
    """The article's paragraphs, without annotation markers: what must equal the seed (faithfulness)."""
    return [(line, strip_markup(raw)) for line, raw in raw_paragraphs(body, line_offset)]


class LinkSpan(NamedTuple):
    """A context link in the article text: ``text[start:end]`` links to the context page ``slug``."""

    slug: str
    start: int
    end: int


@dataclass(frozen=True)
class Layer:
    """A page's article text and where its annotations and context links sit in it."""

    text: str
    spans: dict[str, tuple[int, int]]  # annotation id -> passage span
    links: list[LinkSpan]  # in reading order


def locate(body: str) -> Layer:
    """The article text and the spans of each annotation's passage and each context link in it."""
    spans: dict[str, tuple[int, int]] = {}
    links: list[LinkSpan] = []
    parts: list[str] = []
    offset = 0
    for _line, raw in raw_paragraphs(body):
        if parts:
            offset += 2  # the blank line between paragraphs
        unlinked, link_map = _strip(raw, CONTEXT_LINK_RE, "text")
        plain, mark_map = _strip(unlinked, MARK_RE, "passage")
        for match in CONTEXT_LINK_RE.finditer(_code_blanked(raw)):
            start, end = mark_map[link_map[match.start()]], mark_map[link_map[match.end()]]
            links.append(LinkSpan(match.group("slug"), offset + start, offset + end))
        for match in MARK_RE.finditer(_code_blanked(unlinked)):
            start = mark_map[match.start("passage")]
            spans.setdefault(match.group("id"), (offset + start, offset + start + len(match.group("passage"))))
        parts.append(plain)
        offset += len(plain)
    return Layer(join_paragraphs(parts), spans, links)


def article_text(body: str) -> str:
    """The article text of a page body, paragraphs joined by one blank line.

    It compares equal to ``Capture.article_text()`` of the page's seed.
    """
    return join_paragraphs([text for _line, text in article_paragraphs(body)])


@dataclass(frozen=True)
class Block:
    """An admonition block in a page body, and the index of the article paragraph it precedes."""

    before: int  # equals the number of paragraphs when the block comes after the last one
    text: str
    type: str
    title: str
    line: int  # 1-based line of its first line in the body


def editorial_blocks(body: str) -> list[Block]:
    """Every admonition block (editorial, detached, removed...) with the article paragraph it precedes."""
    lines = body.split("\n")
    editorial, code = block_regions(lines)
    definition_lines = {j for start, end, _i, _t in _definitions(lines, code) for j in range(start, end + 1)}
    blocks: list[Block] = []
    paragraphs = 0
    in_paragraph = False
    i = 0
    while i < len(lines):
        if i in editorial and ADMONITION_RE.match(lines[i]):
            start = i
            i += 1
            while i < len(lines) and i in editorial and not ADMONITION_RE.match(lines[i]):
                i += 1
            title = ADMONITION_TITLE_RE.match(lines[start])
            blocks.append(Block(paragraphs, "\n".join(lines[start:i]).rstrip(), title.group("type") if title else "",
                                (title.group("title") or "") if title else "", start + 1))
            in_paragraph = False
            continue
        blank = not lines[i].strip()
        if not blank and i not in definition_lines and i not in editorial and not in_paragraph:
            paragraphs += 1
            in_paragraph = True
        elif blank:
            in_paragraph = False
        i += 1
    return blocks


@dataclass(frozen=True)
class DetachedItem:
    """One note in a page's "Detached notes" block."""

    id: str
    label: str
    passage: str
    note: str
    line: int  # 1-based line in the body


def detached_items(block: str, first_line: int = 1) -> list[DetachedItem]:
    """The notes listed in a "Detached notes" block, read leniently: after the block's introduction, a line indented
    by four spaces (or a tab) starts an entry and deeper lines continue it, whatever a contributor made of the
    list (reflowed, re-quoted, another bullet, free text). An entry in the form ``write.detached_item`` gives is
    read field by field; any other keeps its whole text as the note."""
    items: list[DetachedItem] = []
    lines = block.split("\n")
    index = 1
    while index < len(lines) and lines[index].strip() != DETACHED_INTRO:
        index += 1
    index = index + 1 if index < len(lines) else 1
    while index < len(lines):
        line = lines[index]
        if not line.strip() or line.startswith(("     ", "\t ")):
            index += 1
            continue
        start = index
        index += 1
        while index < len(lines) and lines[index].strip() and lines[index].startswith(("     ", "\t ")):
            index += 1
        entry = " ".join(part.strip() for part in lines[start:index])
        exact = DETACHED_ITEM_RE.match("    " + entry)
        ident = re.search(r"`([^`]+)`", entry)
        if exact:
            items.append(DetachedItem(exact.group("id"), exact.group("label"), exact.group("passage"), exact.group("note"), first_line + start))
        else:
            items.append(DetachedItem(ident.group(1) if ident else "", "", "", re.sub(r"^[-*+]\s+", "", entry), first_line + start))
    return items


@dataclass(frozen=True)
class PageNote:
    """A note of a reading: on its passage (``attached``), or kept in the "Detached notes" block."""

    id: str
    kind: str  # "" when an entry of the block names no id starting with a kind
    text: str
    line: int  # 1-based line of the note in the file
    attached: bool


def page_notes(body: str, line_offset: int = 0, doc: Document | None = None) -> dict[str, PageNote]:
    """Every note a page has, by id, detached ones included: what front-matter keyed by note id (``ratings``,
    ``note_origins``) may name, and the one answer to "is this a note of the page, and where is it?".

    An annotation with its note is attached; an entry of the "Detached notes" block whose id no passage carries is
    detached, wherever a contributor moved or rewrote it in the block. The kind is the id's first part, as in
    ``==passage==[^kind-id]``."""
    doc = doc if doc is not None else parse(body, line_offset)
    definitions = doc.notes()
    found = {a.id: PageNote(a.id, a.kind, definitions[a.id].text, definitions[a.id].line, True)
             for a in doc.annotations if a.id in definitions}
    for block in editorial_blocks(body):
        if block.type != DETACHED_TYPE:
            continue
        for item in detached_items(block.text, block.line):
            kind = item.id.split("-", 1)[0]
            if item.id and item.id not in found:
                found[item.id] = PageNote(item.id, kind if kind in KIND_NAMES else "", item.note, line_offset + item.line, False)
    return found
