"""What search is given of a reading's page: the article's words, not the page's furniture.

Each annotated passage is followed by its note number (``<sup class="annotation-ref">``) and an annotated reading opens
with the "Notes by kind" legend. Neither is the source's text: both are marked ``data-search-exclude`` (``site.mdext``),
which Material's search parser skips, so ``passage1`` is never one unstemmed word of the index.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from browser import browser, serve
from material.plugins.search.plugin import Parser
from test_browser_search import Tab

from generator.search import index

EXTENSIONS = ["generator.site.mdext", "footnotes", "admonition", "pymdownx.details", "pymdownx.superfences", "toc"]
GLUED_RE = re.compile(r"[^\W\d_]\d+$")  # a word with a note number stuck to its end
SEED_READING = "readings/isis-daesh-is-on-the-rise-in-afghanistan-why-whos-supporting/"


def search_text(body: str) -> str:
    """The text Material's search parser takes from the page ``body`` renders to (its first section, tags removed)."""
    parser = Parser()
    parser.feed(markdown.markdown(body, extensions=EXTENSIONS))
    parser.close()
    return index.plain("".join(parser.data[0].text))


def shard_terms(files: dict[str, str]) -> set[str]:
    found: set[str] = set()
    for name, text in files.items():
        if "shard-" in name:
            match = re.fullmatch(r'readingsSearch\("shard",\d+,(.*?)(,"[^"]*")?\);\n', text, re.DOTALL)
            assert match, name
            found |= set(json.loads(match.group(1)))
    return found


def test_note_numbers_and_the_legend_are_left_out_of_search() -> None:
    body = ("Fear over ==mysterious helicopters==[^source-h] in parts of ==the north==[^claim-n], said ==he==[^claim-n2].\n\n"
            "[^source-h]: Who saw them?\n[^claim-n]: Which provinces?\n[^claim-n2]: A quoted official.\n")
    html = markdown.markdown(body, extensions=EXTENSIONS)
    assert html.count('<sup class="annotation-ref" data-search-exclude="">') == 3
    assert '<div class="annotation-legend" data-search-exclude="">' in html
    text = search_text(body)
    assert text == "Fear over mysterious helicopters in parts of the north, said he."  # the source's words, exactly
    assert "Notes by kind" not in text and not any(GLUED_RE.search(word) for word in text.split())


def test_a_passage_ending_inside_a_word_gives_the_word_back() -> None:
    # The number is ours, not the source's: without it the passage and what follows join as the source has them.
    body = "The ==Afghan==[^context-a]istan border and ==Kabul==[^context-k] (the capital).\n\n[^context-a]: A.\n[^context-k]: K.\n"
    assert search_text(body) == "The Afghanistan border and Kabul (the capital)."


def test_a_contributor_cannot_hide_text_from_search() -> None:
    # Only the page's own chrome carries the attribute: the sanitiser drops it from anything a seed or a contributor wrote.
    html = markdown.markdown('Before.\n\n<p data-search-exclude>Hidden?</p>\n\n<sup data-search-exclude>2</sup>\n',
                             extensions=EXTENSIONS)
    assert "data-search-exclude" not in html
    assert "Hidden?" in search_text('Before.\n\n<p data-search-exclude>Hidden?</p>\n')


def test_an_annotated_arabic_passage_is_stemmed_and_found_by_its_normal_form() -> None:
    body = ("افتتحت المدينة ==مكتبة==[^claim-m] ==جديدة==[^context-j] في وسط المدينة.\n\n"
            "[^claim-m]: أي مكتبة؟\n[^context-j]: متى؟\n")
    text = search_text(body)
    assert text == "افتتحت المدينة مكتبة جديدة في وسط المدينة."
    files = index.build([{"location": "a/", "title": "مكتبة", "text": f"<p>{text}</p>"}], languages={"a/": "ar"})
    terms = shard_terms(files)
    assert not any(GLUED_RE.search(term) for term in terms), sorted(terms)
    plain_files = index.build([{"location": "a/", "title": "مكتبة", "text": "<p>افتتحت المدينة مكتبة جديدة في وسط المدينة.</p>"}],
                              languages={"a/": "ar"})
    assert terms == shard_terms(plain_files)  # the annotated reading is indexed as its unannotated text


def _site_index(site: Path) -> tuple[set[str], list[list[object]]]:
    folder = site / "search" / "readings"
    files = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.js")}
    docs: list[list[object]] = []
    for name, text in files.items():
        if name.startswith("page-"):
            match = re.fullmatch(r'readingsSearch\("page",\d+,(.*?)(,"[^"]*")?\);\n', text, re.DOTALL)
            assert match, name
            docs += json.loads(match.group(1))
    return shard_terms(files), docs


def test_the_seed_readings_index_holds_no_note_numbers(built_site: Path) -> None:
    terms, docs = _site_index(built_site)
    page = next(doc for doc in docs if doc[0] == SEED_READING)
    text = str(page[2])
    assert "mysterious helicopters in parts of Afghanistan" in text and "Notes by kind" not in text
    words = re.findall(r"\w+", text)
    assert not [w for w in words if re.fullmatch(r"[^\W\d_]+\d{1,2}", w)]  # before: helicopters1, abadi50, cities38 ...
    assert {"helicopt", "abadi", "citi"} <= terms
    assert not {"helicopters1", "abadi50", "cities38"} & terms
    # what is left of letters next to digits is the source's own (identifiers in URLs, "2017a" citation labels)
    assert not [t for t in terms if re.fullmatch(r"[^\W\d_]+\d{1,2}", t) and t not in {"sharjah24", "w3c"}]


@pytest.mark.browser
@pytest.mark.slow
def test_results_highlight_the_clean_word(built_site: Path) -> None:
    with browser() as chromium:
        tab = Tab(chromium, "http")
        with serve(built_site) as url:
            tab.page.goto(url)
            links = tab.search("helicopters")
            assert any(SEED_READING in link for link in links), links
            marks = tab.page.locator(".md-search-result mark").evaluate_all(
                "els => els.map(e => e.textContent + '|' + (e.nextSibling ? e.nextSibling.textContent.slice(0, 1) : ''))")
            assert any(m.lower().startswith("helicopters|") for m in marks), marks
            assert not any(re.match(r"\w+\|\d", m) for m in marks), marks  # no note number right after a highlight
        assert tab.outside == [] and tab.errors == []
        tab.context.close()
