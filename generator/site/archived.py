"""The readable copy of an archived source, and the links to archived copies beside References. Pure.

``site.generated`` reads each WARC file of ``seeds/sources/`` (``bibliography.archive``)
and has ``readable_page`` write ``docs/archived/<key>.md``: the article's text as the
project's HTML importer extracts it (the same code readings are made with: scripts,
styles, images and markup dropped, every paragraph escaped as Markdown), under a
notice of where and when it was captured. The page then goes through the site's Markdown
extension and its allowlist sanitiser like any other page, and the built-site scan
checks it: an archived page is a hostile page. A page too large, or one with no article
the importer can find, is said so, not shown. ``archive_links`` lists, for each entry,
the copies a reader can follow ("archived copy, captured …" for the readable copy, and
"archived at …" for an outside archive's address), each after a "·", which the site plugin adds to each page's
References (``with_archive_links``) and the Sources page lists.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote

from generator.bibliography import Entry
from generator.bibliography.archive import Archived, outside_archive
from generator.document.syntax import ARCHIVED_MARK
from generator.document.text import long_date, md_escape, yaml_str
from generator.errors import InputError
from generator.importers import parse_text
from generator.site.sanitize import sanitize

READABLE_MAX_BYTES = 4 * 1024 * 1024  # larger archived pages are kept, but not extracted into the site
ITEM_RE = re.compile(r'(?P<open><li id="ref-(?P<key>[^"]+)">)(?P<body>.*?)(?P<close></li>)', re.DOTALL)


@dataclass(frozen=True)
class ArchiveLink:
    """A copy of a source a reader can follow: ``target`` is a page under docs/ (``local``) or an outside address."""

    target: str
    label: str
    local: bool


def readable_page(entry: Entry, archived: Archived, warc: str, sources: str) -> str:
    """docs/archived/<key>.md: the archived page's article text, under where and when it was captured.

    ``warc``: the WARC file's path in the repository, named on the page; ``sources``: the Sources page, relative to it.
    """
    capture = archived.capture
    day = capture.retrieved[:10]
    title = entry.title or archived.key
    lines = ["---", f"title: {yaml_str(f'Archived copy: {title}')}",
             f"description: {yaml_str(f'The text of a cited source as captured on {long_date(day)}.')}", "---", "",
             ARCHIVED_MARK, "", f"# Archived copy: {md_escape(title)}", "",
             f"The text of this source as captured from <{_address(capture.final_url)}> on {long_date(day)}. The capture"
             " is kept, byte for byte, in the repository's WARC file named below; here is only its text, as extracted for"
             " reading: the page's links, images and scripts are not kept. The source is listed, with the pages that cite"
             f" it, on [Sources]({sources}).", "",
             # Raw HTML for the class (the site's own, allowlisted): the stylesheet lets these long code spans break
             # anywhere, so a 64-digit digest or a long path does not run off a phone's screen.
             f'<p class="archived-capture">Retrieved {html.escape(capture.retrieved)}, HTTP {capture.status}. SHA-256:'
             f" <code>{html.escape(capture.sha256)}</code>. File: <code>{html.escape(warc)}</code>.</p>", ""]
    if capture.requested_url != capture.final_url:
        lines += [f"Asked for at <{_address(capture.requested_url)}>, which redirected there.", ""]
    lines += [*_text(archived), ""]
    return "\n".join(lines).rstrip() + "\n"


def _text(archived: Archived) -> list[str]:
    if len(archived.body) > READABLE_MAX_BYTES:
        return [f"The archived page is {len(archived.body) / (1024 * 1024):.1f} MB, too large to be shown here: read it in"
                " the WARC file."]
    try:
        capture = parse_text(archived.body, f"{archived.key}.html", archived.capture)
    except InputError as exc:
        return [f"No article text could be extracted from the archived page ({md_escape(exc.problems[0].message)}): read"
                " it in the WARC file."]
    paragraphs = [p for p in capture.paragraphs if p.strip()]
    return ["---", "", *(line for p in paragraphs for line in (p, ""))] if paragraphs else \
        ["The archived page holds no article text: read it in the WARC file."]


def _address(url: str) -> str:
    """An address as a Markdown autolink's inside: nothing that could end it or start markup (the record's addresses
    are already checked as http(s) without spaces or quotes)."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~")


def archive_links(entry: Entry, copy_day: str | None, page: str) -> list[ArchiveLink]:
    """The copies of ``entry`` a reader can follow: the readable copy (``page`` under docs/, captured on ``copy_day``,
    when there is a WARC file), then the outside archive ``archive_location`` names."""
    links = []
    if copy_day is not None:
        links.append(ArchiveLink(page, f"archived copy, captured {long_date(copy_day)}", local=True))
    outside = outside_archive(entry)
    if outside:
        address, day = outside
        where = str(entry.csl.get("archive", "")) or "a web archive"
        links.append(ArchiveLink(_address(address), f"archived at {where}" + (f", {long_date(day)}" if day else ""), local=False))
    return links


def with_archive_links(page_html: str, links: dict[str, list[tuple[str, str]]]) -> str:
    """A page's HTML with each References entry followed by its archived copies: ``links`` maps a key to (href, label)
    pairs, hrefs already relative to the page. What is added passes the allowlist sanitiser."""

    def add(match: re.Match[str]) -> str:
        found = links.get(html.unescape(match.group("key")))
        if not found:
            return match.group(0)
        anchors = " · ".join(f'<a href="{html.escape(href)}">{html.escape(label)}</a>' for href, label in found)
        added = sanitize(f' <span class="archived-links">· {anchors}</span>')
        return match.group("open") + match.group("body") + added + match.group("close")

    if "references-list" not in page_html:
        return page_html
    return ITEM_RE.sub(add, page_html)
