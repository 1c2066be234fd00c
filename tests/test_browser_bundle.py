"""The offline bundle from file:// with the network cut, the single-file reading, print, and accessibility."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import browser, serve
from conftest import ROOT, SEED_SLUG, make_project

from generator.cli import main

pytestmark = pytest.mark.browser
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("offline-project"))
    assert main(["--project", str(project), "bundle"]) == 0
    assert main(["--project", str(project), "bundle", "--single", SEED_SLUG]) == 0
    unpacked = project / "unpacked"
    with zipfile.ZipFile(project / "dist" / "annotated-readings-offline.zip") as zf:
        zf.extractall(unpacked)
    return project / "dist"


class Offline:
    """A browser tab in which every request that is not file:// is aborted and counted."""

    def __init__(self, chromium: Any) -> None:
        self.context = chromium.new_context(viewport={"width": 1280, "height": 900})
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()


@pytest.fixture
def offline() -> Iterator[Offline]:
    with browser() as chromium:
        tab = Offline(chromium)
        yield tab
        tab.context.close()


def test_bundle_search_and_annotations_from_file(dist: Path, offline: Offline) -> None:
    index = dist.parent / "unpacked" / "annotated-readings-offline" / "index.html"
    page = offline.page
    page.goto(index.as_uri())
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("helicopters", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert "ISIS-Daesh" in page.locator(".md-search-result").inner_text()
    # Annotation notes and context pages are found by search too.
    for word, where in (("dismissive", "ISIS-Daesh"), ("Chossudovsky", "Global Research")):
        page.locator(".md-search__input").fill("")
        page.locator(".md-search__input").press_sequentially(word, delay=30)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        assert where in page.locator(".md-search-result").inner_text()
    # From file:// too, a word only in a note lands on that note's passage.
    page.locator(".md-search__input").fill("")
    page.locator(".md-search__input").press_sequentially("dismissive", delay=30)
    page.locator(".md-search-result__item a[href*='#rhetoric-potato-small']").first.wait_for(timeout=15_000)

    page.goto(index.as_uri())
    page.get_by_role("link", name="ISIS-Daesh Is on the Rise in Afghanistan").first.click()
    page.wait_for_url(f"**/readings/{SEED_SLUG}.html")
    page.locator("mark.annotation#context-zakharova").hover()
    page.wait_for_function("document.querySelector('.annotation-popover:not([hidden]), .sidenote.is-active') !== null")
    shown = page.locator(".annotation-popover:not([hidden]), .sidenote.is-active").first
    assert "spokeswoman" in shown.inner_text()
    assert offline.outside == []
    assert offline.errors == []


def test_single_file_reading(dist: Path, offline: Offline, tmp_path: Path) -> None:
    # Copied alone into an empty folder, as an e-mail attachment would be.
    single = tmp_path / "reading.html"
    single.write_bytes((dist / f"{SEED_SLUG}.html").read_bytes())
    page = offline.page
    page.goto(single.as_uri())
    assert page.locator("mark.annotation").count() >= 40
    page.locator("mark.annotation#source-hajji").focus()
    shown = page.locator(".annotation-popover:not([hidden]), .sidenote.is-active").first
    assert "This witness comes from the AFP report" in shown.inner_text()
    page.keyboard.press("Escape")
    assert page.locator(".annotation-popover:not([hidden]), .sidenote.is-active").count() == 0
    assert page.evaluate("getComputedStyle(document.querySelector('mark.annotation')).backgroundColor") != "rgba(0, 0, 0, 0)"
    # No dangling link: each one goes to an id in the file or to an absolute address.
    dangling = page.evaluate("""() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')).filter(h =>
        h.startsWith('#') ? (h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1)))) : !/^(https?:|mailto:)/.test(h))""")
    assert dangling == []
    # The notes' context travels with the file: "More about …" carries the context page's summary, shown.
    summary = page.locator("#note-context-karzai .context-summary")
    assert summary.is_visible() and "Hamid Karzai" in summary.inner_text()
    assert page.locator(".md-sidebar--primary, .md-footer__inner").count() == 0
    assert offline.outside == []
    assert offline.errors == []


def test_single_file_accessibility(dist: Path, offline: Offline) -> None:
    page = offline.page
    page.goto((dist / f"{SEED_SLUG}.html").as_uri())
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated, not injected: the file's policy allows only its own scripts
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_print_keeps_annotations(dist: Path, offline: Offline) -> None:
    from pypdf import PdfReader

    page = offline.page
    page.goto((dist.parent / "unpacked" / "annotated-readings-offline" / "readings" / f"{SEED_SLUG}.html").as_uri())
    page.emulate_media(media="print")
    style = page.evaluate("""() => {
        const m = getComputedStyle(document.querySelector('mark.annotation'));
        const hidden = s => { const e = document.querySelector(s); return !e || getComputedStyle(e).display === 'none'; };
        return {outline: m.outlineStyle, decoration: m.textDecorationLine, color: m.color,
                header: hidden('.md-header'), nav: hidden('.md-sidebar--primary'), search: hidden('.md-search')};
    }""")
    assert style["outline"] == "solid" and style["decoration"] == "underline" and style["color"] == "rgb(0, 0, 0)"
    assert style["header"] and style["nav"] and style["search"]
    # Material opens every <details> before printing; the reading's own collapsed blocks still stay off paper.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    hidden = page.evaluate("""() => ['.reading-about', 'details.removed', '.annotation-legend'].map(s => {
        const e = document.querySelector(s); return !e || getComputedStyle(e).display === 'none'; })""")
    assert hidden == [True, True, True]
    intro = page.evaluate("getComputedStyle(document.querySelector('.admonition.editorial')).marginRight")
    assert intro in ("0px", "auto"), intro  # no margin left over from the sidenote column
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages)
    assert "Notes" in text
    for label in ("Source Widely held by whom?", "Context Maria Zakharova", "Capture The capture broke"):
        assert " ".join(label.split()) in " ".join(text.split()), label
    assert "Table of contents" not in text


@pytest.mark.parametrize("path", ["", "context/hamid-karzai/", "sources/", "corrections/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessibility(built_site: Path, path: str, scheme: str) -> None:
    with serve(built_site) as url, browser() as chromium:
        # axe is injected as an inline script, which the site's policy forbids: let the test's own tool in.
        page = chromium.new_page(color_scheme=scheme, bypass_csp=True)
        page.goto(url + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        assert violations == []  # of any impact (the reading page: test_browser_reading.py)
