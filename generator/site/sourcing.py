"""The Sources and Corrections pages, generated: every bibliography entry with what cites it; every correction. Pure.

``sources_page`` lists the bibliography (formatted with the CSL style), each entry
with the readings, notes and context pages that cite it; ``corrections_page``
states the corrections policy and lists every correction the readings log,
newest first. ``site.generated`` gathers the data (cached per page) and writes them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from generator.bibliography import Bibliography
from generator.bibliography.cite import STYLE, format_entries
from generator.document.syntax import GENERATED_MARK
from generator.document.text import long_date, md_escape, yaml_str
from generator.project import READINGS_DIR
from generator.site.archived import ArchiveLink

SOURCES = "sources.md"
CORRECTIONS = "corrections.md"


@dataclass(frozen=True)
class Citing:
    """A page that cites an entry: a reading (with the note, "" for its body) or another page."""

    page: str  # path under docs/
    title: str
    note: str = ""


@dataclass(frozen=True)
class Logged:
    """A correction a reading logs."""

    date: str  # ISO
    reading: str  # slug
    title: str
    text: str  # Markdown: escaped, its note references linked (correction_refs.as_markdown)
    report: str = ""  # the reader's report that led to it, an http(s) address (schema.Correction.report)


def _markdown(reference_html: str) -> str:
    """A formatted reference in Markdown: italics kept, addresses as links, everything else escaped."""
    out = []
    for part in re.split(r"(<(?:i|em)>.*?</(?:i|em)>)", reference_html):
        if part.startswith(("<i>", "<em>")):
            out.append(f"*{md_escape(_text(part))}*")
        else:
            pieces = re.split(r"(https?://[^\s<>\"']+[^\s<>\"'.,;:)])", _text(part))
            out += [f"<{p}>" if p.startswith(("http://", "https://")) else md_escape(p) for p in pieces]
    return "".join(out)


def _text(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def sources_page(bibliography: Bibliography, citing: dict[str, list[Citing]], file_name: str = "", style: str = STYLE,
                 archives: dict[str, list[ArchiveLink]] | None = None) -> str:
    """docs/sources.md: every entry of the bibliography, in the style's order of a reference list, with its archived
    copies and what cites it.

    ``file_name``: the bibliography's file beside the page (published for download), if there is one. ``archives``:
    each entry's archived copies (``site.archived.archive_links``).
    """
    where = f" ([`{file_name}`]({file_name}), CSL-YAML, which Zotero and Pandoc read)" if file_name else ""
    lines = ["---", f"title: {yaml_str('Sources')}", "---", "", GENERATED_MARK, "", "# Sources", "",
             f"Every source the notes and context pages cite, entered once in the collection's bibliography{where}, with"
             " the pages that cite it.", ""]
    formatted = [(reference, key) for key, reference in format_entries(list(bibliography.entries.values()), style)]
    if not formatted:
        lines.append("No sources yet.")
    for reference, key in formatted:
        copies = (archives or {}).get(key, [])
        shown = "".join(f" · [{md_escape(link.label)}]({link.target})" for link in copies)
        lines.append(f"- {_markdown(reference)}{shown}")
        uses = citing.get(key, [])
        if uses:
            links = []
            for use in uses:
                target = f"{use.page}#note-{use.note}" if use.note else use.page
                links.append(f"[{md_escape(use.title)}]({target})" + (" (a note)" if use.note else ""))
            lines.append(f"  Cited in: {'; '.join(dict.fromkeys(links))}")
        else:
            lines.append("  Not cited yet.")
    return "\n".join(lines).rstrip() + "\n"


POLICY = (
    "The article texts on this site are never changed: an error in a source is marked with a `correction` note, which"
    " cites where the correct fact can be found. This page is about errors in our own notes. When we find one after a"
    " reading was reviewed, or a reader reports one, we correct the note, date the correction, say what changed, and log"
    " it at the end of the reading and here. We do not silently rewrite a reviewed note. This follows the open and"
    " honest corrections policy that fact-checkers signing the International Fact-Checking Network's Code of Principles"
    " commit to. To report an error, use the \"Report an error\" link under any note or at the end of any reading: it"
    " opens a form on the site's public repository, already filled in with the reading, the note and its passage, or"
    " an e-mail to the editors if the site gives an address. Where a reader's report led to a correction, the"
    " correction links to it."
)


def corrections_page(logged: list[Logged]) -> str:
    """docs/corrections.md: the corrections policy, then every logged correction, newest first."""
    lines = ["---", f"title: {yaml_str('Corrections')}", "---", "", GENERATED_MARK, "", "# Corrections", "", POLICY, "",
             "## Corrections and updates", ""]
    entries = sorted(logged, key=lambda c: (c.date, c.title.lower(), c.reading), reverse=True)
    if not entries:
        lines.append("No corrections so far.")
    for entry in entries:
        report = f" ([the report that led to it](<{entry.report}>))" if entry.report else ""
        lines.append(f"- {long_date(entry.date)}, [{md_escape(entry.title)}]({READINGS_DIR}/{entry.reading}.md):"
                     f" {entry.text}{report}")
    return "\n".join(lines).rstrip() + "\n"
