"""Text helpers shared by the importers: paragraphs, links, escaping and capture repairs.

Every repair an importer makes goes through here as a ``Repair`` with its
``RepairCode`` (``document.capture``), which is how a page's generated notes
are written and later recognised.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from generator.document.addresses import ALLOWED_SCHEMES, defuse, inline_links, scheme, web_address
from generator.document.capture import Capture, Removed, Repair, RepairCode
from generator.document.read import INLINE_CODE_RE
from generator.document.schema import BIDI_CONTROLS_RE, CONTROL_CHARS_RE, ReadingMeta, from_values
from generator.document.syntax import LINK_ADDRESS, LINK_TEXT
from generator.document.text import length, plain_text
from generator.errors import InputError, error

# A Markdown link or image, with an optional title; the title, which is no part of the article's words and which
# the theme's tooltips would read as HTML, is not kept.
LINK_RE = re.compile(r"(?P<image>!?)\[(?P<text>" + LINK_TEXT + r")\]\([ \t]*(?P<url>" + LINK_ADDRESS + r""")"""
                     r"""(?:[ \t]+(?P<title>"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)""")
ANGLED_DESTINATION_RE = re.compile(r"(?:&lt;|<)([^<>]*)>")  # a link's "<address>", its "<" escaped or not
PLAIN_URL_RE = re.compile(r"^[^\s()<>\"'\\&]+$")  # an address kept is written as it is read: no spaces, quotes or references
# Where a paragraph may legitimately end: sentence punctuation, closing quotes, emphasis.
SENTENCE_END_RE = re.compile(r"[.!?:;…\"”’'»)\]*_]\s*$")



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


MARKDOWN_PUNCTUATION_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")  # what Python-Markdown lets a backslash escape


def literal_markdown(text: str) -> str:
    """Markdown that renders as exactly ``text``: no link, emphasis, image, entity or tag of its own."""
    text = MARKDOWN_PUNCTUATION_RE.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))
    while "==" in text:  # "==" would open a passage; "=&#61;" shows the same two signs
        text = text.replace("==", "=&#61;")
    return text


def escape_text(paragraph: str) -> str:
    """Neutralise what would turn seed text into HTML or into our own syntax.

    Raw HTML tags become entities (the page shows them as text); "==" and "[^"
    cannot start annotation markup; a line that would open an admonition is escaped.
    The rendered words are unchanged.
    """
    # A reference definition ("[id]: url") would make links the repairs never saw; an
    # abbreviation definition ("*[X]: ...") would add titles; "{...}" would set attributes (attr_list).
    # Markdown reads them inside quotes and list items too ("> [x]: javascript:…"), so those prefixes count.
    paragraph = re.sub(r"^((?:[ \t]{0,3}(?:>|[-*+]|\d{1,9}[.)])[ \t]*)*[ \t]{0,3})(\*?)\[([^\]\n]+)\]:", r"\1\\\2[\3]:",
                       paragraph, flags=re.MULTILINE)
    # A code fence in the text would swallow everything after it, notes and blocks included.
    paragraph = re.sub(r"^([ \t]*)(`{3,}|~{3,})", r"\1\\\2", paragraph, flags=re.MULTILINE)
    paragraph = re.sub(r"^([ \t]*)(!!!|\?\?\?)", r"\1\\\2", paragraph, flags=re.MULTILINE)
    # Inside a code span every character is literal (a backslash too) and no inline syntax is read: the span is left
    # as it is, and only the text around it is escaped.
    out: list[str] = []
    pos = 0
    for span in INLINE_CODE_RE.finditer(paragraph):
        out += [_escape_inline(paragraph[pos:span.start()]), span.group(0)]
        pos = span.end()
    return "".join(out) + _escape_inline(paragraph[pos:])


# What a seed's text may not say as it is, outside code spans: a tag; "==" (a passage); "[^" (a note), with the "]"
# that closes it, so a link around it still closes where the source's did; "{" (attributes). A character the
# text already escapes ("\\[") is read as one token, so an escape is never split into an escaped backslash and syntax.
_INLINE_SYNTAX_RE = re.compile(r"\\.|<(?=[A-Za-z/!?])|=(?==)|\[\^[^\[\]\n]*\]|\[\^|\{")


def _escape_token(match: re.Match[str]) -> str:
    token = match.group(0)
    if token == "\\<":
        return "&lt;"  # shown the same; an escaped "<" would leave a tag's text for the check's HTML reading to meet
    if token.startswith("\\"):
        return token
    if token == "<":
        return "&lt;"
    if token.startswith("[^") and token.endswith("]"):
        return "\\" + token[:-1] + "\\]"
    return "\\" + token if token in ("[^", "{") else token + "\\"


def _escape_inline(text: str) -> str:
    """Text outside code spans with ``_INLINE_SYNTAX_RE`` escaped: the rendered words unchanged."""
    return _INLINE_SYNTAX_RE.sub(_escape_token, text)


def _literal_brackets(text: str) -> str:
    """A link's text with its own brackets (outside code spans) escaped: shown as brackets, never read as syntax."""
    out: list[str] = []
    pos = 0
    for span in [*INLINE_CODE_RE.finditer(text), None]:
        end = span.start() if span else len(text)
        out.append(re.sub(r"\\.|[\[\]]", lambda m: m.group(0) if len(m.group(0)) > 1 else "\\" + m.group(0), text[pos:end]))
        if span:
            out.append(span.group(0))
            pos = span.end()
    return "".join(out)


def repair_links(paragraph: str) -> tuple[str, list[tuple[int, int, RepairCode]]]:
    """Turn lost (#) and unsafe links into plain text, and images into their description.

    Links are found and judged as ``readings check`` finds and judges them (``document.addresses``): a link is
    kept, without its title, only when its address leads to the web by an allowed scheme and is written plainly;
    any other "](" left in the text is escaped, so Markdown reads no address the check did not see.
    Returns the text and the (start, end, code) spans of the capture notes.
    """
    out: list[str] = []
    spans: list[tuple[int, int, RepairCode]] = []
    pos = 0
    length = 0

    def add(piece: str) -> None:
        nonlocal length
        out.append(piece)
        length += len(piece)

    for link in inline_links(paragraph):
        text, url = link.text, link.url
        # "[t](<address>)": Markdown's destination in angle brackets, whose "<" escape_text has written "&lt;": the
        # address is what is inside, judged as any other (kept when plain, written without the brackets).
        angled = ANGLED_DESTINATION_RE.fullmatch(url)
        if angled:
            url = angled.group(1).strip()
        add(defuse(paragraph[pos:link.start]))
        pos = link.end
        if not link.image and text.strip() and web_address(url) and PLAIN_URL_RE.match(url) and not inline_links(text):
            add(f"[{_literal_brackets(text)}]({url})")  # without its title
            continue
        if not text.strip() and not link.image:
            continue  # "[](x)": nothing a reader would see
        note = (RepairCode.IMAGE if link.image else RepairCode.LOST_LINK if url in ("", "#") else
                RepairCode.UNKEPT_LINK if scheme(url) in ALLOWED_SCHEMES else RepairCode.UNSAFE_LINK)
        shown = defuse(text)
        if shown.strip():
            spans.append((length, length + len(shown), note))
        else:
            before = re.search(r"(\w+)\W*$", "".join(out))
            if before:
                spans.append((length - len(before.group(0)), length - len(before.group(0)) + len(before.group(1)), note))
        add(shown)
    add(defuse(paragraph[pos:]))
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
        if not text.strip():
            continue  # only links with no text ("[ ](#)"): nothing a reader would see, and Markdown would drop it
        offset = 0
        if join and paragraphs and not SENTENCE_END_RE.search(paragraphs[-1]) and re.match(r"[a-z]", text):
            previous = paragraphs[-1]
            last_word = previous.rsplit(None, 1)[-1]
            first_word = text.split(None, 1)[0]
            offset = len(previous) + 1
            paragraphs[-1] = previous + " " + text
            repairs.append(Repair(len(paragraphs) - 1, len(previous) - len(last_word), offset + len(first_word),
                                  RepairCode.JOINED, plain_text(last_word)))
        else:
            paragraphs.append(text)
        repairs.extend(Repair(len(paragraphs) - 1, offset + s, offset + e, code) for s, e, code in spans)
    repairs.sort(key=lambda r: (r.paragraph, r.start))
    return paragraphs, repairs


def safe_value(value: Any) -> Any:
    """A metadata value that stays text wherever the theme prints it (see ``schema.unsafe_text``).

    Character references are read ("&lt;" is "<"), then "<" and ">" become look-alike angle
    quotes, and bidirectional and other control characters are dropped: what a seed's
    metadata says is kept, in a form no template or tooltip can take for markup.
    """
    if isinstance(value, str):
        text = html.unescape(html.unescape(value))  # twice: "&amp;lt;" is how a page spells a literal "&lt;"
        text = BIDI_CONTROLS_RE.sub("", CONTROL_CHARS_RE.sub(" ", text))
        text = text.replace("<", "‹").replace(">", "›").replace("&", "&\u2060") if html.unescape(text) != text else (
            text.replace("<", "‹").replace(">", "›"))
        return " ".join(text.split())
    if isinstance(value, list):
        return [safe_value(v) for v in value]
    return value


MAX_DEPTH = 20  # nested quotations or lists; Python-Markdown recurses once per level


def check_depth(paragraphs: list[str], path: str) -> None:
    """Refuse text nested so deep that rendering it would exhaust Python's recursion limit."""
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            quotes = len(re.match(r"^(?:[ \t]*>)*", line).group(0).replace(" ", "").replace("\t", ""))  # type: ignore[union-attr]
            indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
            if quotes > MAX_DEPTH or indent > 4 * MAX_DEPTH:
                raise InputError(error(path, 1, 1, f"the text nests quotations or lists more than {MAX_DEPTH} levels deep", "too-deep"))


def make_capture(path: str, sha256: str, meta: dict[str, Any], paragraphs: list[str], repairs: list[Repair],
                 removed: list[Removed]) -> Capture:
    """A capture with its word count and reading time filled in; empty values left out, never guessed."""
    if not paragraphs:
        raise InputError(error(path, 1, 1, "no article text: what the seed holds is only links without text", "no-body"))
    declared = meta.pop("language", None)
    values = {k: safe_value(v) for k, v in meta.items() if v not in (None, "", [])}
    check_depth(paragraphs, path)
    measured = length(paragraphs)
    values.update({"words": measured.total, "reading_time": measured.minutes})
    return Capture(source=path, sha256=sha256, meta=from_values(ReadingMeta, values), paragraphs=paragraphs, repairs=repairs,
                   removed=removed, declared_language=("", str(declared)) if isinstance(declared, str) and declared else ("", ""))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of Markdown-like text: runs of non-blank lines, trailing spaces kept inside."""
    return [b.text for b in blocks(text)]
