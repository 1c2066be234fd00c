"""Search over a collection of a few hundred readings, in Chromium: the sharded index and its worker in Material's UI.

Hosted (127.0.0.1) and from the offline bundle over file:// with the network cut; the Python and JavaScript
tokenisers compared on the same strings; a missing piece of the index gives "Search is unavailable", not a hang.
"""

from __future__ import annotations

import random
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import browser, serve
from conftest import ROOT, make_project

from generator.cli import main
from generator.search.tokens import terms, words

pytestmark = [pytest.mark.browser, pytest.mark.slow]
READINGS = 240
VOCABULARY = ["harbour", "market", "ferry", "storm", "council", "election", "budget", "minister", "report", "helicopter",
              "village", "school", "water", "road", "price", "drought", "harvest", "border", "police", "court", "protest",
              "hospital", "vaccine", "energy", "grid", "factory", "union", "strike"]
WORKER = ROOT / "overrides" / "assets" / "javascripts" / "readings-search.js"


def marker(i: int) -> str:
    """A made-up word only reading ``i`` holds."""
    return "zq" + "".join("bcdfghjklmnpqrstvwx"[int(d)] for d in f"{i:03d}") + "ovite"


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The built site and the unpacked offline bundle of the project plus READINGS generated readings."""
    project = make_project(tmp_path_factory.mktemp("search-project"))
    rng = random.Random(7)
    for i in range(READINGS):
        paragraphs = [" ".join(rng.choice(VOCABULARY) for _ in range(60)).capitalize() + "." for _ in range(6)]
        paragraphs[3] = paragraphs[3][:-1] + f" near the {marker(i)} quay."
        (project / "seeds" / f"gen-{i:03d}.md").write_text(
            f"---\ntitle: \"Generated reading {i}\"\nauthor: A. Writer\n---\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0
    assert main(["--project", str(project), "build"]) == 0
    assert main(["--project", str(project), "bundle"]) == 0
    unpacked = project / "unpacked"
    with zipfile.ZipFile(project / "dist" / "annotated-readings-offline.zip") as archive:
        archive.extractall(unpacked)
    return project / "site", next(unpacked.iterdir())


class Tab:
    def __init__(self, chromium: Any, mode: str) -> None:
        self.context = chromium.new_context(viewport={"width": 1280, "height": 900})
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.mode = mode
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if self.mode == "file" and not url.startswith("file:"):
            self.outside.append(url)
            route.abort()
        else:
            route.continue_()

    def search(self, query: str) -> list[str]:
        """Type ``query``; the result links (as rendered: Material shows ten, more on scrolling) once the answer to all
        of it is shown: its highlight terms hold the last word, or it says there is nothing."""
        box = self.page.locator(".md-search__input")
        box.click()
        box.press("Control+a")
        box.press("Backspace")
        box.press_sequentially(query)
        last = words(query)[-1]
        self.page.wait_for_function("""last => {
            const meta = document.querySelector('.md-search-result__meta');
            const first = document.querySelector('.md-search-result__item a');
            const box = document.querySelector('.md-search-result');
            if (!meta || /Type to start/.test(meta.textContent)) return false;
            if (/unavailable|has changed/.test(box.textContent) || /No matching/.test(meta.textContent)) return true;
            return !!first && (new URL(first.href).searchParams.get('h') || '').split(' ').includes(last);
        }""", arg=last)
        self.page.wait_for_timeout(600)  # an answer of "nothing" may still be followed by the last query's
        return list(self.page.locator(".md-search-result__item > a:first-child").evaluate_all("els => els.map(e => e.href)"))

    def count(self) -> str:
        return str(self.page.locator(".md-search-result__meta").inner_text())


@pytest.fixture(params=["http", "file"])
def tab(request: pytest.FixtureRequest, collection: tuple[Path, Path]) -> Iterator[Tab]:
    site, bundle = collection
    yield from opened(request.param, site, bundle)


def opened(mode: str, site: Path, bundle: Path) -> Iterator[Tab]:
    """A tab on the built site's home page, over http or from the offline bundle (file://); on leaving, it must have
    loaded nothing from outside and seen no script error."""
    with browser() as chromium:
        t = Tab(chromium, mode)
        if mode == "http":
            with serve(site) as url:
                t.page.goto(url)
                yield t
        else:
            t.page.goto((bundle / "index.html").as_uri())
            yield t
        assert t.outside == [] and t.errors == []
        t.context.close()


@pytest.mark.parametrize("i", [0, 57, 131, 239])
def test_a_word_only_one_reading_holds_finds_it_first(tab: Tab, i: int) -> None:
    links = tab.search(marker(i))
    assert links and f"generated-reading-{i}" in links[0], links[:3]


def test_search_as_you_type_and_several_words_narrow(tab: Tab) -> None:
    assert any("generated-reading-57" in link for link in tab.search(marker(57)[:-2]))  # a prefix of the last word
    tab.search("harbour")  # in every generated reading: 60 listed, then one entry saying how many more match (180)
    assert tab.count().startswith("61 matching")
    assert tab.search(f"harbour {marker(131)}")[0].count("generated-reading-131") == 1
    assert tab.search(f"{marker(131)} {marker(57)} ") == []  # no reading holds both: nothing, not either one


def test_word_forms_fold_as_in_python(tab: Tab) -> None:
    tab.search("HARBOURS ")  # case and a plural: the same stem
    assert tab.count().startswith("61 matching")


@pytest.mark.parametrize("mode", ["http", "file"])
def test_a_missing_piece_says_search_is_unavailable(collection: tuple[Path, Path], tmp_path: Path, mode: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(collection[0] if mode == "http" else collection[1], site)
    for shard in (site / "search" / "readings").glob("shard-*.js"):
        shard.unlink()
    with browser() as chromium, serve(site) as url:
        t = Tab(chromium, mode)
        t.page.goto(url if mode == "http" else (site / "index.html").as_uri())
        t.search("harbour")
        assert "Search is unavailable" in t.page.locator(".md-search-result").inner_text()


def test_pieces_of_a_rebuilt_index_are_refused(collection: tuple[Path, Path], tmp_path: Path) -> None:
    """`readings serve` rewrites the index after a save: a page opened before holds the old manifest, and the new
    pieces would put their hits on the wrong pages. It says so instead."""
    site = tmp_path / "site"
    shutil.copytree(collection[0], site)
    with browser() as chromium, serve(site) as url:
        t = Tab(chromium, "http")
        t.page.goto(url)
        assert t.search("harbour")  # the manifest and a shard loaded
        for piece in (site / "search" / "readings").glob("*-*.js"):
            piece.write_text(re.sub(r',"[0-9a-f]{12}"\);\n$', ',"0123456789ab");\n', piece.read_text(encoding="utf-8")),
                             encoding="utf-8")
        t.search(marker(57))
        assert "The search index has changed" in t.page.locator(".md-search-result").inner_text()


PARITY_SAMPLES = [
    "Reports of the Café: governments REPORTED reporting, happy lay try yesterday generalization",
    "Ärger naïve Ångström İstanbul ﬁnance straße Σίσυφος Москва 東京 ١٢٣ x_y café-crème 3.14 O'Brien",
    "ISIS-K’s “mysterious helicopters” — 2017; Hamid Karzai, Zamir Kabulov & Maria Zakharova (RT, TASS).",
]


def test_the_tokenisers_agree(collection: tuple[Path, Path]) -> None:
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    samples = [*PARITY_SAMPLES, seed]
    with browser() as chromium, serve(collection[0]) as url:
        context = chromium.new_context(bypass_csp=True)  # the test injects the worker's script into a page
        page = context.new_page()
        page.goto(url)
        page.add_script_tag(path=str(WORKER))
        got = page.evaluate("s => s.map(t => [readingsSearchWords.words(t), readingsSearchWords.terms(t)])", samples)
        context.close()
    for sample, (js_words, js_terms) in zip(samples, got, strict=True):
        assert js_words == words(sample)
        assert js_terms == list(terms(sample))
