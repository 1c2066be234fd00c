"""Python-Markdown extension that renders annotations (``==passage==[^kind-id]``).

Enabled in ``mkdocs.yml`` as ``generator.site.mdext``; it needs nothing from MkDocs,
so Zensical (or plain Python-Markdown) renders the same pages. Data flow:

1. a block processor takes note definitions ``[^kind-id]: text`` out of the text;
2. an inline processor turns each marked passage into
   ``<mark class="annotation" data-kind=.. id=..>`` plus a numbered reference;
3. a tree processor (before inline processing, so notes may hold Markdown)
   adds the numbered "Notes" list, which print and no-JavaScript readers get;
4. a last tree processor numbers passages in reading order and orders the list;
   citations (``[@key]``, in notes or anywhere) are formatted with the
   bibliography's CSL style, each linked to the page's generated "References"
   list (``bibliography.cite``);
5. a postprocessor, the very last step, passes the page's HTML through the
   allowlist sanitiser (``site.sanitize``): nothing a seed or a contributor
   wrote reaches a reader unless the allowlist names it;
6. after it, the page's own chrome (each passage's note number, the "Notes by kind" legend) is marked
   ``data-search-exclude``, which Material's search parser skips: search gets the article's words as the
   source has them (``passage1`` would be one unstemmed word), not the page's furniture.

Definitions whose id does not start with a known kind are left to the
``footnotes`` extension, so ordinary footnotes keep working.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import IMAGE_LINK_RE, LINK_RE, ImageInlineProcessor, InlineProcessor, LinkInlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from generator.bibliography import Bibliography, load_file
from generator.bibliography.cite import CITATION_RE, STYLE, CitationError, Formatter, Group
from generator.bibliography.cite import parse as parse_citation
from generator.document import language
from generator.document.direction import direction
from generator.document.kinds import BY_NAME, KINDS
from generator.document.syntax import CONTEXT_HREF_RE, DEF_SEARCH_RE, MARK_RE, mention_anchor, note_language
from generator.project import BIBLIOGRAPHY_PATH
from generator.site.sanitize import OUTSIDE_HREF_RE, sanitize

# MkDocs counts warnings under the "mkdocs" logger, so `--strict` fails on them;
# elsewhere this is an ordinary logger.
log = logging.getLogger("mkdocs.extensions.readings")

NOTES_HEADING = "Notes"


REFERENCES_HEADING = "References"
_BIBLIOGRAPHIES: dict[str, tuple[float, Bibliography]] = {}  # path -> (modification time, parsed): MkDocs makes one extension a page


def _bibliography(path: str) -> Bibliography:
    """The bibliography at ``path``, read once per change of the file."""
    file = Path(path)
    try:
        mtime = file.stat().st_mtime
    except OSError:
        return Bibliography(path=path)
    cached = _BIBLIOGRAPHIES.get(path)
    if cached is None or cached[0] != mtime:
        cached = (mtime, load_file(file, path))
        _BIBLIOGRAPHIES[path] = cached
    return cached[1]


class _State:
    """Per-document state shared by the processors; cleared by ``reset``."""

    def __init__(self) -> None:
        self.notes: dict[str, tuple[str, str]] = {}  # id -> (kind, text), in definition order
        self.seen_ids: set[str] = set()
        self.citations: list[Group] = []  # in the order the inline processor met them


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
        badge(link, kind).tail = "?"  # numbered in reading order by NumberingTreeprocessor
        return wrapper, m.start(0), m.end(0)


def badge(parent: etree.Element, kind: str) -> etree.Element:
    """The kind's one-character badge: kinds read apart without colour (and in print)."""
    # Drawn by CSS from data-badge: not text, so it stays out of link names, search text and copied passages.
    return etree.SubElement(parent, "span", {"class": "kind-badge", "aria-hidden": "true", "data-badge": BY_NAME[kind].badge})


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
        for ident, (kind, written) in self.state.notes.items():
            item = etree.SubElement(olist, "li", {"id": f"note-{ident}", "data-kind": kind})
            tag, text = note_language(written)
            label = etree.SubElement(item, "span", {"class": "annotation-label"})
            badge(label, kind).tail = BY_NAME[kind].label
            label.tail = " "
            body = etree.SubElement(item, "span", {"class": "annotation-text"})
            body.text = text
            if tag and (canonical := language.normalise(tag)):  # a note in another language than the desk's says so:
                body.set("lang", canonical)  # its text (the label, the links around it and the box stay the desk's);
                body.set("dir", direction(canonical))  # a tag that is none (check's error) is left out, never printed
            body.tail = "\u00a0"  # the back-link never wraps onto a line of its own
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
                continue
            number = order.setdefault(ident, len(order) + 1)
            link[0].tail = str(number)
            link.set("aria-label", f"{BY_NAME[self.state.notes[ident][0]].label} note {number}")
        for ident in self.state.notes:
            if ident not in order:
                log.warning("annotation note [^%s] is not attached to any passage", ident)
        olist = next((el for el in root.iter("ol") if el.get("class") is None and
                      any(li.get("id", "").startswith("note-") for li in el)), None)
        if olist is None:
            return
        self._legend(root, order)
        items = list(olist)
        for li in items:
            olist.remove(li)
        unreferenced = len(order) + 1
        items.sort(key=lambda li: order.get(li.get("id", "")[len("note-"):], unreferenced))
        for li in items:
            olist.append(li)


    def _legend(self, root: etree.Element, order: dict[str, int]) -> None:
        """One compact line of the kinds present, each with its badge and count, before the article's first paragraph."""
        counts = {kind.name: sum(self.state.notes[i][0] == kind.name for i in order) for kind in KINDS}
        legend = etree.Element("div", {"class": "annotation-legend"})
        label = etree.SubElement(legend, "span", {"class": "annotation-legend__label"})
        label.text = "Notes by kind:"
        for kind in KINDS:
            if counts[kind.name]:
                chip = etree.SubElement(legend, "span", {"class": "kind-chip", "data-kind": kind.name, "title": kind.description})
                badge(chip, kind.name).tail = f" {kind.label} "
                count = etree.SubElement(chip, "span", {"class": "kind-count"})
                count.text = str(counts[kind.name])
        children = list(root)
        at = next((i for i, el in enumerate(children) if "admonition" not in (el.get("class") or "").split()), len(children))
        root.insert(at, legend)


class ContextLinkTreeprocessor(Treeprocessor):
    """Marks links to context pages and gives each entity's first one an id, ``mention-<slug>``.

    Context pages link back to that id: the exact occurrence in the reading.
    """

    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()
        for link in root.iter("a"):
            match = CONTEXT_HREF_RE.search(link.get("href", ""))
            if not match:
                self._mark_outside(link)
                continue
            link.set("class", " ".join(filter(None, [link.get("class"), "context-link"])))
            slug = match.group(1)
            if slug not in seen and not link.get("id"):
                link.set("id", mention_anchor(slug))
            seen.add(slug)
        self._into_notes(root)

    @staticmethod
    def _mark_outside(link: etree.Element) -> None:
        """A link that leaves the site says so: a class, for which the stylesheet draws "↗" and gives screen readers
        "(external link)" (CSS alternative text: the words stay out of the page's text, its search entry and copies)."""
        if OUTSIDE_HREF_RE.match(link.get("href", "")) and "outside-link" not in (link.get("class") or "").split():
            link.set("class", " ".join(filter(None, [link.get("class"), "outside-link"])))

    @staticmethod
    def _into_notes(root: etree.Element) -> None:
        """A context link inside a highlighted passage moves its summary into the passage's note ("More about X: …"),
        and loses its own tooltip: one box at a time, and a tap on the passage opens its note, not the link."""
        notes = {li.get("id", ""): li for li in root.iter("li") if li.get("id", "").startswith("note-")}
        for mark in root.iter("mark"):
            if "annotation" not in (mark.get("class") or "").split():
                continue
            item = notes.get(mark.get("aria-describedby", ""))
            for link in mark.iter("a"):
                if "context-link" not in (link.get("class") or "").split():
                    continue
                summary = link.attrib.pop("title", "")
                if item is None:
                    continue
                more = etree.Element("span", {"class": "annotation-context"})
                more.text = "More about "
                copy = etree.SubElement(more, "a", {"href": link.get("href", ""), "class": "context-link"})
                copy.text = "".join(link.itertext())
                copy.tail = " →"
                if summary:  # shown where the link cannot be followed: in print and in the single-file reading
                    summary_span = etree.SubElement(more, "span", {"class": "context-summary"})
                    summary_span.text = f" {summary}"
                backref = next((i for i, child in enumerate(item) if child.get("class") == "annotation-backref"), len(item))
                more.tail = "\u00a0"
                item.insert(backref, more)


MAX_UNCLOSED_LINKS = 16  # per run of text; the text of "[x](" that never closes is shown as it is anyway


class _LinkBudget(LinkInlineProcessor):
    """Python-Markdown's links with a budget: its ``getLink`` scans from a "](" to the end of the text when the
    parenthesis never closes, so a paragraph of "[a](" took minutes (quadratic). After ``MAX_UNCLOSED_LINKS`` such
    failures in one run of text, the later "](" are left as text without a scan: what a failure would give."""

    _budget_data: str | None = None
    _failures = 0

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        if data is not self._budget_data:
            self._budget_data, self._failures = data, 0
        if self._failures >= MAX_UNCLOSED_LINKS:
            return "", None, index, False
        href, title, end, handled = super().getLink(data, index)
        self._failures += not handled
        return href, title, end, handled


class _BudgetedImage(_LinkBudget, ImageInlineProcessor):
    pass


class CitationInlineProcessor(InlineProcessor):
    """``[@key]``, ``[see @a, p. 4; @b]`` -> a placeholder, filled once every citation of the page is known."""

    def __init__(self, state: _State, md: Markdown) -> None:
        super().__init__(CITATION_RE.pattern, md)
        self.state = state

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | None, int | None, int | None]:  # type: ignore[override]
        group = parse_citation(m.group("body"))
        if group is None:
            return None, None, None
        element = etree.Element("span", {"class": "citation-group", "data-citation": str(len(self.state.citations))})
        self.state.citations.append(group)
        return element, m.start(0), m.end(0)


class CitationTreeprocessor(Treeprocessor):
    """Formats the page's citations with the CSL style and adds its "References" list, after the notes."""

    def __init__(self, md: Markdown, state: _State, bibliography: str, style: str) -> None:
        super().__init__(md)
        self.state = state
        self.bibliography = bibliography
        self.style = style

    def run(self, root: etree.Element) -> None:
        if not self.state.citations:
            return
        formatter = Formatter(_bibliography(self.bibliography), self.style)
        for group in self.state.citations:
            formatter.register(group)
        try:
            texts, references = formatter.render()
        except CitationError as exc:  # a style that is no CSL file: the build fails (strict), the page keeps its text
            log.warning("citations: %s", exc)
            texts, references = [_escape(group.source) for group in self.state.citations], []
        for element in root.iter("span"):
            index = element.get("data-citation")
            if index is not None and element.get("class") == "citation-group":
                element.text = self.md.htmlStash.store(texts[int(index)])
                del element.attrib["data-citation"]
        for key in sorted(formatter.missing):
            log.warning("citation @%s: no entry with this id in %s", key, self.bibliography)
        if not references:
            return
        section = etree.Element("section", {"class": "references", "aria-labelledby": "references"})
        heading = etree.SubElement(section, "h2", {"id": "references"})
        heading.text = REFERENCES_HEADING
        olist = etree.SubElement(section, "ul", {"class": "references-list"})
        for anchor, html_text in references:
            item = etree.SubElement(olist, "li", {"id": anchor})
            item.text = self.md.htmlStash.store(html_text)  # pandoc already links the addresses
        children = list(root)
        at = next((i for i, el in enumerate(children) if (el.tag == "details" and "removed" in (el.get("class") or "").split())
                   or (el.tag == "h2" and el.get("id") == "mentioned-in")), len(children))
        root.insert(at, section)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SanitizePostprocessor(Postprocessor):
    """The page's final HTML through the allowlist (after raw HTML is restored, priority 30, and entities, 20)."""

    def run(self, text: str) -> str:
        return sanitize(text)


# The elements of ours that are page furniture, as the allowlist writes them (their only attribute is the class).
SEARCH_CHROME_RE = re.compile(r'<(sup class="annotation-ref"|div class="annotation-legend")>')


class SearchChromePostprocessor(Postprocessor):
    """Marks the note numbers and the legend ``data-search-exclude`` (Material's search parser skips such elements).

    After the sanitiser, which drops the attribute from whatever a seed or a contributor wrote, so only these carry
    it. A note number is not part of the source's text: leaving it out joins the passage to the text that follows
    exactly as the source has them (a space if the source has one), so no word boundary is lost or invented."""

    def run(self, text: str) -> str:
        return SEARCH_CHROME_RE.sub(r'<\1 data-search-exclude="">', text)


class AnnotationsExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"sanitize": [True, "pass the page's HTML through the allowlist (readings check renders without it, to"
                                          " report what it would remove)"],
                       "bibliography": [BIBLIOGRAPHY_PATH, "the collection's CSL-YAML bibliography, relative to the project"],
                       "csl": [STYLE, "the CSL style of citations and References: a style of generator/bibliography/styles"
                                      " by name (apa, chicago-author-date) or the path of a .csl file"]}
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
        md.inlinePatterns.register(CitationInlineProcessor(self.state, md), "citation", 175)  # before links (160)
        md.inlinePatterns.register(_LinkBudget(LINK_RE, md), "link", 160)  # Python-Markdown's own, with a budget
        md.inlinePatterns.register(_BudgetedImage(IMAGE_LINK_RE, md), "image_link", 150)
        md.treeprocessors.register(CitationTreeprocessor(md, self.state, str(self.getConfig("bibliography")),
                                                         str(self.getConfig("csl"))), "citations", 8)
        if self.getConfig("sanitize"):
            md.postprocessors.register(SanitizePostprocessor(md), "readings-sanitize", 0)
        md.postprocessors.register(SearchChromePostprocessor(md), "readings-search-chrome", -1)

    def reset(self) -> None:
        self.state.notes.clear()
        self.state.seen_ids.clear()
        self.state.citations.clear()


def makeExtension(**kwargs: Any) -> AnnotationsExtension:  # Python-Markdown looks this name up
    return AnnotationsExtension(**kwargs)
