"""Extraction overrides: a contributor fixes a bad extraction beside the seed, never by editing the article text."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import make_project

from generator.cli import main

PAGE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour reopens after storm</title></head>
<body><article><h1>Harbour reopens after storm</h1>
<p class="kicker">Listen to this article: 4 minutes. Download the app for more audio stories every day.</p>
<p>The harbour reopened on Tuesday after a storm closed it for four days, the port authority said in a statement.</p>
<p>Fishing boats returned to their moorings by the afternoon, and the ferry to the islands resumed its timetable.</p>
<p>Traders at the fish market said the closure had cost them most of a week's sales.</p>
</article></body></html>
"""
KICKER = "Listen to this article"
READING = "docs/readings/harbour-reopens-after-storm.md"
SEED = "seeds/harbour.html"
OVERRIDE = SEED + ".extraction.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = make_project(tmp_path, with_docs=False)
    (project / SEED).write_text(PAGE_HTML, encoding="utf-8")
    return project


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True)


def readings(project: Path, *args: str) -> int:
    return main(["--project", str(project), *args])


def article(project: Path) -> str:
    text = (project / READING).read_text(encoding="utf-8")
    return text.split("??? removed", 1)[0] if "??? removed" in text else text


@pytest.mark.parametrize("fix", [
    'reason: The extractor took the audio player\'s label for the first paragraph.\nexclude: ".kicker"\n',
    "reason: The extractor took the audio player's label for the first paragraph.\nstarts_with: The harbour reopened on Tuesday\n",
    "reason: The extractor took the audio player's label for the first paragraph.\ninclude: ['article p:not(.kicker)']\n",
    ("reason: The extractor took the audio player's label for the first paragraph.\nstarts_with: The harbour\n"
     "ends_with: most of a week's sales.\n"),
])
def test_an_override_fixes_the_extraction_and_says_so(project: Path, fix: str) -> None:
    assert readings(project, "import", SEED) == 0
    assert KICKER in article(project)
    (project / OVERRIDE).write_text(fix, encoding="utf-8")
    assert readings(project, "import", SEED) == 0  # applied on re-import, though the seed's bytes did not change
    page = (project / READING).read_text(encoding="utf-8")
    body = article(project)
    assert KICKER not in body.split("[^capture-", 1)[0].split("---", 2)[2].split("\n[^")[0]
    assert "the fish market said the closure had cost them most of a week's sales" in body
    assert "corrected by hand (an extraction override kept beside the seed)" in page
    # The reason is shown as written: its punctuation is escaped so it can never become a link or emphasis.
    assert "The reason given: The extractor took the audio player's label for the first paragraph\\." in page
    assert KICKER in page  # kept verbatim under "Removed from the capture"
    assert readings(project, "check") == 0


@pytest.mark.parametrize(("fix", "line", "words", "code"), [
    ("reason: x\nexclude: ['.gone']\n", 3, "'.gone' no longer matches anything in the page", "stale-override"),
    ("reason: x\ninclude: '..bad'\n", 2, "is not a valid CSS selector", "bad-override"),
    ("reason: x\nstarts_with: Once upon a time\n", 2, "no paragraph of the extracted article starts with", "stale-override"),
    ("reason: x\nends_with: The end.\n", 2, "no paragraph of the extracted article ends with", "stale-override"),
    ("reason: x\nexlude: ['.kicker']\n", 2, "unknown key 'exlude' in the extraction override (did you mean 'exclude'?)", "bad-override"),
    ("exclude: ['.kicker']\n", 1, "needs a 'reason'", "bad-override"),
    ("reason: x\n", 1, "changes nothing", "bad-override"),
    ("reason: [x\n", 2, "not valid YAML", "bad-override"),
])
def test_a_bad_or_stale_override_is_one_located_error(project: Path, fix: str, line: int, words: str, code: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    if line == 3:
        fix = "# why: see the contributors' guide\n" + fix
    (project / OVERRIDE).write_text(fix, encoding="utf-8")
    assert readings(project, "import", SEED) == 1
    err = capsys.readouterr().err
    assert f"{OVERRIDE}:{line}:1: error: " in err and words in err and f"[{code}]" in err, err
    assert not (project / READING).exists()


def test_check_sees_an_override_that_no_longer_matches(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / OVERRIDE).write_text("reason: The audio label is not the article.\nexclude: ['.kicker']\n", encoding="utf-8")
    assert readings(project, "import", SEED) == 0
    (project / OVERRIDE).write_text("reason: The audio label is not the article.\nexclude: ['.audio-label']\n", encoding="utf-8")
    capsys.readouterr()
    assert readings(project, "check") == 1
    assert f"{OVERRIDE}:2:1: error: '.audio-label' no longer matches anything in the page" in capsys.readouterr().err


def test_an_override_beside_a_text_seed_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "seeds" / "note.md").write_text("---\ntitle: A note\n---\n\nSome text here.\n", encoding="utf-8")
    (project / "seeds" / "note.md.extraction.yaml").write_text("reason: x\nstarts_with: Some\n", encoding="utf-8")
    assert readings(project, "import", "seeds/note.md") == 1
    assert "apply to web pages (HTML seeds) only" in capsys.readouterr().err


def test_a_new_override_keeps_contributors_notes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert readings(project, "import", SEED) == 0
    page = project / READING
    text = page.read_text(encoding="utf-8").replace("the fish market", "the ==fish market==[^claim-market]", 1)
    page.write_text(text + "\n[^claim-market]: Which market? The town has two.\n", encoding="utf-8")
    (project / OVERRIDE).write_text("reason: The audio label is not the article.\nexclude: ['.kicker']\n", encoding="utf-8")
    assert readings(project, "import", SEED) == 0
    text = page.read_text(encoding="utf-8")
    assert "==fish market==[^claim-market]" in text and "[^claim-market]: Which market? The town has two." in text
    assert "The reason given: The audio label is not the article\\." in text
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "override")
    (project / OVERRIDE).unlink()
    assert readings(project, "import", SEED) == 0  # removing the override brings the paragraph back, the note stays
    text = page.read_text(encoding="utf-8")
    assert KICKER in article(project) and "[^claim-market]: Which market?" in text and "The reason given" not in text
    assert readings(project, "check") == 0


def test_the_reason_is_shown_as_written(project: Path) -> None:
    (project / OVERRIDE).write_text('reason: "[click](https://evil.example/) *em* AT&amp;T ==x=="\nexclude: [".kicker"]\n',
                                    encoding="utf-8")
    assert readings(project, "import", SEED) == 0
    page = (project / READING).read_text(encoding="utf-8")
    assert "\\[click\\]\\(https://evil\\.example/\\) \\*em\\* AT&amp;amp;T =&#61;x=&#61;" in page
    assert readings(project, "check") == 0


def test_an_override_naming_the_whole_page(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / OVERRIDE).write_text("reason: The body is the article.\ninclude: ['body']\n", encoding="utf-8")
    assert readings(project, "import", SEED) == 0  # nothing to narrow, and no crash
    (project / OVERRIDE).write_text("reason: x\nexclude: ['html']\n", encoding="utf-8")
    assert readings(project, "import", SEED) == 1
    assert "matches the whole page" in capsys.readouterr().err


def test_an_override_changed_twice_before_a_commit(project: Path) -> None:
    git(project, "init", "-q")
    assert readings(project, "import", SEED) == 0
    page = project / READING
    text = page.read_text(encoding="utf-8").replace("the fish market", "the ==fish market==[^claim-market]", 1)
    page.write_text(text + "\n[^claim-market]: Which market?\n", encoding="utf-8")
    git(project, "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "note")
    (project / OVERRIDE).write_text("reason: The audio label.\nexclude: ['.kicker']\n", encoding="utf-8")
    assert readings(project, "import", SEED) == 0
    (project / OVERRIDE).write_text("reason: The audio label, again.\nstarts_with: The harbour reopened\n", encoding="utf-8")
    assert readings(project, "import", SEED) == 0  # not committed in between: the page tells which override made it
    (project / OVERRIDE).unlink()
    assert readings(project, "import", SEED) == 0
    assert "[^claim-market]: Which market?" in page.read_text(encoding="utf-8")
    assert readings(project, "check") == 0
