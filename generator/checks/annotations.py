"""Rules for the annotation layer: pairing, kinds, ids, passages, and detached notes. Pure."""

from __future__ import annotations

import re

from generator.document import language, read
from generator.document.kinds import KIND_NAMES
from generator.document.page import Page
from generator.document.syntax import (
    DETACHED_TITLE,
    DETACHED_TYPE,
    EDITORIAL_TYPE,
    NOTE_LANGUAGE_RE,
    REMOVED_TITLE,
    REMOVED_TYPE,
    note_language,
)
from generator.errors import Problem, error, warning


def _definition_problems(doc: read.Document, path: str) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for definition in doc.definitions:
        if definition.id in first:
            problems.append(error(path, definition.line, 1, f"note [^{definition.id}] is defined twice (first on line"
                                  f" {first[definition.id]})", "duplicate-note"))
        else:
            first[definition.id] = definition.line
        if not definition.text:
            problems.append(error(path, definition.line, 1, f"note [^{definition.id}] is empty", "empty-note"))
        if definition.text.startswith("{lang="):
            # What was written, up to the marker's end (or the line's): a marker the pattern refuses ("{lang=ar dir=ltr}")
            # yields no tag, and the message must show the contributor their own words (quoted: neutralised). Checked
            # as front-matter's 'language' is (``language.tag_problem``): the registry, a did-you-mean.
            written = note_language(definition.text)[0] if NOTE_LANGUAGE_RE.match(definition.text) else (
                definition.text[len("{lang="):].split("}")[0])
            if why := language.tag_problem(written, "its tag"):
                problems.append(error(path, definition.line, 1, f"note [^{definition.id}] starts with a language marker"
                                      f" {{lang=…}}: {why}; write {{lang=ar}}, {{lang=en-GB}}… or leave the marker out (a"
                                      " note is in the site's language)", "note-language"))
    return problems


def _passage_problems(doc: read.Document, path: str) -> list[Problem]:
    problems: list[Problem] = []
    for spot in [*[read.Located(a.line, a.col, a.id, a.kind) for a in doc.annotations], *doc.reused_ids]:
        if spot.detail not in KIND_NAMES:
            problems.append(error(path, spot.line, spot.col, f"unknown annotation kind '{spot.detail}' in [^{spot.id}]; known kinds:"
                                  f" {', '.join(KIND_NAMES)}", "unknown-kind"))
    first_line = {a.id: a.line for a in doc.annotations}
    for spot in doc.reused_ids:
        problems.append(error(path, spot.line, spot.col, f"annotation id '{spot.id}' is used twice (first on line {first_line[spot.id]})",
                              "duplicate-id"))
    for spot in doc.nested:
        problems.append(error(path, spot.line, spot.col, f"passage of [^{spot.id}] nests another annotation", "nested-passage"))
    for ann in doc.annotations:
        if ann.line - 1 - doc.line_offset in doc.editorial_lines:
            problems.append(error(path, ann.line, ann.col, f"passage [^{ann.id}] is inside an editorial block: passages mark"
                                  " the article's text; comment on editorial text in the block itself", "passage-in-block"))
        if not ann.note_line:
            problems.append(error(path, ann.line, ann.col, f"passage [^{ann.id}] has no note: add a line '[^{ann.id}]: ...' below"
                                  " the paragraph", "missing-note"))
    return problems


LOOSE_MESSAGES = {
    "empty": ("the passage of [^{id}] is empty", "empty-passage"),
    "unopened": ("the passage of [^{id}] is not opened with '==' in its paragraph: passages must not span paragraphs, nest or"
                 " overlap", "passage-spans-paragraphs"),
    "unmarked": ("reference [^{id}] has no marked passage: write ==passage==[^{id}]", "unmarked-reference"),
}


def _loose_problems(doc: read.Document, path: str) -> list[Problem]:
    problems = []
    for spot in doc.loose_refs:
        message, code = LOOSE_MESSAGES[spot.detail]
        problems.append(error(path, spot.line, spot.col, message.format(id=spot.id), code))
    attached = {a.id for a in doc.annotations}
    for ident, definition in sorted(doc.notes().items(), key=lambda item: item[1].line):
        if ident not in attached and ident.split("-", 1)[0] in KIND_NAMES:
            problems.append(error(path, definition.line, 1, f"note [^{ident}] is not attached to any passage", "orphan-note"))
    for spot in doc.footnotes:
        problems.append(warning(path, spot.line, spot.col, f"[^{spot.id}] is an ordinary footnote, which the site does not render:"
                                " make it an annotation, ==passage==[^kind-id]", "footnote"))
    for spot in doc.stray_marks:
        problems.append(warning(path, spot.line, spot.col, "stray '==': an annotation needs ==passage==[^kind-id]", "stray-mark"))
    return problems


def rendered_passage_problems(doc: read.Document, rendered: str, path: str) -> list[Problem]:
    """Passages the site's Markdown does not render as passages (``rendered``: the page as the site renders it).

    The annotation layer is read from the text; the renderer reads Markdown first, so "==passage==[^id]" inside
    a link's title or address, or inside raw HTML, is no passage to it, and ``build --strict`` fails on its note.
    """
    problems = []
    for ann in doc.annotations:
        if ann.kind in KIND_NAMES and f'aria-describedby="note-{ann.id}"' not in rendered:
            problems.append(error(path, ann.line, ann.col, f"the site does not read [^{ann.id}] as a passage: annotation"
                                  " syntax inside a link's title or address, or inside HTML, is not a passage; mark the"
                                  " article's text itself", "unrendered-passage"))
    return problems


def render_warnings(warnings: list[str], body: str, body_line: int, path: str) -> list[Problem]:
    """What the site's Markdown warned of about the annotation layer while rendering the page (each would fail
    ``build --strict``), located at the note or passage it names."""
    problems = []
    for message in (m for m in warnings if m.startswith("annotation")):  # citations: ``sourcing`` reports them, located
        named = re.search(r"\[\^[^\]]+\]|'([^']+)'", message)
        at = body.find(named.group(0) if named and named.group(0).startswith("[^") else f"[^{named.group(1)}]") if named else -1
        line = body.count("\n", 0, at) + 1 if at >= 0 else 1
        problems.append(error(path, line + body_line, 1, f"the site's build would fail: {message}", "render-warning"))
    return problems


def annotation_problems(doc: read.Document, path: str) -> list[Problem]:
    """Every problem of a parsed annotation layer."""
    return _definition_problems(doc, path) + _passage_problems(doc, path) + _loose_problems(doc, path)


def check_detached(page: Page) -> list[Problem]:
    """Detached notes are kept, never lost, but a person should re-attach or delete them."""
    problems: list[Problem] = []
    for block in read.editorial_blocks(page.body):
        if block.type != DETACHED_TYPE:
            continue
        for item in read.detached_items(block.text, block.line):
            name = f"note '{item.id}'" if item.id else "a note"
            problems.append(warning(page.path, page.body_line + item.line, 5, f"{name} is detached from the text since the"
                                    " seed changed: re-attach it to a passage or delete it", "detached-note"))
    return problems


# Above this, the introduction pushes the article off a desktop's first screen (1280×800): the reading page
# promises the article first.
INTRODUCTION_WORDS = 150
CITATION_RE = re.compile(r"\[[^\]\[]*@[^\]\[]+\]")  # no "[" after the "@" either: each "[" scans to the next bracket


def long_introduction(page: Page) -> list[Problem]:
    """Editorial blocks before the article's first paragraph, together, stay short enough to read the article first."""
    blocks = [b for b in read.editorial_blocks(page.body) if b.before == 0 and b.type == EDITORIAL_TYPE]
    words = sum(len(CITATION_RE.sub("", block.text).split()) - len(block.text.split("\n", 1)[0].split()) for block in blocks)
    if words <= INTRODUCTION_WORDS:
        return []
    return [warning(page.path, page.body_line + blocks[0].line, 1, f"the introduction before the article has {words} words:"
                    f" keep it under {INTRODUCTION_WORDS}, so that readers see the article on the first screen, and move the"
                    " rest into notes or the source's context page", "long-introduction")]


RESERVED = {REMOVED_TYPE: (REMOVED_TITLE, "???"), DETACHED_TYPE: (DETACHED_TITLE, "!!!")}


def reserved_blocks(page: Page) -> list[Problem]:
    """The blocks import writes ("Removed from the capture", "Detached notes") have reserved types and titles:
    a contributor's block cannot look like one, or an update would treat it as generated."""
    problems: list[Problem] = []
    blocks = read.editorial_blocks(page.body)
    titles = {title: kind for kind, (title, _marker) in RESERVED.items()}
    seen: set[str] = set()
    for number, block in enumerate(blocks):
        kind = block.type if block.type in RESERVED else titles.get(block.title, "")
        if not kind:
            continue
        title, marker = RESERVED[kind]
        where = (page.path, page.body_line + block.line, 1)
        if block.type != kind or block.title != title or not block.text.startswith(marker):
            problems.append(error(*where, f"the block type '{kind}' and the title “{title}” are reserved for the block import writes"
                                  f" ({marker} {kind} \"{title}\"): give your block another type and title, such as"
                                  " !!! editorial \"…\"", "reserved-block"))
        elif kind in seen:
            problems.append(error(*where, f"a second “{title}” block: import writes one", "reserved-block"))
        elif kind == REMOVED_TYPE and number != len(blocks) - 1:
            problems.append(error(*where, f"“{title}” must stay the last block of the page, where import writes it", "reserved-block"))
        seen.add(kind)
    return problems
