"""How the desk works, shown to readers: the methodology and disclosure pages follow the code's definitions and the
configuration; ``check --publish`` refuses a site without its disclosures; every note and reading has a "Report an
error" link that is well-formed and escaped whatever the passage holds, survives the sanitiser and the site's scan,
and is there on the hosted site, in the offline bundle and in a single-file reading; a correction links the reader's
report that led to it."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import lxml.html
import pytest
import yaml
from conftest import ROOT, SEED_SLUG, make_project
from markdown import Markdown

from generator.cli import main
from generator.document import schema
from generator.document.kinds import KINDS
from generator.errors import Problem
from generator.project import PUBLISHER_FIELDS, Project, SiteConfig
from generator.site.generated import generated_pages, stale_generated, write_generated
from generator.site.policies import DISCLOSURE, METHODOLOGY, methodology_page
from generator.site.report import PASSAGE_MAX, REPORT_FIELDS, Report, issue_url, mailto_url, report_html, with_report_links
from generator.site.sanitize import sanitize
from generator.site.scan import scan_html

REPOSITORY = "https://github.com/example-desk/readings"
CONTACT = "desk@example.org"
PAGE = f"docs/readings/{SEED_SLUG}.md"
HOSTILE = [
    'He said "no" & \'yes\' <script>alert(1)</script>',
    "line one\nline two\r\nline three\ttab",
    "\u202eRTL override\u202c and \u200fRLM\u200e marks \u2066isolate\u2069",
    "javascript:alert(1)//%0a%3Cscript%3E ?a=b&title=x#frag",
    "Ünïcödé — “quotes” 🙂 ﷽",
    "x" * 10_000,
    ("word " * 3000).strip(),
]


# --- the links, alone ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("passage", HOSTILE)
def test_the_issue_link_is_well_formed_and_carries_the_report(passage: str) -> None:
    report = Report('A "title" & <b>more</b>', "https://site.example/readings/x/#note-claim-x", "claim-x", passage)
    url = issue_url(REPOSITORY, report)
    assert re.fullmatch(r"[A-Za-z0-9%._~:/?&=-]+", url), url  # nothing but unreserved characters, escapes and delimiters
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/example-desk/readings/issues/new")
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values()), query  # no value split into another parameter
    assert query["template"] == ["report-an-error.yml"]
    assert query["note"] == ["claim-x"] and query["reading"] == ['A "title" & <b>more</b>']
    assert query["page"] == ["https://site.example/readings/x/#note-claim-x"]
    carried = query["passage"][0]
    assert len(carried) <= PASSAGE_MAX and carried.strip() and "\n" not in carried
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f\x00-\x1f]", carried)
    assert carried.rstrip("…").split()[0] in passage  # it is the passage's own text, cut
    assert "claim-x" in query["title"][0]


@pytest.mark.parametrize("passage", HOSTILE)
def test_the_mail_link_is_well_formed_and_carries_the_report(passage: str) -> None:
    url = mailto_url(CONTACT, Report("Title & co", "https://site.example/r/", "claim-x", passage))
    assert re.fullmatch(r"[A-Za-z0-9%._~:/?&=@-]+", url), url
    address, _, query = url.partition("?")
    assert address == f"mailto:{CONTACT}"
    fields = parse_qs(query, strict_parsing=True)
    assert set(fields) == {"subject", "body"}
    body = fields["body"][0]
    assert "Reading: Title & co\r\nNote: claim-x\r\nPassage: " in body and "Page: https://site.example/r/" in body
    assert len(fields["subject"][0]) < 200


def test_the_links_are_escaped_survive_the_sanitiser_and_pass_the_scan() -> None:
    report = Report('Q"><script>alert(1)</script>', "https://s.example/r/#note-claim-x", "claim-x", HOSTILE[0])
    line = report_html(report, REPOSITORY, CONTACT)
    assert "<script" not in line
    tree = lxml.html.fragment_fromstring(line, create_parent="div")
    assert {e.tag for e in tree.iter()} == {"div", "span", "a"}  # nothing the values could have opened
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert hrefs == [issue_url(REPOSITORY, report), mailto_url(CONTACT, report)]
    kept = [a.get("href") for a in lxml.html.fragment_fromstring(sanitize(line), create_parent="div").iter("a")]
    assert kept == hrefs  # nothing in the allowlist strips or rewrites them
    page = f'<!doctype html><html><head><title>x</title></head><body><p>{line}</p></body></html>'
    assert scan_html(page, "page.html") == []


def test_a_link_appears_only_for_what_is_configured() -> None:
    report = Report("T", "https://s.example/r/")
    assert report_html(report, "", "") == ""
    assert "mailto:" not in report_html(report, REPOSITORY, "") and "github.com" in report_html(report, REPOSITORY, "")
    assert "github.com" not in report_html(report, "", CONTACT) and "mailto:" in report_html(report, "", CONTACT)
    assert "in this reading" in report_html(report, REPOSITORY, "")
    assert "in this note" in report_html(Report("T", "p", "claim-x"), REPOSITORY, "")


def test_every_rendered_note_gets_its_own_link_with_its_passage() -> None:
    text = ('He said ==that "x" & 3 < 4 grew==[^claim-a] and ==\u202eother words==[^rhetoric-b].\n\n'
            "[^claim-a]: A claim note.\n[^rhetoric-b]: A rhetoric note.\n")
    md = Markdown(extensions=["generator.site.mdext"], extension_configs={"generator.site.mdext": {"bibliography": ""}})
    rendered = md.convert(text)
    page = with_report_links(rendered, "T", "https://s.example/r/", REPOSITORY, CONTACT)
    root = lxml.html.fragment_fromstring(page, create_parent="div")
    for ident, passage in (("claim-a", 'that "x" & 3 < 4 grew'), ("rhetoric-b", "other words")):
        item = root.get_element_by_id(f"note-{ident}")
        links = [a.get("href") for a in item.iter("a") if "report-error" in (a.getparent().get("class") or "")]
        assert len(links) == 2, ident
        query = parse_qs(urlsplit(links[0]).query)
        assert query["note"] == [ident] and query["passage"] == [passage]
        assert query["page"] == [f"https://s.example/r/#note-{ident}"]
        assert item[-1].get("class") == "report-error report-error--note"  # after the back link: "↩" keeps its line


def test_the_issue_form_has_a_field_for_every_parameter() -> None:
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "report-an-error.yml").read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(form)
    ids = [element.get("id") for element in form["body"] if element["type"] != "markdown"]
    assert set(REPORT_FIELDS) <= set(ids) and len(ids) == len(set(ids))
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert "label" in element["attributes"] or element["type"] == "markdown"


# --- the methodology page follows the definitions ----------------------------------------------------------------

def test_the_methodology_page_states_every_definition() -> None:
    page = methodology_page()
    flat = " ".join(page.split())
    for kind in KINDS:
        assert f"| {kind.label} | {kind.description} |" in flat, kind.name
    for verdict, meaning in schema.RATING_MEANINGS.items():
        assert f"**{verdict.capitalize()}**: {meaning}" in flat, verdict
    assert " ".join(schema.RATING_RULE.split()) in flat
    assert set(schema.RATING_MEANINGS) == set(schema.RATING_SCALE)


def test_a_changed_definition_makes_the_page_stale_until_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path)
    project = Project.at(root)
    pages, _ = generated_pages(project)
    write_generated(project, pages)
    assert stale_generated(project, generated_pages(project)[0]) == []
    monkeypatch.setitem(schema.RATING_MEANINGS, "misleading", "A changed meaning.")
    assert stale_generated(project, generated_pages(project)[0]) == [METHODOLOGY]
    assert main(["--project", str(root), "check"]) == 1
    assert (f"docs/{METHODOLOGY}:1:1: error: this generated page no longer matches the generator's definitions of the note"
            " kinds and verdicts") in capsys.readouterr().err
    write_generated(project, generated_pages(project)[0])
    assert "A changed meaning." in (root / "docs" / METHODOLOGY).read_text(encoding="utf-8")


def test_a_changed_disclosure_makes_its_page_stale(tmp_path: Path) -> None:
    root = _as_in_repository(make_project(tmp_path))
    write_generated(Project.at(root), generated_pages(Project.at(root))[0])
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("    name: Annotated Readings\n",
                                                                  "    name: Annotated Readings\n    funding: Donations.\n"),
                      encoding="utf-8")
    project = Project.at(root)
    assert stale_generated(project, generated_pages(project)[0]) == [DISCLOSURE]


# --- the publish gate ------------------------------------------------------------------------------------------

FULL = {"name": "Desk", "ownership": "Owned by its two editors.", "funding": "No income: run by volunteers.",
        "contact": CONTACT}


def _config(tmp_path: Path, publisher: Any, repository: Any = REPOSITORY) -> tuple[SiteConfig, str]:
    text = yaml.safe_dump({"site_name": "S", "extra": {"repository": repository, "publisher": publisher}}, sort_keys=False)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return SiteConfig.read(tmp_path / "mkdocs.yml"), text


def _line(text: str, key: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if re.match(rf"\s*{key}:", line))


def _codes(problems: tuple[Problem, ...]) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in problems]


@pytest.mark.parametrize(("publisher", "problems", "gaps"), [
    (FULL, [], []),
    ({**FULL, "location": "Lyon, France"}, [], []),
    (None, [], [(None, f) for f in PUBLISHER_FIELDS if f != "location"]),
    ({"name": "Desk"}, [], [(None, "ownership"), (None, "funding"), (None, "contact")]),
    ({**FULL, "fundng": "x"}, [("fundng", "unknown-key")], []),
    ({**FULL, "contact": "not an address"}, [("contact", "config")], [(None, "contact")]),
    ({**FULL, "contact": "a@b.org?cc=c@d.org"}, [("contact", "config")], [(None, "contact")]),
    ({**FULL, "funding": "Donations <script>"}, [("funding", "config")], [(None, "funding")]),
    ({**FULL, "funding": "Donations &amp; grants"}, [("funding", "config")], [(None, "funding")]),
    ({**FULL, "ownership": ""}, [("ownership", "config")], [(None, "ownership")]),
    ({**FULL, "ownership": ["a"]}, [("ownership", "config")], [(None, "ownership")]),
    ("Desk", [("publisher", "config")], [(None, f) for f in PUBLISHER_FIELDS if f != "location"]),
])
def test_the_publisher_configuration(tmp_path: Path, publisher: Any, problems: list[tuple[str, str]],
                                     gaps: list[tuple[None, str]]) -> None:
    config, text = _config(tmp_path, publisher)
    assert _codes(config.problems) == [(_line(text, key), code) for key, code in problems]
    top = _line(text, "publisher")
    assert [(p.line, p.code) for p in config.publish_gaps] == [(top, "publisher-disclosure")] * len(gaps)
    assert [re.search(r"'extra\.publisher\.(\w+)'", p.message).group(1) for p in config.publish_gaps] == [f for _, f in gaps]  # type: ignore[union-attr]
    if publisher == {**FULL, "fundng": "x"}:
        assert "did you mean 'funding'?" in config.problems[0].message
    if not problems and not gaps:
        assert config.publisher.contact == CONTACT and config.repository == REPOSITORY


@pytest.mark.parametrize("repository", ["javascript:alert(1)", "http://github.com/a/b", "https://github.com/a/b\" onclick=x",
                                        "https://github.com/a/b?x=<y>", 42])
def test_the_repository_must_be_a_web_address(tmp_path: Path, repository: Any) -> None:
    config, text = _config(tmp_path, FULL, repository)
    assert _codes(config.problems) == [(_line(text, "repository"), "config")] and config.repository == ""


def _as_in_repository(root: Path) -> Path:
    """A sample project with the repository's own mkdocs.yml (make_project states a fixture's disclosures)."""
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_check_publish_refuses_a_site_without_its_disclosures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _as_in_repository(make_project(tmp_path))
    main(["--project", str(root), "check", "--publish", PAGE])
    err = capsys.readouterr().err
    line = _line((root / "mkdocs.yml").read_text(encoding="utf-8"), "  publisher")
    for key in ("ownership", "funding", "contact"):
        assert f"mkdocs.yml:{line}:1: error: 'extra.publisher.{key}' is missing" in err and "[publisher-disclosure]" in err
    assert "'extra.publisher.name' is missing" not in err
    assert main(["--project", str(root), "check", PAGE]) == 0  # only publishing needs them
    capsys.readouterr()


# --- corrections link the report that led to them -------------------------------------------------------------------

@pytest.mark.parametrize(("report", "valid"), [("https://github.com/o/r/issues/12", True), ("javascript:alert(1)", False),
                                               ("https://x.example/a b", False), ("", False), (12, False)])
def test_a_correction_may_carry_its_report(report: Any, valid: bool) -> None:
    raw = {"title": "T", "source": "seeds/x.txt", "source_sha256": "0" * 64,
           "corrections": [{"date": "2026-12-01", "text": "Changed.", "report": report}]}
    meta, problems = schema.load(schema.ReadingMeta, raw, "p.md", {"corrections": 7})
    if valid:
        assert problems == [] and meta.corrections[0].report == report
        assert schema.dump(meta)["corrections"] == [{"date": schema.dt.date(2026, 12, 1), "text": "Changed.", "report": report}]
    else:
        assert [(p.line, p.code) for p in problems] == [(7, "bad-value")]


# --- the built site, the offline bundle and the single file --------------------------------------------------------

@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The repository's project with every disclosure filled in and a correction that a reader's report led to."""
    root = _as_in_repository(make_project(tmp_path_factory.mktemp("desk")))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    name: Annotated Readings\n",
        "    name: Annotated Readings\n    ownership: Test ownership.\n    funding: Test funding.\n"
        f"    contact: {CONTACT}\n"), encoding="utf-8")
    page = root / PAGE
    text = page.read_text(encoding="utf-8")
    text = text.replace("corrections:\n", "corrections:\n- date: 2026-12-06\n  text: A test correction.\n"
                        "  report: https://github.com/annotated-readings/annotated-readings/issues/12\n", 1)
    page.write_text(text, encoding="utf-8")
    assert main(["--project", str(root), "build"]) == 0
    yield root
    shutil.rmtree(root / "site", ignore_errors=True)


def _note_links(html: str) -> dict[str, list[str]]:
    root = lxml.html.fromstring(html)
    found = {}
    for item in root.cssselect("section.annotation-notes li[id^='note-']"):
        found[item.get("id")[len("note-"):]] = [a.get("href") for a in item.cssselect(".report-error a")]
    return found


def _assert_every_note_has_links(html: str, where: str) -> None:
    notes = _note_links(html)
    assert len(notes) > 20, where
    for ident, links in notes.items():
        assert len(links) == 2, f"{where}: {ident}"
        issue, mail = links
        assert issue.startswith("https://github.com/annotated-readings/annotated-readings/issues/new?template=report-an-error.yml&")
        assert parse_qs(urlsplit(issue).query)["note"] == [ident]
        assert mail.startswith(f"mailto:{CONTACT}?subject=") and f"Note: {ident}" in unquote(mail)
    root = lxml.html.fromstring(html)
    policies = root.cssselect("p.reading-policies")[0]
    assert [a.text_content() for a in policies.iter("a")][:3] == ["How we annotate", "Corrections policy", "Who we are"]
    assert len(policies.cssselect(".report-error a")) == 2, where


def test_every_note_and_the_reading_have_report_links_on_the_site(desk: Path) -> None:
    site = desk / "site"
    html = (site / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    _assert_every_note_has_links(html, "site")
    for name in ("methodology", "who-we-are", "corrections"):
        assert (site / name / "index.html").is_file()
    root = lxml.html.fromstring(html)
    assert [a.get("href") for a in root.cssselect("p.reading-policies > a")] == ["../../methodology/", "../../corrections/",
                                                                               "../../who-we-are/"]
    assert "https://github.com/annotated-readings/annotated-readings/issues/12" in [
        a.get("href") for a in root.cssselect(".reading-corrections a")]
    log = (site / "corrections" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/annotated-readings/annotated-readings/issues/12"' in log
    disclosure = (site / "who-we-are" / "index.html").read_text(encoding="utf-8")
    assert "Test ownership." in disclosure and "Test funding." in disclosure and "Not stated yet." not in disclosure
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert "How we annotate" in nav and "Who we are" in nav


def test_report_links_travel_in_the_offline_bundle_and_the_single_file(desk: Path, tmp_path: Path) -> None:
    assert main(["--project", str(desk), "bundle", "--dist", str(tmp_path)]) == 0
    assert main(["--project", str(desk), "bundle", "--dist", str(tmp_path), "--single", SEED_SLUG]) == 0
    with zipfile.ZipFile(next(tmp_path.glob("*-offline.zip"))) as archive:
        name = next(n for n in archive.namelist() if n.endswith(f"readings/{SEED_SLUG}.html"))
        offline = archive.read(name).decode("utf-8")
    _assert_every_note_has_links(offline, "offline")
    hrefs = [a.get("href") for a in lxml.html.fromstring(offline).cssselect("p.reading-policies > a")]
    assert hrefs == ["../methodology.html", "../corrections.html", "../who-we-are.html"]
    single = (tmp_path / f"{SEED_SLUG}.html").read_text(encoding="utf-8")
    _assert_every_note_has_links(single, "single file")


# --- in a browser, on a phone ----------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_notes_report_link_is_visible_and_tappable_on_a_phone(desk: Path, scheme: str) -> None:
    from browser import browser, serve

    with serve(desk / "site") as site_url, browser() as chromium:
        context = chromium.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme, has_touch=True, is_mobile=True)
        left: list[str] = []
        context.route("**/*", lambda route: (left.append(route.request.url), route.abort())
                      if not route.request.url.startswith(site_url) else route.continue_())
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{site_url}readings/{SEED_SLUG}/")
        page.wait_for_function("document.querySelector('.annotation-legend button') !== null")
        first = page.evaluate("""() => { const m = document.querySelector('mark.annotation'); m.scrollIntoView({block: 'center'});
                                         const r = m.getClientRects()[0]; return {x: r.left + 10, y: r.top + r.height / 2}; }""")
        page.touchscreen.tap(first["x"], first["y"])
        link = page.locator(".annotation-popover .report-error a").first
        link.wait_for(state="visible")
        # On a phone the note's box is a sheet at the bottom (at most 45 % of the screen, scrolling): a long note puts
        # the link below the fold of the box, where the reader scrolls the box to reach it.
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box is not None and box["width"] >= 40 and box["height"] >= 18, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] >= 0 and box["y"] + box["height"] <= 844, box
        hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a').href",
                            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert hit.startswith("https://github.com/annotated-readings/annotated-readings/issues/new?template=report-an-error.yml")
        link.tap()
        page.wait_for_timeout(300)
        assert any(u.startswith("https://github.com/annotated-readings/annotated-readings/issues/new?") for u in left), left
        page.goto(f"{site_url}readings/{SEED_SLUG}/")
        policies = page.locator("p.reading-policies")
        policies.scroll_into_view_if_needed()
        assert policies.locator("a", has_text="How we annotate").is_visible()
        assert policies.locator(".report-error a").count() == 2
        assert errors == []
        context.close()
