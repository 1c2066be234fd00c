"""The offline bundle: the whole site as one zip, and one reading as one HTML file.

Data flow: docs/ --mkdocs (mkdocs.offline.yml)--> a temporary site --localise-->
no outside references --scan--> proof of that --zip--> dist/<site>-offline.zip.
The zip is deterministic: sorted entries, fixed timestamps and permissions.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import re
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from generator.errors import BuildError, InputError, Problem, error
from generator.fsutil import atomic_write_bytes
from generator.site import mkdocs_build
from generator.slug import slugify

OFFLINE_CONFIG = "mkdocs.offline.yml"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold
TEXT_SUFFIXES = {".html", ".css", ".js"}
# Quoted absolute URLs in scripts: the only kind a script can load. XML namespaces are names, not loads.
JS_URL_RE = re.compile(r"""(?<=["'`])(?:https?:)?//(?!www\.w3\.org/)[^\s"'`]*""")
JS_UNAVAILABLE = "offline-unavailable:"
CSS_URL_RE = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])\s*((?:https?:)?//[^"')\s]+)""", re.IGNORECASE)
LOADING_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "embed": ("src",), "object": ("data",), "track": ("src",), "input": ("src",), "image": ("href",),
}
LINK_NON_LOADING = {"canonical", "alternate", "prev", "next", "author", "license", "edit"}
OUTSIDE_RE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
SAFE_SCHEMES = ("data:", "blob:", "about:", "javascript:void", "#", "mailto:", JS_UNAVAILABLE)


def is_outside(url: str) -> bool:
    return bool(OUTSIDE_RE.match(url)) and not url.strip().lower().startswith(SAFE_SCHEMES)


class _RefScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[int, int, str, str]] = []  # line, col, what, url

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        names = LOADING_ATTRS.get(tag, ())
        if tag == "link" and not (set(values.get("rel", "").lower().split()) <= LINK_NON_LOADING):
            names = ("href",)
        line, col = self.getpos()
        for name in names:
            for url in re.split(r",\s*", values.get(name, "")) if name == "srcset" else [values.get(name, "")]:
                if url and is_outside(url.split()[0]):
                    self.refs.append((line, col + 1, f"<{tag} {name}>", url))
        for match in CSS_URL_RE.finditer(values.get("style", "")):
            self.refs.append((line, col + 1, f"<{tag} style>", match.group(1)))


def outside_references(root: Path) -> list[Problem]:
    """Every reference in an HTML, CSS or JS file under ``root`` that would load something from outside."""
    problems: list[Problem] = []
    for path in sorted(p for p in root.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file()):
        shown = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        found: list[tuple[int, int, str, str]] = []
        if path.suffix == ".html":
            scanner = _RefScanner()
            scanner.feed(text)
            found = scanner.refs
            for match in re.finditer(r"<(script|style)\b[^>]*>(.*?)</\1>", text, re.DOTALL | re.IGNORECASE):
                pattern = JS_URL_RE if match.group(1).lower() == "script" else CSS_URL_RE
                found += [_located(text, match.start(2) + m.start(), "inline " + match.group(1), m.group(0)) for m in pattern.finditer(match.group(2))]
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


def localise(root: Path) -> None:
    """Neutralise the outside URLs Material's scripts hold for features we never use.

    Material's bundle can load Mermaid and a ResizeObserver polyfill from a CDN,
    and ask the GitHub or GitLab API for repository facts. None applies to this
    site, but a bundle must not even refer to them: the scheme becomes one no
    browser fetches.
    """
    for path in sorted(root.rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        new = JS_URL_RE.sub(lambda m: JS_UNAVAILABLE + m.group(0).split("//", 1)[1], text)
        if new != text:
            path.write_text(new, encoding="utf-8")


def write_zip(folder: Path, target: Path, top: str) -> None:
    """A byte-reproducible zip of ``folder`` under the single top-level folder ``top``."""
    with tempfile.SpooledTemporaryFile(max_size=1 << 30) as buffer:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
                name = f"{top}/{path.relative_to(folder).as_posix()}" + ("/" if path.is_dir() else "")
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.create_system = 3  # Unix, so the permissions below are read
                info.external_attr = ((0o40755 if path.is_dir() else 0o100644) << 16) | (0x10 if path.is_dir() else 0)
                info.compress_type = zipfile.ZIP_STORED if path.is_dir() else zipfile.ZIP_DEFLATED
                archive.writestr(info, b"" if path.is_dir() else path.read_bytes())
        buffer.seek(0)
        atomic_write_bytes(target, buffer.read())


def site_name(project: Path) -> str:
    match = re.search(r"^site_name:\s*(.+?)\s*$", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    return slugify(match.group(1).strip("'\"")) if match else "site"


def build_offline(project: Path, dest: Path) -> None:
    """Build the offline site into ``dest``, localise it and prove it self-contained."""
    mkdocs_build(project, dest, config=OFFLINE_CONFIG)
    localise(dest)
    problems = outside_references(dest)
    if problems:
        raise BuildError(problems)


def bundle(project: Path, dist: Path) -> Path:
    name = f"{site_name(project)}-offline"
    target = dist / f"{name}.zip"
    with tempfile.TemporaryDirectory(prefix="readings-bundle-") as tmp:
        folder = Path(tmp) / name
        build_offline(project, folder)
        write_zip(folder, target, name)
    return target


# --- One reading as one file -------------------------------------------------

def _data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _resolve(page: Path, root: Path, ref: str) -> Path | None:
    ref = ref.split("#", 1)[0].split("?", 1)[0]
    if not ref or is_outside(ref):
        return None
    path = (page.parent / ref).resolve()
    return path if path.is_file() and path.is_relative_to(root.resolve()) else None


def _inline_css(css: str, css_path: Path, root: Path) -> str:
    def repl(match: re.Match[str]) -> str:
        target = _resolve(css_path, root, match.group(2))
        return f"url({_data_uri(target)})" if target else match.group(0)
    return re.sub(r"""url\((["']?)([^"')]+)\1\)""", lambda m: repl(m), css)


def single_file(project: Path, slug: str, dist: Path) -> Path:
    """``dist/<slug>.html``: one reading with its styles, scripts and icons inlined."""
    with tempfile.TemporaryDirectory(prefix="readings-single-") as tmp:
        root = Path(tmp) / "site"
        build_offline(project, root)
        page = root / "readings" / f"{slug}.html"
        if not page.is_file():
            raise InputError(error(f"docs/readings/{slug}.md", 1, 1, f"no reading with the slug '{slug}'", "unknown-slug"))
        html = page.read_text(encoding="utf-8")

        def stylesheet(match: re.Match[str]) -> str:
            target = _resolve(page, root, match.group(1))
            if not target:
                return match.group(0)
            return f"<style>{_inline_css(target.read_text(encoding='utf-8'), target, root)}</style>"

        def script(match: re.Match[str]) -> str:
            target = _resolve(page, root, match.group(1))
            if not target:
                return match.group(0)
            return "<script>" + target.read_text(encoding="utf-8").replace("</script", "<\\/script") + "</script>"

        def icon(match: re.Match[str]) -> str:
            target = _resolve(page, root, match.group(1))
            return match.group(0).replace(match.group(1), _data_uri(target)) if target else match.group(0)

        html = re.sub(r'<link rel="stylesheet" href="([^"]+)"\s*/?>', stylesheet, html)
        html = re.sub(r'<script src="([^"]+)"></script>', script, html)
        html = re.sub(r'<link rel="icon" href="([^"]+)"', icon, html)
        html = _without_search(html)
        target_file = dist / f"{slug}.html"
        atomic_write_bytes(target_file, html.encode("utf-8"))
    return target_file


def _without_search(html: str) -> str:
    """A single file has no search index: drop the search box and Material's search worker."""
    html = re.sub(r'<div class="md-search" data-md-component="search".*?</div>\s*</div>\s*</div>\s*</div>\s*</div>', "", html, flags=re.DOTALL)
    html = re.sub(r'<label class="md-header__button md-icon" for="__search">.*?</label>', "", html, flags=re.DOTALL)

    def config(match: re.Match[str]) -> str:
        data = json.loads(match.group(2))
        data.pop("search", None)
        return match.group(1) + json.dumps(data, sort_keys=True) + match.group(3)

    return re.sub(r'(<script id="__config" type="application/json">)(.*?)(</script>)', config, html, flags=re.DOTALL)
