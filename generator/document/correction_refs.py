"""A correction's text may point at the note it corrects, as ``[^id]``: the one definition of how that is read.

front-matter ``corrections[].text`` --``segments``--> plain text and note references --``numbers`` (the reading's notes
in the order the site numbers them: first passage first)--> ``as_html`` (the reading page, the EPUB's text) or
``as_markdown`` (the generated Corrections page), each "note N" linking to the note's anchor ``#note-<id>``, every
other character escaped. ``problems`` reports a reference to no note of the reading (``readings check``). Pure.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from generator.document import read
from generator.document.page import Page
from generator.document.schema import ReadingMeta
from generator.document.text import md_escape
from generator.errors import Problem, warning

NOTE_REF_RE = re.compile(r"\[\^([^\]\s]+)\]")  # the footnote syntax a note's passage uses: [^claim-x]


def segments(text: str) -> list[str | tuple[str]]:
    """``text`` cut into plain strings and note references (a 1-tuple holding the id), in order."""
    out: list[str | tuple[str]] = []
    last = 0
    for match in NOTE_REF_RE.finditer(text):
        out += [text[last:match.start()], (match.group(1),)]
        last = match.end()
    out.append(text[last:])
    return [part for part in out if part != ""]


def numbers(page: Page) -> dict[str, int]:
    """Each note of the reading with a passage, by id: the number the site shows (first passage in reading order)."""
    return {a.id: n for n, a in enumerate(read.parse(page.body, page.body_line).annotations, start=1)}


def _label(ident: str, known: Mapping[str, int]) -> str:
    return f"note {known[ident]}" if ident in known else "note"


def as_html(text: str, known: Mapping[str, int], base: str = "") -> str:
    """The correction as HTML: each reference to a note of the reading a link to ``<base>#note-<id>``; a reference to
    no note stays as written (``readings check`` reports it)."""
    out = []
    for part in segments(text):
        if isinstance(part, tuple) and part[0] in known:
            out.append(f'<a class="correction-note" href="{html.escape(base)}#note-{html.escape(part[0])}">'
                       f"{html.escape(_label(part[0], known))}</a>")
        else:
            out.append(html.escape(f"[^{part[0]}]" if isinstance(part, tuple) else part))
    return "".join(out)


def as_markdown(text: str, known: Mapping[str, int], page: str) -> str:
    """The correction as Markdown for a page elsewhere: each reference a link to ``<page>#note-<id>``."""
    return "".join(f"[{_label(part[0], known)}]({page}#note-{part[0]})" if isinstance(part, tuple) and part[0] in known
                   else md_escape(f"[^{part[0]}]" if isinstance(part, tuple) else part) for part in segments(text))


def as_text(text: str, known: Mapping[str, int]) -> str:
    """The correction as plain text where notes have no stable number to point at (an EPUB's footnotes are numbered
    across the book): a reference to a note of the reading reads "the note"."""
    return "".join(("the note" if part[0] in known else f"[^{part[0]}]") if isinstance(part, tuple) else part
                   for part in segments(text))


def problems(page: Page) -> list[Problem]:
    """A correction that points at no note of the reading (with a passage): one warning at the corrections line."""
    meta, _problems = page.typed(ReadingMeta)
    known = numbers(page)
    found = []
    for number, correction in enumerate(meta.corrections):
        line = page.key_lines.get(f"corrections.{number}", page.key_lines.get("corrections", 1))
        for part in segments(correction.text):
            if isinstance(part, tuple) and part[0] not in known:
                found.append(warning(page.path, line, 1, f"correction {number + 1} of 'corrections' points at [^{part[0]}],"
                                     " which is no note of this reading with a passage: name one of its notes",
                                     "correction-note"))
    return found
