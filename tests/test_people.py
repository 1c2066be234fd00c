"""Issue 26, the desk behind the notes: ``docs/people.yaml`` (typed entries, every problem one located line), a
reading's ``review.by`` naming its entries by id, the generated "Editors and reviewers" page, the review line and
the notes' provenance linking there (hostile names and bios escaped, other schemes refused), ClaimReview's
``author`` and the W3C export's ``creator`` as those people, and ``check --publish``'s rules for who signs."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED_SLUG, make_project
from test_claimreview import invalid

from generator import people
from generator.annotations import claimreview, w3c
from generator.annotations.publish import origins, reviewers
from generator.annotations.text import plain
from generator.cli import main
from generator.document import read
from generator.document.page import parse_page, read_page
from generator.document.schema import ReadingMeta
from generator.site.people import people_page
from generator.site.provenance import Change, NoteProvenance

PAGE = f"docs/readings/{SEED_SLUG}.md"
SITE = "https://example.org/site/"
GOOD = """jane:
  name: Jane Doe
  role: Reviewer
  bio: Reviews the notes on economics.
  orcid: 0000-0002-1825-0097
  url: https://jane.example/about
  git: [Jane Doe]
desk:
  name: The desk
  type: team
  role: Editorial desk
"""


def parse(text: str, mailmap: frozenset[str] | None = None) -> tuple[people.People, list[Any]]:
    return people.parse(text, "docs/people.yaml", mailmap)


# --- The file: typed entries, every problem one located line ------------------------------------------------------------


def test_a_good_file_gives_typed_entries_in_file_order() -> None:
    found, problems = parse(GOOD)
    assert problems == []
    assert list(found.entries) == ["jane", "desk"]
    jane = found.entries["jane"]
    assert (jane.name, jane.role, jane.type, jane.orcid_url, jane.git, jane.line) == (
        "Jane Doe", "Reviewer", "person", "https://orcid.org/0000-0002-1825-0097", ("Jane Doe",), 1)
    assert found.entries["desk"].is_team and found.by_git_name() == {"Jane Doe": jane}


@pytest.mark.parametrize(
    ("text", "line", "code", "message"),
    [
        ("jane:\n  name: J\n  role: R\n  orchid: 0000-0002-1825-0097\n", 4, "unknown-key", "did you mean 'orcid'?"),
        ("jane:\n  name: J\n  role: R\n  colour: red\n", 4, "unknown-key", "an entry has name, role, type"),
        ("jane:\n  role: R\n", 1, "missing-key", "needs a 'name'"),
        ("jane:\n  name: J\n", 1, "missing-key", "needs a 'role'"),
        ("jane:\n  name: J\n  role: R\n  type: persn\n", 4, "bad-person", "did you mean 'person'?"),
        ("jane:\n  name: J\n  role: R\n  orcid: 0000-0002-1825-0098\n", 4, "bad-orcid", "check digit"),
        ("jane:\n  name: J\n  role: R\n  orcid: 0000-0002-1825\n", 4, "bad-orcid", "0000-0000-0000-000X"),
        ("jane:\n  name: J\n  role: R\n  orcid: https://orcid.org/0000-0002-1825-0097\n", 4, "bad-orcid", "the iD alone"),
        ("jane:\n  name: J\n  role: R\n  url: javascript:alert(1)\n", 4, "bad-url", "javascript: among them"),
        ("jane:\n  name: J\n  role: R\n  url: 'java\tscript:alert(1)'\n", 4, "bad-url", "must be an http(s) address"),
        ("jane:\n  name: J\n  role: R\n  url: data:text/html,x\n", 4, "bad-url", "must be an http(s) address"),
        ("jane:\n  name: J\n  role: R\n  url: 'https:evil.example'\n", 4, "bad-url", "not a well-formed"),
        ("jane:\n  name: J\n  role: R\n  url: 'https://x.example/\"onmouseover=alert(1)'\n", 4, "bad-url", "not a well-formed"),
        ("jane:\n  name: <script>alert(1)</script>\n  role: R\n", 2, "unsafe-front-matter", "holds '<' or '>'"),
        ("jane:\n  name: J\n  role: R\n  bio: 'Fine &lt;b&gt;'\n", 4, "unsafe-front-matter", "character reference"),
        ("jane:\n  name: J\n  role: R\n  bio: \"x\\u202ey\"\n", 4, "unsafe-front-matter", "bidirectional"),
        ("jane:\n  name: yes\n  role: R\n", 2, "bad-person", "must be a non-empty string"),
        ("jane:\n  name: J\n  role: R\n  git: Jane\n", 4, "bad-person", "must be a list of names"),
        ("Jane Doe:\n  name: J\n  role: R\n", 1, "bad-person-id", "lowercase letters, digits and '-'"),
        ("'123':\n  name: J\n  role: R\n  colour: x\n", 4, "unknown-key", "[123] unknown key 'colour'"),
        ("123:\n  name: J\n  role: R\n", 1, "bad-person-id", "quote one YAML would read as a number or yes/no), not '123'"),
        ("jane: Jane Doe\n", 1, "bad-person", "an entry is a mapping"),
        ("jane:\n  name: J\n  role: R\n  name: K\n", 4, "duplicate-key", "appears twice (first on line 2)"),
        ("jane:\n  name: J\n  role: R\njane:\n  name: K\n  role: S\n", 4, "duplicate-person-id", "first on line 1"),
        ("a:\n  name: J\n  role: R\n  git: [J]\nb:\n  name: K\n  role: S\n  git: [J]\n", 5, "duplicate-git-name", "already 'a''s"),
        ("- jane\n", 1, "bad-people", "a mapping of ids to entries"),
        ("jane:\n  name: [J\n", 3, "bad-people", "not valid YAML"),
        ("a: &x [*x]\n", 1, "bad-people", "not valid YAML"),
    ],
)
def test_every_bad_entry_is_one_located_line(text: str, line: int, code: str, message: str) -> None:
    _found, problems = parse(text)
    assert len(problems) == 1, [p.format() for p in problems]
    problem = problems[0]
    assert (problem.path, problem.line, problem.code, problem.is_error) == ("docs/people.yaml", line, code, True), problem.format()
    assert message in problem.message, problem.format()
    assert re.fullmatch(r"docs/people\.yaml:\d+:\d+: error: .+ \[[a-z-]+\]", problem.format())


def test_a_bad_field_is_left_out_and_the_entry_kept_a_bad_name_drops_it() -> None:
    found, _problems = parse("jane:\n  name: J\n  role: R\n  url: javascript:alert(1)\nbad:\n  name: <b>\n  role: R\n")
    assert found.entries["jane"].url == "" and "bad" not in found
    found, _problems = parse("a:\n  name: J\n  role: R\n  git: [J]\nb:\n  name: K\n  role: S\n  git: [J, K]\n")
    assert found.by_git_name() == {"J": found.entries["a"], "K": found.entries["b"]}  # a commit links to one entry


@pytest.mark.parametrize(("orcid", "ok"), [("0000-0002-1825-0097", True), ("0000-0001-5109-3700", True),
                                           ("0000-0002-1694-233X", True), ("0000-0002-1694-2339", False), ("0000-0002-1825-0079", False)])
def test_an_orcid_is_checked_by_its_check_digit(orcid: str, ok: bool) -> None:
    assert people.orcid_checksum_ok(orcid) is ok


def test_warnings_a_long_bio_and_a_git_name_that_mailmap_does_not_give() -> None:
    _found, problems = parse(f"jane:\n  name: J\n  role: R\n  bio: {'x' * (people.BIO_MAX + 1)}\n  git: [Jane D]\n",
                             people.mailmap_names("Jane Doe <jane@example.org>\n# comment\n"))
    assert [(p.line, p.code, p.is_error) for p in problems] == [(4, "long-bio", False), (5, "unknown-git-name", False)]


def test_the_projects_own_file_is_the_desk_and_no_invented_person() -> None:
    project_people, problems = parse((ROOT / "docs" / "people.yaml").read_text(encoding="utf-8"),
                                     people.mailmap_names((ROOT / ".mailmap").read_text(encoding="utf-8")))
    assert problems == []
    assert [(p.id, p.name, p.type) for p in project_people.entries.values()] == [("editors", "Annotated Readings editors", "team")]
    assert project_people.entries["editors"].git == ("Annotated Readings editors",)
    meta, _problems = read_page(ROOT / PAGE, PAGE).typed(ReadingMeta)
    assert meta.review is not None and meta.review.by == ("editors",)


# --- review.by: ids of entries -------------------------------------------------------------------------------------------


def _check(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--project", str(project), "check", *args])
    return code, capsys.readouterr().err


def _set_reviewers(project: Path, block: str) -> None:
    path = project / PAGE
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"review:\n(?:  .*\n)+", block, text, count=1)
    assert count == 1
    path.write_text(text, encoding="utf-8")


def test_review_by_names_entries_by_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    line = (project / PAGE).read_text(encoding="utf-8").split("\n").index("  by:") + 1
    code, err = _check(project, capsys, PAGE)
    assert code == 0, err
    # The rule is one: review.by lists ids. An old reading that names the desk gets the id to write instead.
    _set_reviewers(project, "review:\n  status: reviewed\n  by:\n  - Annotated Readings editors\n  date: 2026-11-26\n")
    code, err = _check(project, capsys, PAGE)
    assert code == 1
    assert (f"{PAGE}:{line}:1: error: 'review.by' names 'Annotated Readings editors', which is no id in docs/people.yaml;"
            " did you mean 'editors' (the id of 'Annotated Readings editors')?") in err and "[unknown-reviewer]" in err
    _set_reviewers(project, "review:\n  status: reviewed\n  by: [editor]\n  date: 2026-11-26\n")
    code, err = _check(project, capsys, PAGE)
    assert code == 1 and "'editor', which is no id in docs/people.yaml; did you mean 'editors'?" in err


def test_publish_wants_a_signer_from_the_file_and_warns_on_a_team_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    code, err = _check(project, capsys, "--publish", PAGE)
    assert code == 0 and "warning: the reading is signed only by Annotated Readings editors, a team" in err
    assert "[team-only-review]" in err
    code, err = _check(project, capsys, PAGE)  # without --publish: nothing to say
    assert code == 0 and "team-only-review" not in err
    (project / "docs" / "people.yaml").write_text(GOOD + "editors:\n  name: Annotated Readings editors\n  type: team\n"
                                                   "  role: Editorial desk\n", encoding="utf-8")
    _set_reviewers(project, "review:\n  status: reviewed\n  by: [editors, jane]\n  date: 2026-11-26\n")
    code, err = _check(project, capsys, "--publish", PAGE, "docs/people.yaml")
    assert code == 0 and "team-only-review" not in err, err
    (project / "docs" / "people.yaml").unlink()  # a project without the file: names are free, but nobody signs
    code, err = _check(project, capsys, PAGE)
    assert code == 0, err
    code, err = _check(project, capsys, "--publish", PAGE)
    assert code == 1 and "whom no docs/people.yaml lists" in err and "[unknown-reviewer]" in err


def test_check_reports_the_people_file_at_its_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "docs" / "people.yaml").write_text("editors:\n  name: Annotated Readings editors\n  role: Desk\n  type: team\n"
                                                   "  url: javascript:alert(1)\n  orchid: x\n", encoding="utf-8")
    code, err = _check(project, capsys, "docs/people.yaml")
    assert code == 1
    assert "docs/people.yaml:5:1: error: [editors] 'url' must be an http(s) address" in err
    assert "docs/people.yaml:6:1: error: [editors] unknown key 'orchid'; did you mean 'orcid'? [unknown-key]" in err
    assert "Traceback" not in err


# --- The page, the links, the escaping ----------------------------------------------------------------------------------


def test_the_page_escapes_every_value_and_lists_what_each_signed() -> None:
    hostile, problems = parse('x:\n  name: "*J* [a](javascript:alert(1)) # `c`"\n  role: "![i](https://evil.example/i.png)"\n'
                              '  bio: "\\"onmouseover=alert(1) x=\\" | |"\n  url: https://x.example/a_(b)\n')
    assert problems == []
    text = people_page(hostile, {"x": [("slug", "A *title*")]}, "people.yaml")
    assert r"## \*J\* \[a\](javascript:alert(1)) \# \`c\`" in text
    assert r"\!\[i\](https://evil.example/i.png)" in text and r'"onmouseover\=alert(1) x\=" \| \|' in text
    assert "- Web: [https://x.example/a\\_(b)](<https://x.example/a_(b)>)" in text
    assert r"- Reviewed: [A \*title\*](readings/slug.md)" in text
    assert "No one is listed yet." in people_page(people.People(), {})


def _commit_all(project: Path, name: str) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["-c", f"user.name={name}", "-c", "user.email=j@example.org", "commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=project, check=True)


HOSTILE = """jane:
  name: 'Jane "onmouseover=alert(1) Doe'
  role: "Reviewer' onfocus='alert(2)"
  bio: "Writes javascript:alert(3) and \\"quotes\\"."
  orcid: 0000-0002-1825-0097
  url: https://jane.example/about
  git: ['J "onmouseover=alert(4) Committer']
editors:
  name: Annotated Readings editors
  type: team
  role: Editorial desk
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's reading built with a people file of hostile (but allowed) values, signed by a person and the desk,
    its notes committed by a git name the person claims."""
    project = make_project(tmp_path_factory.mktemp("people-site"))
    (project / "docs" / "people.yaml").write_text(HOSTILE, encoding="utf-8")
    (project / ".mailmap").write_text('J "onmouseover=alert(4) Committer <j@example.org>\n', encoding="utf-8")
    _set_reviewers(project, "review:\n  status: reviewed\n  by: [jane, editors]\n  date: 2026-11-26\n")
    _commit_all(project, 'J "onmouseover=alert(4) Committer')
    assert main(["--project", str(project), "build"]) == 0
    return project


def test_the_people_page_has_one_section_per_entry_at_its_id(hostile_site: Path) -> None:
    html = (hostile_site / "site" / "people" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="person-jane">Jane "onmouseover=alert(1) Doe<a class="headerlink" href="#person-jane"' in html
    assert '<h2 id="person-editors">Annotated Readings editors<a class="headerlink" href="#person-editors"' in html
    assert 'href="#person-jane"' in html.split('class="md-nav__link"', 1)[1]  # the table of contents follows
    assert not re.search(r"<[^>]+\son(?:mouseover|focus)=", html)
    assert "Person · Reviewer' onfocus='alert(2)" in html.replace("&#39;", "'")
    assert re.search(r'<a class="outside-link" href="https://orcid.org/0000-0002-1825-0097" rel="noopener noreferrer">0000-0002-1825-0097</a>', html)
    assert re.search(r'<a class="outside-link" href="https://jane.example/about" rel="noopener noreferrer">https://jane.example/about</a>', html)
    assert f'href="../readings/{SEED_SLUG}/"' in html  # what each signed
    assert "People" in html.split('class="md-nav__list"', 1)[1].split("</nav>", 1)[0]  # in the nav


def test_the_review_line_and_the_provenance_link_to_the_entries(hostile_site: Path) -> None:
    html = (hostile_site / "site" / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="reading-review">(.*?)</p>', html, re.DOTALL)
    assert line is not None
    assert " ".join(line.group(1).split()) == (
        'Notes reviewed by <a class="reading-reviewer" href="../../people/#person-jane">Jane &#34;onmouseover=alert(1) Doe</a>,'
        ' <a class="reading-reviewer" href="../../people/#person-editors">Annotated Readings editors</a> on'
        ' <time datetime="2026-11-26">26 November 2026</time>.')
    added = re.findall(r'Added by <a class="annotation-person" href="([^"]+)">([^<]+)</a>', html)
    # The name git gives the commit (.mailmap stays the source of who committed), linked to the entry that claims it.
    assert added and set(added) == {("../../people/#person-jane", "J &quot;onmouseover=alert(4) Committer")}
    assert not re.search(r"<[^>]+\son(?:mouseover|focus)=", html)


def test_claimreview_and_the_w3c_export_name_the_people(hostile_site: Path) -> None:
    html = (hostile_site / "site" / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    assert script is not None
    reviews = json.loads(script.group(1))
    page = "https://annotated-readings.github.io/annotated-readings/people/"
    assert reviews[0]["author"] == [
        {"@type": "Person", "name": 'Jane "onmouseover=alert(1) Doe', "@id": f"{page}#person-jane", "url": f"{page}#person-jane",
         "sameAs": ["https://orcid.org/0000-0002-1825-0097", "https://jane.example/about"]},
        {"@type": "Organization", "name": "Annotated Readings editors", "@id": f"{page}#person-editors", "url": f"{page}#person-editors"}]
    assert [p for r in reviews for p in invalid(r)] == []
    collection = json.loads((hostile_site / "site" / "annotations" / f"{SEED_SLUG}.jsonld").read_text(encoding="utf-8"))
    jane = {"id": f"{page}#person-jane", "type": "Person", "name": 'Jane "onmouseover=alert(1) Doe', "nickname": "jane",
            "homepage": "https://jane.example/about",
            "schema:sameAs": [{"id": "https://orcid.org/0000-0002-1825-0097"}, {"id": "https://jane.example/about"}]}
    items = collection["first"]["items"]
    assert items and all(item["creator"] == jane for item in items)
    assert all(body["creator"] == jane for item in items for body in item["body"] if body.get("purpose") != "assessing")
    article = read_page(hostile_site / PAGE, PAGE)
    assert w3c.validate(collection, plain(read.locate(article.body).text).text) == []


# --- The published data, unit by unit ------------------------------------------------------------------------------------


def test_schema_org_and_w3c_agents_without_a_site_address() -> None:
    found, _problems = parse(GOOD)
    jane, desk = found.entries["jane"], found.entries["desk"]
    assert people.schema_org(desk, "") == {"@type": "Organization", "name": "The desk"}
    assert people.schema_org(jane, SITE)["url"] == f"{SITE}people/#person-jane"
    assert people.w3c_agent(desk, "") == {"id": "urn:annotated-readings:person:desk", "type": "Organization", "name": "The desk",
                                          "nickname": "desk"}
    assert invalid(people.schema_org(jane, SITE)) == []


def test_claim_reviews_author_is_who_signed_else_the_desk() -> None:
    from test_claimreview import BODY, HEAD

    page = parse_page(f"{HEAD.replace('by: [E]', 'by: [jane]')}ratings:\n  claim-won: 'false'\n---\n\n{BODY}", "docs/readings/t.md")
    found, _problems = parse(GOOD)
    signed = reviewers(page, found, SITE)
    assert signed == [people.schema_org(found.entries["jane"], SITE)]
    review = claimreview.claim_reviews(page, f"{SITE}readings/t/", "Desk", SITE, None, signed)[0]
    assert review["author"]["@type"] == "Person" and review["author"]["name"] == "Jane Doe"
    assert claimreview.claim_reviews(page, f"{SITE}readings/t/", "Desk", SITE)[0]["author"] == {"@type": "Organization",
                                                                                                 "name": "Desk", "url": SITE}
    assert reviewers(page, people.People(), SITE) == []  # an id no entry has names no one


def test_a_git_name_an_entry_claims_is_that_entry_in_the_export() -> None:
    from test_claimreview import BODY, HEAD

    page = parse_page(f"{HEAD}---\n\n{BODY}", "docs/readings/t.md")
    found, _problems = parse(GOOD)
    history = {"claim-won": NoteProvenance(Change("c1", "Jane Doe", "2026-11-26", "2026-11-26T10:00:00Z")),
               "correction-river": NoteProvenance(Change("c2", "Someone Else", "2026-11-26"))}
    made = origins(page, history, found, SITE)
    assert made["claim-won"].person == people.w3c_agent(found.entries["jane"], SITE)
    assert made["correction-river"].person is None and made["correction-river"].creator == "Someone Else"


# --- In a browser: the page is accessible, the review line leads to the entry ----------------------------------------------


AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_people_page_is_accessible_and_the_review_line_leads_there(hostile_site: Path, scheme: str) -> None:
    from browser import browser, serve

    with serve(hostile_site / "site") as url, browser() as chromium:
        page = chromium.new_page(color_scheme=scheme, bypass_csp=True)  # axe is an inline script: let the test's tool in
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + "people/")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
        page.goto(url + f"readings/{SEED_SLUG}/")
        page.locator("a.reading-reviewer").first.hover()  # an injected handler would run here
        page.locator("a.reading-reviewer").first.click()
        page.wait_for_url("**/people/#person-jane")
        assert page.locator("#person-jane").is_visible() and dialogs == []
