"""Hostile seeds: 35 captures built to inject scripts, handlers, script URLs, frames, SVG, CSS
expressions, comment break-outs, raw HTML, and HTML or Jinja in metadata. Import them all,
build the site, and scan every HTML file: nothing executable may come from a seed."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project

from generator.cli import main

pytestmark = pytest.mark.slow
HOSTILE = FIXTURES / "hostile"
BAD_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "applet", "base"}


def _theme_scripts() -> str:
    """The text of every template the site is built from: inline scripts found there come from the theme."""
    import material

    roots = [Path(material.__file__).parent / "templates", FIXTURES.parent.parent / "overrides"]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for root in roots for p in root.rglob("*.html"))


THEME = _theme_scripts()


class Scanner(HTMLParser):
    """Collects everything executable in a page; our own and Material's scripts are allowed by source."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag in FORBIDDEN_TAGS or (tag == "meta" and values.get("http-equiv", "").lower() == "refresh"):
            self.found.append(f"<{tag}>")
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset") and (
                    BAD_URL.match(value) or (name in ("action", "formaction") and re.match(r"^\s*(\w+:|//)", value))):
                self.found.append(f"<{tag} {name}={value[:40]}>")
            if name == "style" and re.search(r"expression\s*\(|javascript:|url\s*\(", value, re.IGNORECASE):
                self.found.append(f"<{tag} style={value[:40]}>")
        if tag == "script":
            self._script = values

    def handle_data(self, data: str) -> None:
        if self._script is None:
            return
        src = self._script.get("src") or ""
        kind = self._script.get("type") or ""
        if src and not re.match(r"^(\.\./)*(assets/javascripts/|search/)", src):
            self.found.append(f"<script src={src}>")
        # Material's bootstrap script holds the page's relative base URL, rendered from its template.
        data = re.sub(r'__md_scope=new URL\("[./]*",location\)', '__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)', data)
        if not src and kind not in ("application/json", "application/ld+json") and data.strip() not in THEME:
            self.found.append(f"inline <script>{data[:40]}")
        if "alert(" in data or "msgbox" in data:
            self.found.append(f"<script> holding seed code: {data[:40]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile"), with_docs=False)
    for seed in sorted(HOSTILE.iterdir()):
        shutil.copy(seed, project / "seeds" / seed.name)
    assert main(["--project", str(project), "import", "seeds"]) == 0
    assert main(["--project", str(project), "build"]) == 0
    return project


def test_corpus_size() -> None:
    assert len(list(HOSTILE.iterdir())) >= 30


def test_every_hostile_seed_imports(hostile_site: Path) -> None:
    assert len(list((hostile_site / "docs" / "readings").glob("*.md"))) == len(list(HOSTILE.iterdir())) + 1


def test_no_executable_content_in_the_built_site(hostile_site: Path) -> None:
    problems = []
    for page in sorted((hostile_site / "site").rglob("*.html")):
        scanner = Scanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(hostile_site)}: {p}" for p in scanner.found]
    assert problems == []


def test_templates_are_not_run(hostile_site: Path) -> None:
    html = "".join(p.read_text(encoding="utf-8") for p in (hostile_site / "site" / "readings").rglob("*.html"))
    assert "{{ config.site_name }}" in html  # shown as text, not evaluated
    assert "0123456789" not in html  # the {% for %} loop did not run
    assert "{% for x in range(10) %}" in html or "{% for x in range(10) %}".replace("%", "&#37;") in html


def test_scanner_catches_what_it_should() -> None:
    scanner = Scanner()
    scanner.feed('<a href="javascript:x()">a</a><img src=x onerror=y()><iframe></iframe><script>alert(1)</script>'
                 '<span style="width:expression(1)"></span>')
    assert len(scanner.found) == 6
