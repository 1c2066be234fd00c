"""Pandoc's JSON AST, built from HTML the site already rendered and sanitised: pandoc is given a document, not text.

Data flow: a page's HTML (``generator/site/mdext.py`` through the allowlist of ``generator/site/sanitize.py``)
--lxml--> elements --``Converter``--> pandoc blocks and inlines (``Str``, ``Emph``, ``Link``, ``Div``...). Text
becomes ``Str`` nodes, which pandoc's writers escape: no Markdown, HTML or attribute syntax in a seed or a note is
ever read by pandoc. Links are kept only to the web (``http``/``https``/``mailto``) or to anchors the caller names;
images only when the caller hands back a ``data:`` address for them (pandoc stores those in the book without reading
a file or the network); everything else becomes its text. Metadata values are ``MetaString``: literal, never parsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import lxml.html

API_VERSION = [1, 23, 1]  # pandoc 3.9's pandoc-types
Node = dict[str, Any]
WEB_LINK_RE = re.compile(r"^(?:https?://|mailto:)[^\s]*$", re.IGNORECASE)
# XML 1.0 allows none of these characters: a chapter holding one is not well-formed.
NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
SPACE_RE = re.compile(r"[ \t\n\r\f]+")
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "hr", "div", "section", "details",
              "summary", "table", "dl", "dt", "dd", "li"}
EMPHASIS = {"em": "Emph", "i": "Emph", "strong": "Strong", "b": "Strong", "sup": "Superscript", "sub": "Subscript",
            "del": "Strikeout", "s": "Strikeout", "ins": "Underline", "u": "Underline"}


def clean(text: str) -> str:
    return NOT_XML_RE.sub("", text)


def attr(ident: str = "", classes: Iterable[str] = (), pairs: Iterable[tuple[str, str]] = ()) -> list[Any]:
    """Pandoc's attributes: an id, classes and key-value pairs (pandoc's HTML writers print ``lang`` and ``dir`` as
    they are; the values are checked tags and directions, and pandoc escapes them anyway)."""
    return [ident, list(classes), [[k, clean(v)] for k, v in pairs]]


def language_pairs(element: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """An element's ``lang`` and ``dir`` (set by ``site.direction`` on the desk's blocks), kept in the book."""
    return [(name, element.get(name) or "") for name in ("lang", "dir") if element.get(name)]


def text(value: str) -> list[Node]:
    """``value`` as words and spaces, HTML's way: runs of white space are one space."""
    out: list[Node] = []
    for index, word in enumerate(SPACE_RE.split(clean(value))):
        if index:
            out.append({"t": "Space"})
        if word:
            out.append({"t": "Str", "c": word})
    return out


def para(inlines: list[Node]) -> Node:
    return {"t": "Para", "c": inlines}


def header(level: int, inlines: list[Node], ident: str = "") -> Node:
    return {"t": "Header", "c": [level, attr(ident), inlines]}


def meta(value: object) -> Node:
    """A metadata value: strings stay literal (``MetaString``), as do those inside lists and maps."""
    if isinstance(value, dict):
        return {"t": "MetaMap", "c": {str(k): meta(v) for k, v in value.items()}}
    if isinstance(value, list):
        return {"t": "MetaList", "c": [meta(v) for v in value]}
    return {"t": "MetaString", "c": clean(str(value))}


def document(metadata: dict[str, object], blocks: list[Node]) -> dict[str, Any]:
    return {"pandoc-api-version": API_VERSION, "meta": {k: meta(v) for k, v in metadata.items()}, "blocks": blocks}


def classes_of(element: lxml.html.HtmlElement) -> list[str]:
    return (element.get("class") or "").split()


class Converter:
    """Sanitised HTML to pandoc nodes.

    ``link(href)``: the target a link keeps inside the book (``#anchor``), or None for plain text (web links are
    kept without asking). ``image(src)``: a ``data:`` address for an image the book may hold, or None (its alt text
    instead). ``special(element)``: inlines for an element the caller renders itself (the annotations), or None.
    ``shift``: added to heading levels, which stay between 2 and 6 (level 1 starts a chapter) and never skip one (a
    page's ``###`` after its title becomes the next level: assistive technology navigates by them). ``heading_id()``:
    each heading's identifier (pandoc would otherwise derive one from its text, which may repeat another's).
    """

    def __init__(self, link: Callable[[str], str | None], image: Callable[[str], str | None], heading_id: Callable[[], str],
                 special: Callable[[lxml.html.HtmlElement], list[Node] | None] = lambda _e: None, shift: int = 0) -> None:
        self.link, self.image, self.heading_id, self.special, self.shift = link, image, heading_id, special, shift
        self._level = 1 + shift  # the caller's heading these blocks come under

    # Blocks ---------------------------------------------------------------------------------------------------
    def blocks(self, parent: lxml.html.HtmlElement) -> list[Node]:
        """The content of ``parent`` as blocks: loose inlines between blocks become plain paragraphs."""
        out: list[Node] = []
        loose: list[Node] = text(parent.text or "")

        def flush() -> None:
            words = _trimmed(loose)
            if words:
                out.append({"t": "Plain", "c": words})
            loose.clear()

        for child in parent:
            if not isinstance(child.tag, str):
                loose += text(child.tail or "")
                continue
            if child.tag in BLOCK_TAGS:
                flush()
                out += self.block(child)
            else:
                loose += self.inline(child)
            loose += text(child.tail or "")
        flush()
        return out

    def block(self, element: lxml.html.HtmlElement) -> list[Node]:
        tag, classes = element.tag, classes_of(element)
        if tag == "p":
            inlines = _trimmed(self.inlines(element))
            if "admonition-title" in classes:
                return [para([{"t": "Strong", "c": inlines}])] if inlines else []
            return [para(inlines)] if inlines else []
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = self._level = min(6, max(2, int(tag[1]) + self.shift), self._level + 1)
            return [header(level, _trimmed(self.inlines(element)), self.heading_id())]
        if tag == "ul":
            return [{"t": "BulletList", "c": [self.blocks(li) for li in element if li.tag == "li"]}]
        if tag == "ol":
            start = int(element.get("start", "1")) if (element.get("start") or "").isdigit() else 1
            items = [self.blocks(li) for li in element if li.tag == "li"]
            return [{"t": "OrderedList", "c": [[start, {"t": "Decimal"}, {"t": "Period"}], items]}]
        if tag == "blockquote":
            return [{"t": "BlockQuote", "c": self.blocks(element)}]
        if tag == "pre":
            return [{"t": "CodeBlock", "c": [attr("", (), language_pairs(element)), clean(element.text_content()).rstrip("\n")]}]
        if tag == "hr":
            return [{"t": "HorizontalRule"}]
        if tag == "summary":
            inlines = _trimmed(self.inlines(element))
            return [para([{"t": "Strong", "c": inlines}])] if inlines else []
        if tag == "table":
            return [self.table(element)]
        if tag in ("dt", "dd", "li"):
            return self.blocks(element)
        # div, section, details, dl: a division; admonitions keep their type as the book's style names it.
        kind = [c for c in classes if c not in ("admonition", "inline", "end")][:1]
        inner = self.blocks(element)
        if "admonition" in classes or tag == "details":
            return [{"t": "Div", "c": [attr("", ["editorial" if kind == ["editorial"] else "note"], language_pairs(element)), inner]}]
        if language_pairs(element):
            return [{"t": "Div", "c": [attr("", (), language_pairs(element)), inner]}]
        return inner

    def table(self, element: lxml.html.HtmlElement) -> Node:
        head_rows: list[list[list[Node]]] = []
        body_rows: list[list[list[Node]]] = []
        for row in element.iter("tr"):
            cells = [self.blocks(cell) for cell in row if cell.tag in ("td", "th")]
            in_head = row.getparent() is not None and row.getparent().tag == "thead"
            (head_rows if in_head else body_rows).append(cells)
        width = max((len(r) for r in head_rows + body_rows), default=1) or 1

        def rows(found: list[list[list[Node]]]) -> list[Any]:
            return [[attr(), [[attr(), {"t": "AlignDefault"}, 1, 1, cells[i] if i < len(cells) else []]
                              for i in range(width)]] for cells in found]

        colspecs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(width)]
        return {"t": "Table", "c": [attr(), [None, []], colspecs, [attr(), rows(head_rows)],
                                    [[attr(), 0, [], rows(body_rows)]], [attr(), []]]}

    # Inlines --------------------------------------------------------------------------------------------------
    def inlines(self, parent: lxml.html.HtmlElement) -> list[Node]:
        out = text(parent.text or "")
        for child in parent:
            if isinstance(child.tag, str):
                out += self.inline(child)
            out += text(child.tail or "")
        return out

    def inline(self, element: lxml.html.HtmlElement) -> list[Node]:
        found = self.special(element)
        if found is not None:
            return found
        tag = element.tag
        if tag in BLOCK_TAGS:  # a block where only inlines fit: its words
            return text(" " + element.text_content() + " ")
        if tag == "br":
            return [{"t": "LineBreak"}]
        if tag == "img":
            source = self.image(element.get("src") or "")
            alt = text(element.get("alt") or "")
            return [{"t": "Image", "c": [attr(), alt, [source, ""]]}] if source else alt
        inner = self.inlines(element)
        if tag in EMPHASIS:
            return [{"t": EMPHASIS[tag], "c": inner}]
        if tag in ("code", "kbd"):
            return [{"t": "Code", "c": [attr(), clean(element.text_content())]}]
        if tag == "q":
            return [{"t": "Quoted", "c": [{"t": "DoubleQuote"}, inner]}]
        if tag == "a":
            if "headerlink" in classes_of(element):
                return []  # the site's permalink sign
            href = (element.get("href") or "").strip()
            target = href if WEB_LINK_RE.match(href) else self.link(href)
            return [{"t": "Link", "c": [attr(), inner, [clean(target), ""]]}] if target else inner
        return inner  # span, mark, abbr, small...: their content


def _trimmed(inlines: list[Node]) -> list[Node]:
    start, end = 0, len(inlines)
    while start < end and inlines[start]["t"] == "Space":
        start += 1
    while end > start and inlines[end - 1]["t"] == "Space":
        end -= 1
    return inlines[start:end]
