"""The annotation syntax, parsed from a reading's Markdown body.

Contributors write an annotation as a marked passage followed by a
footnote-style reference, and define its note below the paragraph::

    The ==widely held opinion==[^source-opinion] says ...

    [^source-opinion]: Whose opinion? The text names no one who holds it.

The reference id starts with the annotation's kind (``claim``, ``source``...).
GitHub and GitLab previews show the ``[^...]`` parts as ordinary footnotes.

``parse`` returns the annotations and the problems it found (pure, no I/O);
``article_text`` strips annotation markup and editorial blocks, leaving the
text that must equal the seed's article (the faithfulness rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.errors import Problem, error, warning
from generator.kinds import KIND_NAMES

ID_PATTERN = r"(?P<kind>[a-z]+)-[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
# A passage: no leading/trailing space, no "==" inside, never across a blank line.
PASSAGE_PATTERN = r"(?P<passage>(?=[^\s=])(?:(?!==)(?!\n[ \t]*\n)[\s\S])+?(?<=\S))"
MARK_RE = re.compile(r"==" + PASSAGE_PATTERN + r"==\[\^(?P<id>" + ID_PATTERN + r")\]")
DEF_RE = re.compile(r"^\[\^(?P<id>" + ID_PATTERN + r")\]:[ \t]*(?P<text>.*)$")
# Loose forms, to report mistakes the strict patterns would silently skip.
LOOSE_REF_RE = re.compile(r"(?<!\\)\[\^(?P<id>" + ID_PATTERN + r")\]")
# A link to a context page, as the generator writes it or a contributor adds it by hand.
CONTEXT_LINK_RE = re.compile(r'\[(?P<text>[^\]\n]+)\]\((?P<target>(?:\.\./)*context/(?P<slug>[a-z0-9][a-z0-9-]*)\.md)'
                             r'(?:[ \t]+"(?P<title>(?:[^"\\\n]|\\.)*)")?\)')
ADMONITION_RE = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]")
FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


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


@dataclass
class Document:
    """The parsed annotation layer of one page body."""

    annotations: list[Annotation] = field(default_factory=list)
    editorial_lines: set[int] = field(default_factory=set)  # 0-based body lines in editorial blocks

    def counts(self) -> dict[str, int]:
        """Annotation counts by kind, in the declared order of kinds."""
        return {k: n for k in KIND_NAMES if (n := sum(a.kind == k for a in self.annotations))}


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
        elif line.strip() and not line.startswith(("    ", "\t")):
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
        while i < len(lines) and lines[i].startswith(("    ", "\t")) and lines[i].strip():
            parts.append(lines[i].strip())
            i += 1
        yield start, i - 1, match.group("id"), " ".join(p for p in parts if p)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return line, col


def parse(body: str, path: str = "<page>", line_offset: int = 0) -> tuple[Document, list[Problem]]:
    """Parse the annotation layer of a page body.

    ``line_offset`` is the number of file lines before the body (the
    front-matter), so problems point at the right line of the file.
    """
    lines = body.split("\n")
    editorial, code = block_regions(lines)
    doc = Document(editorial_lines=editorial)
    problems: list[Problem] = []

    notes: dict[str, tuple[int, str]] = {}
    blanked = list(lines)
    for start, end, ident, text in _definitions(lines, code):
        fline = start + 1 + line_offset
        if ident in notes:
            problems.append(error(path, fline, 1, f"note [^{ident}] is defined twice (first on line {notes[ident][0]})", "duplicate-note"))
        else:
            notes[ident] = (fline, text)
        if not text:
            problems.append(error(path, fline, 1, f"note [^{ident}] is empty", "empty-note"))
        for j in range(start, end + 1):
            blanked[j] = ""
    for j in code:
        blanked[j] = ""
    text = "\n".join(blanked)

    seen: dict[str, Annotation] = {}
    marked_spans: list[tuple[int, int]] = []
    for match in MARK_RE.finditer(text):
        ident, kind = match.group("id"), match.group("kind")
        line, col = _line_col(text, match.start())
        fline, fcol = line + 1 + line_offset, col + 1
        marked_spans.append((match.start(), match.end()))
        if kind not in KIND_NAMES:
            problems.append(error(path, fline, fcol, f"unknown annotation kind '{kind}' in [^{ident}]; known kinds: {', '.join(KIND_NAMES)}", "unknown-kind"))
        if ident in seen:
            problems.append(error(path, fline, fcol, f"annotation id '{ident}' is used twice (first on line {seen[ident].line})", "duplicate-id"))
            continue
        note_line, note = notes.get(ident, (0, ""))
        ann = Annotation(ident, kind, match.group("passage"), note, fline, fcol, note_line)
        seen[ident] = ann
        doc.annotations.append(ann)
        if "==" in match.group("passage") or MARK_RE.search(match.group("passage")):
            problems.append(error(path, fline, fcol, f"passage of [^{ident}] nests another annotation", "nested-passage"))
        if not note_line:
            problems.append(error(path, fline, fcol, f"passage [^{ident}] has no note: add a line '[^{ident}]: ...' below the paragraph", "missing-note"))

    # References that are not attached to a marked passage, and stray "==".
    for match in LOOSE_REF_RE.finditer(text):
        if any(s <= match.start() < e for s, e in marked_spans):
            continue
        if match.group("kind") not in KIND_NAMES:
            continue  # reported below as an ordinary footnote
        line, col = _line_col(text, match.start())
        ident = match.group("id")
        where = (path, line + 1 + line_offset, col + 1)
        if text[:match.start()].endswith("===="):
            problems.append(error(*where, f"the passage of [^{ident}] is empty", "empty-passage"))
        elif text[:match.start()].endswith("=="):
            problems.append(error(*where, f"the passage of [^{ident}] is not opened with '==' in its paragraph: passages"
                                  " must not span paragraphs, nest or overlap", "passage-spans-paragraphs"))
        else:
            problems.append(error(*where, f"reference [^{ident}] has no marked passage: write ==passage==[^{ident}]", "unmarked-reference"))
    for ident, (fline, _) in sorted(notes.items(), key=lambda item: item[1][0]):
        if ident not in seen and ident.split("-", 1)[0] in KIND_NAMES:
            problems.append(error(path, fline, 1, f"note [^{ident}] is not attached to any passage", "orphan-note"))
    for match in re.finditer(r"(?<!\\)\[\^([^\]\s]+)\](?!:)", text):
        ident = match.group(1)
        if not re.fullmatch(ID_PATTERN, ident) or ident.split("-", 1)[0] not in KIND_NAMES:
            line, col = _line_col(text, match.start())
            if line not in editorial:
                problems.append(warning(path, line + 1 + line_offset, col + 1, f"[^{ident}] is an ordinary footnote, which the"
                                        " site does not render: make it an annotation, ==passage==[^kind-id]", "footnote"))
    leftover = MARK_RE.sub(lambda m: " " * len(m.group(0)), text)
    for match in re.finditer(r"==", leftover):
        line, col = _line_col(leftover, match.start())
        if line not in editorial:
            problems.append(warning(path, line + 1 + line_offset, col + 1, "stray '==': an annotation needs ==passage==[^kind-id]", "stray-mark"))
            break
    return doc, problems


def _strip(text: str, pattern: re.Pattern[str], group: str) -> tuple[str, list[int]]:
    """``text`` with each match replaced by its ``group``, and a map from old offsets to new ones."""
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    length = 0
    for match in pattern.finditer(text):
        piece = text[pos:match.start()]
        mapping += range(length, length + len(piece))
        out.append(piece)
        length += len(piece)
        kept_start, kept_end = match.span(group)
        for offset in range(match.start(), match.end()):
            inside = kept_start <= offset < kept_end
            mapping.append(length + (offset - kept_start) if inside else length + (len(match.group(group)) if offset >= kept_end else 0))
        out.append(match.group(group))
        length += len(match.group(group))
        pos = match.end()
    piece = text[pos:]
    mapping += range(length, length + len(piece) + 1)
    out.append(piece)
    return "".join(out), mapping


def strip_links(text: str) -> str:
    """Remove context links from text, keeping their words."""
    return CONTEXT_LINK_RE.sub(lambda m: m.group("text"), text)


def strip_markup(text: str) -> str:
    """Remove annotation markers and context links from text, keeping the article's words."""
    return MARK_RE.sub(lambda m: m.group("passage"), strip_links(text))


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


@dataclass(frozen=True)
class Layer:
    """A page's article text and where its annotations and context links sit in it."""

    text: str
    spans: dict[str, tuple[int, int]]  # annotation id -> passage span
    links: list[tuple[str, int, int]]  # (context slug, start, end), in reading order


def locate(body: str) -> Layer:
    """The article text and the spans of each annotation's passage and each context link in it."""
    spans: dict[str, tuple[int, int]] = {}
    links: list[tuple[str, int, int]] = []
    parts: list[str] = []
    offset = 0
    for _line, raw in raw_paragraphs(body):
        if parts:
            offset += 2  # the blank line between paragraphs
        unlinked, link_map = _strip(raw, CONTEXT_LINK_RE, "text")
        plain, mark_map = _strip(unlinked, MARK_RE, "passage")
        for match in CONTEXT_LINK_RE.finditer(raw):
            start, end = mark_map[link_map[match.start()]], mark_map[link_map[match.end()]]
            links.append((match.group("slug"), offset + start, offset + end))
        for match in MARK_RE.finditer(unlinked):
            start = mark_map[match.start("passage")]
            spans.setdefault(match.group("id"), (offset + start, offset + start + len(match.group("passage"))))
        parts.append(plain)
        offset += len(plain)
    return Layer("\n\n".join(parts), spans, links)


def article_text(body: str) -> str:
    """The article text of a page body, paragraphs joined by one blank line.

    It compares equal to ``Capture.article_text()`` of the page's seed.
    """
    return "\n\n".join(text for _line, text in article_paragraphs(body))


def editorial_blocks(body: str) -> list[tuple[int, str]]:
    """Each editorial (admonition) block with the index of the article paragraph it precedes.

    The index equals the number of paragraphs when the block comes after the last one.
    """
    lines = body.split("\n")
    editorial, code = block_regions(lines)
    definition_lines = {j for start, end, _i, _t in _definitions(lines, code) for j in range(start, end + 1)}
    blocks: list[tuple[int, str]] = []
    paragraphs = 0
    in_paragraph = False
    i = 0
    while i < len(lines):
        if i in editorial and ADMONITION_RE.match(lines[i]):
            start = i
            i += 1
            while i < len(lines) and i in editorial and not ADMONITION_RE.match(lines[i]):
                i += 1
            blocks.append((paragraphs, "\n".join(lines[start:i]).rstrip()))
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
