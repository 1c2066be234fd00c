"""Text helpers shared by the importers: paragraphs, links, escaping and capture repairs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.model import Capture, Removed, Repair, plain_text, reading_time, word_count

LINK_RE = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]\((?P<url>[^)\s]*)\)")
SAFE_SCHEMES = ("http://", "https://", "mailto:")
# Where a paragraph may legitimately end: sentence punctuation, closing quotes, emphasis.
SENTENCE_END_RE = re.compile(r"[.!?:;…\"”’'»)\]*_]\s*$")

LOST_LINK_NOTE = "In the source this text was a link, but the capture lost its target, so it is shown as plain text."
UNSAFE_LINK_NOTE = "In the source this text was a link to an address that is not a web page; the link is not kept."


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

    Raw HTML tags become entities (the page shows them as text); "==" and "[^"
    cannot start annotation markup; a line that would open an admonition is escaped.
    The rendered words are unchanged.
    """
    paragraph = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", paragraph)
    paragraph = paragraph.replace("==", "=\\=").replace("[^", "\\[^")
    return re.sub(r"^([ \t]*)(!!!|\?\?\?)", r"\1\\\2", paragraph, flags=re.MULTILINE)


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


def repair_paragraphs(body: list[Block], join: bool = True) -> tuple[list[str], list[Repair]]:
    """Repair the article's paragraphs: lost links first, then paragraphs split mid-sentence.

    A paragraph that ends without sentence punctuation, followed by one that
    starts with a lowercase letter, was one paragraph in the source.
    """
    paragraphs: list[str] = []
    repairs: list[Repair] = []
    for block in body:
        text, spans = repair_links(escape_text(block.text))
        offset = 0
        if join and paragraphs and not SENTENCE_END_RE.search(paragraphs[-1]) and re.match(r"[a-z]", text):
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




def make_capture(path: str, sha256: str, meta: dict[str, Any], paragraphs: list[str], repairs: list[Repair],
                 removed: list[Removed]) -> Capture:
    """A capture with its word count and reading time filled in; empty values left out, never guessed."""
    meta = {k: v for k, v in meta.items() if v not in (None, "", [])}
    words = word_count(paragraphs)
    meta.update({"words": words, "reading_time": reading_time(words)})
    return Capture(source=path, sha256=sha256, meta=meta, paragraphs=paragraphs, repairs=repairs, removed=removed)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of Markdown-like text: runs of non-blank lines, trailing spaces kept inside."""
    return [b.text for b in blocks(text)]
