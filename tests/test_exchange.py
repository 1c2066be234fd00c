"""Annotations that travel: the W3C export (valid JSON-LD, selectors that find their passage), the import from
Hypothesis (placed, placed correctly, detached, skipped: none lost), the round trip, and ClaimReview markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED_SLUG, copy_context, make_project

from generator.annotations import w3c
from generator.annotations.text import plain
from generator.cli import main
from generator.document import read
from generator.document.page import read_page
from generator.document.schema import ReadingMeta

PAGE = f"docs/readings/{SEED_SLUG}.md"
HYPOTHESIS = FIXTURES / "hypothesis" / "export.json"
SITE_URL = "https://annotated-readings.github.io/annotated-readings/"
URANIUM_RATING = ("  correction-uranium:\n    verdict: 'false'\n    claimant: Sami Karimi\n"
                  "    claim: Uranium is a rare earth element (as the author says, not the ministry)\n")

# The original article's address, as the seed reading's front-matter gives it.
ORIGINAL_URL = ("https://globalresearch.ca/isis-daesh-is-on-the-rise-in-afghanistan-why-whos-supporting-them-afghanistans-rare-earth-"
                "elements/5623182")


def notes_of(path: Path) -> dict[str, tuple[str, str, str]]:
    """Each note: (kind, its passage as a reader sees it, its text on one line)."""
    page = read_page(path, "page")
    doc, layer = read.parse(page.body), read.locate(page.body)
    shown = plain(layer.text)
    texts = doc.notes()
    return {a.id: (a.kind, shown.text[slice(*shown.span(*layer.spans[a.id]))], " ".join(texts[a.id].text.split()))
            for a in doc.annotations}


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """The seed's reading as a plain import writes it: no editors' notes."""
    project = make_project(tmp_path, with_docs=False)
    copy_context(project)
    assert main(["--project", str(project), "import", "seeds"]) == 0
    return project


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    assert main(["--project", str(ROOT), "annotations", "export", SEED_SLUG, "-o", str(out)]) == 0
    return out / f"{SEED_SLUG}.jsonld"


def test_the_export_is_valid_json_ld_and_every_quote_finds_its_passage(exported: Path) -> None:
    data = json.loads(exported.read_text(encoding="utf-8"))
    page = read_page(ROOT / PAGE, PAGE)
    article = plain(read.locate(page.body).text).text
    assert w3c.validate(data, article) == []
    items = data["first"]["items"]
    assert data["type"] == "AnnotationCollection" and data["total"] == len(items) == len(read.parse(page.body).annotations)
    expanded = w3c.expand(data)[0]
    first = expanded["http://www.w3.org/ns/activitystreams#first"][0]["http://www.w3.org/ns/activitystreams#items"][0]["@list"][0]
    assert first["@id"] == f"{SITE_URL}readings/{SEED_SLUG}/#source-helicopters"
    assert [m["@id"] for m in first["http://www.w3.org/ns/oa#motivatedBy"]] == ["http://www.w3.org/ns/oa#assessing"]
    classifying = [b for b in first["http://www.w3.org/ns/oa#hasBody"] if "http://www.w3.org/ns/oa#hasPurpose" in b
                   and b["http://www.w3.org/ns/oa#hasPurpose"][0]["@id"] == "http://www.w3.org/ns/oa#classifying"]
    assert classifying[0]["http://www.w3.org/ns/oa#hasSource"][0]["@id"] == f"{SITE_URL}annotations/vocabulary.jsonld#source"
    by_id = {item["id"].rsplit("#", 1)[1]: item for item in items}
    question = by_id["question-scatter"]
    assert question["motivation"] == "questioning" and by_id["claim-under-watch"]["motivation"] == "assessing"
    assert {b.get("format") for b in question["body"]} == {"text/plain", "text/html", "text/markdown", None}
    assert [(b["type"], b["value"]) for b in question["body"] if b.get("purpose") == "tagging"] == [("TextualBody", "question")]
    # The article's own address first (the reading's front-matter `url`), then the reading's page.
    assert [t["source"] for t in question["target"]] == [ORIGINAL_URL, f"{SITE_URL}readings/{SEED_SLUG}/"]
    quote = question["target"][0]["selector"][0]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"].startswith("He really forced the militants")
    # Citations read as the style writes them, in the plain and HTML bodies; the Markdown keeps the key.
    karzai = by_id["context-karzai"]["body"]
    assert "[@ndtv-2014" in karzai[2]["value"] and "@ndtv" not in karzai[0]["value"] and "2014" in karzai[0]["value"]
    vocabulary = json.loads((exported.parent / "vocabulary.jsonld").read_text(encoding="utf-8"))
    concepts = {node["@id"]: node for node in vocabulary["@graph"]}
    assert concepts["ar:correction"]["skos:broader"] == {"@id": "oa:editing"}


def test_the_site_publishes_the_export_and_links_it(built_site: Path) -> None:
    reading = (built_site / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="describedby" type="application/ld+json" href="../../annotations/{SEED_SLUG}.jsonld"' in reading
    data = json.loads((built_site / "annotations" / f"{SEED_SLUG}.jsonld").read_text(encoding="utf-8"))
    assert data["total"] >= 40 and (built_site / "annotations" / "vocabulary.jsonld").is_file()


def test_a_hypothesis_export_is_placed_detached_or_skipped_and_nothing_is_lost(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = notes_of(fresh / PAGE)
    assert main(["--project", str(fresh), "annotations", "import", str(HYPOTHESIS)]) == 0
    out = capsys.readouterr().out
    assert "annotations: 4 placed, 2 detached (kept under 'Detached notes'), 3 skipped" in out
    assert "skipped hX06aBcDeF: a reply" in out and "skipped hX07aBcDeF: no quoted passage" in out
    assert "skipped hX08aBcDeF: no reading has its address" in out
    after = notes_of(fresh / PAGE)
    added = {ident: after[ident] for ident in set(after) - set(before)}
    assert set(added) == {"source-vocalized-fear-over-buzzing-and", "claim-russian-foreign-ministry",
                          "context-mysterious-helicoptors", "rhetoric-dollar-fueled-jihad"}
    assert added["source-vocalized-fear-over-buzzing-and"] == ("source", "vocalized fear over buzzing and landing",
                                                               "Which residents? The text names none. Ask who is speaking.")
    assert added["context-mysterious-helicoptors"][1] == "mysterious helicopters"  # the quote had a typo: found anyway
    # Twice in the text, told apart by the quote's prefix and suffix: the second occurrence.
    page = read_page(fresh / PAGE, PAGE)
    layer = read.locate(page.body)
    shown = plain(layer.text)
    second = [m.start() for m in re.finditer("Russian foreign ministry", shown.text)][1]
    assert shown.span(*layer.spans["claim-russian-foreign-ministry"])[0] == second
    # Hostile note text stays text.
    hostile = added["rhetoric-dollar-fueled-jihad"][2]
    assert "<img" not in hostile and "&lt;img" in hostile and "==not" not in hostile
    # The two that could not be placed are kept, with their quotes.
    detached = {item.id: item for block in read.editorial_blocks(page.body) if block.type == "detached"
                for item in read.detached_items(block.text)}
    assert detached["question-black-helicopters-landed-in-kabul"].passage == "black helicopters landed in Kabul at night"
    assert detached["question-darzab"].passage == "Darzab"
    meta, _problems = page.typed(ReadingMeta)
    assert meta.note_origins["claim-russian-foreign-ministry"].by == "Bob Checker"
    assert meta.note_origins["source-vocalized-fear-over-buzzing-and"].via == "Hypothesis"
    assert str(meta.note_origins["source-vocalized-fear-over-buzzing-and"].date) == "2026-11-20"
    capsys.readouterr()
    assert main(["--project", str(fresh), "check", PAGE]) == 0  # warnings only: imported notes still need their sources
    assert main(["--project", str(fresh), "build"]) == 0
    html = (fresh / "site" / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert "Imported; written by Bob Checker (via Hypothesis) on" in html and "<img src=x" not in html and "&lt;img src=x onerror" in html


def test_a_dry_run_writes_nothing(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (fresh / PAGE).read_text(encoding="utf-8")
    assert main(["--project", str(fresh), "annotations", "import", "--dry-run", str(HYPOTHESIS)]) == 0
    out = capsys.readouterr().out
    assert (fresh / PAGE).read_text(encoding="utf-8") == text
    assert f"+++ b/{PAGE}" in out and "[dry run: nothing written]" in out


def test_the_round_trip_gives_the_same_notes_at_the_same_passages(fresh: Path, exported: Path) -> None:
    assert main(["--project", str(fresh), "annotations", "import", str(exported)]) == 0
    assert notes_of(fresh / PAGE) == notes_of(ROOT / PAGE)


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ('{"annotations": [', "1:18", "not JSON"),
        ('{"items": []}', "1:1", "not an annotation export this tool reads"),
    ],
)
def test_a_bad_file_is_one_located_line(fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, where: str,
                                        message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    assert main(["--project", str(fresh), "annotations", "import", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{bad.as_posix()}:{where}: error: {message}")


def test_claim_reviews_on_the_reviewed_reading(built_site: Path) -> None:
    html = (built_site / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    reviews = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', head).group(1))  # type: ignore[union-attr]
    # claim-under-watch's rating was withdrawn and correction-since-2015 rated on 2026-12-07 (issue #26)
    assert len(reviews) == 7
    uranium = next(r for r in reviews if r["url"].endswith("#correction-uranium"))
    assert uranium["@type"] == "ClaimReview" and uranium["claimReviewed"] == "Uranium is a rare earth element (as the author says, not the ministry)"
    assert uranium["reviewRating"]["alternateName"] == "False" and "scandium" in uranium["reviewRating"]["ratingExplanation"]
    assert uranium["url"] == f"{SITE_URL}readings/{SEED_SLUG}/#correction-uranium"
    assert uranium["author"]["name"] == "Annotated Readings editors" and uranium["datePublished"] == "2026-12-07"  # the review date
    claim = uranium["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"]["name"] == "Sami Karimi" and claim["datePublished"] == "2017-12-18"
    assert claim["appearance"]["headline"].startswith("ISIS-Daesh Is on the Rise")
    assert 'class="annotation-verdict" data-verdict="false">Verdict: False</span>' in html


def test_a_draft_publishes_no_verdict_markup(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("  status: reviewed\n", "  status: draft\n", 1), encoding="utf-8")
    assert main(["--project", str(project), "build"]) == 0
    html = (project / "site" / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert "ClaimReview" not in html


@pytest.mark.parametrize(
    ("ratings", "code", "message"),
    [
        ("  claim-nowhere: 'false'\n", "bad-rating", "not a note of this reading"),
        ("  question-scatter: 'false'\n", "bad-rating", "only claim and correction notes carry a verdict"),
        ("  correction-uranium: wrong\n", "bad-value", "'ratings' must be a mapping of note ids to a verdict"),
    ],
)
def test_ratings_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str], ratings: str, code: str, message: str) -> None:
    project = make_project(tmp_path)
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("ratings:\n", "ratings:\n" + ratings, 1), encoding="utf-8")
    if code == "bad-value":
        page.write_text(page.read_text(encoding="utf-8").replace(URANIUM_RATING, "", 1), encoding="utf-8")
    assert main(["--project", str(project), "check", PAGE]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.endswith(f"[{code}]")]
    assert errors and message in errors[0]


def test_a_rated_claim_must_cite_its_evidence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    page = project / PAGE
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"(\[\^claim-us-helicopters\]: [^\n]*)", lambda m: re.sub(r" ?\[[^\]\[]*@[^\]]+\]", "", m.group(1)), text)
    page.write_text(text, encoding="utf-8")
    assert main(["--project", str(project), "check", PAGE]) == 1
    assert "the rated note [^claim-us-helicopters] cites no source" in capsys.readouterr().err


def test_export_refuses_an_unknown_slug(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--project", str(ROOT), "annotations", "export", "../../etc", "-o", str(tmp_path)]) == 1
    assert "no reading with the slug '../../etc'" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())



MARKDOWN = "*It has* a [link **x**](http://e) and \\*not\\* &lt;b&gt; ***three*** end snake_case_word."


@pytest.mark.parametrize(
    ("shown", "markdown"),
    [
        ("It has", "It has"),  # inside emphasis: the markers stay around the passage
        ("link x", "link **x**"),
        ("has a link", "*It has* a [link **x**](http://e)"),  # cuts through emphasis and a link: widened to hold them
        ("*not*", "\\*not\\*"),  # an escape is one character to a reader
        ("<b>", "&lt;b&gt;"),  # so is an entity
        ("snake_case", "snake_case"),  # "_" inside a word is not emphasis
    ],
)
def test_the_text_a_reader_sees_maps_both_ways(shown: str, markdown: str) -> None:
    text = plain(MARKDOWN)
    assert text.text == "It has a link x and *not* <b> three end snake_case_word."
    start = text.text.index(shown)
    md_start, md_end = text.markdown_span(start, start + len(shown))
    assert MARKDOWN[md_start:md_end] == markdown
    assert text.span(md_start, md_end)[0] <= start


@pytest.mark.parametrize(
    ("exact", "prefix", "suffix", "hint", "status"),
    [
        ("the cat", "", "", None, "detached"),  # twice, nothing to tell them apart
        ("the cat", "and then ", " sat down", None, "moved"),  # the prefix and suffix tell them apart
        ("the cat", "", "", 30, "moved"),  # a position naming one exactly settles the tie
        ("the dog", "", "", None, "detached"),  # not in the text
        ("the kat sat on the mat", "First ", ", and then", None, "text-changed"),  # close, and its surroundings agree
        ("the kat sat on the mat", "", "", None, "detached"),  # close, but nothing around it to confirm
    ],
)
def test_a_quote_is_placed_only_with_confidence(exact: str, prefix: str, suffix: str, hint: int | None, status: str) -> None:
    from generator.reading.anchoring import find_quote

    text = "First the cat sat on the mat, and then the cat sat down."
    outcome = find_quote("q", exact, prefix, suffix, text, hint if hint is None else text.index("the cat", 10))
    assert outcome.status == status, outcome
