""""Report an error" links: a prefilled issue form on the repository and an e-mail to the publisher, no server. Pure.

Data flow: the reading's title, a note's id and passage, and the page's address
(on the published site, ``site_url``) --``report_fields``--> cleaned values
(whitespace folded, controls and bidirectional overrides dropped, the passage cut
to ``PASSAGE_MAX`` characters) --``issue_url`` / ``mailto_url``--> addresses with
every value percent-encoded --``report_html``--> one small line of links, every
attribute HTML-escaped. The plugin (``site.plugin``) adds the line to each note of
a reading and gives the reading's own line to its template; the links work the
same on the hosted site, in the offline bundle and in a single-file reading,
because they lead out of the site (GitHub's issue form reads the query
parameters; a mail program reads the ``mailto:`` subject and body).

The issue form is ``.github/ISSUE_TEMPLATE/report-an-error.yml``: its fields'
ids are ``REPORT_FIELDS``' names, which GitHub fills from the query.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote

from generator.document.schema import BIDI_CONTROLS_RE
from generator.site.sanitize import outside_link

ISSUE_TEMPLATE = "report-an-error.yml"  # under .github/ISSUE_TEMPLATE/ in the repository
PASSAGE_MAX = 300  # characters of the passage a report carries: enough to find it, short enough for any address bar
TITLE_MAX = 120
# Controls other than tab and line breaks, and zero-width or direction marks that would make a title read other than it
# is stored: dropped from what a report carries (its reader sees the page address and can look the rest up).
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u061c\ufeff]")


@dataclass(frozen=True)
class Report:
    """What a report carries; ``note`` and ``passage`` are empty for a report about the whole reading."""

    reading: str
    page: str
    note: str = ""
    passage: str = ""


# The issue form's fields, in its order, each with the Report attribute that fills it.
REPORT_FIELDS = ("reading", "note", "passage", "page")


def _clean(text: str, limit: int) -> str:
    """``text`` on one line, without invisible controls, cut at a word to ``limit`` characters (with an ellipsis)."""
    text = " ".join(BIDI_CONTROLS_RE.sub("", _INVISIBLE_RE.sub(" ", text)).split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def report_fields(report: Report) -> dict[str, str]:
    """The report's values as the form and the e-mail carry them (empty ones left out)."""
    values = {"reading": _clean(report.reading, TITLE_MAX), "note": _clean(report.note, TITLE_MAX),
              "passage": _clean(report.passage, PASSAGE_MAX), "page": _clean(report.page, 2000)}
    return {name: values[name] for name in REPORT_FIELDS if values[name]}


def _title(fields: dict[str, str]) -> str:
    about = f"note {fields['note']} in " if "note" in fields else ""
    return f"Error report: {about}“{fields.get('reading', '')}”"


def _encode(value: str) -> str:
    return quote(value, safe="")


def issue_url(repository: str, report: Report) -> str:
    """The repository's issue form, prefilled: ``<repository>/issues/new?template=…&title=…&reading=…``."""
    fields = report_fields(report)
    query = [("template", ISSUE_TEMPLATE), ("title", _title(fields)), *fields.items()]
    return f"{repository.rstrip('/')}/issues/new?" + "&".join(f"{name}={_encode(value)}" for name, value in query)


def mailto_url(contact: str, report: Report) -> str:
    """An e-mail to ``contact`` with the report's subject and a body that quotes what it is about (RFC 6068)."""
    fields = report_fields(report)
    lines = [f"Reading: {fields.get('reading', '')}"]
    if "note" in fields:
        lines.append(f"Note: {fields['note']}")
    if "passage" in fields:
        lines.append(f"Passage: {fields['passage']}")
    lines += [f"Page: {fields.get('page', '')}", "", "What is wrong:", "", "", "Evidence (publisher, title, date, address):", ""]
    body = "\r\n".join(lines)
    local, _at, domain = contact.rpartition("@")
    address = f"{quote(local, safe='+')}@{domain}" if local else quote(contact, safe="@+")  # RFC 6068: percent-encoded
    return f"mailto:{address}?subject={_encode(_title(fields))}&body={_encode(body)}"


def report_html(report: Report, repository: str, contact: str, css_class: str = "report-error") -> str:
    """One line: "Report an error: on GitHub · by e-mail", each link there only when its address is configured."""
    links = []
    if repository:
        links.append(outside_link(html.escape(issue_url(repository, report)), "on GitHub", nofollow=True))
    if contact:
        links.append(f'<a href="{html.escape(mailto_url(contact, report))}">by e-mail</a>')
    if not links:
        return ""
    what = "this note" if report.note else "this reading"
    return (f'<span class="{css_class}"><span class="report-error__label">Report an error in {what}:</span> '
            + " · ".join(links) + "</span>")


MARK_RE = re.compile(r'<mark\b[^>]*?\baria-describedby="note-(?P<id>[^"]+)"[^>]*>(?P<inner>.*?)</mark>', re.DOTALL)
TAG_RE = re.compile(r"<[^>]*>")
# a note of the Notes list up to and with its back link: the report line goes after it, so "↩" stays on the note's
# last line (the report line is a block of its own below it)
NOTE_END_RE = re.compile(r'(<li data-kind="[a-z]+" id="note-(?P<id>[^"]+)">.*?<a aria-label="Back to the passage"[^>]*>[^<]*</a>)',
                         re.DOTALL)


def passages(page_html: str) -> dict[str, str]:
    """Each note's passage as the page shows it (plain text), by note id: the first passage that carries the note."""
    found: dict[str, str] = {}
    for match in MARK_RE.finditer(page_html):
        found.setdefault(html.unescape(match.group("id")), html.unescape(TAG_RE.sub("", match.group("inner"))))
    return found


def with_report_links(page_html: str, reading: str, page: str, repository: str, contact: str) -> str:
    """Each note of the page's Notes list (which the note's box copies) followed by its "Report an error" line."""
    if not (repository or contact):
        return page_html
    texts = passages(page_html)

    def add(match: re.Match[str]) -> str:
        ident = html.unescape(match.group("id"))
        anchor = f"{page}#note-{ident}" if page else ""
        line = report_html(Report(reading, anchor, ident, texts.get(ident, "")), repository, contact, "report-error report-error--note")
        return match.group(1) + line

    return NOTE_END_RE.sub(add, page_html)
