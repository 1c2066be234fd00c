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
from dataclasses import dataclass
from typing import Any

from generator.errors import InputError, error
from generator.model import Capture, Removed, Repair, plain_text, reading_time, word_count

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
LINK_RE = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]\((?P<url>[^)\s]*)\)")
SAFE_SCHEMES = ("http://", "https://", "mailto:")
# Where a paragraph may legitimately end: sentence punctuation, closing quotes, emphasis.
SENTENCE_END_RE = re.compile(r"[.!?:;…\"”’'»)\]*_]\s*$")

LOST_LINK_NOTE = "In the source this text was a link, but the capture lost its target, so it is shown as plain text."
UNSAFE_LINK_NOTE = "In the source this text was a link to an address that is not a web page; the link is not kept."


def detect(text: str) -> bool:
    """A Global Research export: a '# ' title and a 'Global Research, <date>' line or its footer."""
    head = text.lstrip()[:4000]
    return head.startswith("# ") and (
        "Global Research, " in head or "The original source of this article is Global Research" in text
    )


@dataclass
class Block:
    """A run of non-blank lines and its 1-based first line in the seed."""

    line: int
    text: str


def blocks(text: str) -> list[Block]:
    result: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            result.append(Block(start, "\n".join(current)))
            current = []
    if current:
        result.append(Block(start, "\n".join(current)))
    return result


def link_texts(value: str) -> list[str]:
    """Names from 'A, [B](#), C and D' as a list, link markup removed."""
    value = LINK_RE.sub(lambda m: m.group("text"), value)
    parts = re.split(r",[ \t]*|[ \t]+and[ \t]+", value)
    return [p.strip() for p in parts if p.strip()]


def escape_text(paragraph: str) -> str:
    """Neutralise what would turn seed text into HTML or into our own syntax.

    Raw HTML tags become entities (the page shows them as text); a paragraph
    that would start an admonition or a note definition is escaped.
    """
    paragraph = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", paragraph)
    paragraph = re.sub(r"^(!!!|\?\?\?)", r"\\\1", paragraph)
    return re.sub(r"^\[\^", r"\\[^", paragraph)


def repair_links(paragraph: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Turn lost (#) and unsafe links into plain text; return the text and (start, end, note) spans."""
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for match in LINK_RE.finditer(paragraph):
        url = match.group("url").strip()
        out.append(paragraph[pos:match.start()])
        length += match.start() - pos
        pos = match.end()
        if url.lower().startswith(SAFE_SCHEMES):
            out.append(match.group(0))
            length += len(match.group(0))
            continue
        text = match.group("text")
        spans.append((length, length + len(text), LOST_LINK_NOTE if url in ("", "#") else UNSAFE_LINK_NOTE))
        out.append(text)
        length += len(text)
    out.append(paragraph[pos:])
    return "".join(out), spans


def repair_paragraphs(body: list[Block]) -> tuple[list[str], list[Repair]]:
    """Repair the article's paragraphs: lost links first, then paragraphs split mid-sentence.

    A paragraph that ends without sentence punctuation, followed by one that
    starts with a lowercase letter, was one paragraph in the source.
    """
    paragraphs: list[str] = []
    repairs: list[Repair] = []
    for block in body:
        text, spans = repair_links(escape_text(block.text))
        offset = 0
        if paragraphs and not SENTENCE_END_RE.search(paragraphs[-1]) and re.match(r"[a-z]", text):
            previous = paragraphs[-1]
            last_word = previous.rsplit(None, 1)[-1]
            first_word = text.split(None, 1)[0]
            offset = len(previous) + 1
            paragraphs[-1] = previous + " " + text
            repairs.append(Repair(len(paragraphs) - 1, len(previous) - len(last_word), offset + len(first_word),
                                  f"The capture broke this paragraph in two after “{plain_text(last_word)}”;"
                                  " the two parts are joined here."))
        else:
            paragraphs.append(text)
        repairs.extend(Repair(len(paragraphs) - 1, offset + s, offset + e, note) for s, e, note in spans)
    repairs.sort(key=lambda r: (r.paragraph, r.start))
    return paragraphs, repairs


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

    lede = paragraphs[0]
    if m := re.fullmatch(r"\*(?!\*)(?P<lede>.+?)\*", lede, re.DOTALL):
        meta["description"] = plain_text(m.group("lede")).strip()
    meta.update(_footer(parts[end:]))
    words = word_count(paragraphs)
    meta.update({"words": words, "reading_time": reading_time(words)})

    lines = text.split("\n")
    removed = [Removed("Header of the capture (its values are in this page's metadata)",
                       "\n".join(lines[parts[0].line - 1: body[0].line - 1]).rstrip("\n"))]
    if end < len(parts):
        removed.append(Removed("After the article", "\n".join(lines[parts[end].line - 1:]).rstrip("\n")))
    return Capture(source=path, sha256=sha256, meta=meta, paragraphs=paragraphs, repairs=repairs, removed=removed)

