"""Python-Markdown extension that renders annotations (``==passage==[^kind-id]``).

Enabled in ``mkdocs.yml`` as ``generator.site.mdext``; it needs nothing from MkDocs,
so Zensical (or plain Python-Markdown) renders the same pages. Data flow:

1. a block processor takes note definitions ``[^kind-id]: text`` out of the text;
2. an inline processor turns each marked passage into
   ``<mark class="annotation" data-kind=.. id=..>`` plus a numbered reference;
3. a tree processor (before inline processing, so notes may hold Markdown)
   adds the numbered "Notes" list, which print and no-JavaScript readers get;
4. a last tree processor numbers passages in reading order and orders the list;
5. a postprocessor, the very last step, passes the page's HTML through the
   allowlist sanitiser (``site.sanitize``): nothing a seed or a contributor
   wrote reaches a reader unless the allowlist names it.

Definitions whose id does not start with a known kind are left to the
``footnotes`` extension, so ordinary footnotes keep working.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from generator.document.kinds import BY_NAME
from generator.document.syntax import CONTEXT_HREF_RE, DEF_SEARCH_RE, MARK_RE, mention_anchor
from generator.site.sanitize import sanitize

# MkDocs counts warnings under the "mkdocs" logger, so `--strict` fails on them;
# elsewhere this is an ordinary logger.
log = logging.getLogger("mkdocs.extensions.readings")

NOTES_HEADING = "Notes"


class _State:
    """Per-document state shared by the processors; cleared by ``reset``."""

    def __init__(self) -> None:
        self.notes: dict[str, tuple[str, str]] = {}  # id -> (kind, text), in definition order
        self.seen_ids: set[str] = set()


class NoteDefinitionProcessor(BlockProcessor):
    """Collects ``[^kind-id]: note`` definitions (with indented continuation lines)."""

    def __init__(self, parser: BlockParser, state: _State) -> None:
        super().__init__(parser)
        self.state = state

    def _match(self, block: str) -> re.Match[str] | None:
        for match in DEF_SEARCH_RE.finditer(block):
            if match.group("kind") in BY_NAME:
                return match
        return None

    def test(self, parent: etree.Element, block: str) -> bool:
        return self._match(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        block = blocks.pop(0)
        match = self._match(block)
        assert match is not None
        before = block[:match.start()].rstrip("\n")
        rest = block[match.end():].split("\n")[1:]
        text = [match.group("text").strip()]
        while rest and rest[0].startswith(("    ", "\t")) and rest[0].strip():
            text.append(rest.pop(0).strip())
        ident = match.group("id")
        if ident in self.state.notes:
            log.warning("annotation note [^%s] is defined twice; the second is ignored", ident)
        else:
            self.state.notes[ident] = (match.group("kind"), " ".join(t for t in text if t))
        if rest:
            blocks.insert(0, "\n".join(rest))
        if before:
            self.parser.parseBlocks(parent, [before])
        return True


class AnnotationInlineProcessor(InlineProcessor):
    """``==passage==[^kind-id]`` -> ``<span class="annotated"><mark ...>passage</mark><sup>..</sup></span>``."""

    def __init__(self, state: _State, md: Markdown) -> None:
        super().__init__(MARK_RE.pattern, md)
        self.state = state

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | None, int | None, int | None]:  # type: ignore[override]
        kind, ident = m.group("kind"), m.group("id")
        if kind not in BY_NAME:
            return None, None, None
        wrapper = etree.Element("span", {"class": "annotated"})
        mark = etree.SubElement(wrapper, "mark", {"class": "annotation", "data-kind": kind})
        if ident in self.state.seen_ids:
            log.warning("annotation id '%s' is used twice; only the first passage gets the id", ident)
        else:
            self.state.seen_ids.add(ident)
            mark.set("id", ident)
        mark.set("tabindex", "0")
        mark.set("aria-describedby", f"note-{ident}")
        mark.text = m.group("passage")
        sup = etree.SubElement(wrapper, "sup", {"class": "annotation-ref"})
        link = etree.SubElement(sup, "a", {"href": f"#note-{ident}", "data-kind": kind})
        link.text = "?"  # numbered in reading order by NumberingTreeprocessor
        return wrapper, m.start(0), m.end(0)


class NotesTreeprocessor(Treeprocessor):
    """Adds the "Notes" section: one list item per note, before the "removed" block if any."""

    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        if not self.state.notes:
            return
        section = etree.Element("section", {"class": "annotation-notes", "aria-labelledby": "notes"})
        heading = etree.SubElement(section, "h2", {"id": "notes"})
        heading.text = NOTES_HEADING
        olist = etree.SubElement(section, "ol")
        for ident, (kind, text) in self.state.notes.items():
            item = etree.SubElement(olist, "li", {"id": f"note-{ident}", "data-kind": kind})
            label = etree.SubElement(item, "span", {"class": "annotation-label"})
            label.text = BY_NAME[kind].label
            label.tail = " "
            body = etree.SubElement(item, "span", {"class": "annotation-text"})
            body.text = text
            body.tail = " "
            back = etree.SubElement(item, "a", {"class": "annotation-backref", "href": f"#{ident}",
                                                "aria-label": "Back to the passage"})
            back.text = "↩"
        children = list(root)
        anchor = next((i for i, el in enumerate(children)
                       if el.tag == "details" and "removed" in (el.get("class") or "").split()), len(children))
        root.insert(anchor, section)


class NumberingTreeprocessor(Treeprocessor):
    """Numbers passages in reading order and puts the notes list in that order."""

    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        order: dict[str, int] = {}
        refs = [el for el in root.iter("sup") if el.get("class") == "annotation-ref"]
        for sup in refs:
            link = sup[0]
            ident = link.get("href", "#note-")[len("#note-"):]
            if ident not in self.state.notes:
                log.warning("annotation [^%s] has no note: add '[^%s]: ...' below its paragraph", ident, ident)
                link.text = "?"
                continue
            number = order.setdefault(ident, len(order) + 1)
            link.text = str(number)
            link.set("aria-label", f"{BY_NAME[self.state.notes[ident][0]].label} note {number}")
        for ident in self.state.notes:
            if ident not in order:
                log.warning("annotation note [^%s] is not attached to any passage", ident)
        olist = next((el for el in root.iter("ol") if el.get("class") is None and
                      any(li.get("id", "").startswith("note-") for li in el)), None)
        if olist is None:
            return
        items = list(olist)
        for li in items:
            olist.remove(li)
        unreferenced = len(order) + 1
        items.sort(key=lambda li: order.get(li.get("id", "")[len("note-"):], unreferenced))
        for li in items:
            olist.append(li)


class ContextLinkTreeprocessor(Treeprocessor):
    """Marks links to context pages and gives each entity's first one an id, ``mention-<slug>``.

    Context pages link back to that id: the exact occurrence in the reading.
    """

    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()
        for link in root.iter("a"):
            match = CONTEXT_HREF_RE.search(link.get("href", ""))
            if not match:
                continue
            link.set("class", " ".join(filter(None, [link.get("class"), "context-link"])))
            slug = match.group(1)
            if slug not in seen and not link.get("id"):
                link.set("id", mention_anchor(slug))
            seen.add(slug)


class SanitizePostprocessor(Postprocessor):
    """The page's final HTML through the allowlist (after raw HTML is restored, priority 30, and entities, 20)."""

    def run(self, text: str) -> str:
        return sanitize(text)


class AnnotationsExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"sanitize": [True, "pass the page's HTML through the allowlist (readings check renders without it, to"
                                          " report what it would remove)"]}
        super().__init__(**kwargs)
        self.state = _State()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Above the footnotes extension (17 for blocks, 175 inline), below escapes (180).
        md.parser.blockprocessors.register(NoteDefinitionProcessor(md.parser, self.state), "annotation-notes", 18)
        md.inlinePatterns.register(AnnotationInlineProcessor(self.state, md), "annotation", 176)
        md.treeprocessors.register(NotesTreeprocessor(md, self.state), "annotation-notes", 25)
        md.treeprocessors.register(NumberingTreeprocessor(md, self.state), "annotation-numbers", 4)
        md.treeprocessors.register(ContextLinkTreeprocessor(md), "context-links", 6)  # before MkDocs collects anchors (5)
        if self.getConfig("sanitize"):
            md.postprocessors.register(SanitizePostprocessor(md), "readings-sanitize", 0)

    def reset(self) -> None:
        self.state.notes.clear()
        self.state.seen_ids.clear()


def makeExtension(**kwargs: Any) -> AnnotationsExtension:  # Python-Markdown looks this name up
    return AnnotationsExtension(**kwargs)
