"""Issue 25, fact-check markup: a rating names its claimant (who made the claim) and a short summary, ClaimReview
carries them with the article as the claim's appearance and a numeric scale, and every emitted item is valid
schema.org (checked against the vendored vocabulary, tests/vendor/schemaorg/)."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED_SLUG, make_project

from generator.annotations.claimreview import claim_reviews, with_verdicts
from generator.checks.sourcing import rating_problems
from generator.cli import main
from generator.document import schema
from generator.document.page import parse_page, read_page
from generator.document.schema import CLAIM_SUMMARY_MAX, RATING_SCALE, RATING_VALUES, Rating, ReadingMeta
from generator.outputs.epub import _note_label

VOCABULARY = ROOT / "tests" / "vendor" / "schemaorg" / "vocabulary.json"
PAGE = f"docs/readings/{SEED_SLUG}.md"
SITE_URL = "https://example.org/"
READING_URL = f"{SITE_URL}readings/t/"
ZERO = "0" * 64
HEAD = (f"---\ntitle: T\nauthors: [Ann Author]\npublisher: The Outlet\npublished: 2017-12-18\nurl: https://outlet.example/a\n"
        f"source: seeds/x.txt\nsource_sha256: '{ZERO}'\nreview: {{status: reviewed, by: [E], date: 2026-01-02}}\n")
BODY = ("The army ==said it won the war in one day, as everybody knows, and then some more words run on==[^claim-won] and"
        " ==the river is red==[^correction-river].\n\n[^claim-won]: It did not [@key].\n[^correction-river]: It is blue [@key].\n")


def page_with(ratings: str) -> Any:
    return parse_page(f"{HEAD}ratings:\n{ratings}---\n\n{BODY}", "docs/readings/t.md")


# --- The validator: schema.org types, properties and domains ---------------------------------------------------------


@cache
def vocabulary() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    return data


def ancestors(type_: str) -> set[str]:
    """``type_`` and every class it is a subclass of (rdfs:subClassOf, walked to the top)."""
    classes = vocabulary()["classes"]
    seen, todo = set(), [type_]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += classes.get(name, [])
    return seen


def invalid(item: Any, where: str = "$") -> list[str]:
    """What in a JSON-LD item schema.org does not define: unknown types, unknown properties, a property whose
    domain does not include the item's type, a node whose type is not in the property's range."""
    if isinstance(item, list):
        return [p for i, value in enumerate(item) for p in invalid(value, f"{where}[{i}]")]
    if not isinstance(item, dict):
        return []
    classes, properties = vocabulary()["classes"], vocabulary()["properties"]
    types = item.get("@type")
    types = types if isinstance(types, list) else [types] if types else []
    if not types:
        return [f"{where}: no @type"]  # what its properties mean cannot be checked
    problems = [f"{where}: unknown type {t!r}" for t in types if t not in classes]
    lineage = set().union(*(ancestors(t) for t in types))
    for key, value in item.items():
        if key in ("@context", "@type", "@id"):
            continue
        if key not in properties:
            problems.append(f"{where}: unknown property {key!r}")
            continue
        if not lineage & set(properties[key]["domain"]):
            problems.append(f"{where}: {key!r} is not a property of {'/'.join(types)} (domain: {properties[key]['domain']})")
        for node in value if isinstance(value, list) else [value]:
            typed = isinstance(node, dict) and isinstance(node.get("@type"), str) and node["@type"] in classes
            if typed and not ancestors(node["@type"]) & set(properties[key]["range"]):
                problems.append(f"{where}.{key}: a {node['@type']} is not in its range {properties[key]['range']}")
        problems += invalid(value, f"{where}.{key}")
    return problems


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"@type": "ClaimReview", "claimReviewed": "x", "itemReviewed": {"@type": "Claim", "appearance": {"@type": "Article"}}}, []),
        ({"@type": "ClaimReviw"}, ["unknown type 'ClaimReviw'"]),
        ({"@type": "ClaimReview", "claimReviewd": "x"}, ["unknown property 'claimReviewd'"]),
        ({"@type": "Claim", "claimReviewed": "x"}, ["'claimReviewed' is not a property of Claim"]),
        ({"@type": "Rating", "appearance": {"@type": "Article"}}, ["'appearance' is not a property of Rating"]),
        ({"@type": "Claim", "author": {"@type": "Place", "name": "x"}}, ["a Place is not in its range"]),
        ({"@type": "Claim", "author": {"name": "x"}}, ["no @type"]),
    ],
)
def test_the_validator_finds_what_schema_org_does_not_define(item: dict[str, Any], expected: list[str]) -> None:
    found = invalid(item)
    assert len(found) == len(expected) and all(e in f for e, f in zip(expected, found, strict=True))


# --- Claimant, appearance, summary, scale ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "author", "first", "reviewed"),
    [
        # the short form: the article's author made the claim, the article is where it first appeared
        ("\'false\'", {"@type": "Person", "name": "Ann Author"}, True, "said it won the war in one day, as everybody knows,"
         " and then some more words run on"),
        ("{verdict: unsupported, claimant: Hamid Karzai, claim: The army won in a day}",
         {"@type": "Person", "name": "Hamid Karzai"}, False, "The army won in a day"),
        ("{verdict: misleading, claimant: Ministry of Defence, claimant_type: Organization}",
         {"@type": "Organization", "name": "Ministry of Defence"}, False, "said it won the war in one day, as everybody knows,"
         " and then some more words run on"),
        ("{verdict: accurate, claimant: Ann Author, claim: Won}", {"@type": "Person", "name": "Ann Author"}, True, "Won"),
    ],
)
def test_a_rating_names_its_claimant_and_the_article_is_its_appearance(rating: str, author: dict[str, str], first: bool,
                                                                        reviewed: str) -> None:
    page = page_with(f"  claim-won: {rating}\n")
    assert page.typed(ReadingMeta)[1] == []
    (review,) = claim_reviews(page, READING_URL, "Editors", SITE_URL)
    claim = review["itemReviewed"]
    assert claim["author"] == author and review["claimReviewed"] == reviewed
    article = {"@type": "Article", "headline": "T", "url": "https://outlet.example/a", "author": {"@type": "Person", "name": "Ann Author"},
               "publisher": {"@type": "Organization", "name": "The Outlet"}, "datePublished": "2017-12-18"}
    assert claim["appearance"] == article
    # Only its author's claim first appeared in the article, on its date; one it reports was made elsewhere, earlier.
    assert (claim.get("firstAppearance"), claim.get("datePublished")) == ((article, "2017-12-18") if first else (None, None))
    assert invalid(review) == []


@pytest.mark.parametrize("verdict", RATING_SCALE)
def test_the_rating_has_its_words_and_its_number_where_it_has_one(verdict: str) -> None:
    (review,) = claim_reviews(page_with(f"  claim-won: '{verdict}'\n"), READING_URL, "Editors")
    rating = review["reviewRating"]
    assert rating["alternateName"] == verdict.capitalize() and rating["name"].startswith(verdict.capitalize() + ": ")
    assert rating["name"].endswith(schema.RATING_MEANINGS[verdict]) and rating["ratingExplanation"] == "It did not [@key]."
    if verdict in RATING_VALUES:
        assert (rating["ratingValue"], rating["worstRating"], rating["bestRating"]) == (
            RATING_VALUES[verdict], min(RATING_VALUES.values()), max(RATING_VALUES.values()))
    else:  # "unsupported" says the evidence is missing: it has no place on a scale of truth
        assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
    assert invalid(review) == []


def test_the_numeric_scale_orders_the_verdicts_it_holds() -> None:
    ordered = [v for v in RATING_SCALE if v in RATING_VALUES]
    assert [RATING_VALUES[v] for v in ordered] == list(range(1, len(ordered) + 1)) and set(RATING_SCALE) - set(ordered) == {"unsupported"}


def test_every_item_the_seed_reading_publishes_is_valid_schema_org() -> None:
    page = read_page(ROOT / PAGE, PAGE)
    reviews = claim_reviews(page, f"{SITE_URL}readings/{SEED_SLUG}/", "Annotated Readings editors", SITE_URL)
    # claim-under-watch's rating was withdrawn and correction-since-2015 rated on 2026-12-07 (issue #26)
    assert len(reviews) == 7
    assert [p for r in reviews for p in invalid(r)] == []


# --- The seed's reading, as the desk signs it ------------------------------------------------------------------------


KARIMI_CLAIMS = ("correction-indicted", "correction-uranium", "correction-since-2015", "correction-revenue", "correction-karzai-term",
                 "correction-karzai-helicopters")


def test_the_seed_readings_ratings_name_their_claimants_and_summaries() -> None:
    page = read_page(ROOT / PAGE, PAGE)
    meta, problems = page.typed(ReadingMeta)
    assert problems == []
    claimants = {ident: rating.claimant for ident, rating in meta.ratings.items()}
    assert claimants == {**dict.fromkeys(KARIMI_CLAIMS, "Sami Karimi"), "claim-us-helicopters": "Hamid Karzai"}
    assert all(0 < len(r.claim) <= CLAIM_SUMMARY_MAX for r in meta.ratings.values())
    reviews = {r["url"].rsplit("#", 1)[1]: r for r in claim_reviews(page, SITE_URL, "Editors")}
    assert "claim-under-watch" not in reviews  # the text reports Karzai accurately: not rated since 2026-12-07
    assert reviews["claim-us-helicopters"]["itemReviewed"]["author"] == {"@type": "Person", "name": "Hamid Karzai"}
    assert "firstAppearance" not in reviews["claim-us-helicopters"]["itemReviewed"]
    assert reviews["correction-uranium"]["itemReviewed"]["firstAppearance"]["headline"] == meta.title
    assert [c for c in meta.corrections if c.date == dt.date(2026, 12, 7) and "Hamid Karzai" in c.text]
    assert [p for p in rating_problems(page, SITE_URL) if p.code == "long-claim"] == []


# --- Bad input: one located line each, nothing published ------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "code", "message"),
    [
        ("{verdict: unsupported, claimant: 3}", "bad-value", "'claimant' must be a non-empty string, not 3"),
        ("{verdict: unsupported, claimant: ''}", "bad-value", "'claimant' must be a non-empty string"),
        ("{verdict: unsupported, claim: [a, b]}", "bad-value", "'claim' must be a non-empty string"),
        ("wrong", "bad-value", "[^claim-won] has the verdict 'wrong', not one of"),
        ("{claimant: Hamid Karzai}", "bad-value", "[^claim-won] has no verdict"),
        ("{verdict: 'false', claimnt: Hamid Karzai}", "unknown-key", "unknown key 'claimnt' in the rating of [^claim-won]; did you mean 'claimant'?"),
        ("{verdict: 'false', claimant: X, claimant_type: Robot}", "bad-value", "'claimant_type' must be one of Person, Organization"),
        ("{verdict: 'false', claimant: 'A <b>B</b>'}", "unsafe-front-matter", "'claimant' holds '<' or '>'"),
    ],
)
def test_a_bad_rating_is_one_located_line_and_publishes_nothing(entry: str, code: str, message: str) -> None:
    page = page_with(f"  correction-river: 'false'\n  claim-won: {entry}\n")
    _meta, problems = page.typed(ReadingMeta)
    assert [(p.line, p.code) for p in problems] == [(12, code)] and message in problems[0].message
    assert claim_reviews(page, READING_URL, "Editors") == []  # the good rating beside it is not published either


def test_readings_check_reports_a_bad_rating_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    path = project / PAGE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ratings:\n", "ratings:\n  claim-under-watch-x: {verdict: 'false', claimant: [Karzai]}\n", 1), encoding="utf-8")
    line = text[:text.index("ratings:\n")].count("\n") + 2
    assert main(["--project", str(project), "check", PAGE]) == 1
    errors = [e for e in capsys.readouterr().err.splitlines() if ": error:" in e]
    assert len(errors) == 1 and errors[0].startswith(f"{PAGE}:{line}:1: error:") and errors[0].endswith("[bad-value]")


@pytest.mark.parametrize(
    ("entry", "warned"),
    [
        ("'false'", True),  # no summary: the 76-character passage is what would be published
        ("{verdict: 'false', claim: The army won the war in a day}", False),
        ("{verdict: 'false', claim: " + "x" * (CLAIM_SUMMARY_MAX + 1) + "}", True),
        ("{verdict: 'false', claim: " + "x" * CLAIM_SUMMARY_MAX + "}", False),
    ],
)
def test_a_long_claim_reviewed_is_warned_about_at_its_rating(entry: str, warned: bool) -> None:
    page = page_with(f"  correction-river: 'false'\n  claim-won: {entry}\n")
    long = [p for p in rating_problems(page, SITE_URL) if p.code == "long-claim"]
    assert [(p.line, p.severity.value) for p in long] == ([(12, "warning")] if warned else [])


# --- What a reader sees ----------------------------------------------------------------------------------------------


NOTE_ITEM = '<li data-kind="claim" id="note-claim-won"><span class="annotation-label">Claim</span>'


@pytest.mark.parametrize(
    ("rating", "shown"),
    [
        (Rating("unsupported", "Hamid Karzai"), ' <span class="annotation-claimant">Claim by Hamid Karzai</span> · '
         '<span class="annotation-verdict" data-verdict="unsupported">Verdict: Unsupported</span>'),
        (Rating("false", "A & <B>"), ' <span class="annotation-claimant">Claim by A &amp; &lt;B&gt;</span> · '
         '<span class="annotation-verdict" data-verdict="false">Verdict: False</span>'),
        (Rating("false", "Ann Author"), ' <span class="annotation-verdict" data-verdict="false">Verdict: False</span>'),
        (Rating("mostly accurate"), ' <span class="annotation-verdict" data-verdict="mostly accurate">Verdict: Mostly accurate</span>'),
        ("false", ' <span class="annotation-verdict" data-verdict="false">Verdict: False</span>'),
    ],
)
def test_the_note_shows_the_claimant_and_the_verdict(rating: Rating | str, shown: str) -> None:
    """The byline names the article's author: a claimant is shown when it is someone else."""
    assert with_verdicts(NOTE_ITEM + "</li>", {"claim-won": rating}, None, ("Ann Author",)) == NOTE_ITEM + shown + "</li>"


@pytest.mark.parametrize(
    ("rating", "label"),
    [
        (Rating("unsupported", "Hamid Karzai"), "Claim (claim by Hamid Karzai · verdict: unsupported)."),
        (Rating("false", "Ann Author"), "Claim (verdict: false)."),
        (None, "Claim."),
    ],
)
def test_the_books_note_label_names_the_claimant(rating: Rating | None, label: str) -> None:
    assert _note_label("claim", rating, ("Ann Author",)) == label


@pytest.mark.parametrize("ratings", ["  claim-won: 'false'\n", "  claim-won:\n    verdict: unsupported\n    claimant: Hamid Karzai\n"
                                     "    claim: The army won\n", "  claim-won: {verdict: 'false', claimant: M, claimant_type: Organization}\n"])
def test_ratings_are_written_back_as_they_were_given(ratings: str) -> None:
    page = page_with(ratings)
    meta, problems = page.typed(ReadingMeta)
    assert problems == [] and schema.dump(meta)["ratings"] == page.meta["ratings"]
