"""The last layer: every built file a server may serve as a document parsed as a browser would, anything executable refused.

Which files: every extension a server maps to HTML, XHTML, XML or SVG (``project.MARKUP_SUFFIXES``, the list
``readings check`` refuses in docs/), and any other file whose content starts like markup (a server may sniff it,
or map an unknown extension to HTML). HTML is read twice: as the tree a browser builds (selectolax's Lexbor, HTML5
tree building with scripting on, svg and math content included), which decides what runs, and with Python's parser,
which locates findings and reports what the two read differently; the XML family (``.xhtml``, ``.xht``,
``.xml``, ``.svg``, ``.svgz`` inflated, ``.xsl``...) with an XML parser that keeps namespaces (lxml; no entities
resolved, no DTD or network loaded), so a ``<x:script>`` in the XHTML or SVG namespace under any prefix, a handler
in any namespace, a ``javascript:`` value on any attribute (``<set to=…>`` included), ``href``/``xlink:href`` and
``src`` that load from outside, ``<use>`` of another document, CSS ``@import``/``url()`` from outside,
``xml-stylesheet`` and other processing instructions, XInclude, ``foreignObject`` and internal DTD subsets
(entities) are found; a file that is not well-formed is refused too. Web archives (``.mht``) are refused unread.

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
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree
from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.errors import Problem, error
from generator.project import ARCHIVE_SUFFIXES, HTML_SUFFIXES, MARKUP_SUFFIXES, XML_SUFFIXES
from generator.site.search import safe_entry

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset", "background", "cite",
                  "longdesc", "ping", "manifest", "codebase", "dynsrc", "lowsrc"}
EXECUTABLE_SCHEME_RE = re.compile(r"^(?:javascript|vbscript|data|livescript|mocha):", re.IGNORECASE)
# A value is read part by part: SMIL's values/keyTimes are ";"-lists, srcset and others white-space lists; a part
# that is only the scheme ("data:" in a CSP's source list) addresses nothing.
VALUE_PART_RE = re.compile(r"[;,\s]+")
DATA_IMAGE_RE = re.compile(r"^data:image/(?:png|gif|jpeg|webp|x-icon|vnd\.microsoft\.icon|svg\+xml)[;,]", re.IGNORECASE)
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
# The site's own scripts, by a relative address or one from the site's root (404.html uses site_url's path).
SITE_SCRIPT_RE = re.compile(r"^(?:(?:/[\w.-]+)*/|(?:\.\./|\./)*)(?:assets/javascripts/|search/)[\w./-]+\.js(?:\?[\w.=&-]*)?$")
DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}
# A file that starts like markup (after a byte-order mark and white space), whatever its extension says.
MARKUP_START_RE = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:\?xml|!doctype|!--|[a-z][\w.-]*(?::[\w.-]+)?[\s/>])", re.IGNORECASE)
SNIFF_BYTES = 1024
MAX_INFLATED = 16 * 1024 * 1024  # an .svgz inflated: more is refused, not read
XML_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
# Elements that run script or pull in other content, in any namespace, in the site's XML files.
XML_FORBIDDEN = {"script", "handler", "listener", "foreignobject", *FORBIDDEN_TAGS}
CSS_OUTSIDE_RE = re.compile(r"""@import\s*(?:url\(\s*)?["']?\s*(?:[a-z][a-z0-9+.-]*:|//|/|\\)|url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//|\\)""",
                            re.IGNORECASE)
CSS_EXECUTABLE_RE = re.compile(r"expression\s*\(|javascript:|behavior\s*:|-moz-binding", re.IGNORECASE)
# An address that leaves the file's own folder tree: a scheme, "//host" or "/path" ("\" reads as "/").
OUTSIDE_ADDRESS_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[/\\])", re.IGNORECASE)
# Browsers ignore these in URLs: "java\tscript:" is "javascript:".
URL_NOISE_RE = re.compile(r"[\x00-\x20\x7f]+")
URL_TAB_NEWLINE_RE = re.compile(r"[\t\n\r]+")
# Attributes a browser shows as text and never follows: prose there may mention "javascript:".
TEXT_ATTRIBUTES = {"title", "alt", "aria-label", "aria-description", "aria-roledescription", "placeholder", "content"}


def _normalised(url: str) -> str:
    return URL_NOISE_RE.sub("", url)


def executable_parts(value: str) -> list[str]:
    """The parts of an attribute's value (split at ";", "," and white space, as SMIL lists and srcset are) that
    start with a script or data scheme; the whole value is a part too, read as a browser's URL parser reads it
    (tabs and line breaks removed: "java\\tscript:" is "javascript:"). A part that is only the scheme ("data:" in
    a CSP's source list) addresses nothing, nor does "data:" followed by a space (prose)."""
    found = []
    for part in [URL_TAB_NEWLINE_RE.sub("", value).strip("\x00- "), *VALUE_PART_RE.split(value)]:
        scheme = EXECUTABLE_SCHEME_RE.match(part)
        rest = part[scheme.end():] if scheme else ""
        if scheme and rest and not (scheme.group().lower() == "data:" and rest[0].isspace()):
            found.append(part)
    return found


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


def _located(text: str, tag: str, nth: int) -> tuple[int, int]:
    """Where the ``nth`` start tag named ``tag`` is in ``text`` (the tree does not keep source positions; a tag the
    parser made up, or spelled otherwise, is put at the top)."""
    at = -1
    for match in re.finditer(rf"<{re.escape(tag)}(?=[\s/>])", text, re.IGNORECASE):
        if nth == 0:
            at = match.start()
            break
        nth -= 1
    if at < 0:
        return 1, 1
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _tree_findings(node: LexborNode, inline_scripts: bool) -> list[str]:
    """What is executable on one element of the HTML5 tree (any namespace: svg and math elements are here too)."""
    tag = (node.tag or "").lower()
    values = {name.lower(): value or "" for name, value in node.attributes.items()}
    found = []
    if tag in FORBIDDEN_TAGS:
        found.append(f"<{tag}> is not allowed")
    if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
        found.append("<meta http-equiv=\"refresh\"> would send the reader elsewhere")
    if values.get("attributename", "").strip().lower().startswith("on"):
        found.append(f"<{tag} attributeName=\"{values['attributename'][:20]}\">: an animation that sets an event handler")
    for name, value in values.items():
        if name.startswith("on"):
            found.append(f"<{tag} {name}=…>: event-handler attributes are not allowed")
        elif name in TEXT_ATTRIBUTES or (DATA_IMAGE_RE.match(_normalised(value)) and _Scanner._may_hold_image(tag, name, values)):
            pass  # shown, not followed; or an inlined icon
        elif executable_parts(value):
            found.append(f"<{tag} {name}=\"{value.strip()[:40]}\">: a script or data address")
    if tag == "script":
        kind = values.get("type", "").strip().lower()
        src = values.get("src", "")
        loads = [name for name in values if name in ("href", "xlink:href") or name.endswith(":href")]
        text = node.text(deep=True)
        if loads:
            found.append(f"<script {loads[0]}=\"{values[loads[0]][:60]}\">: a script that loads from an address (SVG)")
        elif kind in DATA_BLOCK_TYPES and not src:
            pass  # data, never run
        elif src and not SITE_SCRIPT_RE.match(src):
            found.append(f"<script src=\"{src[:60]}\"> is not one of the site's own scripts")
        elif not src and not inline_scripts:
            found.append(f"inline <script> (“{' '.join(text.split())[:40]}”): the site runs only its own script files")
    return found


def browser_tree(text: str) -> list[tuple[str, dict[str, str]]]:
    """Every element of the tree a browser builds from ``text`` (HTML5 parsing, scripting on), in document order:
    tag (lower case) and attributes (names lower case)."""
    root = LexborHTMLParser(text, scripting=True).root
    return [((node.tag or "").lower(), {name.lower(): value or "" for name, value in node.attributes.items()})
            for node in (root.traverse(include_text=False) if root is not None else []) if node.is_element_node]


def _tree_problems(text: str, shown: str, inline_scripts: bool) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Every element as a browser builds the tree (HTML5 parsing with scripting on, as in a reader's browser:
    ``<noscript>`` raw text, comments ended by ``<!-->``, svg/math content parsed as markup), checked; and the
    policies the page's meta elements carry."""
    document = LexborHTMLParser(text, scripting=True)
    found: list[tuple[int, int, str]] = []
    seen: dict[str, int] = {}
    policies = []
    for node in document.root.traverse(include_text=False) if document.root is not None else []:
        if not node.is_element_node:
            continue
        tag = (node.tag or "").lower()
        nth = seen.get(tag, 0)
        seen[tag] = nth + 1
        attributes = node.attributes
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            policies.append(attributes.get("content") or "")
        for message in _tree_findings(node, inline_scripts):
            line, col = _located(text, tag, nth)
            found.append((line, col, message))
    return found, policies


def scan_html(text: str, shown: str, policy: str = "", inline_scripts: bool = False) -> list[Problem]:
    """What is executable in one HTML (or SVG) document, and whether it carries ``policy``. Two readings: the
    HTML5 tree a browser builds (selectolax's Lexbor), which decides; and Python's parser, which locates what it
    sees exactly and reports the constructs the two read differently (marked sections, processing instructions)."""
    scanner = _Scanner(inline_scripts)
    scanner.feed(text)
    scanner.close()
    found = list(scanner.found)
    located = Counter(message for _line, _col, message in found)
    tree, policies = _tree_problems(text, shown, inline_scripts)
    for line, col, message in tree:
        if located[message] > 0:
            located[message] -= 1  # the same finding, already located exactly
        else:
            found.append((line, col, message))
    problems = [error(shown, line, col, message, "unsafe-output") for line, col, message in sorted(found)]
    carried = any(" ".join(p.split()) == " ".join(policy.split()) for p in policies)
    # The single file carries the policy with its inlined scripts' hashes in place of 'self'.
    if policy and not shown.endswith(".svg") and not carried and not (inline_scripts and policies):
        problems.append(error(shown, 1, 1, "the page does not carry the site's Content Security Policy", "missing-csp"))
    return problems


def _css_problems(css: str) -> list[str]:
    found = []
    if CSS_EXECUTABLE_RE.search(css):
        found.append("executable CSS")
    if CSS_OUTSIDE_RE.search(_normalised(css)):
        found.append("CSS that loads from outside (@import or url())")
    return found


def _xml_element(element: etree._Element, found: list[tuple[int, int, str]]) -> None:
    line = element.sourceline or 1
    if isinstance(element, etree._ProcessingInstruction):
        found.append((line, 1, f"<?{element.target} …?>: a processing instruction (xml-stylesheet loads and runs a style"
                      " sheet)"))
        return
    if isinstance(element, etree._Entity):
        found.append((line, 1, f"&{element.name};: an entity, which the scan does not expand"))
        return
    if not isinstance(element.tag, str):
        return  # a comment
    name = etree.QName(element)
    local, shown = name.localname.lower(), element.prefix + ":" + name.localname if element.prefix else name.localname
    if local in XML_FORBIDDEN or (local == "include" and name.namespace == XINCLUDE_NS):
        found.append((line, 1, f"<{shown}> (namespace {name.namespace or 'none'}) is not allowed: it runs script or pulls in"
                      " other content"))
    if local == "style":
        found += [(line, 1, f"<{shown}>: {what}") for what in _css_problems("".join(element.itertext()))]
    for key, value in element.attrib.items():
        attribute = etree.QName(key).localname.lower()
        attribute_shown = key.split("}", 1)[-1] if isinstance(key, str) else str(key)
        clean = _normalised(value)
        if attribute.startswith("on"):
            found.append((line, 1, f"<{shown} {attribute_shown}=…>: event-handler attributes are not allowed (in any namespace)"))
        elif attribute == "attributename" and value.strip().lower().startswith("on"):
            found.append((line, 1, f"<{shown} {attribute_shown}=\"{value.strip()[:20]}\">: an animation that sets an event handler"))
        elif executable_parts(value) and not (DATA_IMAGE_RE.match(clean) and local == "image"):
            found.append((line, 1, f"<{shown} {attribute_shown}=\"{value.strip()[:40]}\">: a script or data address"))
        elif attribute in ("href", "src") and local != "a" and OUTSIDE_ADDRESS_RE.match(clean):
            found.append((line, 1, f"<{shown} {attribute_shown}=\"{value.strip()[:60]}\">: loads from outside the site"))
        elif attribute == "href" and local == "use" and not clean.startswith("#"):
            found.append((line, 1, f"<{shown} {attribute_shown}=\"{value.strip()[:60]}\">: uses another document"))
        elif attribute == "style":
            found += [(line, 1, f"<{shown} style=…>: {what}") for what in _css_problems(value)]
        if local == "meta" and attribute == "http-equiv" and clean.lower() == "refresh":
            found.append((line, 1, "<meta http-equiv=\"refresh\"> would send the reader elsewhere"))


def scan_xml(data: bytes, shown: str) -> list[Problem]:
    """What is executable or loads from outside in one XML-family document (XHTML, SVG, XML, XSLT), read with its
    namespaces; a document that is not well-formed cannot be checked, so it is refused (with what an HTML parser
    finds in it)."""
    try:
        tree = etree.ElementTree(etree.fromstring(data, etree.XMLParser(**XML_PARSER_OPTIONS)))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        return [error(shown, line, 1, f"not well-formed XML ({exc.msg}): a browser may read it as something this scan"
                      " cannot check", "unsafe-output"), *scan_html(data.decode("utf-8", "replace"), shown)]
    found: list[tuple[int, int, str]] = []
    if tree.docinfo.internalDTD is not None and list(tree.docinfo.internalDTD.iterentities()):
        found.append((1, 1, "a document type that declares entities: they could spell markup the scan does not see"))
    root = tree.getroot()
    for sibling in [*reversed(list(root.itersiblings(preceding=True))), *root.itersiblings()]:
        _xml_element(sibling, found)
    for element in root.iter():
        _xml_element(element, found)
    return [error(shown, line, col, message, "unsafe-output") for line, col, message in found]


def _inflated(data: bytes, shown: str) -> bytes | Problem:
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, MAX_INFLATED + 1)
    except zlib.error as exc:
        return error(shown, 1, 1, f"a compressed file that does not inflate ({exc}): it cannot be checked", "unsafe-output")
    if len(out) > MAX_INFLATED or inflater.unconsumed_tail:
        return error(shown, 1, 1, f"inflates to more than {MAX_INFLATED // (1024 * 1024)} MB: it cannot be checked", "unsafe-output")
    return out


def scan_file(path: Path, shown: str, policy: str = "", inline_scripts: bool = False) -> list[Problem]:
    """One file of the built site, read as a server would serve it: by its extension, else by its content."""
    suffix = path.suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        return [error(shown, 1, 1, f"'{suffix}' files (web archives, HTML applications) are never part of the site: a browser"
                      " may open them as pages, and the scan cannot read them", "unsafe-output")]
    if suffix not in MARKUP_SUFFIXES:
        with path.open("rb") as handle:
            if not MARKUP_START_RE.match(handle.read(SNIFF_BYTES)):
                return []
    data = path.read_bytes()
    if suffix == ".svgz":
        inflated = _inflated(data, shown)
        if isinstance(inflated, Problem):
            return [inflated]
        data = inflated
    text = data.decode("utf-8", "replace")
    head = text[:SNIFF_BYTES].lower()
    if suffix in XML_SUFFIXES or (suffix not in HTML_SUFFIXES and ("<?xml" in head or "xmlns" in head)):
        return scan_xml(data, shown)
    # Every file served as HTML is a document a browser renders (with or without "<html>"): each carries the policy.
    page_policy = policy if suffix in HTML_SUFFIXES and text.strip() else ""
    return scan_html(text, shown, page_policy, inline_scripts)


def scan_search_index(text: str, shown: str) -> list[Problem]:
    """Entries of Material's search index that hold anything but plain text and the tags its worker shows."""
    try:
        docs = json.loads(text).get("docs", [])
    except (ValueError, AttributeError):
        return [error(shown, 1, 1, "the search index is not the JSON Material's search reads", "unsafe-output")]
    return [error(shown, 1, 1, f"search entry {entry.get('location', '')!r} holds markup that could run in the search results",
                  "unsafe-output") for entry in docs if isinstance(entry, dict) and safe_entry(entry) != entry]


def scan_site(root: Path, policy: str = "", inline_scripts: bool = False, only: set[Path] | None = None) -> list[Problem]:
    """Scan every file under ``root`` (a built site) a server may serve as a document (``scan_file``), and its search index; paths in problems are relative
    to it. ``only``: scan just these files (what a dirty build wrote)."""
    problems: list[Problem] = []
    index = root / "search" / "search_index.json"
    if index.is_file() and (only is None or index in only):
        problems += scan_search_index(index.read_text(encoding="utf-8", errors="replace"), f"{root.name}/search/search_index.json")
    candidates = root.rglob("*") if only is None else iter(only)
    for path in sorted(p for p in candidates if p.is_file() and not p.is_symlink() and p != index):
        problems += scan_file(path, f"{root.name}/{path.relative_to(root).as_posix()}", policy, inline_scripts)
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
            elif executable_parts(value):
                problems.append(error(shown, line, 1, f"<{tag} {local}=\"{value.strip()[:40]}\">: a script or data address", "unsafe-output"))
            elif tag in XML_LOADING_TAGS and local in XML_LOADING_ATTRIBUTES and OUTSIDE_BOOK_RE.match(url):
                problems.append(error(shown, line, 1, f"<{tag} {local}=\"{value.strip()[:40]}\"> loads from outside the book",
                                      "unsafe-output"))
            elif local == "style" and re.search(r"expression\s*\(|javascript:|behavior\s*:|-moz-binding|url\s*\(", value, re.IGNORECASE):
                problems.append(error(shown, line, 1, f"<{tag} style=…>: executable or loading CSS", "unsafe-output"))
    return problems + scan_html(data.decode("utf-8", errors="replace"), shown)
