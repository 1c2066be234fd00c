"""The W3C export against the annotation-model test suite (web-platform-tests), and its round trip.

Every annotation of the seed's reading, exported by ``readings annotations export``, goes through every MUST and SHOULD
assertion the suite's test files list (tests/vendor/annotation-model/, BSD-3-Clause); the collection and its embedded
page through theirs. The schemas are draft-04 and name each other by relative ``id``: a registry holds the vendored
definitions under those names. ``format`` is checked (``date-time`` with its time zone, ``uri`` absolute), by two
small checkers written here, as the suite's own runner does. A failure names each failing assertion.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from generator.annotations import w3c
from generator.annotations.incoming import read_document
from generator.annotations.publish import collection_path
from generator.cli import main
from generator.document import read
from generator.document.page import read_page
from generator.document.schema import Rating, ReadingMeta, moment
from generator.project import Project
from tests.conftest import ROOT, SEED_SLUG, copy_context, make_project

SUITE = Path(__file__).resolve().parent / "vendor" / "annotation-model"
PAGE = f"docs/readings/{SEED_SLUG}.md"
# The suite's test files: which assertions apply to an annotation, a collection, and a page (embedded in its collection).
TESTS = {
    "annotation": ["annotations/annotationMusts.test", "annotations/annotationOptionals.test", "annotations/annotationsAgentOptionals.test"],
    "collection": ["collections/collectionMusts.test", "collections/collectionOptionals.test"],
    "page": ["collections/pages/pageMusts.test", "collections/pages/pageOptionals.test"],
}
CHECKED = {"must", "should"}  # "may" assertions detect optional features, not conformance
DATE_TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$")
URI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")

formats = FormatChecker(formats=())


@formats.checks("date-time")
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not DATE_TIME_RE.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


@formats.checks("uri")
def _uri(value: object) -> bool:
    return not isinstance(value, str) or bool(URI_RE.match(value))


def _registry() -> Registry[Any]:
    """The suite's definitions under the names its assertions use for them (``otherProperties.json``...)."""
    resources = [(path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT4))
                 for path in sorted((SUITE / "definitions").glob("*.json"))]
    return Registry().with_resources(resources)


def assertions(what: str) -> list[tuple[str, dict[str, Any]]]:
    """(name, schema) of every MUST and SHOULD assertion the suite's test files list for ``what``."""
    out: list[tuple[str, dict[str, Any]]] = []
    for test in TESTS[what]:
        for name in json.loads((SUITE / test).read_text(encoding="utf-8"))["assertions"]:
            schema = json.loads((SUITE / name).read_text(encoding="utf-8"))
            if schema.get("assertionType") in CHECKED and name not in {n for n, _s in out}:
                out.append((name, schema))
    return out


def failing(what: str, data: dict[str, Any]) -> list[str]:
    """The assertions ``data`` fails, each by its file name, its level and the suite's message. None is excused: the
    export meets every MUST and SHOULD."""
    registry = _registry()
    out = []
    for name, schema in assertions(what):
        valid = Draft4Validator(schema, registry=registry, format_checker=formats).is_valid(data)
        if valid != (schema.get("expectedResult", "valid") == "valid"):
            out.append(f"{name} [{schema['assertionType'].upper()}]: {schema.get('errorMessage', schema.get('title', ''))}")
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    assert main(["--project", str(ROOT), "annotations", "export", SEED_SLUG, "-o", str(out)]) == 0
    return out / f"{SEED_SLUG}.jsonld"


@pytest.fixture(scope="module")
def collection(exported: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(exported.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("what", ["annotation", "collection", "page"])
def test_the_suite_has_assertions_for_each_part(what: str) -> None:
    found = assertions(what)
    assert len(found) >= 5 and {s["assertionType"] for _n, s in found} <= CHECKED


@pytest.mark.parametrize(
    ("value", "valid"),
    [("2026-11-26T14:03:00Z", True), ("2026-11-26T14:03:00+01:00", True), ("2026-11-26", False), ("2026-11-26T14:03:00", False),
     ("2026-13-45T14:03:00Z", False)],
)
def test_the_date_time_checker_wants_a_time_and_a_zone(value: str, valid: bool) -> None:
    assert formats.conforms(value, "date-time") is valid


def test_a_faulty_annotation_fails_by_name() -> None:
    """A positive control: the suite does fail what it should, and the failure names the assertion."""
    bad = {"@context": w3c.ANNO_CONTEXT, "id": "x", "type": "Annotation", "created": "2026-11-26", "target": "https://example.org/"}
    names = " ".join(failing("annotation", bad))
    assert "3.3.1-annotationCreatedValidated.json [MUST]" in names and "3.1-annotationIdValidated.json [MUST]" in names


def test_every_exported_annotation_passes_every_must_and_should(collection: dict[str, Any]) -> None:
    items = collection["first"]["items"]
    assert items
    problems = []
    for item in items:
        # An annotation embedded in a collection takes the collection's context (model 5.1); the suite wants it on each.
        found = failing("annotation", {"@context": collection["@context"], **item})
        problems += [f"{item['id']}: {message}" for message in found]
    assert problems == [], "\n".join(sorted(set(p.split(": ", 1)[1] for p in problems))) + f"\n({len(problems)} failures)"


@pytest.mark.parametrize("what", ["collection", "page"])
def test_the_collection_and_its_page_pass_every_must_and_should(collection: dict[str, Any], what: str) -> None:
    assert failing(what, collection) == []


def test_the_collection_and_page_ids_are_the_published_file(collection: dict[str, Any]) -> None:
    project = Project.at(ROOT)
    published = project.site_url(collection_path(SEED_SLUG))
    assert collection["id"] == published
    assert collection["first"]["id"].split("#", 1)[0] == published and collection["first"]["id"] != published
    assert collection["first"]["partOf"] == published


def test_dates_are_utc_date_times_and_the_generator_is_the_tool(collection: dict[str, Any]) -> None:
    items = collection["first"]["items"]
    stamps = [item[key] for item in items for key in ("created", "modified") if key in item]
    assert stamps and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", s) for s in stamps)
    assert all(item["generator"]["type"] == "Software" and item["generator"]["name"] == "Annotated Readings" for item in items)


def test_verdicts_travel_as_assessing_bodies(collection: dict[str, Any]) -> None:
    page = read_page(ROOT / PAGE, PAGE)
    meta, _problems = page.typed(ReadingMeta)
    by_id = {item["id"].rsplit("#", 1)[1]: item for item in collection["first"]["items"]}
    for ident in meta.ratings:
        assessing = [b for b in by_id[ident]["body"] if b.get("purpose") == "assessing"]
        assert len(assessing) == 1 and assessing[0]["type"] == "TextualBody" and assessing[0]["value"]


def test_the_round_trip_keeps_dates_verdicts_and_names(tmp_path: Path, exported: Path) -> None:
    fresh = make_project(tmp_path, with_docs=False)
    copy_context(fresh)
    assert main(["--project", str(fresh), "import", "seeds"]) == 0
    # Notes the import itself writes (capture notes) are on the fresh page already: skipped, their provenance is git's.
    own = set(read.parse(read_page(fresh / PAGE, PAGE).body).notes())
    assert main(["--project", str(fresh), "annotations", "import", str(exported)]) == 0
    again = tmp_path / "again"
    assert main(["--project", str(fresh), "annotations", "export", SEED_SLUG, "-o", str(again)]) == 0
    first = {item["id"].rsplit("#", 1)[1]: item for item in json.loads(exported.read_text(encoding="utf-8"))["first"]["items"]}
    second = {item["id"].rsplit("#", 1)[1]: item for item in json.loads((again / f"{SEED_SLUG}.jsonld").read_text(encoding="utf-8"))["first"]["items"]}
    assert set(second) == set(first) and len(own) <= 2
    for ident, item in ((i, item) for i, item in first.items() if i not in own):
        for key in ("created", "modified"):
            assert second[ident].get(key) == item.get(key), (ident, key)
        assert second[ident].get("creator", {}).get("name") == item.get("creator", {}).get("name"), ident
    old = read_page(ROOT / PAGE, PAGE).typed(ReadingMeta)[0]
    new = read_page(fresh / PAGE, PAGE).typed(ReadingMeta)[0]
    assert new.ratings == old.ratings and len(old.ratings) == 7


def test_the_published_collection_names_itself_and_its_page(built_site: Path) -> None:
    """What ``readings build`` publishes: the collection's id is the address of that very file, its page a fragment of it."""
    path = built_site / collection_path(SEED_SLUG)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["id"] == Project.at(ROOT).config.site_url.rstrip("/") + "/" + path.relative_to(built_site).as_posix()
    assert data["first"]["id"] == data["last"] == data["id"] + w3c.PAGE_FRAGMENT
    vocabulary = built_site / "annotations" / w3c.VOCABULARY_FILE
    classifying = {b["source"] for item in data["first"]["items"] for b in item["body"] if b.get("purpose") == "classifying"}
    assert vocabulary.is_file() and classifying and all(s.split("#", 1)[0].endswith("annotations/vocabulary.jsonld") for s in classifying)


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({"claim-a": False}, {}),  # YAML's unquoted false: refused, quote the verdict
        ({"claim-a": "misleading"}, {"claim-a": Rating("misleading")}),
        ({"claim-a": {"verdict": "false", "claimant": "A minister", "claim": "It rained."}},
         {"claim-a": Rating("false", "A minister", claim="It rained.")}),
        ({"claim-a": {"verdict": "accurate", "claimant": 3}}, {}),  # a claimant that is no text: the schema refuses the ratings
        ({"claim-a": {"verdict": "nonsense"}}, {}),
        ({"claim-a": "nonsense", "claim-b": ["false"]}, {}),
        (["claim-a"], {}),
        ("false", {}),
    ],
)
def test_ratings_are_read_as_the_schema_reads_them(ratings: object, expected: dict[str, Rating]) -> None:
    page = read_page(ROOT / PAGE, PAGE)
    assert w3c.verdicts(dataclasses.replace(page, meta={**page.meta, "ratings": ratings})) == expected


def test_a_mapping_rating_carries_its_claimant_and_claim(tmp_path: Path) -> None:
    page = read_page(ROOT / PAGE, PAGE)
    rated = dataclasses.replace(page, meta={**page.meta, "ratings": {"claim-under-watch": {
        "verdict": "unsupported", "claimant": "Sami Karimi", "claim": "ISIS grows under US watch."}}})
    data = w3c.collection(SEED_SLUG, rated, w3c.Site(language="en"))
    item = next(i for i in data["first"]["items"] if i["id"].endswith(":claim-under-watch"))
    assessing = [b for b in item["body"] if b.get("purpose") == "assessing"]
    assert assessing == [{"type": "TextualBody", "purpose": "assessing", "value": "unsupported", "format": "text/plain",
                          "language": "en", "ar:claimant": "Sami Karimi", "ar:claim": "ISIS grows under US watch."}]
    [incoming], _problems = read_document({**item, "generator": w3c.generator("")}, "x")
    assert (incoming.verdict, incoming.claimant, incoming.claim) == ("unsupported", "Sami Karimi", "ISIS grows under US watch.")


@pytest.mark.parametrize(
    ("generator", "via", "verdict"),
    [
        ({"id": w3c.GENERATOR_ID, "type": "Software"}, "", "false"),  # our own export: names as they are, verdicts back
        ({"id": "https://example.org/other-tool", "type": "Software"}, "W3C annotations", ""),  # anyone else's verdict is theirs
        ("readings", "W3C annotations", ""),
        (None, "W3C annotations", ""),
    ],
)
def test_only_our_own_export_keeps_names_and_gives_verdicts(generator: object, via: str, verdict: str) -> None:
    item = {"id": "https://example.org/a#claim-x", "type": "Annotation", "motivation": "assessing", "created": "2026-11-26T15:04:05+01:00",
            "modified": "2026-11-27", "creator": {"type": "Person", "name": "Jane Doe"},
            "body": [{"type": "TextualBody", "value": "A note.", "format": "text/plain"},
                     {"type": "TextualBody", "purpose": "assessing", "value": "false"}],
            "target": {"source": "https://example.org/", "selector": {"type": "TextQuoteSelector", "exact": "rain"}}}
    if generator is not None:
        item["generator"] = generator
    [incoming], _problems = read_document(item, "x")
    assert (incoming.by, incoming.via, incoming.verdict, incoming.text) == ("Jane Doe", via, verdict, "A note.")
    assert (incoming.date, incoming.modified) == ("2026-11-26T14:04:05Z", "2026-11-27")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-26", (dt.date(2026, 11, 26), "")),
        (dt.date(2026, 11, 26), (dt.date(2026, 11, 26), "")),
        ("2026-11-26T14:03:00Z", (dt.date(2026, 11, 26), "2026-11-26T14:03:00Z")),
        ("2026-11-27T00:30:00+01:00", (dt.date(2026, 11, 26), "2026-11-26T23:30:00Z")),  # to UTC, and its UTC day
        (dt.datetime(2026, 11, 26, 14, 3, tzinfo=dt.UTC), (dt.date(2026, 11, 26), "2026-11-26T14:03:00Z")),
        ("2026-11-26T14:03:00", None),  # no zone: which moment is unknown
        (dt.datetime(2026, 11, 26, 14, 3), None),
        ("2026-13-45", None),
        ("yesterday", None),
        (20261126, None),
    ],
)
def test_a_moment_is_a_day_or_a_zoned_time(value: object, expected: tuple[dt.date, str] | None) -> None:
    assert moment(value) == expected


@pytest.mark.parametrize(
    ("entry", "ok"),
    [
        ({"by": "A", "date": "2026-11-26"}, True),
        ({"by": "A", "date": "2026-11-26T14:03:00Z", "modified": "2026-11-27T09:00:00Z"}, True),
        ({"by": "A", "date": "2026-11-26", "modified": "2026-11-27"}, True),
        ({"by": "A", "date": "2026-11-26", "modified": "soon"}, False),
        ({"by": "A", "date": "2026-11-26T14:03:00"}, False),
        ({"by": "A", "date": "2026-11-26", "verdict": "false"}, False),
    ],
)
def test_note_origins_take_a_time_and_a_modification(entry: dict[str, object], ok: bool) -> None:
    page = read_page(ROOT / PAGE, PAGE)
    meta, problems = dataclasses.replace(page, meta={**page.meta, "note_origins": {"claim-under-watch": entry}}).typed(ReadingMeta)
    assert (not [p for p in problems if "note_origins" in p.message]) is ok
    if ok:
        origin = meta.note_origins["claim-under-watch"]
        assert (origin.time or origin.date.isoformat()) == str(entry["date"]) and origin.modified == entry.get("modified", "")


@pytest.mark.parametrize(("front", "language"), [({}, "en"), ({"language": "de"}, "de")])
def test_targets_take_the_readings_language_else_the_sites(front: dict[str, str], language: str) -> None:
    page = read_page(ROOT / PAGE, PAGE)
    data = w3c.collection(SEED_SLUG, dataclasses.replace(page, meta={**page.meta, **front}), w3c.Site(language="en"))
    item = data["first"]["items"][0]
    # The passage is the article's, in its language; the note is the desk's, in the site's (README, "Language and
    # direction"; a note in another language names it: tests/test_language_direction.py).
    assert {t["language"] for t in item["target"]} == {language} and item["body"][0]["language"] == "en"
    assert {t["format"] for t in item["target"]} <= {"text/html", "text/markdown"}


@pytest.mark.parametrize(("given", "written"), [("2026-11-26", "2026-11-26T00:00:00Z"), ("2026-11-26T14:03:00Z", "2026-11-26T14:03:00Z")])
def test_a_day_alone_is_written_at_its_start(given: str, written: str) -> None:
    assert w3c.timestamp(given) == written


@pytest.mark.parametrize(
    ("name", "kind", "nickname"),
    [("Jane Doe", "Person", "jane-doe"), (w3c.PUBLISHER, "Organization", "annotated-readings-editors"),
     ("Bob Checker (via Hypothesis)", "Person", "bob-checker-via-hypothesis"), ("Zoë Müller", "Person", "zoe-muller")],
)
def test_a_creator_is_an_agent_with_an_id_and_a_nickname(name: str, kind: str, nickname: str) -> None:
    assert w3c.agent(name) == {"id": f"urn:annotated-readings:contributor:{nickname}", "type": kind, "name": name, "nickname": nickname}
