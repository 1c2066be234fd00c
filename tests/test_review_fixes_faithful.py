"""Review fixes, faithful text: an import shows readers exactly the source's words, in code spans and link texts too.

Each case goes through an HTML and a Markdown seed: import, then the page built by the site's own renderer (sanitised,
as published); the paragraph a reader sees must be the source's, links kept, and ``readings check`` must pass. A page
that adds a backslash inside a code span must fail the faithfulness check (a backslash is not an escape there).
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from conftest import make_project

from generator.checks.faithful import check_faithful
from generator.checks.render import Renderer
from generator.cli import main
from generator.document.capture import RepairCode, repair_note
from generator.document.page import parse_page, read_page
from generator.project import Project

HTML_SEED = ("<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1><p>The harbour reopened on Monday after"
             " a long closure of the port, officials said in a statement today.</p><p>{html}</p><p>A last paragraph of the"
             " article is here, with more words to make it read like an article.</p></article></body></html>")
TEXT_SEED = ("Harbour news\n\nThe harbour reopened on Monday after a long closure of the port, officials said.\n\n{markdown}\n\n"
             "A last paragraph of the article is here.\n")
# (HTML, Markdown, what a reader sees, the link's text or None)
CASES = [
    ("Code <code>==x==</code> and <code>[^y]</code> here.", "Code `==x==` and `[^y]` here.", "Code ==x== and [^y] here.", None),
    ("Code <code>==a==[^note-1]</code> here.", "Code `==a==[^note-1]` here.", "Code ==a==[^note-1] here.", None),
    ('A <a href="https://e.org/a">see [b] here</a> now.', "A [see [b] here](https://e.org/a) now.", "A see [b] here now.",
     "see [b] here"),
    ('A <a href="https://e.org/a">see [^x] here</a> now.', "A [see [^x] here](https://e.org/a) now.", "A see [^x] here now.",
     "see [^x] here"),
    ('Code <code>==x==</code> and <a href="https://e.org/a">see [^x] here</a>.', "Code `==x==` and [see [^x] here](https://e.org/a).",
     "Code ==x== and see [^x] here.", "see [^x] here"),
]
SEEDS = [(kind, case) for case in CASES for kind in ("html", "md")]


def imported(tmp_path: Path, kind: str, case: tuple[str, str, str, str | None]) -> Path:
    project = make_project(tmp_path, with_docs=False)
    for seed in (project / "seeds").iterdir():
        seed.unlink()
    name, text = ("seed.html", HTML_SEED.format(html=case[0])) if kind == "html" else ("seed.txt", TEXT_SEED.format(markdown=case[1]))
    (project / "seeds" / name).write_text(text, encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0
    return project


@pytest.mark.parametrize(("kind", "case"), SEEDS, ids=[f"{k}:{c[1]}" for k, c in SEEDS])
def test_a_reader_sees_the_source_text_and_its_links(tmp_path: Path, kind: str, case: tuple[str, str, str, str | None]) -> None:
    project = imported(tmp_path, kind, case)
    [path] = (project / "docs" / "readings").glob("*.md")
    page = read_page(path, "page")
    tree = lxml.html.fromstring(f"<div>{Renderer(Project.at(project), sanitize=True).render(page.body)}</div>")
    for sup in tree.xpath("//sup"):
        sup.drop_tree()
    shown = [" ".join(p.text_content().split()) for p in tree.xpath("//p")]
    visible = case[2]
    assert visible in shown, shown
    if case[3] is not None:
        assert [(a.get("href"), a.text_content()) for a in tree.xpath("//a[@href='https://e.org/a']")] == [("https://e.org/a", case[3])]
    assert "not a web page" not in page.body
    assert main(["--project", str(project), "check"]) == 0


def test_an_added_backslash_in_a_code_span_is_unfaithful(tmp_path: Path) -> None:
    project = imported(tmp_path, "md", CASES[0])
    [path] = (project / "docs" / "readings").glob("*.md")
    text = path.read_text(encoding="utf-8")
    assert "`==x==`" in text
    page = parse_page(text.replace("`==x==`", "`=\\=x==`"), "docs/readings/seed.md")
    assert [p.code for p in check_faithful(page, Project.at(project))] == ["unfaithful"]


# A web link that is dropped all the same (its address written with a character reference, its text holding a link):
# its capture note says so, not that the address is not a web page.
DROPPED = [("html", ("A <a href=\"https://e.org/a?x=1&amp;y=2\">quoted report</a> now.", "", "A quoted report now.", None)),
           ("md", ("", "A [see [b](https://e.org/b) here](https://e.org/a) now.", "", None))]


@pytest.mark.parametrize(("kind", "case"), DROPPED, ids=[c[0] or c[1] for _k, c in DROPPED])
def test_a_dropped_web_link_has_a_true_note(tmp_path: Path, kind: str, case: tuple[str, str, str, str | None]) -> None:
    project = imported(tmp_path, kind, case)
    [path] = (project / "docs" / "readings").glob("*.md")
    body = read_page(path, "page").body
    assert "not a web page" not in body
    assert "capture-1" not in body or repair_note(RepairCode.UNKEPT_LINK) in body
    assert main(["--project", str(project), "check"]) == 0
