"""Issue 25, the W3C export's targets: the passage says who wrote it and when (the article's authors, its publication
day), and the reading page's target selects it by its element's id too (a FragmentSelector), every address of which
resolves on the published page; the export stays readable by our own importer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from generator.annotations import w3c
from generator.annotations.claimreview import claim_reviews
from generator.annotations.incoming import read_document
from generator.annotations.publish import collection_path
from generator.cli import main
from generator.document import schema
from generator.document.page import read_page
from generator.document.schema import FirstAppearance, ReadingMeta
from tests.conftest import ROOT, SEED_SLUG, copy_context, make_project
from tests.test_claimreview import READING_URL, SITE_URL, invalid, page_with
from tests.test_update import change_seed

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
        [target] = [t for t in item["target"] if t["source"] == SITE.reading_url]
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
    page = read_page(ROOT / PAGE, PAGE)
    page = dataclasses.replace(page, meta={k: v for k, v in page.meta.items() if k != "url"})  # no original address either
    [target] = w3c.collection(SEED_SLUG, page, w3c.Site(language="en"))["first"]["items"][0]["target"]
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
    assert page_address.endswith(f"/readings/{SEED_SLUG}/")
    assert page_address in [t["source"] for t in data["first"]["items"][0]["target"]]
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


# --- A rating's first appearance (schema.FirstAppearance): validated, published as itemReviewed.firstAppearance ------


FIRST = ("{verdict: unsupported, claimant: Hamid Karzai, claim: The army won in a day, first_appearance: {date: 2017-10-09,"
         " title: Interview with the former president, publisher: Example Broadcaster, url: 'https://broadcaster.example/i'}}")


def test_a_first_appearance_is_read_and_written_back() -> None:
    page = page_with(f"  claim-won: {FIRST}\n")
    meta, problems = page.typed(ReadingMeta)
    assert problems == []
    assert meta.ratings["claim-won"].first_appearance == FirstAppearance(dt.date(2017, 10, 9), "Interview with the former president",
                                                                         "Example Broadcaster", "https://broadcaster.example/i")
    assert schema.dump(meta)["ratings"] == page.meta["ratings"]


@pytest.mark.parametrize(
    ("first", "claim_first"),
    [
        ("{date: 2017-10-09, title: Interview with the former president, publisher: Example Broadcaster, url: 'https://broadcaster.example/i'}",
         {"@type": "CreativeWork", "name": "Interview with the former president", "url": "https://broadcaster.example/i",
          "publisher": {"@type": "Organization", "name": "Example Broadcaster"}, "datePublished": "2017-10-09"}),
        ("{date: 2017-10-09, url: 'https://broadcaster.example/i'}",
         {"@type": "CreativeWork", "url": "https://broadcaster.example/i", "datePublished": "2017-10-09"}),
    ],
)
@pytest.mark.parametrize("claimant", ["claimant: Hamid Karzai, ", "", "claimant: Ann Author, "])
def test_claim_review_publishes_the_first_appearance_as_a_creative_work(first: str, claim_first: dict[str, Any], claimant: str) -> None:
    """Whoever made the claim, a first appearance the desk gives is where it first appeared, and when: it replaces the
    article (which is only where its author's claim first appeared when the desk knows no earlier one)."""
    page = page_with(f"  claim-won: {{verdict: 'false', {claimant}first_appearance: {first}}}\n")
    assert page.typed(ReadingMeta)[1] == []
    (review,) = claim_reviews(page, READING_URL, "Editors", SITE_URL)
    claim = review["itemReviewed"]
    assert claim["firstAppearance"] == claim_first and claim["datePublished"] == "2017-10-09"
    assert claim["appearance"]["@type"] == "Article" and invalid(review) == []


@pytest.mark.parametrize(
    ("first", "code", "message"),
    [
        ("https://x.example/", "bad-value", "'first_appearance' must be a mapping {date, title, publisher, url}, not 'https://x.example/'"),
        ("{date: 2017-10-09, titel: An interview}", "unknown-key", "unknown key 'titel'; did you mean 'title'?"),
        ("{title: An interview}", "bad-value", "needs 'date', when the claim first appeared (YYYY-MM-DD)"),
        ("{date: last year, title: An interview}", "bad-value", "needs 'date', when the claim first appeared (YYYY-MM-DD), not 'last year'"),
        ("{date: 2017-10-09, publisher: A broadcaster}", "bad-value", "needs a 'title' or a 'url'"),
        ("{date: 2017-10-09, url: 'javascript:alert(1)'}", "bad-value", "'url' must be an http(s) address"),
        ("{date: 2017-10-09, title: 3}", "bad-value", "'title' must be a non-empty string, not 3"),
        ("{date: 2017-10-09, title: 'An <b>interview</b>'}", "unsafe-front-matter", "'title' holds '<' or '>'"),
        ("{date: 2017-10-09, title: An interview, publisher: ''}", "bad-value", "'publisher' must be a non-empty string"),
    ],
)
def test_a_bad_first_appearance_is_one_located_line_at_its_rating(first: str, code: str, message: str) -> None:
    page = page_with(f"  correction-river: 'false'\n  claim-won: {{verdict: 'false', first_appearance: {first}}}\n")
    _meta, problems = page.typed(ReadingMeta)
    assert [(p.line, p.code) for p in problems] == [(12, code)], problems
    assert message in problems[0].message and "the rating of [^claim-won]: 'first_appearance'" in problems[0].message
    assert claim_reviews(page, READING_URL, "Editors") == []  # nothing published


def test_readings_check_reports_a_bad_first_appearance_on_its_ratings_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    path = project / PAGE
    text = path.read_text(encoding="utf-8")
    entry = "  claim-us-helicopters:\n    verdict: unsupported\n"
    assert entry in text
    new = text.replace(entry, entry + "    first_appearance: {date: 2017-10-09, titl: An interview}\n", 1)
    path.write_text(new, encoding="utf-8")
    line = new[:new.index(entry)].count("\n") + 1
    assert main(["--project", str(project), "check", PAGE]) == 1
    errors = [e for e in capsys.readouterr().err.splitlines() if ": error:" in e]
    assert errors == [f"{PAGE}:{line}:1: error: the rating of [^claim-us-helicopters]: 'first_appearance' has an unknown key 'titl';"
                      " did you mean 'title'? (it has date, title, publisher, url) [unknown-key]"]


def test_a_rating_travels_whole_through_the_w3c_export() -> None:
    page = page_with("  claim-won: {verdict: 'false', claimant: Ministry of Defence, claimant_type: Organization, claim: Won,"
                     " first_appearance: {date: 2017-10-09, title: A statement, url: 'https://ministry.example/s'}}\n")
    data = w3c.collection("t", page, w3c.Site(language="en"))
    item = next(i for i in data["first"]["items"] if i["id"].endswith(":claim-won"))
    [assessing] = [b for b in item["body"] if b.get("purpose") == "assessing"]
    assert assessing["ar:claimantType"] == "Organization"
    assert assessing["ar:firstAppearance"] == {"ar:date": "2017-10-09", "ar:title": "A statement", "ar:url": "https://ministry.example/s"}
    [incoming], _problems = read_document(item, "x")
    assert (incoming.verdict, incoming.claimant, incoming.claimant_type, incoming.claim) == ("false", "Ministry of Defence",
                                                                                             "Organization", "Won")
    assert dict(incoming.first_appearance) == {"date": "2017-10-09", "title": "A statement", "url": "https://ministry.example/s"}


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ({"ar:date": "2017-10-09", "ar:url": "javascript:alert(1)", "ar:title": "T"}, {"date": "2017-10-09", "title": "T"}),
        ({"ar:date": "2017-10-09", "ar:url": "javascript:alert(1)"}, {}),  # nothing left to find it by: none
        ({"ar:title": "T"}, {}),
        ({"ar:date": "2017-10-09", "ar:title": "<b>T</b>"}, {"date": "2017-10-09", "title": "‹b›T‹/b›"}),
        ("2017-10-09", {}),
    ],
)
def test_an_imported_first_appearance_is_neutralised(given: object, kept: dict[str, str]) -> None:
    item = {"id": "https://example.org/a#claim-x", "type": "Annotation", "generator": w3c.generator(""),
            "body": [{"type": "TextualBody", "value": "A note."},
                     {"type": "TextualBody", "purpose": "assessing", "value": "false", "ar:firstAppearance": given}],
            "target": {"source": "https://example.org/", "selector": {"type": "TextQuoteSelector", "exact": "rain"}}}
    [incoming], _problems = read_document(item, "x")
    assert dict(incoming.first_appearance) == kept


def test_the_round_trip_keeps_a_first_appearance_and_a_claimant_type(tmp_path: Path) -> None:
    """Export a reading whose ratings carry every field, import it into a fresh import of the seed: the same ratings."""
    (tmp_path / "source").mkdir()
    (tmp_path / "fresh").mkdir()
    source = make_project(tmp_path / "source")
    path = source / PAGE
    text = path.read_text(encoding="utf-8")
    entry = "  claim-us-helicopters:\n    verdict: unsupported\n    claimant: Hamid Karzai\n"
    assert entry in text
    path.write_text(text.replace(entry, entry + "    claimant_type: Organization\n    first_appearance: {date: 2017-10-09, title: A"
                                 " statement, publisher: Example Broadcaster, url: 'https://broadcaster.example/s'}\n", 1), encoding="utf-8")
    exported = tmp_path / "out"
    assert main(["--project", str(source), "annotations", "export", SEED_SLUG, "-o", str(exported)]) == 0
    fresh = make_project(tmp_path / "fresh", with_docs=False)
    copy_context(fresh)
    assert main(["--project", str(fresh), "import", "seeds"]) == 0
    assert main(["--project", str(fresh), "annotations", "import", str(exported / f"{SEED_SLUG}.jsonld")]) == 0
    old = read_page(source / PAGE, PAGE).typed(ReadingMeta)[0].ratings
    new = read_page(fresh / PAGE, PAGE).typed(ReadingMeta)
    assert new[1] == [] and new[0].ratings == old
    assert old["claim-us-helicopters"].first_appearance == FirstAppearance(dt.date(2017, 10, 9), "A statement", "Example Broadcaster",
                                                                        "https://broadcaster.example/s")


# --- docs/sources.yaml: a name written as a plain string -------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "said"),
    [
        ("Sami Karimi", "'Sami Karimi' as a plain string, which CSL-JSON does not read as a name: write a person as"
                        " '- {family: Karimi, given: Sami}' and an organisation as '- {literal: Sami Karimi}', one list item per name"),
        ("[Sami Karimi, {family: Doe, given: Jane}, Reuters]", "'Sami Karimi' (and 1 more) as a plain string"),
        ("[Reuters]", "write a person as '- {family: Reuters, given: …}' and an organisation as '- {literal: Reuters}'"),
    ],
)
def test_a_name_as_a_plain_string_is_one_located_line_saying_how_to_write_it(author: str, said: str) -> None:
    from generator.bibliography import parse

    text = f"references:\n- id: karimi-2017\n  type: article\n  title: T\n  author: {author}\n  issued: '2017-12-18'\n"
    _bibliography, problems = parse(text, "docs/sources.yaml")
    assert [(p.line, p.code) for p in problems] == [(5, "not-csl-json")]
    assert problems[0].message.startswith("[karimi-2017] 'author' gives ") and said in problems[0].message


def test_readings_check_reports_a_plain_string_author_in_the_bibliography(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    path = project / "docs" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    written = "  author:\n  - family: Karimi\n    given: Sami\n"
    assert written in text
    new = text.replace(written, "  author: Sami Karimi\n", 1)
    path.write_text(new, encoding="utf-8")
    line = new[:new.index("  author: Sami Karimi\n")].count("\n") + 1
    assert main(["--project", str(project), "check"]) == 1
    errors = [e for e in capsys.readouterr().err.splitlines() if ": error:" in e]
    assert errors == [f"docs/sources.yaml:{line}:1: error: [karimi-2017] 'author' gives 'Sami Karimi' as a plain string, which"
                      " CSL-JSON does not read as a name: write a person as '- {family: Karimi, given: Sami}' and an organisation"
                      " as '- {literal: Sami Karimi}', one list item per name [not-csl-json]"]


# --- Review fixes ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "body", "message"),
    [
        ("  correction-river: 'false'\n  claim-won: 'false'\n",  # the note was deleted, its rating left behind
         "The army said it won and ==the river is red==[^correction-river].\n\n[^correction-river]: It is blue [@key].\n",
         "'ratings' names [^claim-won], which is not a note of this reading"),
        ("  correction-river: 'false'\n  question-won: 'false'\n", "The army ==said it won==[^question-won] and ==the river is"
         " red==[^correction-river].\n\n[^question-won]: Did it [@key]?\n[^correction-river]: It is blue [@key].\n",
         "'ratings' rates [^question-won], a question note"),
    ],
)
def test_a_rating_of_a_deleted_or_unratable_note_is_reported_at_its_own_line(ratings: str, body: str, message: str) -> None:
    from generator.checks.sourcing import rating_problems
    from generator.document.page import parse_page
    from tests.test_claimreview import HEAD

    page = parse_page(f"{HEAD}ratings:\n{ratings}---\n\n{body}", "docs/readings/t.md")
    found = [p for p in rating_problems(page, SITE_URL) if p.code == "bad-rating"]
    assert [p.line for p in found] == [12] and message in found[0].message  # line 12: the entry, not 'ratings:' (10)


@pytest.mark.parametrize(
    ("seed", "kept", "notes"),
    [
        ("See [the report](<https://example.org/a>) now.", "See [the report](https://example.org/a) now.", []),
        ("See [the report](<https://example.org/a> \"A title\") now.", "See [the report](https://example.org/a) now.", []),
        ("See [the report](https://example.org/a) now.", "See [the report](https://example.org/a) now.", []),
        # a web address Markdown reads with a space in it: not kept, and said so truly (a web link, not "not a web page")
        ("See [the report](<https://example.org/a b>) now.", "See the report now.", ["unkept-link"]),
        ("See [the report](<javascript:alert(1)>) now.", "See the report now.", ["unsafe-link"]),
        ("See [the report](<b onmouseover=alert(1)>) now.", "See the report now.", ["unsafe-link"]),
    ],
)
def test_a_link_written_with_angle_brackets_is_judged_by_its_address(seed: str, kept: str, notes: list[str]) -> None:
    from generator.importers.common import escape_text, repair_links

    text, spans = repair_links(escape_text(seed))
    assert text == kept and [code.value for _s, _e, code in spans] == notes



def test_a_link_added_around_a_passages_words_keeps_its_note(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The words are all there, only now a link: the note stays on them (it was detached as "the passage's text is gone",
    or written across the link's brackets, which the page then showed as text)."""
    change_seed(repo, ("where the ISIS-K is reported", "where the [ISIS-K](https://example.org/a-long-address-about-the-group) is reported"),
                 ("the alarming reports uncover", "the [alarming reports](https://example.org/reports-of-the-arrival) uncover"),
                 ("landing of mysterious helicopters in parts", "landing of mysterious [helicopters in parts](https://example.org/h)"))
    assert main(["--project", str(repo), "import", "--update", "seeds"]) == 0
    out = capsys.readouterr().out
    assert " 0 text-changed, 0 detached" in out and "changed its words" not in out, out
    assert "the passage of [^source-helicopters] now holds the link it cut through whole: “mysterious helicopters in parts”" in out
    page = (repo / PAGE).read_text(encoding="utf-8")
    assert "==the [alarming reports](https://example.org/reports-of-the-arrival) uncover==[^source-reports]" in page
    # inside a link's text, as an imported note is placed there (``text.Plain.markdown_span``)
    assert "[==ISIS-K==[^context-isis-k]](https://example.org/a-long-address-about-the-group)" in page
    assert "==mysterious [helicopters in parts](https://example.org/h)==[^source-helicopters]" in page
    assert "Detached notes" not in page
    assert main(["--project", str(repo), "check"]) == 0


def test_the_update_reports_kept_ratings_as_a_reader_writes_them() -> None:
    from generator.reading.update import _shown

    ratings = {"claim-a": schema.Rating("false", "A minister", "Person", "It rained",
                                        FirstAppearance(dt.date(2017, 10, 9), "A statement", url="https://ministry.example/s"))}
    assert _shown(ratings) == ("{claim-a: {verdict: 'false', claimant: 'A minister', claimant_type: 'Person', claim: 'It rained',"
                               " first_appearance: {date: 2017-10-09, title: 'A statement', url: 'https://ministry.example/s'}}}")


def test_the_bylines_author_anchors_print_hostile_names_as_text() -> None:
    """The header prints each author in an element of its own (the anchors the export names): escaped, each once."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=False)
    hostile = ['Ann "><script>alert(1)</script>', "Bo & O'Brien"]
    html = env.get_template("partials/reading-header.html").render(
        page={"meta": {"authors": hostile, "publisher": "P\"x", "source": "s", "source_sha256": "0"}}, config={})
    assert "<script>" not in html and 'id="reading-author-1">Ann &#34;&gt;&lt;script&gt;' in html
    assert 'id="reading-author-2">Bo &amp; O&#39;Brien</bdi>' in html and 'id="reading-publisher">P&#34;x</bdi>' in html
    assert html.count('id="reading-author-') == 2
