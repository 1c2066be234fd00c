"""The last layer: every built HTML and SVG file parsed with a real HTML parser, and anything executable refused.

After a build (``site.plugin`` runs it at the end of every MkDocs build; the
offline and single-file builders run it on what they write), ``scan_site``
reports, one located line each:

- an event-handler attribute (``onclick``...) on any element;
- a ``javascript:``, ``vbscript:`` or ``data:`` address where a browser would
  follow or load it (``data:`` images excepted: icons inlined by the single file);
- ``<meta http-equiv="refresh">``, ``<base>``, frames, objects and embeds;
- a script that is not one of the site's own files (``assets/javascripts/``,
  ``search/``) or a JSON data block; an inline script unless ``inline_scripts``
  allows it (the single file, whose scripts are inlined and hashed);
- a marked section (``<![CDATA[ … ]]>``) or processing instruction (``<? … >``):
  a browser ends them at the first ``>`` where this parser reads on, so markup
  after them could be hidden from the scan;
- a page without the site's Content Security Policy, when one is configured;
- a search index entry holding more than the few tags Material's search shows
  (``search/search_index.json``: its worker renders titles and text as HTML).

``scan_xhtml`` reads a book's chapter (EPUB) as a reader does, as XML with namespaces: it must be well-formed, and
holds no script or frame in any namespace (``x:script`` bound to XHTML is a script), no handler, no script or data
address, and loads nothing from outside the book; then the HTML rules above apply to its text as well.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree

from generator.errors import Problem, error
from generator.site.search import safe_entry

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset", "background", "cite",
                  "longdesc", "ping", "manifest", "codebase", "dynsrc", "lowsrc"}
EXECUTABLE_SCHEME_RE = re.compile(r"^(?:javascript|vbscript|data|livescript|mocha):", re.IGNORECASE)
DATA_IMAGE_RE = re.compile(r"^data:image/(?:png|gif|jpeg|webp|x-icon|vnd\.microsoft\.icon|svg\+xml)[;,]", re.IGNORECASE)
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
# The site's own scripts, by a relative address or one from the site's root (404.html uses site_url's path).
SITE_SCRIPT_RE = re.compile(r"^(?:(?:/[\w.-]+)*/|(?:\.\./|\./)*)(?:assets/javascripts/|search/)[\w./-]+\.js(?:\?[\w.=&-]*)?$")
DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}
SCANNED_SUFFIXES = {".html", ".htm", ".svg", ".xhtml", ".xml"}
# Browsers ignore these in URLs: "java\tscript:" is "javascript:".
URL_NOISE_RE = re.compile(r"[\x00-\x20\x7f]+")


def _normalised(url: str) -> str:
    return URL_NOISE_RE.sub("", url)


class HostileHTMLParser(HTMLParser):
    """Python's HTML parser, made total: a malformed marked section (``<![>``, ``<![ x``) is read as a browser reads
    it, a bogus comment up to the next ``>`` reported to ``unknown_decl``, where Python's own parser raises
    AssertionError (3.11). Every parser of hostile HTML (checks, scans) derives from this one."""

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            if report:
                self.unknown_decl(self.rawdata[i + 3:end if end >= 0 else len(self.rawdata)])
            return end + 1 if end >= 0 else len(self.rawdata)


class _Scanner(HostileHTMLParser):
    def __init__(self, inline_scripts: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.inline_scripts = inline_scripts
        self.found: list[tuple[int, int, str]] = []
        self.policies: list[str] = []
        self._script: dict[str, str] | None = None
        self._script_at: tuple[int, int] = (0, 0)
        self._script_text: list[str] = []

    def _add(self, message: str) -> None:
        line, col = self.getpos()
        self.found.append((line, col + 1, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag in FORBIDDEN_TAGS:
            self._add(f"<{tag}> is not allowed")
        equiv = values.get("http-equiv", "").lower()
        if tag == "meta" and equiv == "refresh":
            self._add("<meta http-equiv=\"refresh\"> would send the reader elsewhere")
        if tag == "meta" and equiv == "content-security-policy":
            self.policies.append(values.get("content", ""))
        for name, value in values.items():
            if name.startswith("on"):
                self._add(f"<{tag} {name}=…>: event-handler attributes are not allowed")
            if name in URL_ATTRIBUTES:
                for url in (re.split(r",\s*", value) if name == "srcset" else [value]):
                    clean = _normalised(url.split(" ")[0] if name == "srcset" else url)
                    if EXECUTABLE_SCHEME_RE.match(clean) and not (DATA_IMAGE_RE.match(clean) and self._may_hold_image(tag, name, values)):
                        self._add(f"<{tag} {name}=\"{url.strip()[:40]}\">: a script or data address")
            if name == "style" and re.search(r"expression\s*\(|javascript:|behavior\s*:|-moz-binding", value, re.IGNORECASE):
                self._add(f"<{tag} style=…>: executable CSS")
        if tag == "script":
            self._script = values
            self._script_at = self.getpos()
            self._script_text = []

    @staticmethod
    def _may_hold_image(tag: str, name: str, values: dict[str, str]) -> bool:
        return (tag == "img" and name == "src") or (tag == "link" and name == "href" and "icon" in values.get("rel", "").lower().split())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def unknown_decl(self, data: str) -> None:
        self._add(f"<![{data[:20]}…>: a marked section, which browsers and this scan read differently")

    def handle_pi(self, data: str) -> None:
        if self.getpos() == (1, 0) and data.startswith("xml "):
            return  # an XML declaration, first in a sitemap or an SVG file
        self._add(f"<?{data[:20]}…>: a processing instruction, which browsers and this scan read differently")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script is None:
            return
        values, text = self._script, "".join(self._script_text)
        line, col = self._script_at
        kind = values.get("type", "").strip().lower()
        src = values.get("src", "")
        if kind in DATA_BLOCK_TYPES and not src:
            pass  # data, never run
        elif src and not SITE_SCRIPT_RE.match(src):
            self.found.append((line, col + 1, f"<script src=\"{src[:60]}\"> is not one of the site's own scripts"))
        elif not src and text.strip() and not self.inline_scripts:
            self.found.append((line, col + 1, f"inline <script> (“{' '.join(text.split())[:40]}”): the site runs only its own script files"))
        self._script = None


def scan_html(text: str, shown: str, policy: str = "", inline_scripts: bool = False) -> list[Problem]:
    """What is executable in one HTML (or SVG) document, and whether it carries ``policy``."""
    scanner = _Scanner(inline_scripts)
    scanner.feed(text)
    scanner.close()
    problems = [error(shown, line, col, message, "unsafe-output") for line, col, message in scanner.found]
    carried = any(" ".join(p.split()) == " ".join(policy.split()) for p in scanner.policies)
    # The single file carries the policy with its inlined scripts' hashes in place of 'self'.
    if policy and not shown.endswith(".svg") and not carried and not (inline_scripts and scanner.policies):
        problems.append(error(shown, 1, 1, "the page does not carry the site's Content Security Policy", "missing-csp"))
    return problems


def scan_search_index(text: str, shown: str) -> list[Problem]:
    """Entries of Material's search index that hold anything but plain text and the tags its worker shows."""
    try:
        docs = json.loads(text).get("docs", [])
    except (ValueError, AttributeError):
        return [error(shown, 1, 1, "the search index is not the JSON Material's search reads", "unsafe-output")]
    return [error(shown, 1, 1, f"search entry {entry.get('location', '')!r} holds markup that could run in the search results",
                  "unsafe-output") for entry in docs if isinstance(entry, dict) and safe_entry(entry) != entry]


def scan_site(root: Path, policy: str = "", inline_scripts: bool = False, only: set[Path] | None = None) -> list[Problem]:
    """Scan every HTML and SVG file under ``root`` (a built site), and its search index; paths in problems are relative
    to it. ``only``: scan just these files (what a dirty build wrote)."""
    problems: list[Problem] = []
    index = root / "search" / "search_index.json"
    if index.is_file() and (only is None or index in only):
        problems += scan_search_index(index.read_text(encoding="utf-8", errors="replace"), f"{root.name}/search/search_index.json")
    candidates = root.rglob("*") if only is None else iter(only)
    for path in sorted(p for p in candidates if p.suffix.lower() in SCANNED_SUFFIXES and p.is_file()):
        shown = f"{root.name}/{path.relative_to(root).as_posix()}"
        text = path.read_text(encoding="utf-8", errors="replace")
        page_policy = policy if path.suffix.lower() in (".html", ".htm") and "<html" in text[:2000].lower() else ""
        problems += scan_html(text, shown, page_policy, inline_scripts)
    return problems



# What loads a resource in a chapter: these must stay inside the book (relative addresses).
XML_LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "href"}
XML_LOADING_TAGS = {"img", "image", "source", "audio", "video", "track", "input", "use", "feimage", "link", "object"}
OUTSIDE_BOOK_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[/\\])", re.IGNORECASE)


def scan_xhtml(data: bytes, shown: str) -> list[Problem]:
    """What is executable in one XHTML document read as XML (a book's chapter), or why it is not well-formed XML."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        return [error(shown, line or 1, (col or 0) + 1, f"not well-formed XML: {exc.msg}", "unsafe-output")]
    problems: list[Problem] = []
    for node in root.iter():
        line = node.sourceline or 1
        if isinstance(node, etree._ProcessingInstruction):
            problems.append(error(shown, line, 1, "a processing instruction", "unsafe-output"))
            continue
        if not isinstance(node.tag, str):
            continue
        tag = etree.QName(node).localname.lower()
        if tag == "script" or tag in FORBIDDEN_TAGS or tag == "foreignobject":
            problems.append(error(shown, line, 1, f"<{tag}> (in {etree.QName(node).namespace or 'no namespace'}) is not allowed",
                                  "unsafe-output"))
        if tag == "meta" and (node.get("http-equiv") or "").lower() == "refresh":
            problems.append(error(shown, line, 1, "<meta http-equiv=\"refresh\"> would send the reader elsewhere", "unsafe-output"))
        for name, value in node.attrib.items():
            local = etree.QName(name).localname.lower()
            url = _normalised(value)
            if local.startswith("on"):
                problems.append(error(shown, line, 1, f"<{tag} {local}=…>: event-handler attributes are not allowed", "unsafe-output"))
            elif local in URL_ATTRIBUTES | XML_LOADING_ATTRIBUTES and EXECUTABLE_SCHEME_RE.match(url):
                problems.append(error(shown, line, 1, f"<{tag} {local}=\"{value.strip()[:40]}\">: a script or data address", "unsafe-output"))
            elif tag in XML_LOADING_TAGS and local in XML_LOADING_ATTRIBUTES and OUTSIDE_BOOK_RE.match(url):
                problems.append(error(shown, line, 1, f"<{tag} {local}=\"{value.strip()[:40]}\"> loads from outside the book",
                                      "unsafe-output"))
            elif local == "style" and re.search(r"expression\s*\(|javascript:|behavior\s*:|-moz-binding|url\s*\(", value, re.IGNORECASE):
                problems.append(error(shown, line, 1, f"<{tag} style=…>: executable or loading CSS", "unsafe-output"))
    return problems + scan_html(data.decode("utf-8", errors="replace"), shown)
