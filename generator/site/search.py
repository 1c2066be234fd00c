"""The search index, as readers need it: a word found in a note lands on that note.

Material's search plugin cuts each page into sections at its headings, so every
reading's notes would be one "Notes" entry: the whole list as the snippet, and a
link to the list instead of the passage. Data flow:

    a reading's HTML (on_page_content) --note_entries--> one entry per note:
        location  <page>#<passage id>   (the passage, which the page then highlights)
        title     "Source note 6: “The widely held opinion”"
        text      the note, escaped
    search_index.json (after Material writes it) --with_notes--> the "#notes" entry
        of each reading replaced by its notes' entries; every title and text
        re-sanitised to the few tags Material's parser keeps, tags escaped.

Material's worker shows titles and text as HTML, so the index is a place where
script could reach a reader: everything in it passes ``safe_entry``.
"""

from __future__ import annotations

import html as htmllib
import json
from pathlib import Path
from typing import Any

import lxml.html
import nh3

from generator.document.kinds import BY_NAME
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


def with_notes(index_json: str, notes: dict[str, list[Entry]]) -> str:
    """Material's index with each reading's "#notes" entry replaced by one entry per note, every entry made safe."""
    data = json.loads(index_json)
    docs: list[Entry] = []
    replaced = {f"{location}#{NOTES_ID}": location for location in notes}
    own = {entry["location"] for entries in notes.values() for entry in entries}
    placed: set[str] = set()
    for entry in data.get("docs", []):
        location = entry.get("location", "")
        if location in own:
            continue  # from a previous build (mkdocs serve keeps the index between builds)
        if location in replaced:
            docs += notes[replaced[location]]
            placed.add(replaced[location])
        else:
            docs.append(entry)
    for location in sorted(set(notes) - placed):  # a reading whose Notes heading Material did not index
        if any(entry.get("location") == location for entry in docs):
            docs += notes[location]
    data["docs"] = [safe_entry(entry) for entry in docs]
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def write_sharded(site: Path, index_json: str) -> str:
    """Write the sharded index (``generator.search.index``) for the entries of ``index_json``; returns Material's
    index without its entries (the page still loads it for the configuration; the worker loads the pieces)."""
    data = json.loads(index_json)
    for relative, text in build_index(data.get("docs", [])).items():
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    data["docs"] = []
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)
