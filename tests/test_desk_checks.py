"""The desk checks (generator/checks/desk.py, issue #26): a table of cases per rule, positive and negative, each
located; the configuration of the age limit; what they find on the seed's reading, bounded by the list in the
README's report."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, make_project

from generator import bibliography as bibliography_file
from generator.checks import check
from generator.checks.desk import (
    content_words,
    off_claim_problems,
    rated_twice_across,
    rated_twice_problems,
    undated_present_problems,
    unnamed_claimant_problems,
    unsettled_problems,
)
from generator.cli import main
from generator.document.page import Page, parse_page
from generator.errors import InputError, Severity
from generator.project import STALE_AFTER_YEARS, Project, SiteConfig
from generator.site.plugin import ReadingsConfig

TODAY = dt.date(2026, 12, 7)


def reading(paragraph: str, notes: dict[str, str], ratings: str, authors: str = "- Ann Author", review: str = "") -> Page:
    """A reading page: front-matter (``ratings`` as YAML lines), one article paragraph, its notes."""
    note_lines = "\n".join(f"[^{ident}]: {text}" for ident, text in notes.items())
    text = (f"---\ntitle: T\nauthors:\n{authors}\npublisher: P\nratings:\n{ratings}\n{review}---\n\n"
            f"{paragraph}\n\n{note_lines}\n")
    return parse_page(text, "docs/readings/r.md")


def codes(problems: list[object]) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in problems]  # type: ignore[attr-defined]


# --- off-claim-rating ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "claim", "warned"), [
    # the passage says nothing of the claim
    ("The sky was ==green that day==[^correction-x].", "Taxes rose by five percent", True),
    # the claim's words are in the sentence, outside the passage (the review's correction-revenue)
    ("The Russian fierce air campaign reduced the ISIS to ==lose 80 of the incomes from oil wells==[^correction-x].",
     "Russia's air campaign cut ISIS's oil income by 80", True),
    # the passage makes the claim (endings differ: "incomes"/"income", "Russian"/"Russia")
    ("Sources agree that ==the Russian air campaign cut the group's incomes by 80==[^correction-x].",
     "Russia's air campaign cut the group's income by 80", False),
    # one word of the claim outside the passage is no finding
    ("He even went on to say that it emerged ==under the watch of US military and intelligence==[^correction-x].",
     "ISIS emerged in Afghanistan under the watch of US military and intelligence", False),
])
def test_off_claim_rating(sentence: str, claim: str, warned: bool) -> None:
    page = reading(sentence, {"correction-x": "Not so [@k]."}, f"  correction-x:\n    verdict: 'false'\n    claim: {claim}")
    problems = off_claim_problems(page)
    assert codes(problems) == ([(page.key_lines["ratings.correction-x"], "off-claim-rating")] if warned else [])
    assert all(p.severity is Severity.WARNING for p in problems)


def test_a_rating_without_a_summary_rates_its_passage() -> None:
    page = reading("The sky was ==green that day==[^correction-x].", {"correction-x": "Not so [@k]."}, "  correction-x: 'false'")
    assert off_claim_problems(page) == []


def test_content_words_drop_stop_words_citations_and_endings() -> None:
    assert content_words("The incomes of the group [@key-2017] were cut") == {"incom", "group", "cut"}


# --- unsettled-verdict --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("verdict", "note", "warned"), [
    ("unsupported", "Reports differ on the wording [@k]. Which did he say?", True),  # the note ends in a question
    ("unsupported", "ANI quoted him asking: “Who did this and how come?” [@k]. Nothing else supports it.", False),  # quoted
    ("false", "As president he did speak of unmarked helicopters, in 2009, but of Taliban fighters [@k].", True),
    ("false", "He was not formally charged; seven bodyguards were convicted [@k].", True),
    ("false", "The evidence is mixed: one office said the case was referred to court, another that it was not [@k].", True),
    ("false", "He did not speak of it; he spoke of Taliban fighters [@k].", False),
    ("false", "Uranium is not a rare earth element [@k].", False),
    ("misleading", "The figure matches IHS Markit's estimate of June 2017 [@k].", True),  # nothing contrary
    ("misleading", "The figure matches IHS Markit's estimate, which blamed territorial losses, not the air campaign [@k].", False),
    ("accurate", "The figure matches IHS Markit's estimate of June 2017 [@k].", False),
    ("unsupported", "No source gives evidence for it, and we found none [@k].", False),
])
def test_unsettled_verdict(verdict: str, note: str, warned: bool) -> None:
    page = reading("The text says ==something about it==[^correction-x].", {"correction-x": note},
                   f"  correction-x:\n    verdict: '{verdict}'\n    claimant: Someone")
    assert codes(unsettled_problems(page)) == ([(page.key_lines["ratings.correction-x"], "unsettled-verdict")] if warned else [])


# --- rated-twice --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("paragraph", "ratings", "warned"), [
    ("==Taxes rose by five percent==[^claim-a]. Later: ==by five percent, taxes rose==[^claim-b].",
     "  claim-a: 'false'\n  claim-b: 'false'", True),  # the same words, as the passages make them
    ("==Taxes rose==[^claim-a] in May, and ==prices rose==[^claim-b] in June.",
     "  claim-a:\n    verdict: 'false'\n    claim: Taxes rose by five percent in May\n"
     "  claim-b:\n    verdict: 'false'\n    claim: In May taxes rose by five percent", True),  # the same summary, reworded
    ("==Taxes rose==[^claim-a] in May, and ==Taxes rose==[^claim-b] in June.",
     "  claim-a:\n    verdict: 'false'\n    claim: Taxes rose in May\n"
     "  claim-b:\n    verdict: 'false'\n    claim: Taxes rose in June", True),  # the same passage
    ("==Taxes rose==[^claim-a] in May, and ==prices fell==[^claim-b] in June.", "  claim-a: 'false'\n  claim-b: 'false'", False),
])
def test_rated_twice(paragraph: str, ratings: str, warned: bool) -> None:
    page = reading(paragraph, {"claim-a": "No [@k].", "claim-b": "No [@k]."}, ratings)
    assert codes(rated_twice_problems(page)) == ([(page.key_lines["ratings.claim-b"], "rated-twice")] if warned else [])


@pytest.mark.parametrize(("second", "warned"), [("misleading", True), ("false", False)])
def test_the_same_claim_across_readings_gets_one_verdict(second: str, warned: bool) -> None:
    pages = []
    for name, verdict in (("a", "false"), ("b", second)):
        page = reading("==Taxes rose==[^claim-a] in May.", {"claim-a": "No [@k]."},
                       f"  claim-a:\n    verdict: '{verdict}'\n    claim: Taxes rose by five percent in May")
        pages.append((Path(f"{name}.md"), Page(f"docs/readings/{name}.md", page.meta, page.body, page.body_line, page.key_lines)))
    problems = rated_twice_across(pages)
    assert [(p.path, p.line, p.code) for p in problems] == ([("docs/readings/b.md", pages[1][1].key_lines["ratings.claim-a"],
                                                               "rated-twice")] if warned else [])


# --- unnamed-claimant ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "rating", "warned"), [
    ("He went on to say that it emerged ==under the watch of US intelligence==[^claim-x].", "'unsupported'", True),
    ("He maintained that ==the helicopters were used to supply weapons==[^claim-x].", "'unsupported'", True),  # marked whole
    ("According to the minister, ==the mines hold uranium==[^claim-x].", "{verdict: 'false', claimant: Ann Author}", True),
    ("Residents were sure: “==They ride their motor bikes==[^claim-x]”.", "'false'", True),  # quotation marks around it
    ("“==Taxes rose by half==[^claim-x]”, the governor said.", "'false'", True),  # said after the quotation
    ("He went on to say that it emerged ==under the watch of US intelligence==[^claim-x].",
     "{verdict: 'unsupported', claimant: Hamid Karzai}", False),  # the claimant is named
    ("He once openly talked of ==anonymous aircraft carrying militants==[^claim-x].",
     "{verdict: 'false', claimant: Ann Author, claim: Karzai spoke of anonymous aircraft carrying militants}", False),
    ("The community condemned the alleged act ==in the following days==[^claim-x].", "'false'", False),  # an adjective
    ("==During his term, when the talk peaked==[^claim-x], he once talked of aircraft.", "'false'", False),  # introduces the rest
    ("==Taxes rose by half in May==[^claim-x].", "'false'", False),  # the author's own words
])
def test_unnamed_claimant(sentence: str, rating: str, warned: bool) -> None:
    page = reading(sentence, {"claim-x": "Not so [@k]."}, f"  claim-x: {rating}")
    assert codes(unnamed_claimant_problems(page)) == ([(page.key_lines["ratings.claim-x"], "unnamed-claimant")] if warned else [])


# The seed's two claims from Karzai as the review found them, rated with the short form (the author as claimant).
KARZAI = """In October 2017, he blamed the US for supplying weapons to Daesh or ISIS in Afghanistan. ==He maintained that \
the US army helicopters were being used to supply weapons to the group==[^claim-us-helicopters].

[^claim-us-helicopters]: Press reports of the interview give different wordings [@k].

He even went on to say that the militant group emerged in the country over the past three to four years ==under the \
watch of US military and intelligence agencies==[^claim-under-watch]."""


def test_the_reviews_finding_on_the_karzai_claims() -> None:
    page = reading(KARZAI, {"claim-under-watch": "It follows a paraphrase of Karzai [@k]."},
                   "  claim-us-helicopters: 'unsupported'\n  claim-under-watch: 'unsupported'", authors="- Sami Karimi")
    found = unnamed_claimant_problems(page)
    assert [(p.line, p.code) for p in found] == [(page.key_lines["ratings.claim-us-helicopters"], "unnamed-claimant"),
                                                  (page.key_lines["ratings.claim-under-watch"], "unnamed-claimant")]
    assert all("name the claimant" in p.message for p in found)


# --- undated-present ----------------------------------------------------------------------------------------------

SOURCES = """references:
- {id: old, type: article, title: Old, container-title: C, issued: {date-parts: [[2017, 11]]}}
- {id: older, type: article, title: Older, container-title: C, issued: {date-parts: [[2015]]}}
- {id: new, type: article, title: New, container-title: C, issued: {date-parts: [[2025, 7, 1]]}}
"""


@pytest.fixture
def sources() -> bibliography_file.Bibliography:
    found, problems = bibliography_file.parse(SOURCES, "docs/sources.yaml")
    assert problems == []
    return found


def context_page(body: str, summary: str = "A thing.", as_of: str = "as_of: 2026-11-26\n") -> Page:
    return parse_page(f"---\nname: X\nkind: publisher\nsummary: {summary}\n{as_of}---\n\n# X\n\n{body}\n", "docs/context/x.md")


@pytest.mark.parametrize(("body", "years", "warned"), [
    ("X is the website of the centre, based in Montreal and run by Y [@old; @older].", 3, True),
    ("X is the branch of the group active in the east [@older].", 3, True),
    ("Y leads the party. It was founded in 2001 [@old].", 3, True),  # the paragraph's citation supports both sentences
    ("X is run by Y, as of 2017 [@old].", 3, False),  # dated
    ("Y still held the post in July 2025, the latest briefing we checked [@new].", 3, False),
    ("X was run by Y [@old].", 3, False),  # past tense
    ("X is run by Y [@old; @new].", 3, False),  # a recent source
    ("X is a province in the north [@old].", 3, False),  # nothing that changes
    ("Is X still run by Y? [@old]", 3, False),  # a question
    ("X is run by Y [@old].", 10, False),  # the age limit is configurable
    ("X is run by Y.", 3, False),  # nothing cited: 'uncited-note' and the reviewer's eye
])
def test_undated_present_on_a_context_page(body: str, years: int, warned: bool, sources: bibliography_file.Bibliography) -> None:
    page = context_page(f"Intro line.\n\n{body}")
    problems = undated_present_problems(page, sources, years, TODAY, is_reading=False)
    line = page.body_line + page.body.split("\n").index(body) + 1
    assert codes(problems) == ([(line, "undated-present")] if warned else [])
    assert all("as of" in p.message for p in problems)


def test_a_summary_is_weighed_against_every_source_of_its_page(sources: bibliography_file.Bibliography) -> None:
    page = context_page("X was founded in 2001 [@old].", summary="X is run by Y.")
    assert codes(undated_present_problems(page, sources, 3, TODAY, is_reading=False)) == [(page.key_lines["summary"], "undated-present")]
    dated = context_page("X was founded in 2001 [@old].", summary="X is run by Y (as of 2017).")
    assert undated_present_problems(dated, sources, 3, TODAY, is_reading=False) == []


def test_the_age_is_measured_from_the_date_the_page_vouches_for(sources: bibliography_file.Bibliography) -> None:
    page = context_page("X is run by Y [@old].", as_of="as_of: 2019-01-01\n")
    assert undated_present_problems(page, sources, 3, TODAY, is_reading=False) == []  # checked within 3 years of its source
    undated = context_page("X is run by Y [@old].", as_of="")
    assert "today (2026-12-07)" in undated_present_problems(undated, sources, 3, TODAY, is_reading=False)[0].message


@pytest.mark.parametrize(("review", "warned"), [("review: {status: reviewed, by: [A], date: 2026-11-26}\n", True),
                                                ("review: {status: reviewed, by: [A], date: 2018-01-01}\n", False),
                                                ("", True)])
def test_undated_present_in_a_readings_notes(review: str, warned: bool, sources: bibliography_file.Bibliography) -> None:
    page = reading("The group ==surfaced==[^context-group] in the east.",
                   {"context-group": "The group is the branch active in the east. It formed in 2015 [@older]."},
                   "  {}", review=review)
    note_line = page.body_line + next(n for n, text in enumerate(page.body.split("\n"), 1) if text.startswith("[^context-group]"))
    assert codes(undated_present_problems(page, sources, 3, TODAY, is_reading=True)) == ([(note_line, "undated-present")]
                                                                                        if warned else [])


# --- configuration ------------------------------------------------------------------------------------------------

def write_config(tmp_path: Path, plugins: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: S\nplugins:\n  - search\n{plugins}", encoding="utf-8")
    return path


@pytest.mark.parametrize(("plugins", "expected"), [("", STALE_AFTER_YEARS), ("  - readings\n", STALE_AFTER_YEARS),
                                                   ("  - readings:\n      stale_after_years: 5\n", 5)])
def test_the_age_limit_is_configured_in_one_place(tmp_path: Path, plugins: str, expected: int) -> None:
    assert SiteConfig.read(write_config(tmp_path, plugins)).stale_after_years == expected
    assert dict(ReadingsConfig._schema)["stale_after_years"].default == STALE_AFTER_YEARS  # the plugin declares the same


@pytest.mark.parametrize("value", ["0", "three", "true", "2.5"])
def test_a_bad_age_limit_is_one_located_line(tmp_path: Path, value: str) -> None:
    with pytest.raises(InputError) as caught:
        SiteConfig.read(write_config(tmp_path, f"  - readings:\n      stale_after_years: {value}\n"))
    assert [p.code for p in caught.value.problems] == ["config"] and "stale_after_years" in str(caught.value)


# --- the seed's reading -------------------------------------------------------------------------------------------

READING = f"docs/readings/{SEED_SLUG}.md"
# What the desk checks found on the seed's reading and context pages when they were written (the report of #26): the
# reading is being revised for them, so each may go, but no other may appear. (path, code, words of the message)
SEED_FINDINGS = {
    ("docs/context/global-research.md", "undated-present", "the summary: “Global Research is the website"),
    ("docs/context/global-research.md", "undated-present", "“Global Research (globalresearch.ca) is the website"),
    ("docs/context/isis-k.md", "undated-present", "the summary: “ISIS-K (Islamic State Khorasan Province) is"),
    ("docs/context/isis-k.md", "undated-present", "“ISIS-K, also written ISKP, is"),
    (READING, "undated-present", "“ISIS-K (Islamic State Khorasan Province) is the Islamic"),
    (READING, "unsettled-verdict", "[^correction-indicted]"),
    (READING, "unsettled-verdict", "[^correction-karzai-helicopters]"),
    (READING, "unsettled-verdict", "[^claim-us-helicopters]"),
    (READING, "off-claim-rating", "[^correction-revenue]"),
    (READING, "unnamed-claimant", "[^correction-uranium]"),
}
DESK = {"off-claim-rating", "unsettled-verdict", "rated-twice", "unnamed-claimant", "undated-present"}


def test_the_seed_gives_only_the_listed_findings() -> None:
    project = Project.at(ROOT)
    pages = [*project.reading_paths(), *project.context_paths()]
    found = [p for p in check(pages, project, today=TODAY) if p.code in DESK]
    unlisted = [p.format() for p in found if not any(p.path == path and p.code == code and words in p.message
                                                     for path, code, words in SEED_FINDINGS)]
    assert unlisted == []
    assert all(p.severity is Severity.WARNING and p.line > 1 for p in found)


def test_suggest_and_publish_show_them_and_still_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    page = project / READING
    text = page.read_text(encoding="utf-8")
    dropped = text.replace("    claimant: Hamid Karzai\n    claimant_type: Person\n    claim: US helicopters", "    claim: US helicopters", 1)
    dropped = dropped.replace("    claimant: Hamid Karzai\n    claim: US helicopters", "    claim: US helicopters", 1)
    assert dropped != text
    page.write_text(dropped, encoding="utf-8")
    for flag in ("--suggest", "--publish"):
        assert main(["--project", str(project), "check", flag, READING]) == 0
        err = capsys.readouterr().err
        assert "[^claim-us-helicopters] names no claimant" in err and "[unnamed-claimant]" in err


# --- hostile input ------------------------------------------------------------------------------------------------

def test_hostile_notes_and_claims_cost_linear_time(sources: bibliography_file.Bibliography) -> None:
    """A note or summary built to make the patterns backtrack is checked in well under a second each."""
    long = "is " * 30000 + "run [@old]."
    page = reading("The group ==did it==[^correction-x] in May.", {"correction-x": "did " * 20000 + "“" * 5000 + long},
                   f"  correction-x:\n    verdict: 'false'\n    claim: {'said ' * 5000}x", review="")
    started = time.perf_counter()
    found = undated_present_problems(page, sources, 3, TODAY, is_reading=True) + unsettled_problems(page)
    found += off_claim_problems(page) + unnamed_claimant_problems(page) + rated_twice_problems(page)
    assert time.perf_counter() - started < 3
    assert {p.code for p in found} >= {"undated-present", "unsettled-verdict"}
    assert all("\n" not in p.format() for p in found)
