"""Importer for Global Research articles captured as Markdown-like text.

The capture looks like::

    # Title
    By [Author](#)
    Global Research, December 18, 2017
    Region: [Asia](#)
    Theme: [A](#), [B](#)
    In-depth Report: [X](#)
    *Italic lede.*
    Paragraphs...
    The original source of this article is Global Research
    Copyright © [Author](#), Global Research, 2017
    ---
    boilerplate (Facebook, membership, disclaimer, fair use, media inquiries)

Header lines become front-matter; the footer becomes front-matter (rights,
permission) and the verbatim "Removed from the capture" block. Repairs:
paragraphs split mid-sentence are joined, links whose target was lost become
plain text; each is reported as a ``Repair``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.document.capture import Capture, Removed
from generator.document.text import plain_text
from generator.errors import InputError, error
from generator.importers.common import Block, blocks, link_texts, make_capture, repair_paragraphs

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}

TITLE_RE = re.compile(r"^#[ \t]+(?P<title>\S.*?)[ \t#]*$")
BYLINE_RE = re.compile(r"^By[ \t]+(?P<names>\S.*)$")
DATELINE_RE = re.compile(
    r"^(?P<publisher>[^,\[\]]+?),[ \t]+(?P<month>[A-Z][a-z]+)[ \t]+(?P<day>\d{1,2}),[ \t]+(?P<year>\d{4})[ \t]*$")
FIELD_RE = re.compile(r"^(?P<field>Region|Theme|In-depth Report):[ \t]*(?P<values>.*)$")
FIELD_KEYS = {"Region": "regions", "Theme": "themes", "In-depth Report": "reports"}
FOOTER_START_RE = re.compile(r"^The original source of this article is\b")
COPYRIGHT_RE = re.compile(r"^Copyright[ \t]+©.*$", re.MULTILINE)
PERMISSION_RE = re.compile(r"(?:The )?Centre (?:for|of) Research on Globalization grants permission.*", re.DOTALL)


def detect(text: str) -> bool:
    """A Global Research export: a '# ' title and a 'Global Research, <date>' line or its footer."""
    head = text.lstrip()[:4000]
    return head.startswith("# ") and (
        "Global Research, " in head or "The original source of this article is Global Research" in text
    )


def _header(parts: list[Block], path: str) -> tuple[dict[str, Any], int]:
    """Read the title and header blocks; return metadata and the index of the first body block."""
    meta: dict[str, Any] = {}
    title = TITLE_RE.match(parts[0].text.split("\n")[0])
    if not title:
        raise InputError(error(path, parts[0].line, 1, "expected the title as a '# ' line", "no-title"))
    meta["title"] = plain_text(title.group("title"))
    index = 1
    while index < len(parts):
        text = parts[index].text
        if (m := BYLINE_RE.match(text)) and "\n" not in text:
            meta["authors"] = link_texts(m.group("names"))
        elif (m := DATELINE_RE.match(text)) and "\n" not in text:
            month = MONTHS.get(m.group("month").lower())
            try:
                date = dt.date(int(m.group("year")), month or 0, int(m.group("day")))
            except ValueError as exc:
                raise InputError(error(path, parts[index].line, 1, f"not a valid date: {text.strip()}", "bad-date")) from exc
            meta["publisher"] = m.group("publisher").strip()
            meta["published"] = date
        elif (m := FIELD_RE.match(text)) and "\n" not in text:
            meta[FIELD_KEYS[m.group("field")]] = link_texts(m.group("values"))
        else:
            break
        index += 1
    return meta, index


def _footer(footer: list[Block]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    text = "\n".join(b.text for b in footer)
    if m := COPYRIGHT_RE.search(text):
        meta["rights"] = plain_text(m.group(0)).strip()
    if m := PERMISSION_RE.search(text):
        permission = m.group(0).split("\n")[0]
        meta["permission"] = plain_text(permission).strip()
    return meta


def parse(text: str, path: str, sha256: str) -> Capture:
    parts = blocks(text)
    if not parts:
        raise InputError(error(path, 1, 1, "the file is empty", "empty-seed"))
    meta, first_body = _header(parts, path)
    end = next((i for i in range(first_body, len(parts)) if FOOTER_START_RE.match(parts[i].text)
                or parts[i].text.strip() == "---"), len(parts))
    body = parts[first_body:end]
    if not body:
        raise InputError(error(path, parts[-1].line, 1, "no article text found after the header", "no-body"))

    paragraphs, repairs = repair_paragraphs(body)
    if not paragraphs:
        raise InputError(error(path, body[0].line, 1, "no article text found after the header", "no-body"))

    lede = paragraphs[0]
    if m := re.fullmatch(r"\*(?!\*)(?P<lede>.+?)\*", lede, re.DOTALL):
        meta["description"] = plain_text(m.group("lede")).strip()
    meta.update(_footer(parts[end:]))

    lines = text.split("\n")
    removed = [Removed("Header of the capture (its values are in this page's metadata)",
                       "\n".join(lines[parts[0].line - 1: body[0].line - 1]).rstrip("\n"))]
    if end < len(parts):
        removed.append(Removed("After the article", "\n".join(lines[parts[end].line - 1:]).rstrip("\n")))
    return make_capture(path, sha256, meta, paragraphs, repairs, removed)

