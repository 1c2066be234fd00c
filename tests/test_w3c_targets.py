"""Issue 25, the W3C export's targets: the passage says who wrote it and when (the article's authors, its publication
day), and the reading page's target selects it by its element's id too (a FragmentSelector), every address of which
resolves on the published page; the export stays readable by our own importer."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from generator.annotations import w3c
from generator.annotations.incoming import read_document
from generator.annotations.publish import collection_path
from generator.document.page import read_page
from tests.conftest import ROOT, SEED_SLUG

PAGE = f"docs/readings/{SEED_SLUG}.md"
SITE = w3c.Site(reading_url="https://example.org/readings/r/", language="en")


def _items(meta: dict[str, Any] | None = None, site: w3c.Site = SITE) -> list[dict[str, Any]]:
    page = read_page(ROOT / PAGE, PAGE)
    if meta is not None:
        page = dataclasses.replace(page, meta={**page.meta, **meta})
    items: list[dict[str, Any]] = w3c.collection(SEED_SLUG, page, site)["first"]["items"]
    return items


@pytest.fixture(scope="module")
def published(built_site: Path) -> tuple[dict[str, Any], Any]:
    """The collection ``readings build`` publishes, and the reading page it annotates, parsed."""
    data = json.loads((built_site / collection_path(SEED_SLUG)).read_text(encoding="utf-8"))
    html = lxml.html.fromstring((built_site / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8"))
    return data, html


def test_the_passage_is_by_the_articles_authors_on_its_day() -> None:
    for item in _items():
        [target] = item["target"]
        assert target["creator"] == {"id": "https://example.org/readings/r/#reading-author-1", "type": "Person",
                                     "name": "Sami Karimi", "nickname": "sami-karimi"}
        assert target["created"] == "2017-12-18T00:00:00Z"  # published: 2017-12-18, a day alone: its start in UTC


@pytest.mark.parametrize(
    ("front", "creator"),
    [
        ({"authors": ["Ann Author", "Bo Writer"]}, [
            {"id": "https://example.org/readings/r/#reading-author-1", "type": "Person", "name": "Ann Author", "nickname": "ann-author"},
            {"id": "https://example.org/readings/r/#reading-author-2", "type": "Person", "name": "Bo Writer", "nickname": "bo-writer"}]),
        ({"authors": []}, {"id": "https://example.org/readings/r/#reading-publisher", "type": "Organization",
                           "name": "Global Research", "nickname": "global-research"}),  # no byline: the outlet
        ({"authors": ["李明"]}, {"id": "https://example.org/readings/r/#reading-author-1", "type": "Person", "name": "李明",
                                "nickname": "li-ming"}),  # a name in another script: its nickname transliterated
    ],
)
def test_the_creator_follows_the_byline(front: dict[str, Any], creator: Any) -> None:
    assert _items(front)[0]["target"][0]["creator"] == creator


def test_without_byline_publisher_or_date_nothing_is_claimed() -> None:
    page = read_page(ROOT / PAGE, PAGE)
    meta = {k: v for k, v in page.meta.items() if k not in {"authors", "publisher", "published"}}
    data = w3c.collection(SEED_SLUG, dataclasses.replace(page, meta=meta), SITE)
    target = data["first"]["items"][0]["target"][0]
    assert "creator" not in target and "created" not in target


def test_without_a_site_address_the_ids_are_the_readings_urn() -> None:
    [target] = _items(site=w3c.Site(language="en"))[0]["target"]
    assert target["source"] == f"urn:annotated-readings:reading:{SEED_SLUG}"
    assert target["creator"]["id"] == f"urn:annotated-readings:reading:{SEED_SLUG}:reading-author-1"
    # no published page, no element id to select by: the quote and the position only
    assert [s["type"] for s in target["selector"]] == ["TextQuoteSelector", "TextPositionSelector"]


def test_only_the_reading_pages_target_has_a_fragment_selector() -> None:
    item = _items({"url": "https://outlet.example/a"})[0]
    by_source = {t["source"]: [s["type"] for s in t["selector"]] for t in item["target"]}
    assert by_source == {"https://outlet.example/a": ["TextQuoteSelector", "TextPositionSelector"],
                         SITE.reading_url: ["TextQuoteSelector", "TextPositionSelector", "FragmentSelector"]}
    fragment = item["target"][1]["selector"][2]
    assert fragment == {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3986", "value": item["id"].rsplit("#", 1)[1]}


def test_every_fragment_selector_selects_the_quoted_passage_on_the_published_page(published: tuple[dict[str, Any], Any]) -> None:
    data, html = published
    items = data["first"]["items"]
    assert len(items) >= 50
    for item in items:
        [target] = [t for t in item["target"] if t["source"].endswith(f"/readings/{SEED_SLUG}/")]
        selectors = {s["type"]: s for s in target["selector"]}
        found = html.xpath("//*[@id=$v]", v=selectors["FragmentSelector"]["value"])
        assert len(found) == 1 and found[0].tag == "mark", item["id"]
        assert found[0].text_content() == selectors["TextQuoteSelector"]["exact"], item["id"]


def test_every_author_id_is_the_authors_name_in_the_published_byline(published: tuple[dict[str, Any], Any]) -> None:
    data, html = published
    creators = {json.dumps(t["creator"], sort_keys=True) for item in data["first"]["items"] for t in item["target"]}
    assert len(creators) == 1
    creator = json.loads(creators.pop())
    page_address, anchor = creator["id"].split("#", 1)
    assert page_address == data["first"]["items"][0]["target"][0]["source"]
    [element] = html.xpath("//*[@id=$v]", v=anchor)
    assert element.text_content() == creator["name"] and element.getparent().get("class") == "reading-authors"


def test_the_importer_reads_a_target_whatever_the_order_of_its_selectors() -> None:
    item = _items()[0]
    target = item["target"][0]
    reordered = {**item, "generator": w3c.generator(""), "target": [{**target, "selector": target["selector"][::-1]}]}
    [incoming], problems = read_document(reordered, "x")
    quote = target["selector"][0]
    assert problems == [] and not incoming.skipped
    assert (incoming.exact, incoming.prefix, incoming.suffix, incoming.start) == (quote["exact"], quote["prefix"], quote["suffix"],
                                                                                target["selector"][1]["start"])


def test_the_export_still_validates_against_the_article_text() -> None:
    from generator.annotations.text import plain
    from generator.document import read

    page = read_page(ROOT / PAGE, PAGE)
    data = w3c.collection(SEED_SLUG, page, SITE)
    assert w3c.validate(data, plain(read.locate(page.body).text).text) == []
