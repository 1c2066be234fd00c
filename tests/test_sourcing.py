"""Notes a reader can check: the bibliography, citations and References, the Sources and Corrections pages,
provenance from git, review status, and the check rules that hold them to the standard."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, make_project

from generator.bibliography import parse
from generator.bibliography.cite import Formatter, groups_in
from generator.cli import main

PAGE = f"docs/readings/{SEED_SLUG}.md"
BIBLIOGRAPHY = """references:
- id: ihs-markit-2017
  type: report
  title: Islamic State caliphate shrinks by 60 percent in under three years
  author:
  - literal: IHS Markit
  issued: '2017-06-29'
- id: afp-2017-dostum
  type: article-newspaper
  title: Afghan VP Dostum accused of abducting rival
  author:
  - literal: Agence France-Presse
  container-title: Agence France-Presse
  issued: '2016-12-13'
- id: unused-entry
  type: webpage
  title: A page nobody cites
  publisher: Example
  issued: '2020'
"""


@pytest.mark.parametrize(
    ("entry", "code", "where", "message"),
    [
        ("- id: a\n  title: T\n  autor: X\n  issued: '2017'", "unknown-key", 4, "did you mean 'author'?"),
        ("- id: a\n  author: [{literal: X}]\n  issued: '2017'", "bad-source-entry", 2, "needs a 'title'"),
        ("- id: a\n  title: T\n  issued: '2017'", "bad-source-entry", 2, "who stands behind it"),
        ("- id: a\n  title: T\n  author: [{literal: X}]", "bad-source-entry", 2, "needs an 'issued' date"),
        ("- id: a\n  title: T\n  author: [{literal: X}]\n  issued: 2017-02-30", "bad-source-entry", 5, "must be a date"),
        ("- id: a\n  title: T <b>\n  author: [{literal: X}]\n  issued: '2017'", "bad-source-entry", 3, "holds '<' or '>'"),
        ("- id: a\n  type: newspaper\n  title: T\n  author: [{literal: X}]\n  issued: '2017'", "bad-source-entry", 3, "did you mean"),
        ("- id: a\n  title: T\n  author: [{literal: X}]\n  issued: '2017'\n- id: a\n  title: U\n  author: [{literal: Y}]\n  issued: '2018'",
         "duplicate-source-id", 6, "used twice"),
    ],
)
def test_bibliography_problems_are_located(entry: str, code: str, where: int, message: str) -> None:
    _bibliography, problems = parse("references:\n" + entry + "\n", "docs/sources.yaml")
    assert problems, entry
    assert problems[0].code == code and problems[0].line == where and message in problems[0].message, problems[0].format()


def test_citations_format_with_the_style_and_link_to_their_entries() -> None:
    bibliography, problems = parse(BIBLIOGRAPHY, "docs/sources.yaml")
    assert problems == []
    formatter = Formatter(bibliography)
    for group in groups_in("As estimated [@ihs-markit-2017, p. 4] and [see @afp-2017-dostum; @ihs-markit-2017]."):
        formatter.register(group)
    texts, references = formatter.render()
    assert texts[0] == '(<a class="citation" href="#ref-ihs-markit-2017">IHS Markit, 2017, p. 4</a>)'
    assert texts[1].startswith('(see <a class="citation" href="#ref-afp-2017-dostum">')
    assert [anchor for anchor, _ in references] == ["ref-afp-2017-dostum", "ref-ihs-markit-2017"]  # the style's order
    assert "Agence France-Presse" in references[0][1]
    assert groups_in("a [link](x), a [^claim-a] note, an email@example.org and [@@odd]") == []


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The seed's reading as import writes it (no editors' notes), the context pages, and a small bibliography."""
    project = make_project(tmp_path, with_docs=False)
    shutil.copytree(ROOT / "docs" / "context", project / "docs" / "context")
    for page in (project / "docs" / "context").glob("*.md"):  # the context pages without citations or dates
        text = re.sub(r" ?\[[^\]\[]*@[^\]]+\]", "", page.read_text(encoding="utf-8"))
        page.write_text(re.sub(r"(?m)^as_of: .*\n", "", text), encoding="utf-8")
    (project / "docs" / "sources.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0
    return project


def note(project: Path, after: str, ident: str, passage: str, text: str) -> None:
    """Mark ``passage`` (in the paragraph that holds ``after``) and define its note below that paragraph."""
    path = project / PAGE
    page = path.read_text(encoding="utf-8")
    assert passage in page, passage
    page = page.replace(passage, f"=={passage}==[^{ident}]", 1)
    at = page.index("\n\n", page.index(after))
    path.write_text(page[:at] + f"\n\n[^{ident}]: {text}" + page[at:], encoding="utf-8")


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--project", str(project), "check", *args])
    return code, capsys.readouterr().err


def test_check_holds_notes_to_their_sources(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note(project, "spent most of his term", "context-dostum", "self-willed military campaign", "As reported [@afp-2017-dostum], he led it.")
    note(project, "surprise visit to Syria", "rhetoric-hard", "hit them hard", "[@no-such-key] A threat.")
    note(project, "Russian fierce air campaign", "correction-eighty", "lose 80 of the incomes", "The estimate was of a fall, not a loss.")
    note(project, "arrested in Tajikistan", "claim-same", "supported by the same parties", "Which parties?")
    code, err = check(project, capsys)
    assert code == 1
    assert re.search(rf"{PAGE}:\d+:\d+: error: no entry 'no-such-key' in docs/sources.yaml.*\[unknown-citation\]", err)
    assert "the correction [^correction-eighty] cites no source" in err and "[uncited-correction]" in err
    assert "the context note [^context-dostum] cites no source" not in err
    assert "warning: the claim note [^claim-same] cites no source" in err
    assert "docs/sources.yaml:15:1: warning: no page cites 'unused-entry' [unused-source]" in err


def test_drafts_are_marked_and_fail_publish(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = check(project, capsys, "--publish", PAGE)
    assert code == 1 and "has no review status" in err and "[draft]" in err
    edit(project, PAGE, "reading_time: 6\n", "reading_time: 6\nreview:\n  status: draft\n")
    code, err = check(project, capsys, "--publish", PAGE)
    assert code == 1 and "this reading is a draft" in err
    assert main(["--project", str(project), "build"]) == 0  # pull requests may carry drafts
    html = (project / "site" / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert "Draft: not yet reviewed." in html and '<meta name="robots" content="noindex">' in html
    edit(project, PAGE, "review:\n  status: draft", "review:\n  status: reviewed\n  by: [Ann Editor]\n  date: 2026-11-26")
    _code, err = check(project, capsys, "--publish", PAGE)
    assert "[draft]" not in err


def test_references_sources_and_corrections_pages(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note(project, "spent most of his term", "context-dostum", "self-willed military campaign",
         "As reported [@afp-2017-dostum, para. 3], he led it.")
    edit(project, "docs/context/isis-k.md", "kind: organisation", "kind: organisation\nas_of: 2026-11-26")
    edit(project, "docs/context/isis-k.md", "\n## Mentioned in", "\nIts losses were estimated [@ihs-markit-2017].\n\n## Mentioned in")
    edit(project, PAGE, "reading_time: 6\n",
         "reading_time: 6\ncorrections:\n- date: 2026-11-25\n  text: The note on Dostum now says who reported the accusation.\n")
    assert main(["--project", str(project), "build"]) == 0
    html = (project / "site" / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert '(<a class="citation" href="#ref-afp-2017-dostum">Agence France-Presse, 2016, para. 3</a>)' in html
    assert 'id="references"' in html and '<li id="ref-afp-2017-dostum">' in html
    assert html.index('id="notes"') < html.index('id="references"') < html.index('<details class="removed"')
    assert "Corrections and updates" in html and "now says who reported the accusation" in html
    context = (project / "site" / "context" / "isis-k" / "index.html").read_text(encoding="utf-8")
    assert "Facts checked as of" in context and "26 November 2026" in context and 'id="ref-ihs-markit-2017"' in context
    sources = (project / "docs" / "sources.md").read_text(encoding="utf-8")
    assert "Cited in: [ISIS-Daesh Is on the Rise" in sources and f"readings/{SEED_SLUG}.md#note-context-dostum" in sources
    assert "[ISIS-K](context/isis-k.md)" in sources and "Not cited yet." in sources
    corrections = (project / "docs" / "corrections.md").read_text(encoding="utf-8")
    assert "25 November 2026, [ISIS-Daesh" in corrections and "corrections policy" in corrections
    _code, err = check(project, capsys)
    assert "isis-k.md:1:1: warning: a context page needs 'as_of'" not in err


def test_provenance_comes_from_git(project: Path) -> None:
    def commit(name: str, date: str, message: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        subprocess.run(["git", "-c", f"user.name={name}", "-c", "user.email=x@example.org", "commit", "-qam", message],
                       cwd=project, check=True, env=env, capture_output=True)

    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    note(project, "could carry more than one reason", "source-opinion", "The widely held opinion", "Widely held by whom?")
    note(project, "spent most of his term", "context-dostum", "self-willed military campaign", "As reported [@afp-2017-dostum].")
    commit("Ann Author", "2026-11-20T10:00:00+00:00", "import")
    edit(project, PAGE, "[^source-opinion]: Widely held by whom?", "[^source-opinion]: Widely held, by whom?")
    commit("Bo Reviewer", "2026-11-24T10:00:00+00:00", "a note rewritten")
    note(project, "arrested in Tajikistan", "question-added", "supported by the same parties", "Not committed yet.")
    assert main(["--project", str(project), "build"]) == 0
    html = (project / "site" / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    item = html[html.index('id="note-source-opinion"'):]
    item = item[:item.index("</li>")]
    assert "Added by Ann Author on" in item and "20 November 2026" in item and "; updated" in item and "24 November 2026" in item
    assert "/commit/" in item
    other = html[html.index('id="note-context-dostum"'):]
    assert "Added by Ann Author" in other[:other.index("</li>")] and "updated" not in other[:other.index("</li>")]
    added = html[html.index('id="note-question-added"'):]
    assert "Added by" not in added[:added.index("</li>")]  # not committed: nothing shown
    first = html
    assert main(["--project", str(project), "build"]) == 0
    assert (project / "site" / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8") == first  # byte-stable


def test_without_history_nothing_is_shown_and_nothing_fails(project: Path) -> None:
    assert main(["--project", str(project), "build"]) == 0
    html = (project / "site" / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert "annotation-provenance" not in html


def test_suggest_lists_unexamined_sentences_as_hints(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = check(project, capsys, "--suggest", PAGE)
    hints = [line for line in err.splitlines() if ": hint: " in line]
    assert code == 0 and hints
    assert any("During ex-president Karzai's administration" in line and "a named official" in line for line in hints)
    assert any("lose 80 of the" in line and "a figure" in line for line in hints)
    assert all(line.endswith("[suggest]") for line in hints)
