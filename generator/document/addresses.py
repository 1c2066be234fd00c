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

from generator.document.kinds import KIND_NAMES
from generator.document.read import without_code
from generator.document.schemes import SCHEME_RE

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})  # also the sanitiser's: whatever else a page holds, it removes
WEB_SCHEMES = frozenset({"http", "https"})
WELL_FORMED_WEB_RE = re.compile(r"^https?://[^/\\]", re.IGNORECASE)  # exactly "//", then the host
# Any http(s) address (the browser finds a host after any run of "/" and "\\"), or "//host": on another host.
OUTSIDE_WEB_RE = re.compile(r"^\s*(?:https?:|[/\\]{2})", re.IGNORECASE)
NOISE_RE = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these from an address ("java\tscript:" is "javascript:")
# A reference definition, "[id]: address", at the start of a line; not a note's definition ("[^question-x]: text"),
# which the site's Markdown reads first (``site.mdext``), as a note.
REFERENCE_RE = re.compile(r"^(?!\[\^(?:" + "|".join(KIND_NAMES) + r")-[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?\]:)"
                          r"[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<url>\S+?)>?(?:[ \t]|$)", re.MULTILINE)
# Python-Markdown's "[text](<address> 'title')" form, tried first.
_QUOTE_RE = re.compile("[\"']")
BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
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


def malformed_web_address(raw: str) -> bool:
    """Whether an http(s) address is not written "scheme://host": browsers read any run of "/" and "\\" after
    "http:" (none included: "http:evil.example") as the start of a host, so such an address leaves for another
    host whatever it looks like."""
    return scheme(raw) in WEB_SCHEMES and not WELL_FORMED_WEB_RE.match(address(raw))


def web_address(raw: str) -> bool:
    """Whether an address leads to the web by an allowed scheme, written as meant: the only links an import keeps."""
    return scheme(raw) in ALLOWED_SCHEMES and not malformed_web_address(raw)


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


def _ends(text: str, opening: str, closing: str) -> dict[int, int]:
    """Each ``opening`` that closes -> the index of its ``closing``, nesting counted, escapes skipped, in one pass (as
    Python-Markdown finds brackets: scanning on from each one would be quadratic); a blank line ends the paragraph."""
    ends: dict[int, int] = {}
    opened: list[int] = []
    for match in re.finditer(r"\\.|" + re.escape(opening) + "|" + re.escape(closing) + r"|\n[ \t]*\n", text, re.DOTALL):
        char = match.group(0)
        if char == opening:
            opened.append(match.start())
        elif char == closing:
            if opened:
                ends[opened.pop()] = match.start()
        elif char.startswith("\n"):
            opened.clear()
    return ends


_TITLE_RES = {quote: re.compile(quote + "([^" + quote + "]*)" + quote + r"\s*\)") for quote in "\"'"}


def _destination(text: str, paren: int, paren_ends: dict[int, int]) -> tuple[int, int, str | None, int] | None:
    """(url start, url end, title, end past ")") of the parentheses opening at ``paren``, as Python-Markdown reads them:
    "<address>", or an address with balanced parentheses, then perhaps a quoted title."""
    angle = _ANGLE_RE.match(text, paren)
    if angle:
        return angle.start(1) + 1, angle.end(1) - 1, angle.group(2), angle.end()
    url_start = paren + 1
    while url_start < len(text) and text[url_start].isspace():
        url_start += 1
    close = paren_ends.get(paren)
    if close is None:
        return None
    quote = _QUOTE_RE.search(text, url_start, close)
    title = _TITLE_RES[quote.group(0)].match(text, quote.start()) if quote else None
    if quote and title and not BLANK_LINE_RE.search(title.group(0)):
        return url_start, quote.start(), title.group(1), title.end()
    return url_start, close, None, close + 1


def inline_links(markdown: str) -> list[Link]:
    """The outermost inline links and images of ``markdown``, in order; code spans and blocks hold none."""
    text = without_code(markdown)
    bracket_ends, paren_ends = _ends(text, "[", "]"), _ends(text, "(", ")")
    links: list[Link] = []
    index = 0
    while True:
        start = text.find("[", index)
        if start < 0:
            return links
        close = bracket_ends.get(start)  # an escaped "[" has none
        found = _destination(text, close + 1, paren_ends) if close is not None and text.startswith("(", close + 1) else None
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


def normalised_address(url: str) -> str:
    """An address as readings are matched by it: no fragment, no tracking parameters, http(s) and www alike."""
    url = url.strip().split("#", 1)[0]
    url = re.sub(r"[?&]utm_[^&]*", "", url).rstrip("?&")
    url = re.sub(r"^https?://(?:www\.)?", "https://", url, flags=re.IGNORECASE)
    return url.rstrip("/").lower()
