"""The search index, as readers need it: a word found in a note lands on that note.

Material's search plugin cuts each page into sections at its headings, so every
reading's notes would be one "Notes" entry: the whole list as the snippet, and a
link to the list instead of the passage. Data flow:

    a reading's HTML (on_page_content) --note_entries--> one entry per note:
        location  <page>#<passage id>   (the passage, which the page then highlights)
        title     "Source note 6: “The widely held opinion”"
        text      the note, escaped
    search_index.json (after Material writes it) --SearchEntries.update (page_entries)-->
        the "#notes" entry of each reading replaced by its notes' entries; every
        title and text re-sanitised to the few tags Material's parser keeps, tags
        escaped; every page's entries kept between the builds of `readings serve`
    --write_sharded--> the sharded index (``generator.search.index``)

Material's worker shows titles and text as HTML, so the index is a place where
script could reach a reader: everything in it passes ``safe_entry``.
"""

from __future__ import annotations

import html as htmllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import lxml.html
import nh3

from generator.document.kinds import BY_NAME
from generator.fsutil import replace_text
from generator.search.index import Analysis
from generator.search.index import build as build_index

NOTES_ID = "notes"  # the id of the Notes heading (site.mdext)
PASSAGE_EXCERPT = 60
# What Material's search parser keeps of a page's markup (material/plugins/search/plugin.py, Parser.keep).
KEPT_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}

Entry = dict[str, Any]


def _excerpt(text: str) -> str:
    text = " ".join(text.split()).strip("\"“”‘’'")
    return text if len(text) <= PASSAGE_EXCERPT else text[:PASSAGE_EXCERPT].rsplit(" ", 1)[0] + "…"


def note_entries(page_html: str, location: str) -> list[Entry]:
    """One search entry per note of a reading's HTML; ``location`` is the page's URL (no fragment)."""
    if 'class="annotation-notes"' not in page_html:
        return []
    root = lxml.html.fragment_fromstring(page_html, create_parent="div")
    passages = {mark.get("id"): mark.text_content() for mark in root.iter("mark") if mark.get("id")}
    entries: list[Entry] = []
    for section in root.find_class("annotation-notes"):
        for number, item in enumerate(section.iter("li"), start=1):
            ident = (item.get("id") or "")[len("note-"):]
            kind = BY_NAME.get(item.get("data-kind") or "")
            texts = item.find_class("annotation-text")
            if not ident or kind is None or not texts:
                continue
            passage = passages.get(ident)
            title = f"{kind.label} note {number}" + (f": “{_excerpt(passage)}”" if passage else "")
            text = " ".join(texts[0].text_content().split())
            entries.append({"location": f"{location}#{ident}" if passage else f"{location}#note-{ident}",
                            "title": htmllib.escape(title, quote=False), "text": f"<p>{htmllib.escape(text, quote=False)}</p>"})
    return entries


def safe_entry(entry: Entry) -> Entry:
    """An index entry with nothing in it that could run: kept tags only, no attributes; tags as plain text."""
    safe = dict(entry)
    for field in ("title", "text"):
        if isinstance(safe.get(field), str):
            safe[field] = nh3.clean(safe[field], tags=KEPT_TAGS, attributes={}, url_schemes=set(), strip_comments=True)
    if isinstance(safe.get("tags"), list):
        safe["tags"] = [htmllib.escape(str(tag), quote=False) for tag in safe["tags"]]
    return safe


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def page_entries(entries: list[Entry], notes: list[Entry], url: str) -> list[Entry]:
    """One page's entries (Material's, for the page at ``url``) as readers search them: its "#notes" entry replaced by
    one entry per note, every entry made safe."""
    own = {entry["location"] for entry in notes}
    docs: list[Entry] = []
    placed = False
    for entry in entries:
        location = entry.get("location", "")
        if location in own:
            continue  # an entry of ours already (an index written by an earlier build)
        if notes and location == f"{url}#{NOTES_ID}":
            docs += notes
            placed = True
        else:
            docs.append(entry)
    if notes and not placed and any(entry.get("location") == url for entry in docs):
        docs += notes  # a reading whose Notes heading Material did not index
    return [safe_entry(entry) for entry in docs]


def _by_page(docs: list[Entry]) -> dict[str, list[Entry]]:
    """Entries grouped by the page they belong to, pages in order of first appearance."""
    pages: dict[str, list[Entry]] = {}
    for entry in docs:
        pages.setdefault(_page_of(str(entry.get("location", ""))), []).append(entry)
    return pages


class SearchEntries:
    """Every page's search entries, kept from one build to the next.

    A dirty build (``readings serve``) renders only the pages that changed, and
    Material's index then holds theirs beside whatever it kept; this keeps the
    entries of every page, replacing those of the pages just built and dropping
    those of pages that are gone. A full build starts afresh.
    """

    def __init__(self) -> None:
        self.pages: dict[str, list[Entry]] = {}

    def update(self, docs: list[Entry], notes: dict[str, list[Entry]], built: set[str], present: list[str],
               full: bool) -> list[Entry]:
        """Take the entries of the ``built`` pages from Material's ``docs``; return every page's entries, pages in the
        order of ``present`` (every page of the build, as MkDocs lists them: a full build's order)."""
        if full:
            self.pages = {}
        fresh = {url: entries for url, entries in _by_page(docs).items() if url in built}
        for url in built - fresh.keys():
            self.pages.pop(url, None)  # a page with nothing to index (search: exclude)
        for url, entries in fresh.items():
            self.pages[url] = page_entries(entries, notes.get(url, []), url)
        for url in self.pages.keys() - set(present):
            del self.pages[url]
        return [entry for url in present for entry in self.pages.get(url, [])]


def write_sharded(site: Path, docs: list[Entry], analysis: Analysis | None = None,
                  written: dict[str, int] | None = None, cancelled: Callable[[], bool] | None = None,
                  languages: Mapping[str, str] | None = None, default: str = "en") -> int:
    """Write the sharded index (``generator.search.index``) for ``docs``; returns how many files were written.

    ``written`` (a dirty build's): what the previous build wrote, path -> hash; files that did not change are left as
    they are and files no longer part of the index are removed. It is updated in place. ``cancelled``: see
    ``search.index.build`` (nothing is written when it says yes). ``languages``: each page's language tag, by URL;
    ``default``: the site's language (``theme.language``), for the pages that have none.
    """
    files = build_index(docs, analysis, cancelled, languages, default)
    count = 0
    for relative, text in files.items():
        digest = hash(text)
        if written is not None and written.get(relative) == digest and (site / relative).is_file():
            continue
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if written is None:
            target.write_text(text, encoding="utf-8")  # a full build, into a cleaned site
        else:
            replace_text(target, text)  # the preview's browser may be loading it
            written[relative] = digest
        count += 1
    if written is not None:
        for relative in sorted(written.keys() - files.keys()):
            (site / relative).unlink(missing_ok=True)
            del written[relative]
    return count
