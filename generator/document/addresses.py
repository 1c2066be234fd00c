"""Links in Markdown, read once for everyone: where Markdown finds them and which addresses the site allows. Pure.

The importers' neutraliser (``importers.common.repair_links``, which also neutralises notes from elsewhere),
``readings check`` (``checks.html``) and the sanitiser (``site.sanitize``) all ask here, so an import can never
write a link the check refuses:

    Markdown --inline_links (Python-Markdown's reading: nested brackets, "<…>", spaces, balanced parentheses,
    a title)--> Link(raw destination) --address: character references decoded, whitespace and controls dropped,
    as a browser reads an href--> a scheme in ALLOWED_SCHEMES (kept), none (relative), or another (refused)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from generator.document.read import without_code

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})  # also the sanitiser's: whatever else a page holds, it removes
NOISE_RE = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these from an address ("java\tscript:" is "javascript:")
SCHEME_RE = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*):", re.IGNORECASE)
# A reference definition, "[id]: address", at the start of a line.
REFERENCE_RE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<url>\S+?)>?(?:[ \t]|$)", re.MULTILINE)
# Python-Markdown's "[text](<address> 'title')" form, tried first.
_ANGLE_RE = re.compile(r"""\(\s*(<[^<>]*>)\s*(?:('[^']*'|"[^"]*")\s*)?\)""")


def address(raw: str) -> str:
    """An address as a browser reads it: character references decoded (twice: the conservative reading),
    whitespace and controls dropped."""
    return NOISE_RE.sub("", html.unescape(html.unescape(raw)))


def scheme(raw: str) -> str | None:
    """The scheme of an address, lower case, or None for a relative one."""
    match = SCHEME_RE.match(address(raw))
    return match.group("scheme").lower() if match else None


def refused_scheme(raw: str) -> str | None:
    """The scheme of an address the site does not allow (``javascript``, ``data``, ``ftp``...), else None."""
    found = scheme(raw)
    return found if found is not None and found not in ALLOWED_SCHEMES else None


def web_address(raw: str) -> bool:
    """Whether an address leads to the web by an allowed scheme: the only links an import keeps."""
    return scheme(raw) in ALLOWED_SCHEMES


@dataclass(frozen=True)
class Link:
    """An inline link or image: ``[text](url "title")``; offsets into the Markdown it was found in."""

    start: int  # at "!" or "["
    end: int  # past ")"
    text: str
    url: str  # the destination as written, without "<>" and title
    url_start: int
    title: str | None
    image: bool


def _closing_bracket(text: str, start: int) -> int | None:
    """The index of the "]" that closes the "[" at ``start``, nesting counted, escapes skipped."""
    depth, index = 0, start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
        elif char == "\n" and re.match(r"\n[ \t]*\n", text[index:]):
            return None  # a blank line ends the paragraph
        index += 1
    return None


def _destination(text: str, paren: int) -> tuple[int, int, str | None, int] | None:
    """(url start, url end, title, end past ")") of the parentheses opening at ``paren``, as Python-Markdown reads them."""
    angle = _ANGLE_RE.match(text, paren)
    if angle:
        return angle.start(1) + 1, angle.end(1) - 1, angle.group(2), angle.end()
    url_start = paren + 1
    while url_start < len(text) and text[url_start].isspace():
        url_start += 1
    depth, index = 1, url_start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char in "\"'":
            title = re.compile(re.escape(char) + r"([^" + re.escape(char) + r"]*)" + re.escape(char) + r"\s*\)").match(text, index)
            if title:
                return url_start, index, title.group(1), title.end()
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return url_start, index, None, index + 1
        elif char == "\n" and re.match(r"\n[ \t]*\n", text[index:]):
            return None
        index += 1
    return None


def inline_links(markdown: str) -> list[Link]:
    """The outermost inline links and images of ``markdown``, in order; code spans and blocks hold none."""
    text = without_code(markdown)
    links: list[Link] = []
    index = 0
    while True:
        start = text.find("[", index)
        if start < 0:
            return links
        if (len(text[:start]) - len(text[:start].rstrip("\\"))) % 2:  # an escaped "[" opens nothing
            index = start + 1
            continue
        close = _closing_bracket(text, start)
        found = _destination(text, close + 1) if close is not None and text.startswith("(", close + 1) else None
        if close is None or found is None:
            index = start + 1
            continue
        url_start, url_end, title, end = found
        image = start > 0 and text[start - 1] == "!"
        links.append(Link(start - image, end, markdown[start + 1:close], markdown[url_start:url_end].strip(), url_start, title, image))
        index = end


def defuse(text: str) -> str:
    """``text`` shown the same, but with no "](" left to open a link's address: "]\\(" is text."""
    return text.replace("](", "]\\(")
