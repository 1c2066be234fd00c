"""Issue 23, links and passages: no command writes what ``readings check`` then refuses, and what check accepts builds.

- ``annotations import``: a note from elsewhere keeps its words, never an address check refuses (one allowlist of
  schemes and one reading of addresses, shared by the neutraliser and the check); a page that does not check is not
  rewritten (its problems are reported, located), so nothing a contributor added is dropped without a word;
- ``import``: a seed's links, however spaced or encoded, go through the same definition;
- ``check`` reads passages as the site's Markdown does: annotation syntax the renderer does not see as a passage
  (inside a link's title, say) is refused, so ``build --strict`` never meets it first.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import SEED_SLUG, copy_context, make_project
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.checks import check
from generator.cli import main
from generator.document import read
from generator.document.page import read_page
from generator.errors import Problem
from generator.project import Project

PAGE = f"docs/readings/{SEED_SLUG}.md"
READING_URL = f"https://annotated-readings.github.io/annotated-readings/readings/{SEED_SLUG}/"
QUOTE = "vocalized fear over buzzing and landing"
LOCATED_RE = re.compile(r"^[^:\n]+:\d+:\d+: error: .+ \[[a-z-]+\]$")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's reading as a plain import writes it, once for the module."""
    project = make_project(tmp_path_factory.mktemp("imported"), with_docs=False)
    copy_context(project)
    assert main(["--project", str(project), "import", "seeds"]) == 0
    return project


@pytest.fixture
def fresh(imported: Path, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(imported, project)
    return project


def errors(project: Path, *paths: str) -> list[Problem]:
    """The errors ``readings check`` reports for ``paths`` (every file under docs/ when none is given)."""
    at = Project.at(project)
    files = [project / p for p in paths] if paths else sorted(p for p in at.docs.rglob("*") if p.is_file())
    return [p for p in check(files, at) if p.is_error]


def hypothesis_file(folder: Path, *bodies: str) -> Path:
    """A Hypothesis export holding one note on the quote per body."""
    notes = [{"id": f"h{i}", "uri": READING_URL, "text": body, "user": "acct:ann@hypothes.is", "created": "2026-12-01T10:00:00Z",
              "target": [{"source": READING_URL, "selector": [{"type": "TextQuoteSelector", "exact": QUOTE}]}]}
             for i, body in enumerate(bodies)]
    file = folder / "export.json"
    file.write_text(json.dumps({"annotations": notes}), encoding="utf-8")
    return file


def import_notes(project: Path, file: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--project", str(project), "annotations", "import", str(file)])
    return code, capsys.readouterr().err


def assert_refused_or_checks(project: Path, before: str, code: int, err: str) -> None:
    """The invariant: refused with located lines and the page unchanged, or the page passes check."""
    after = (project / PAGE).read_text(encoding="utf-8")
    if code != 0:
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines and all(LOCATED_RE.match(line) for line in lines), err
        assert after == before
    else:
        assert errors(project, PAGE) == []


# A note's body, and words of it a reader must still see after the import.
NOTE_BODIES = [
    ("[this](javascript:alert(2))", "this"),
    ("see [this](data:text/html;base64,PHNjcmlwdD4=) now", "this"),
    ("[lead]( javascript:alert(1))", "lead"),
    ("[tab](\tjavascript:alert(1))", "tab"),
    ("[upper](JAVASCRIPT:alert(1))", "upper"),
    ("[entity](&#106;avascript:alert(1))", "entity"),
    ("[hex](&#x6A;avascript:alert(1))", "hex"),
    ("[split](java&#9;script:alert(1))", "split"),
    ("[colon](javascript&colon;alert(1))", "colon"),
    ("[angle](<javascript:alert(1)>)", "angle"),
    ("[spaced](< javascript:alert(1)>)", "spaced"),
    ("[vb](vbscript:msgbox(1))", "vb"),
    ("[ftp](ftp://example.org/x)", "ftp"),
    ("[nested [words] here](javascript:alert(1))", "nested"),
    ("![picture](javascript:alert(1))", "picture"),
    ("[titled](javascript:alert(1) \"a title\")", "titled"),
    ("[ref][r]\n\n[r]: javascript:alert(1)", "ref"),
    ("[r]: javascript:alert(1)", "r"),
    ("<javascript:alert(1)>", "alert"),
    ("[nowhere](../nowhere.md)", "nowhere"),
    ("as [@no-such-key] says", "no-such-key"),
    ("[@key][@key] and on", "on"),  # found in CI: escaping the second made the first a citation of a missing key
    ("[kept](https://example.org/a \"<b>title</b>\")", "kept"),
]


@pytest.mark.parametrize(("body", "words"), NOTE_BODIES, ids=[b for b, _w in NOTE_BODIES])
def test_an_imported_note_never_holds_an_address_check_refuses(fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               body: str, words: str) -> None:
    before = (fresh / PAGE).read_text(encoding="utf-8")
    code, err = import_notes(fresh, hypothesis_file(tmp_path, body), capsys)
    assert code == 0, err  # a note is neutralised, not refused: its words are worth keeping
    assert errors(fresh, PAGE) == []
    page = read_page(fresh / PAGE, PAGE)
    added = {ident: note for ident, note in read.parse(page.body).notes().items() if ident not in before}
    assert len(added) == 1 and words in next(iter(added.values())).text


def test_a_kept_link_loses_its_title_and_keeps_its_address(fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = import_notes(fresh, hypothesis_file(tmp_path, 'read [this](https://example.org/a "<b>t</b>") first'), capsys)
    assert code == 0, err
    assert "[this](https://example.org/a) first" in (fresh / PAGE).read_text(encoding="utf-8")


HTML_SEED = ("<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1><p>The harbour <a href=\"{href}\">reopened"
             "</a> on Monday after a long closure of the port, officials said in a statement today.</p><p>A second paragraph of"
             " the article is here, with more words to make it read like an article.</p></article></body></html>")
TEXT_SEED = "Harbour news\n\nThe harbour [reopened]({href}) on Monday after a long closure of the port.\n"
HREFS = [" javascript:alert(1)", "\tjavascript:alert(1)", "\njavascript:alert(1)", " JAVASCRIPT:alert(1)", "&#106;avascript:alert(1)",
         "java&#9;script:alert(1)", "&#x20;javascript:alert(1)", " data:text/html,x", " vbscript:x", "<javascript:alert(1)>",
         "< javascript:alert(1)>"]
SEEDS = [("seed.html", h, HTML_SEED.format(href=h.replace('"', "&quot;"))) for h in HREFS if not h.startswith("<")] + \
        [("seed.txt", h, TEXT_SEED.format(href=h)) for h in HREFS]


@pytest.mark.parametrize(("name", "text"), [(n, t) for n, _h, t in SEEDS], ids=[f"{n}:{h!r}" for n, h, _t in SEEDS])
def test_an_imported_seed_never_holds_an_address_check_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                                               text: str) -> None:
    project = make_project(tmp_path, with_docs=False)
    for seed in (project / "seeds").iterdir():
        seed.unlink()
    (project / "seeds" / name).write_text(text, encoding="utf-8")
    code = main(["--project", str(project), "import", "seeds"])
    err = capsys.readouterr().err
    if code != 0:
        assert all(LOCATED_RE.match(line) for line in err.splitlines() if line.strip()), err
        assert not list((project / "docs" / "readings").glob("*.md"))
    else:
        assert errors(project) == []
        [page] = (project / "docs" / "readings").glob("*.md")
        assert "reopened" in read.article_text(read_page(page, "page").body)


# Lines a contributor adds to the article that check refuses and an import would otherwise drop.
CONTRIBUTED = ["<!-- a contributor's comment -->", "[ref]: https://example.org/report"]


@pytest.mark.parametrize("line", CONTRIBUTED)
def test_annotations_import_does_not_rewrite_a_page_that_does_not_check(fresh: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str], line: str) -> None:
    page = fresh / PAGE
    text = page.read_text(encoding="utf-8")
    paragraph = text.index("\n\n", text.index(QUOTE)) + 2
    page.write_text(text[:paragraph] + line + "\n\n" + text[paragraph:], encoding="utf-8")
    before = page.read_text(encoding="utf-8")
    assert errors(fresh, PAGE)  # check refuses the line
    code, err = import_notes(fresh, hypothesis_file(tmp_path, "Who says so?"), capsys)
    assert code == 1 and page.read_text(encoding="utf-8") == before and line in before
    lines = [e for e in err.splitlines() if e.strip()]
    assert lines and all(LOCATED_RE.match(e) and e.startswith(PAGE) for e in lines), err
    assert any(f":{before[:before.index(line)].count(chr(10)) + 1}:" in e for e in lines), err  # the line is named


CONTEXT_LINK_RE = re.compile(r'\[(?P<name>[^\]]+)\]\((?P<target>\.\./context/[a-z-]+\.md) "(?P<title>[^"]*)"\)')
# Edits to the first context link of a page (its name, target and title), and a note definition added.
PASSAGE_EDITS = [
    ("in-title", lambda m: f'[{m["name"]}]({m["target"]} "{m["title"]} ==grew up==[^question-title]")', "question-title"),
    ("in-title-only", lambda m: f'[{m["name"]}]({m["target"]} "==grew up==[^question-title]")', "question-title"),
    ("in-address", lambda m: f'[{m["name"]}]({m["target"]}#==a==[^question-address] "{m["title"]}")', "question-address"),
    ("in-raw-html", lambda m: f'<abbr title="==grew up==[^question-html]">{m["name"]}</abbr>', "question-html"),
    ("around-the-link", lambda m: f'==[{m["name"]}]({m["target"]} "{m["title"]}")==[^question-around]', "question-around"),
]


@pytest.mark.parametrize(("name", "edit", "ident"), PASSAGE_EDITS, ids=[n for n, _e, _i in PASSAGE_EDITS])
def test_what_check_accepts_builds_strictly(fresh: Path, capsys: pytest.CaptureFixture[str], name: str, edit: object,
                                            ident: str) -> None:
    page = fresh / PAGE
    text = page.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if CONTEXT_LINK_RE.search(line) and "==" not in line and not line.startswith("["))
    match = CONTEXT_LINK_RE.search(lines[at])
    assert match is not None and callable(edit)
    lines[at] = lines[at][:match.start()] + edit(match) + lines[at][match.end():]
    lines.insert(at + 1, f"\n[^{ident}]: Why does this matter?")
    page.write_text("\n".join(lines), encoding="utf-8")
    if errors(fresh, PAGE):
        return
    assert name == "around-the-link"  # the control: a passage the renderer sees
    capsys.readouterr()
    assert main(["--project", str(fresh), "build"]) == 0, capsys.readouterr().err


# Fragments a hostile note is made of: links of every scheme, spacing and encoding, our own markup, HTML, escapes.
FRAGMENTS = ["[", "]", "(", ")", "<", ">", "!", "\\", " ", "\t", "\n", "\n\n", "==", "[^", "question-x", "]:", "<!--", "-->", "&#",
             "&#106;", "&#9;", ";", "javascript:", "JavaScript:", "vbscript:", "data:", "data:text/html,", "java", "script:",
             "http://example.org/", "https://example.org/a", "mailto:a@example.org", "ftp://x", "../context/kabul.md", "#top",
             "alert(1)", "[x](", "](", "[id]: ", "<a href=", "<script>", "<img src=x onerror=alert(1)>", "\"", "'", "`", "*", "_",
             "words", "{: onclick=x}", "[@key]", "&amp;", "&lt;"]


# Shrinking re-runs the import and the check hundreds of times: a failure shows its example unshrunk instead.
@settings(max_examples=40, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join), min_size=1, max_size=3))
def test_any_note_is_refused_with_located_lines_or_checks(fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          bodies: list[str]) -> None:
    page, original = fresh / PAGE, tmp_path / "original.md"
    if not original.exists():  # the first example: every example starts from the fresh import
        shutil.copy(page, original)
    shutil.copy(original, page)
    before = page.read_text(encoding="utf-8")
    code, err = import_notes(fresh, hypothesis_file(tmp_path, *bodies), capsys)
    assert_refused_or_checks(fresh, before, code, err)
