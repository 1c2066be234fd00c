"""A review's findings on languages: import warns, located, where it overrules what a seed declares (a tag that is
none, a tag its text contradicts); a note's {lang=…} marker is checked and normalised as front-matter's 'language' is,
and a refused marker is quoted as written; did-you-mean never offers a special-purpose code."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
from conftest import ROOT, make_project

from generator.checks.annotations import annotation_problems
from generator.cli import main
from generator.document import language, read
from generator.importers import parse_text, record

FIXTURES = ROOT / "tests" / "fixtures" / "language-seeds"
ARABIC = (FIXTURES / "ar.md").read_text(encoding="utf-8")
assert "\nlanguage: ar\n" in ARABIC and ARABIC.split("\n").index("language: ar") == 4  # line 5 of the seed


def _arabic_with(value: str) -> bytes:
    return ARABIC.replace("\nlanguage: ar\n", f"\nlanguage: {value}\n", 1).encode("utf-8")


def _source_of(project: Path, seed: str) -> str:
    for path in (project / "docs" / "readings").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        if f"source: {seed}\n" in text:
            return text
    raise AssertionError(f"no reading of {seed}")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("langfix"), with_docs=False)


# -- 1. import says what it overruled ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "value", "quoted_value", "hint"), [
    ("english", "english", "'english'", "en"),
    ("region", "xx-YY", "'xx-YY'", None),
    ("number", "5", "'5'", None),
    ("script", "'\"><script>alert(1)</script>'", "'\"><script>alert(1)</script>'", None),
    ("override", '"ar\\u202e"', r"'ar\u202e'", "ar"),
])
def test_import_warns_once_on_the_seeds_line_for_a_tag_that_is_none(project: Path, capsys: pytest.CaptureFixture[str],
                                                                   name: str, value: str, quoted_value: str,
                                                                   hint: str | None) -> None:
    seed = project / "seeds" / f"lang-{name}.md"
    seed.write_bytes(_arabic_with(value))
    assert main(["--project", str(project), "import", f"seeds/lang-{name}.md"]) == 0
    out, err = capsys.readouterr()
    assert f"(from seeds/lang-{name}.md)" in out
    lines = [line for line in err.splitlines() if "[language-" in line]
    assert len(lines) == 1, err
    said = lines[0]
    assert said.startswith(f"seeds/lang-{name}.md:5:1: warning: the seed's front-matter 'language' ")
    assert said.endswith(" is not a BCP 47 tag" + (f" (did you mean '{hint}'?)" if hint else "")
                         + ": using ar (identified by py3langid, 1.00) [language-tag]"), said
    assert quoted_value in said
    assert "zxx" not in said and "\u202e" not in said  # no nonsense suggestion; the override shown escaped
    page = _source_of(project, f"seeds/lang-{name}.md")
    assert "\nlanguage: ar\n" in page
    basis = re.search(r"\nlanguage_basis: (.*)\n", page)
    assert basis is not None and "py3langid" in basis.group(1)
    assert "<" not in basis.group(1) and "\u202e" not in basis.group(1)


def test_a_numeric_language_is_named_in_the_basis() -> None:
    capture = parse_text(_arabic_with("5"), "seeds/five.md")
    assert capture.meta.language == "ar"
    assert "'5', which is no valid language tag" in capture.meta.language_basis
    assert [(w.path, w.line, w.code, w.is_error) for w in capture.warnings] == [("seeds/five.md", 5, "language-tag", False)]


def test_a_valid_declaration_the_text_agrees_with_says_nothing() -> None:
    assert parse_text(ARABIC.encode("utf-8"), "seeds/ar.md").warnings == []


def test_import_warns_where_the_page_declares_a_language_its_text_contradicts(project: Path,
                                                                              capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "de-lying.html", project / "seeds" / "de-lying.html")
    assert main(["--project", str(project), "import", "seeds/de-lying.html"]) == 0
    _out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if "[language-" in line]
    assert lines == ["seeds/de-lying.html:2:1: warning: the page's html lang attribute says en, its text reads as de"
                     " (py3langid 1.00): using de (identified by py3langid, 1.00) [language-mismatch]"]
    assert "\nlanguage: de\n" in _source_of(project, "seeds/de-lying.html")


def test_a_servers_contradicted_content_language_is_reported_on_the_capture_record() -> None:
    data = (FIXTURES / "de-lying.html").read_bytes()
    values = {"requested_url": "https://example.org/a", "final_url": "https://example.org/a", "redirects": [],
              "retrieved": "2026-11-26T16:40:00Z", "status": 200, "content_type": "text/html; charset=utf-8", "date": "",
              "last_modified": "", "etag": "", "sha256": hashlib.sha256(data).hexdigest(), "user_agent": "test",
              "content_language": "fr"}
    capture = parse_text(data, "seeds/de.html", record.parse(json.dumps(values), "seeds/de.html.capture.json"))
    assert capture.meta.language == "de"
    assert [(w.path, w.line, w.code) for w in capture.warnings] == [
        ("seeds/de.html.capture.json", 1, "language-mismatch"), ("seeds/de.html", 2, "language-mismatch")]
    assert capture.warnings[0].message == ("the server's Content-Language (capture record) says fr, its text reads as de"
                                           " (py3langid 1.00): using de (identified by py3langid, 1.00)")


def test_the_choice_returns_its_issues_and_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    german = parse_text((FIXTURES / "de-lying.html").read_bytes(), "seeds/x.html").article_text()
    choice = language.choose([("the server's Content-Language (capture record)", "english"),
                              ("the page's html lang attribute", "de")], german)
    assert choice.language == "de"
    assert [(i.where, i.code) for i in choice.issues] == [("the server's Content-Language (capture record)", "language-tag")]
    assert choice.issues[0].message.endswith("(did you mean 'en'?): using de (the page's html lang attribute)")
    assert capsys.readouterr() == ("", "")


# -- 3, 4. a note's {lang=…} marker -------------------------------------------------------------------------------------

def _note_problems(marker_and_text: str) -> list[str]:
    body = f"Some ==text==[^question-a] here.\n\n[^question-a]: {marker_and_text}\n"
    return [p.format() for p in annotation_problems(read.parse(body, 0), "docs/readings/x.md") if p.code == "note-language"]


@pytest.mark.parametrize(("marker", "shown", "hint"), [
    ("{lang=english}", "'english'", "en"),
    ("{lang=xx-YY}", "'xx-YY'", None),
    ("{lang=ar dir=ltr}", "'ar dir=ltr'", None),
    ('{lang=ar" onmouseover="alert(1)}', "'ar\" onmouseover=\"alert(1)'", None),
    ("{lang=}", "''", None),
])
def test_a_bad_note_marker_is_one_located_error_quoting_what_was_written(marker: str, shown: str, hint: str | None) -> None:
    problems = _note_problems(f"{marker} A note.")
    assert len(problems) == 1, problems
    assert problems[0].startswith("docs/readings/x.md:3:1: error: note [^question-a] starts with a language marker")
    assert shown in problems[0] and problems[0].endswith("[note-language]")
    assert ("did you mean" in problems[0]) == bool(hint)
    if hint:
        assert f"did you mean '{hint}'?" in problems[0]
    assert "zxx" not in problems[0]


@pytest.mark.parametrize("marker", ["{lang=ar}", "{lang=en-us}", "{lang=zh-Hant}", "{lang=iw}"])
def test_a_good_note_marker_passes(marker: str) -> None:
    assert _note_problems(f"{marker} A note.") == []


def _rendered_note(marker: str) -> str:
    extensions = ["generator.site.mdext", "footnotes", "admonition", "pymdownx.details", "pymdownx.superfences", "toc"]
    html = markdown.markdown(f"Some ==text==[^question-a] here.\n\n[^question-a]: {marker} A note.\n", extensions=extensions)
    found = re.search(r'<span class="annotation-text"[^>]*>', html)
    assert found is not None, html
    return found.group(0)


def test_the_site_prints_a_note_markers_tag_normalised_and_never_one_that_is_none() -> None:
    assert 'lang="en-US"' in _rendered_note("{lang=en-us}") and 'dir="ltr"' in _rendered_note("{lang=en-us}")
    assert 'lang="he"' in _rendered_note("{lang=iw}") and 'dir="rtl"' in _rendered_note("{lang=iw}")
    for bad in ("{lang=english}", "{lang=xx-YY}"):
        assert "lang=" not in _rendered_note(bad)


# -- 7. no special-purpose suggestion ---------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["xx-YY", "xx", "zx", "un", "mu", "mi", "qaa-XX", "zz"])
def test_did_you_mean_never_offers_a_special_purpose_code(written: str) -> None:
    why = language.tag_problem(written) or ""
    hint = re.search(r"did you mean '([^']*)'", why)
    assert hint is None or not language._special(hint.group(1)), why


@pytest.mark.parametrize("code", ["zxx", "und", "mul", "mis", "qaa", "qtz", "qmm"])
def test_special_purpose_codes_are_known_as_such(code: str) -> None:
    assert language._special(code)
    assert not language._special("en") and not language._special("qu")
