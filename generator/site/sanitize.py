"""The allowlist every page's HTML passes after rendering: only the tags, attributes and URLs the site uses.

``sanitize`` runs as the last step of the Markdown extension (``mdext``), so
MkDocs and Zensical both apply it to every page, whatever Markdown or HTML a
seed or a contributor put there. nh3 (the Ammonia sanitiser) parses the HTML
and keeps only what is listed here:

- tags of ordinary Markdown output, admonitions, details, tables and our annotations (and ``bdi``, which isolates a
  value of another direction in a listing's line: generated pages use it);
- attributes per tag; ``aria-*`` everywhere; data attributes only ``data-kind`` (and ``data-badge`` on spans);
- links to http(s), mailto and relative addresses; a link to another host gets ``rel="noopener noreferrer"``;
  images from the site only;
- ``title`` attributes reduced to plain text: Material's tooltips copy them into
  the page as HTML, so "<" and ">" in a title become "‹" and "›";
- no ``id`` that could stand in for one of Material's own elements (``__config``...);
  classes only from an allowlist (the site's own and the admonition types: a class
  such as ``mermaid`` or ``md-search`` would wake one of Material's scripts);
- images only from the site, by an address relative to the page: a scheme, ``//host``,
  ``\\host``, ``/\\host`` or ``/path``, however tabs and newlines split it, is refused
  (browsers read ``\\`` as ``/``; offline, ``/path`` is the reader's disk);
- comments dropped, script and style elements removed with their content.
"""

from __future__ import annotations

import re

import nh3

from generator.document.addresses import ALLOWED_SCHEMES, OUTSIDE_WEB_RE

TAGS = {
    "a", "abbr", "b", "bdi", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}
REMOVED_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "textarea",
                        "select", "title"}
GENERIC_ATTRIBUTES = {"class", "id", "title", "lang", "dir"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": GENERIC_ATTRIBUTES,
    "a": {"href", "data-kind"},  # rel: only ours, set on links to other hosts (``OUTSIDE_LINK_RE``)
    "mark": {"data-kind", "tabindex"},
    "li": {"data-kind"},
    "span": {"data-kind", "data-badge"},
    "sup": {"data-kind"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "details": {"open"},
    "img": {"src", "alt", "width", "height"},
    "time": {"datetime"},
}
URL_SCHEMES = set(ALLOWED_SCHEMES)
STYLE_PROPERTIES = {"text-align"}  # the tables extension aligns columns with style="text-align: ..."
# Material looks its components up by these ids; page content must not pose as them.
RESERVED_ID_RE = re.compile(r"^__|^md-")
# The classes page content may carry: the annotation layer's, the Markdown extensions' (admonition types,
# footnotes, code highlighting, permalinks) and nothing else.
ADMONITION_TYPES = ("note|abstract|summary|tldr|info|todo|tip|hint|important|success|check|done|question|help|faq|warning|"
                    "caution|attention|failure|fail|missing|danger|error|bug|example|quote|cite|editorial|removed|detached")
ALLOWED_CLASS_RE = re.compile(
    rf"^(?:{ADMONITION_TYPES}|admonition|admonition-title|annotated|annotation(?:-[a-z]+)*|annotation-legend__label|"
    r"archived-capture|archived-links|citation|citation-group|context-link|outside-link|context-summary|kind-badge|kind-chip|kind-count|references|references-list|"
    r"footnote|footnote-ref|footnote-backref|headerlink|highlight|language-[a-z0-9_+#.-]+|toc|inline|end)$")
SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/")  # a scheme, a host or the root: not relative
URL_NOISE_RE = re.compile(r"[\t\n\r]")  # browsers drop these from a URL before reading it
# Bidirectional overrides, embeddings and isolates: they can make text read other than it is (Trojan Source).
BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def plain_title(value: str) -> str:
    """A ``title`` value that stays text when a script copies it into the page as HTML."""
    return BIDI_CONTROLS_RE.sub("", value.replace("<", "‹").replace(">", "›"))


def loads_from_elsewhere(url: str) -> bool:
    """Whether ``url`` is not relative to the page: a scheme, a host (``//``, ``\\``, ``/\\``) or the root (the
    server's, or offline the reader's disk). Browsers drop tabs and newlines and read ``\\`` as ``/``."""
    return bool(SCHEME_RE.match(URL_NOISE_RE.sub("", url).strip().replace("\\", "/")))


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "title":
        return plain_title(value)
    if name == "id" and RESERVED_ID_RE.match(value):
        return None
    if name == "class":
        kept = [c for c in value.split() if ALLOWED_CLASS_RE.match(c)]
        return " ".join(kept) or None
    if tag == "img" and name == "src" and loads_from_elsewhere(value):
        return None  # images come from the site itself: offline first, and nothing a reader's browser fetches elsewhere
    return value


_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=REMOVED_WITH_CONTENT,
    attributes=ATTRIBUTES,
    attribute_filter=_attribute,
    generic_attribute_prefixes={"aria-"},
    url_schemes=URL_SCHEMES,
    filter_style_properties=STYLE_PROPERTIES,
    link_rel=None,
    strip_comments=True,
)


OUTSIDE_HREF_RE = OUTSIDE_WEB_RE  # an address on another host: any http(s) (with or without "//"), or "//"
# A link to another host in nh3's output (attributes double-quoted, '"' escaped inside them; no rel survives the
# allowlist): the outside page gets no handle on ours (noopener), nor the address the reader came from (noreferrer).
OUTSIDE_LINK_RE = re.compile(r'<a ((?:[^>"]|"[^"]*")*?)href="(' + OUTSIDE_WEB_RE.pattern[1:] + r'[^"]*)"', re.IGNORECASE)


def outside_link(href: str, text: str, nofollow: bool = False) -> str:
    """A link the generator writes itself to another host (``href`` and ``text`` already escaped), under the same rule
    as a page's: the ``outside-link`` marker (``site.mdext``) and ``rel="noopener noreferrer"`` (``sanitize``);
    ``nofollow`` for an address crawlers have no business following (a prefilled form, a commit)."""
    rel = ("nofollow " if nofollow else "") + "noopener noreferrer"
    return f'<a class="outside-link" href="{href}" rel="{rel}">{text}</a>'


def sanitize(html: str) -> str:
    """``html`` with everything the allowlist does not name removed, and links to other hosts marked ``rel``."""
    return OUTSIDE_LINK_RE.sub(r'<a \1href="\2" rel="noopener noreferrer"', _CLEANER.clean(html))
