"""`readings check`: located, sorted messages; exit 1 on errors; no tracebacks on bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DESK_CODES, ROOT, SEED_SLUG, make_project

from generator.cli import main

PAGE = f"docs/readings/{SEED_SLUG}.md"


@pytest.fixture
def site_project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def edit(project: Path, old: str, new: str) -> None:
    page = project / PAGE
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_check(project: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str]]:
    code = main(["--project", str(project), "check", *extra])
    lines = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("checked ")]
    return code, lines


def test_clean_repository_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run_check(ROOT, capsys)
    assert (code, [line for line in lines if not line.endswith(DESK_CODES)]) == (0, [])


@pytest.mark.parametrize(
    ("old", "new", "code", "severity"),
    [
        ("published: 2017-12-18", "published: 18/12/2017", "bad-value", "error"),
        ("words: 1122", "word: 1122", "unknown-key", "error"),
        ("source_sha256: cab25d1b", "source_sha256: 0000000b", "source-drift", "error"),
        ("[^context-zakharova]:", "[^context-zakharov]:", "missing-note", "error"),
        ("==[^context-zakharova]**", "==[^gossip-zakharova]**", "unknown-kind", "error"),
        ("dressed in military clothing", "dressed in civilian clothing", "unfaithful", "error"),
        ("He added:", "He added: <span>x</span>", "raw-html", "warning"),
        ("He added:", 'He added: <img src=x onerror="alert(1)">', "unsafe-html", "error"),
        ("He added:", "He added: [x](javascript:alert(1))", "unsafe-url", "error"),
        ("[^context-dostum]: ", "[^context-dostum]: See [the guide](../nowhere.md). ", "broken-link", "error"),
        ("==The widely held opinion==[^source-opinion]", "====[^source-opinion]The widely held opinion", "empty-passage", "error"),
        ("    This article by Sami Karimi", "    " + "A much longer introduction. " * 30 + "This article by Sami Karimi",
         "long-introduction", "warning"),
    ],
)
def test_problem_table(site_project: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, code: str, severity: str) -> None:
    edit(site_project, old, new)
    exit_code, lines = run_check(site_project, capsys)
    matching = [line for line in lines if line.endswith(f"[{code}]")]
    assert matching, lines
    assert matching[0].startswith(f"{PAGE}:") and f": {severity}: " in matching[0]
    assert exit_code == (1 if any(": error: " in line for line in lines) else 0)


def test_did_you_mean(site_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(site_project, "words: 1122", "word: 1122")
    _, lines = run_check(site_project, capsys)
    assert any("unknown front-matter key 'word'; did you mean 'words'?" in line for line in lines)


def test_github_format(site_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(site_project, "published: 2017-12-18", "published: someday")
    code, lines = run_check(site_project, capsys, "--format", "github")
    assert code == 1
    lines = [line for line in lines if not any(f"title={desk[1:-1]}::" in line for desk in DESK_CODES)]
    assert lines[0].startswith(f"::error file={PAGE},line=6,col=1,title=bad-value::'published' must be an ISO date")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"---\ntitle: [unclosed\n---\nbody\n", "front-matter is not valid YAML"),
        (b"---\ntitle: x\n", "front-matter opened with '---' is never closed"),
        (b"---\n- a list\n---\nbody\n", "front-matter must be a mapping"),
        (b"---\ntitle: x\n---\n\xff\xfe bad", "not valid UTF-8"),
    ],
)
def test_bad_files_get_one_line(site_project: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str) -> None:
    (site_project / "docs" / "readings" / "bad.md").write_bytes(content)
    code, lines = run_check(site_project, capsys)
    bad = [line for line in lines if line.startswith("docs/readings/bad.md:")]
    assert code == 1 and len(bad) >= 1 and message in bad[0], lines
    assert not any("Traceback" in line for line in lines)


def test_duplicate_source(site_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(site_project / PAGE, site_project / "docs" / "readings" / "copy.md")
    code, lines = run_check(site_project, capsys)
    assert code == 1 and any(line.endswith("[duplicate-source]") for line in lines)
