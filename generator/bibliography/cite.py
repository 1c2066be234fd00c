"""Citations: Pandoc's syntax parsed here, formatted by pandoc's own citeproc with a vendored CSL style.

A note or a context page cites with ``[@key]``, several with ``[@a; @b]``, with a
locator ``[@key, p. 4]``, an optional prefix ``[see @key]`` and ``[-@key]`` to leave
the author out. ``parse`` reads a citation group. ``format_pages`` formats the groups of
many pages in ONE pandoc process: each page becomes a ``Div`` of a JSON AST whose
paragraphs each hold one ``Cite`` (prefixes and locators as ``Str`` nodes, nothing for
pandoc to parse), the collection's entries go in as one CSL-JSON file, and a small Lua
filter runs ``pandoc.utils.citeproc`` on each page on its own, since CSL disambiguates
(2017a, 2017b) within one document. Results are memoised by a digest of the style, the
entries and the page's groups, so a page is formatted once per process. ``Formatter``
is one page's view of that: register every group, then ``render``. The style is data:
a file in ``styles/`` (APA 7th by default) chosen by name, or a path to a ``.csl`` file.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html
import pypandoc

from generator.bibliography import Bibliography, Entry
from generator.cache import Cache
from generator.document import read

STYLE = "apa"  # the CSL style of in-text citations and reference lists, unless configured otherwise
STYLES = Path(__file__).with_name("styles")  # vendored CSL styles (see styles/NOTICE)
EXTENSION = "generator.site.mdext"  # mkdocs.yml chooses the style as this extension's option ``csl``
# Runs citeproc on each top-level Div (one page) on its own: disambiguation is per document.
PER_PAGE_FILTER = """
function Pandoc(doc)
  local pages = {}
  for _, div in ipairs(doc.blocks) do
    local done = pandoc.utils.citeproc(pandoc.Pandoc(div.content, doc.meta))
    pages[#pages + 1] = pandoc.Div(done.blocks, div.attr)
  end
  return pandoc.Pandoc(pages, doc.meta)
end
"""
KEY = r"[A-Za-z0-9][A-Za-z0-9_:.-]*(?<![:.-])"
# A citation group: brackets holding at least one @key, not a link ("](") and not a footnote ("[^").
CITATION_RE = re.compile(r"(?<![!\\])\[(?!\^)(?P<body>[^\[\]\n]*?(?<![\w@])@" + KEY + r"[^\[\]\n]*)\](?![(\[:])")
# What could read as a citation once the text around it changes (an escape before a "[" turns a reference link's
# text into a citation): the same group, whatever follows but a link's address. Neutralising uses this one.
CITATION_LIKE_RE = re.compile(r"(?<![!\\])\[(?!\^)(?P<body>[^\[\]\n]*?(?<![\w@])@" + KEY + r"[^\[\]\n]*)\](?!\()")
ITEM_RE = re.compile(r"^(?P<prefix>[^@]*?)\s*(?P<suppress>-?)@(?P<key>" + KEY + r")\s*(?:,\s*(?P<locator>.*?))?\s*$")


@dataclass(frozen=True)
class Item:
    key: str
    prefix: str = ""
    locator: str = ""  # as written, e.g. "p. 4"
    suppress_author: bool = False  # [-@key]


@dataclass(frozen=True)
class Group:
    """One citation group ``[...]`` and the text it was written as."""

    items: tuple[Item, ...]
    source: str


def parse(body: str) -> Group | None:
    """The items of a citation group's inside (``"see @a, p. 4; @b"``), or None if it is not a citation."""
    items = []
    for part in body.split(";"):
        # Runs of spaces made one first: the lazy prefix and locator would rescan a long run from each of its spaces.
        match = ITEM_RE.match(" ".join(part.split()))
        if not match:
            return None
        items.append(Item(match.group("key"), match.group("prefix").strip(), (match.group("locator") or "").strip(),
                          bool(match.group("suppress"))))
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
    """The id of an entry in a page's References list (pandoc's own: ``ref-`` and the key)."""
    return f"ref-{key}"


class CitationError(Exception):
    """Pandoc could not format the citations (a style file that is no CSL, pandoc missing)."""


def style_file(style: str) -> Path:
    """A style by name (a file of ``styles/``) or a path to a ``.csl`` file."""
    named = STYLES / f"{style}.csl"
    if re.fullmatch(r"[a-z0-9-]+", style) and named.is_file():
        return named
    path = Path(style)
    if path.suffix == ".csl" and path.is_file():
        return path
    known = ", ".join(sorted(p.stem for p in STYLES.glob("*.csl")))
    raise CitationError(f"no CSL style {style!r}: name one of {known}, or give the path of a .csl file")


def configured_style(extensions: Sequence[tuple[str, dict[str, Any]]]) -> str:
    """The style mkdocs.yml's ``markdown_extensions`` name for the site (``csl:`` of the readings extension)."""
    for name, options in extensions:
        if name == EXTENSION and isinstance(options.get("csl"), str):
            return str(options["csl"])
    return STYLE


@dataclass(frozen=True)
class Rendered:
    """One page's citations as the style writes them: each distinct group's HTML, and the References list."""

    groups: dict[str, str]  # Group.source -> HTML (its items linked to their entries)
    references: list[tuple[str, str]]  # (anchor, HTML of the entry), in the style's order


_MEMO: dict[str, Rendered] = {}  # digest of (style, entries, groups) -> result: each page formatted once per process


def _str_nodes(text: str) -> list[dict[str, Any]]:
    """Text as pandoc inlines: words and spaces, nothing pandoc reads as markup."""
    nodes: list[dict[str, Any]] = []
    for word in text.split():
        nodes += [{"t": "Space"}, {"t": "Str", "c": word}]
    return nodes[1:]


def _cite(group: Group, known: set[str]) -> dict[str, Any]:
    citations = [{"citationId": item.key, "citationPrefix": _str_nodes(item.prefix),
                  # pandoc's citeproc reads the locator ("p. 4") from the suffix, as its Markdown reader leaves it
                  "citationSuffix": [{"t": "Str", "c": ","}, {"t": "Space"}, *_str_nodes(item.locator)] if item.locator else [],
                  "citationMode": {"t": "SuppressAuthor" if item.suppress_author else "NormalCitation"},
                  "citationNoteNum": 0, "citationHash": 0}
                 for item in group.items if item.key in known]
    # A group citing no known entry still gets its paragraph (pandoc writes no empty one): paragraphs pair with groups.
    return {"t": "Para", "c": [{"t": "Cite", "c": [citations, [{"t": "Str", "c": group.source}]]}] if citations
            else [{"t": "Str", "c": "-"}]}


def _inner(element: lxml.html.HtmlElement) -> str:
    return html.escape(element.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in element)


def _page_result(div: lxml.html.HtmlElement, sources: list[str]) -> Rendered:
    groups: dict[str, str] = {}
    paragraphs = [p for p in div if p.tag == "p"]
    for source, paragraph in zip(sources, paragraphs, strict=True):
        span = next(paragraph.iter("span"), None)
        if span is None:
            groups[source] = ""
            continue
        for link in span.iter("a"):
            if link.get("role") == "doc-biblioref":
                href = link.get("href") or ""
                link.attrib.clear()
                link.set("class", "citation")
                link.set("href", href)
        groups[source] = _inner(span).strip()
    references = [(entry.get("id") or "", _inner(entry).strip()) for entry in div.iter("div")
                  if "csl-entry" in (entry.get("class") or "").split()]
    return Rendered(groups, references)


@functools.cache
def _pandoc() -> str:
    """pandoc's path and version: a result is only valid for the pandoc that formatted it."""
    try:
        return f"{pypandoc.get_pandoc_path()} {pypandoc.get_pandoc_version()}"
    except OSError as exc:
        raise CitationError(f"pandoc is not available: {exc}") from exc


def _digest(style: bytes, entries: list[dict[str, Any]], sources: list[str]) -> str:
    payload = json.dumps([_pandoc(), entries, sources], sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(style + b"\0" + payload).hexdigest()


def _stored(value: Any) -> Rendered | None:
    """A result as the cache holds it (JSON), or None if it is not one."""
    try:
        return Rendered({str(k): str(v) for k, v in value["groups"].items()},
                        [(str(a), str(h)) for a, h in value["references"]])
    except (TypeError, KeyError, ValueError, AttributeError):
        return None


def prepare(pages: Sequence[str], bibliography: Bibliography, style: str, cache: Cache | None) -> None:
    """Format the citations of many pages' Markdown at once (one pandoc process for all that are not cached), so
    that rendering each page finds its result memoised. A page whose groups the renderer sees otherwise (a citation
    the scan takes for text) is simply formatted again when it renders."""
    found = [groups for text in pages if (groups := groups_in(read.without_code(text)))]
    if found:
        format_pages(found, bibliography, style, cache)


def format_pages(pages: Sequence[Sequence[Group]], bibliography: Bibliography, style: str = STYLE,
                 cache: Cache | None = None) -> list[Rendered]:
    """Each page's citations formatted by pandoc's citeproc, every page not yet memoised (or in ``cache``, the
    project's, keyed by the digest) in one pandoc process.

    A group's keys missing from the bibliography are left out (the caller marks them); raises ``CitationError``.
    """
    csl_path = style_file(style)
    style_bytes = csl_path.read_bytes()
    work: list[tuple[str, list[str], list[Group], list[dict[str, Any]]]] = []
    digests = []
    for page in pages:
        unique = {group.source: group for group in page}
        sources = sorted(unique)
        keys = sorted({item.key for group in unique.values() for item in group.items if item.key in bibliography.entries})
        entries = [bibliography.entries[key].csl for key in keys]
        digest = _digest(style_bytes, entries, sources)
        digests.append(digest)
        if digest not in _MEMO and cache is not None and (stored := _stored(cache.peek("citations", digest))):
            _MEMO[digest] = stored
        if digest not in _MEMO and digest not in {w[0] for w in work}:
            work.append((digest, sources, [unique[s] for s in sources], entries))
    if work:
        _run(work, csl_path)
        for digest, *_rest in work:
            if cache is not None:
                cache.put("citations", digest, {"groups": _MEMO[digest].groups, "references": _MEMO[digest].references})
    return [_MEMO[digest] for digest in digests]


def _run(work: list[tuple[str, list[str], list[Group], list[dict[str, Any]]]], csl_path: Path) -> None:
    entries = list({entry["id"]: entry for _d, _s, _g, page_entries in work for entry in page_entries}.values())
    known = {entry["id"] for entry in entries}
    blocks = [{"t": "Div", "c": [[f"page-{n}", [], []], [_cite(group, known) for group in groups]]}
              for n, (_d, _s, groups, _e) in enumerate(work)]
    document = {"pandoc-api-version": [1, 23, 1], "blocks": blocks,
                "meta": {"link-citations": {"t": "MetaBool", "c": True}}}
    with tempfile.TemporaryDirectory(prefix="readings-cite-") as tmp:
        bib, lua = Path(tmp, "entries.json"), Path(tmp, "pages.lua")
        bib.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
        lua.write_text(PER_PAGE_FILTER, encoding="utf-8")
        # --sandbox: pandoc reads the files named here and nothing else, and fetches nothing.
        command = [pypandoc.get_pandoc_path(), "--sandbox", "-f", "json", "-t", "html", "--wrap=none",
                   "--bibliography", str(bib), "--csl", str(csl_path), "--lua-filter", str(lua)]
        try:
            done = subprocess.run(command, input=json.dumps(document, ensure_ascii=False).encode(), capture_output=True,
                                  check=False, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise CitationError(f"pandoc could not run: {exc}") from exc
    if done.returncode != 0:
        raise CitationError(f"pandoc could not format the citations: {done.stderr.decode(errors='replace').strip()[:500]}")
    root = lxml.html.fragment_fromstring(done.stdout.decode() or "<div></div>", create_parent="div")
    pages = {div.get("id"): div for div in root if div.tag == "div"}
    for n, (digest, sources, _g, _e) in enumerate(work):
        page = pages.get(f"page-{n}")
        if page is None:
            raise CitationError(f"pandoc's output lacks page {n}")
        _MEMO[digest] = _page_result(page, sources)


@dataclass
class Formatter:
    """Formats the citations of one page: register every group first, then ask for each group and the list."""

    bibliography: Bibliography
    style: str = STYLE
    groups: list[Group] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)

    def register(self, group: Group) -> None:
        self.groups.append(group)

    def render(self) -> tuple[list[str], list[tuple[str, str]]]:
        """HTML of each registered group, in order, and the References list as (anchor, HTML), in the style's order."""
        if not self.groups:
            return [], []
        self.missing |= {item.key for group in self.groups for item in group.items if item.key not in self.bibliography}
        rendered = format_pages([self.groups], self.bibliography, self.style)[0]
        out = []
        for group in self.groups:
            unknown = [f"@{html.escape(item.key)}?" for item in group.items if item.key in self.missing]
            text = rendered.groups.get(group.source, "")
            if unknown:
                text = f"{text[:-1]}; {'; '.join(unknown)})" if text.endswith(")") else f"({'; '.join(unknown)})"
            out.append(text)
        return out, rendered.references


def format_entries(entries: Sequence[Entry], style: str = STYLE) -> list[tuple[str, str]]:
    """Each entry as a full reference on its own (no year suffixes between them), in HTML, as (key, HTML) in the
    style's order of a reference list (all in one pandoc process)."""
    if not entries:
        return []
    pages = [[Group((Item(entry.key),), f"[@{entry.key}]")] for entry in entries]
    everything = [Group(tuple(Item(entry.key) for entry in entries), "[all]")]
    *single, together = format_pages([*pages, everything], Bibliography(entries={e.key: e for e in entries}), style)
    text = {entry.key: r.references[0][1] if r.references else "" for entry, r in zip(entries, single, strict=True)}
    order = [anchor_id.removeprefix("ref-") for anchor_id, _html in together.references]
    return [(key, text[key]) for key in order if key in text]
