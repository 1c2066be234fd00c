"""Issue 23, every command leaves a project that checks and builds: what front-matter says of notes follows the notes
(detached ones included), and a relink links what import never linked instead of opting the reading out of it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SEED, SEED_SLUG, make_project

from generator.annotations.claimreview import claim_reviews, with_verdicts
from generator.annotations.importing import place
from generator.annotations.incoming import Incoming
from generator.checks.sourcing import rating_problems
from generator.cli import main
from generator.document import read
from generator.document.page import parse_page, read_page
from generator.document.schema import ReadingMeta
from generator.document.syntax import DETACHED_INTRO
from generator.errors import InputError
from generator.importers import load_seed
from generator.outputs.epub import Chapter, _chapter, _Pages
from generator.project import Project
from generator.reading.update import UpdateResult, check_result

PAGE = f"docs/readings/{SEED_SLUG}.md"
SITE_URL = "https://example.org/"
ZERO = "0" * 64
KARZAI = ("Former Afghan president **Hamid Karzai** in an exclusive interview with Russian RT went boldly and pointed at West"
          " being behind the momentum of the ISIS in Afghanistan. In October 2017, he blamed the US for [supplying weapons to"
          " Daesh](#) or ISIS in Afghanistan. He maintained that the US army helicopters were being used to supply weapons to"
          " the group.\n\n")
TALIBAN = ("---\nname: Taliban\nkind: organisation\nsummary: The Taliban is an Islamist movement that ruled Afghanistan from 1996"
           " to 2001 and again from 2021.\nas_of: 2026-12-01\n---\n\n# Taliban\n\nAn Islamist movement.\n")


def edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def reviewed_ids(project: Path) -> set[str]:
    page = read_page(project / PAGE, PAGE)
    return {r["url"].rsplit("#", 1)[1] for r in claim_reviews(page, f"{SITE_URL}readings/{SEED_SLUG}/", "Editors")}


# --- 1. A rated note that gets detached ------------------------------------------------------------------------------


def test_a_detached_rated_note_keeps_its_rating_and_the_project_checks_and_builds(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / "seeds" / SEED.name, (KARZAI, ""))
    assert main(["--project", str(repo), "import", "--update", "seeds"]) == 0
    out = capsys.readouterr().out
    assert "detached [^claim-us-helicopters]" in out
    assert "[^claim-us-helicopters] keeps its verdict ('unsupported') while detached" in out
    page = read_page(repo / PAGE, PAGE)
    assert page.meta["ratings"]["claim-us-helicopters"]["verdict"] == "unsupported"  # the rating stays with its note
    notes = read.page_notes(page.body, page.body_line)
    assert not notes["claim-us-helicopters"].attached and notes["claim-us-helicopters"].kind == "claim"
    assert "claim-us-helicopters" not in reviewed_ids(repo) and "correction-karzai-helicopters" in reviewed_ids(repo)
    assert main(["--project", str(repo), "check"]) == 0
    assert ": error:" not in capsys.readouterr().err
    assert main(["--project", str(repo), "build"]) == 0
    html = (repo / "site" / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    head, body = html.split("</head>", 1)
    reviews = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', head).group(1))  # type: ignore[union-attr]
    assert [r for r in reviews if r["url"].endswith("#correction-karzai-helicopters")]
    assert not [r for r in reviews if r["url"].endswith("#claim-us-helicopters")]  # no passage, no ClaimReview
    detached = body.split('class="admonition detached"', 1)[1].split("</div>", 1)[0]
    item = detached.split("<code>claim-us-helicopters</code>", 1)[1].split("</li>", 1)[0]
    assert 'class="annotation-verdict" data-verdict="unsupported">Verdict: Unsupported</span>' in item

    # Re-attached by hand (the seed restored, the note put back on its passage): the rating is published again.
    subprocess.run(["git", "checkout", "-q", "--", f"seeds/{SEED.name}"], cwd=repo, check=True)
    assert main(["--project", str(repo), "import", "--update", "seeds"]) == 0
    text = (repo / PAGE).read_text(encoding="utf-8")
    note = next(i for i in read.page_notes(page.body, page.body_line).values() if i.id == "claim-us-helicopters").text
    sentence = "He maintained that the US army helicopters were being used to supply weapons to the group."
    text = re.sub(r"\n    - `claim-us-helicopters` [^\n]*", "", text)
    text = text.replace(sentence, f"=={sentence[:-1]}==[^claim-us-helicopters].\n\n[^claim-us-helicopters]: {note}", 1)
    (repo / PAGE).write_text(text, encoding="utf-8")
    assert main(["--project", str(repo), "check", PAGE]) == 0
    assert read.page_notes(read_page(repo / PAGE, PAGE).body)["claim-us-helicopters"].attached
    assert "claim-us-helicopters" in reviewed_ids(repo)


BODY = f"""The army ==said it won==[^claim-won] and ==asked why==[^question-why].

[^claim-won]: It did not [@key].
[^question-why]: Why?

!!! detached "Detached notes"

    {DETACHED_INTRO}

    - `claim-lost` (Claim). Last passage: “the old words”. Note: Not so [@key].
    - `correction-free` was about the date, rewritten by hand [@key].
    - `question-gone` (Question). Last passage: “why”. Note: Why?
"""


@pytest.mark.parametrize(
    ("ident", "kind", "attached"),
    [
        ("claim-won", "claim", True),
        ("question-why", "question", True),
        ("claim-lost", "claim", False),  # in the form import writes
        ("correction-free", "correction", False),  # rewritten by a contributor: its id and kind are still known
        ("question-gone", "question", False),
        ("claim-nowhere", None, None),
    ],
)
def test_one_owner_says_which_notes_a_page_has(ident: str, kind: str | None, attached: bool | None) -> None:
    notes = read.page_notes(BODY)
    if kind is None:
        assert ident not in notes
    else:
        assert (notes[ident].kind, notes[ident].attached) == (kind, attached)


def _page(ratings: str, origins: str = "") -> str:
    return (f"---\ntitle: T\nsource: seeds/x.txt\nsource_sha256: {ZERO}\nreview: {{status: reviewed, by: [E], date: 2026-01-02}}\n"
            f"ratings:\n{ratings}{origins}---\n\n{BODY}")


@pytest.mark.parametrize(
    ("ratings", "codes"),
    [
        ("  claim-won: 'false'\n", []),
        ("  claim-lost: 'false'\n", []),  # detached: kept, warned about as a detached note, not an error
        ("  correction-free: misleading\n", []),
        ("  claim-nowhere: 'false'\n", ["bad-rating"]),
        ("  question-gone: 'false'\n", ["bad-rating"]),  # a detached question still carries no verdict
    ],
)
def test_ratings_rules_see_detached_notes(ratings: str, codes: list[str]) -> None:
    page = parse_page(_page(ratings), "docs/readings/t.md")
    assert [p.code for p in rating_problems(page, SITE_URL)] == codes


@pytest.mark.parametrize(
    ("origins", "codes"),
    [
        ("note_origins:\n  claim-won: {by: A, date: 2026-01-01}\n", []),
        ("note_origins:\n  claim-lost: {by: A, date: 2026-01-01}\n", []),
        ("note_origins:\n  claim-nowhere: {by: A, date: 2026-01-01}\n", ["bad-origin"]),
    ],
)
def test_note_origins_name_notes_of_the_page(origins: str, codes: list[str]) -> None:
    page = parse_page(_page("  claim-won: 'false'\n", origins), "docs/readings/t.md")
    problems = rating_problems(page, SITE_URL)
    assert [p.code for p in problems] == codes
    assert all(not p.is_error for p in problems)  # a stale provenance line publishes nothing wrong


def test_a_detached_rated_note_publishes_no_claim_review() -> None:
    page = parse_page(_page("  claim-won: 'false'\n  claim-lost: 'false'\n  correction-free: misleading\n"), "docs/readings/t.md")
    reviews = claim_reviews(page, f"{SITE_URL}readings/t/", "Editors")
    assert [r["url"] for r in reviews] == [f"{SITE_URL}readings/t/#claim-won"]


def test_the_detached_block_shows_a_verdict() -> None:
    html = ('<div class="admonition detached"><p class="admonition-title">Detached notes</p><ul>'
            '<li><code>claim-lost</code> (Claim). Last passage: “x”. Note: y</li>'
            '<li><code>claim-other</code> (Claim). Last passage: “x”. Note: y</li></ul></div>'
            '<p>Elsewhere <code>claim-lost</code> is code.</p>')
    out = with_verdicts(html, {"claim-lost": "false"})
    assert out.count("annotation-verdict") == 1
    assert ('<li><code>claim-lost</code> (Claim). <span class="annotation-verdict" data-verdict="false">Verdict: False</span>'
            in out)


# --- 2. Relinking after a new context page ---------------------------------------------------------------------------


def _linked(project: Path) -> set[str]:
    return {link.slug for link in read.locate(read_page(project / PAGE, PAGE).body).links}


@pytest.mark.parametrize("command", ["--relink", "--update"])
def test_a_new_context_page_is_linked_not_opted_out(repo: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    project = repo  # the repository's reading: a contributor's notes make it differ from its digest
    (project / "docs" / "context" / "taliban.md").write_text(TALIBAN, encoding="utf-8")
    if command == "--update":
        edit(project / "seeds" / SEED.name, ("Tartous", "Tartus"))
    assert main(["--project", str(project), "import", command, "seeds"]) == 0
    out = capsys.readouterr().out
    assert "removed the link" not in out
    page = read_page(project / PAGE, PAGE)
    assert "no_context" not in page.meta
    assert "taliban" in _linked(project)
    assert main(["--project", str(project), "import", "--relink", "seeds"]) == 0  # and again: nothing more to do
    assert "no_context" not in read_page(project / PAGE, PAGE).meta and "taliban" in _linked(project)


def test_a_new_context_page_with_another_page_edited_meanwhile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Another context page's summary changed too: what import generated is still found (from the page's own titles)."""
    project = make_project(tmp_path)
    (project / "docs" / "context" / "taliban.md").write_text(TALIBAN, encoding="utf-8")
    edit(project / "docs" / "context" / "kunar.md", ("its capital is Asadabad.", "its capital is Asadabad, on the Kunar river."))
    assert main(["--project", str(project), "import", "--relink", "seeds"]) == 0
    assert "removed the link" not in capsys.readouterr().out
    assert "no_context" not in read_page(project / PAGE, PAGE).meta and {"taliban", "kunar"} <= _linked(project)
    assert "on the Kunar river" in (project / PAGE).read_text(encoding="utf-8")


def test_a_link_a_contributor_removed_is_opted_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    (project / "docs" / "context" / "taliban.md").write_text(TALIBAN, encoding="utf-8")
    text = (project / PAGE).read_text(encoding="utf-8")
    (project / PAGE).write_text(re.sub(r"\[Kunar\]\(\.\./context/kunar\.md \"[^\"]*\"\)", "Kunar", text), encoding="utf-8")
    assert main(["--project", str(project), "import", "--relink", "seeds"]) == 0
    out = capsys.readouterr().out
    assert "front-matter 'no_context': added kunar (a contributor removed the link import made)" in out
    page = read_page(project / PAGE, PAGE)
    assert page.meta["no_context"] == ["kunar"]
    assert "kunar" not in _linked(project) and "taliban" in _linked(project)
    assert main(["--project", str(project), "check", PAGE]) == 0


def test_without_a_record_of_what_import_made_a_mention_is_linked_and_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A page whose digest no longer says what import generated (here: the line removed): the new link is made, and
    the command says it could not tell a removed link from a new one."""
    project = make_project(tmp_path)
    (project / "docs" / "context" / "taliban.md").write_text(TALIBAN, encoding="utf-8")
    text = (project / PAGE).read_text(encoding="utf-8")
    (project / PAGE).write_text(re.sub(r"generated_sha256: [0-9a-f]{64}\n", "", text), encoding="utf-8")
    assert main(["--project", str(project), "import", "--relink", "seeds"]) == 0
    out = capsys.readouterr().out
    assert "removed the link" not in out and "linked the first mention of 'taliban'" in out
    assert "no_context" not in read_page(project / PAGE, PAGE).meta and "taliban" in _linked(project)


@pytest.mark.parametrize(("wanted", "expected"), [("claim-lost", "claim-asked-why"), ("claim-said", "claim-said")])
def test_an_imported_note_never_takes_a_detached_notes_id(wanted: str, expected: str) -> None:
    """A rating or an origin keyed by a detached note's id must not pass to a new note that takes the id."""
    incoming = Incoming("1", "u", exact="asked why", text="Asked whom?", kind="claim", note_id=wanted)
    _results, notes, _detached = place([incoming], BODY.replace("==asked why==[^question-why]", "asked why")
                                       .replace("[^question-why]: Why?\n", ""))
    assert [n.id for n in notes] == [expected]


def test_a_generated_note_never_takes_a_detached_notes_id(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A contributor's edited capture note, detached by one update, keeps its id through the next, which makes a new
    generated note: that one is numbered past it (its provenance or rating is not the new note's)."""
    edit(repo / PAGE, ("lost its target, so it is shown as plain text.", "lost its target; we could not find it."))
    edit(repo / "seeds" / SEED.name, (KARZAI, ""))
    assert main(["--project", str(repo), "import", "--update", "seeds"]) == 0
    assert "detached [^capture-2]" in capsys.readouterr().out
    edit(repo / "seeds" / SEED.name, ("dead of the night", "[dead of the night](#)"))  # a new lost link: a new generated note
    assert main(["--project", str(repo), "import", "--update", "seeds"]) == 0
    page = read_page(repo / PAGE, PAGE)
    notes = read.page_notes(page.body, page.body_line)
    assert not notes["capture-2"].attached and "we could not find it" in notes["capture-2"].text
    assert [n.id for n in notes.values() if n.kind == "capture" and n.attached] == ["capture-1", "capture-3"]
    assert main(["--project", str(repo), "check", PAGE]) == 0


def test_the_book_lists_a_detached_notes_verdict(tmp_path: Path) -> None:
    """The book shows what the site shows: the detached rated note's verdict in its block, once."""
    page = parse_page(_page("  claim-won: 'false'\n  claim-lost: misleading\n"), "docs/readings/t.md")
    pages = _Pages(Project.at(make_project(tmp_path, with_docs=False)), set())
    book = json.dumps(_chapter(Chapter("t", page, page.typed(ReadingMeta)[0]), pages, 1))
    detached = book.split('{"t": "Str", "c": "Detached"}', 1)[1]
    assert '"Verdict:"' in detached and '"Misleading"' in detached
    assert detached.count("Verdict:") == 1


@pytest.mark.parametrize(
    ("key", "entry"), [("ratings", "  claim-lost: 'false'\n"), ("note_origins", "  claim-lost: {by: A, date: 2026-01-01}\n")])
@pytest.mark.parametrize(("already", "refused"), [(False, True), (True, False)])
def test_an_update_never_writes_front_matter_that_names_no_note(key: str, entry: str, already: bool, refused: bool) -> None:
    """The last layer: an update whose page would name a note it lost in 'ratings' or 'note_origins' is refused as a
    bug (a problem the page already had is the contributor's to fix, and left as it is)."""
    text = (ROOT / PAGE).read_text(encoding="utf-8")
    bad = text.replace("ratings:\n", f"{key}:\n{entry}ratings:\n" if key == "note_origins" else f"ratings:\n{entry}", 1)
    capture = load_seed(ROOT / "seeds" / SEED.name, ROOT)
    before = parse_page(bad if already else text, PAGE)
    if refused:
        with pytest.raises(InputError, match=rf"internal error: .*'{key}' names \[\^claim-lost\]"):
            check_result(UpdateResult(bad), capture, PAGE, before)
    else:
        check_result(UpdateResult(bad), capture, PAGE, before)
