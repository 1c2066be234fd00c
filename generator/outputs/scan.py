"""Proof that a built site loads nothing from outside: every HTML, CSS and JS file scanned for outside references.

``outside_references`` parses HTML with a real parser (the attributes that load
something: ``src``, ``srcset``, stylesheets...), inline scripts and styles, CSS
``url()``/``@import`` and quoted absolute URLs in scripts, and returns one
located problem per reference.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import Problem, error
from generator.project import HTML_SUFFIXES
from generator.site.scan import HostileHTMLParser, browser_tree

# The XML family (SVG, XHTML...) is read for outside references by the site's own scan (``site.scan.scan_xml``).
TEXT_SUFFIXES = {*HTML_SUFFIXES, ".css", ".js"}
# Quoted absolute URLs in scripts: the only kind a script can load. XML namespaces are names, not loads.
JS_URL_RE = re.compile(r"""(?<=["'`])(?:https?:)?//(?!www\.w3\.org/)[^\s"'`]*""")
JS_UNAVAILABLE = "offline-unavailable:"
CSS_URL_RE = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])\s*((?:https?:)?//[^"')\s]+)""", re.IGNORECASE)
LOADING_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "embed": ("src",), "object": ("data",), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
}
# SVG's script loads from href (xlink:href), HTML's from src.
SCRIPT_ATTRS = ("src", "href", "xlink:href")
DATA_BLOCK_RE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json\b""", re.IGNORECASE)
LINK_NON_LOADING = {"canonical", "alternate", "prev", "next", "author", "license", "edit", "describedby"}
# A scheme, "//host" or "/path" (from file://, the disk's root); browsers read "\" as "/" ("\\host", "/\host").
OUTSIDE_RE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|[/\\])", re.IGNORECASE)
SAFE_SCHEMES = ("data:", "blob:", "about:", "javascript:void", "#", "mailto:", JS_UNAVAILABLE)


def is_outside(url: str) -> bool:
    return bool(OUTSIDE_RE.match(url)) and not url.strip().lower().startswith(SAFE_SCHEMES)


class _RefScanner(HostileHTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[int, int, str, str]] = []  # line, col, what, url

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, col = self.getpos()
        self.refs += [(line, col + 1, what, url) for what, url in _loads(tag, {k: v or "" for k, v in attrs})]


def _loads(tag: str, values: dict[str, str]) -> list[tuple[str, str]]:
    """What one element loads from outside: (what, address)."""
    found = []
    names = SCRIPT_ATTRS if tag == "script" else LOADING_ATTRS.get(tag, ())
    if tag == "link" and not (set(values.get("rel", "").lower().split()) <= LINK_NON_LOADING):
        names = ("href",)
    for name in names:
        for url in re.split(r",\s*", values.get(name, "")) if name == "srcset" else [values.get(name, "")]:
            if url and is_outside(url.split()[0]):
                found.append((f"<{tag} {name}>", url))
    for match in CSS_URL_RE.finditer(values.get("style", "")):
        found.append((f"<{tag} style>", match.group(1)))
    return found


def _tree_references(text: str) -> list[tuple[int, int, str, str]]:
    """What loads from outside in the tree a browser builds (markup Python's parser reads as text: ``<svg><style>``,
    ``<!-->``, past ``</noscript>``), not already found; located at the top of the file (the tree keeps no positions)."""
    return [(1, 1, what, url) for node in browser_tree(text) for what, url in _loads(node[0], node[1])]


def outside_references(root: Path) -> list[Problem]:
    """Every reference in an HTML, CSS or JS file under ``root`` that would load something from outside."""
    problems: list[Problem] = []
    for path in sorted(p for p in root.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file()):
        shown = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        found: list[tuple[int, int, str, str]] = []
        if path.suffix in HTML_SUFFIXES:
            scanner = _RefScanner()
            scanner.feed(text)
            found = scanner.refs
            seen = [(what, url) for _line, _col, what, url in found]
            for ref in _tree_references(text):
                if (ref[2], ref[3]) in seen:
                    seen.remove((ref[2], ref[3]))
                else:
                    found.append(ref)
            for match in re.finditer(r"<(script|style)\b([^>]*)>(.*?)</\1>", text, re.DOTALL | re.IGNORECASE):
                if DATA_BLOCK_RE.search(match.group(2)):
                    continue  # JSON-LD and JSON data: read, never run, so their addresses load nothing
                pattern = JS_URL_RE if match.group(1).lower() == "script" else CSS_URL_RE
                found += [_located(text, match.start(3) + m.start(), "inline " + match.group(1), m.group(0)) for m in pattern.finditer(match.group(3))]
        elif path.suffix == ".css":
            found = [_located(text, m.start(1), "css url", m.group(1)) for m in CSS_URL_RE.finditer(text)]
        else:
            found = [_located(text, m.start(), "script string", m.group(0)) for m in JS_URL_RE.finditer(text)]
        problems += [error(shown, line, col, f"{what} refers outside the bundle: {url[:100]}", "outside-reference")
                     for line, col, what, url in found]
    return problems


def _located(text: str, offset: int, what: str, url: str) -> tuple[int, int, str, str]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1, what, url
