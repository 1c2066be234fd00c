"""The "Editors and reviewers" page, generated from ``docs/people.yaml``; the links that lead to it. Pure.

``people_page`` writes docs/people.md: one section per entry, in the file's order (the desk chooses it), with its
type and role, bio, ORCID and web page (links to other sites get the site's outside-link marker from ``site.mdext``)
and the readings it signed. Every value is Markdown-escaped; addresses were refused at load unless http(s) and
well-formed (``people.web_url_problem``). Python-Markdown's ``toc`` names each heading after its text; the
``readings`` plugin renames the entries' headings to ``people.anchor(id)`` (``rename_anchors``), so that an entry's
address does not change with its name. ``site.generated`` gathers the data and writes the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from generator.document.syntax import GENERATED_MARK
from generator.document.text import md_escape, yaml_str
from generator.people import People, Person
from generator.project import PEOPLE_NAME, READINGS_DIR

TITLE = "Editors and reviewers"


def _link(text: str, url: str) -> str:
    return f"[{md_escape(text)}](<{url}>)"  # the address holds no "<", ">", space or quote (people.URL_RE)


LINE_START_RE = re.compile(r"^([-+]|\d+[.)])(?=\s|$)")  # what would open a list at a line's start


def _paragraphs(bio: str) -> list[str]:
    """A bio as plain paragraphs (blank lines separate them): each line's indent dropped, so that nothing becomes a
    code block, and its lines joined; a list marker at its start escaped; everything else Markdown-escaped."""
    out = []
    for block in re.split(r"\n[ \t]*\n", bio.strip()):
        text = " ".join(block.split())
        if text:
            out += [LINE_START_RE.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], md_escape(text)), ""]
    return out[:-1]


def _section(person: Person, signed: Sequence[tuple[str, str]]) -> list[str]:
    lines = [f"## {md_escape(person.name)}", "", f"{'Team' if person.is_team else 'Person'} · {md_escape(person.role)}", ""]
    if person.bio:
        lines += [*_paragraphs(person.bio), ""]
    facts = []
    if person.orcid:
        facts.append(f"- ORCID: {_link(person.orcid, person.orcid_url)}")
    if person.url:
        facts.append(f"- Web: {_link(person.url, person.url)}")
    if signed:
        readings = ", ".join(f"[{md_escape(title)}]({READINGS_DIR}/{slug}.md)" for slug, title in signed)
        facts.append(f"- Reviewed: {readings}")
    return lines + ([*facts, ""] if facts else [])


def people_page(people: People, signed: dict[str, list[tuple[str, str]]], file_name: str = "") -> str:
    """docs/people.md: every entry of the people file, with the readings each signed (``signed``: id -> (slug, title)).

    ``file_name``: the people file beside the page (published for download), if there is one.
    """
    source = f" (from [`{file_name}`]({file_name}))" if file_name else f" (from `{PEOPLE_NAME}`, which this site does not have yet)"
    lines = ["---", f"title: {yaml_str(TITLE)}", "---", "", GENERATED_MARK, "", f"# {TITLE}", "",
             f"Who writes and reviews the notes on this site{source}. Each reading names who reviewed it, and each note"
             " who added it (from the site's history).", ""]
    if not people.entries:
        lines.append("No one is listed yet.")
    for person in people.entries.values():
        lines += _section(person, signed.get(person.id, []))
    return "\n".join(lines).rstrip() + "\n"


def rename_anchors(page_html: str, toc: Any, people: People) -> str:
    """The people page's HTML with each entry's heading (and its permalink, and the table of contents ``toc``, an
    MkDocs ``TableOfContents``) at ``people.anchor(id)`` instead of the id ``toc`` made from its name. A heading
    whose text is not the next entry's name (a page older than the file) keeps its id."""
    entries = iter(people.entries.values())
    for top in toc:
        for item in getattr(top, "children", []):
            person = next(entries, None)
            if person is None or html.unescape(re.sub(r"<[^>]+>", "", item.title)) != person.name:
                return page_html
            old, new = item.id, person.anchor
            page_html = re.sub(f'(<h2 id=")({re.escape(old)})(")', rf"\g<1>{new}\3", page_html, count=1)
            page_html = page_html.replace(f'href="#{old}"', f'href="#{new}"', 1)
            item.id = new
    return page_html

