"""Containment: what the tool reads from project data stays inside the project, what it fetches stays on the public
web, and the built site's scan sees every file a server would run script from (issue 24).

- **Files**: a page's ``source:``, a seed's capture record and extraction override, the bibliography: a path outside
  the project (absolute, ``..``, a symbolic link on the way), a file that is no regular file (a FIFO, a device) or one
  over the size cap is one located line, and nothing is written.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, SEED_SLUG, copy_context, make_project

from generator import bibliography
from generator.cli import main
from generator.fsutil import MAX_READ_BYTES
from generator.project import Project

PAGE = f"docs/readings/{SEED_SLUG}.md"
HYPOTHESIS = FIXTURES / "hypothesis" / "export.json"
SECRET = "hunter2-secret-words"
SEED_NAME = SEED.name


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """A project (in ``tmp_path/project``) with its seed imported; a secret file beside it, outside the project."""
    project = tmp_path / "project"
    project.mkdir()
    make_project(project, with_docs=False)
    copy_context(project)
    assert main(["--project", str(project), "import", "seeds"]) == 0
    (tmp_path / "secret.txt").write_text(f"Secret title\n\nThe password is {SECRET}, said the file.\n", encoding="utf-8")
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f"Git configuration\n\nurl = https://user:{SECRET}@example.org/repo\n",
                                             encoding="utf-8")
    return project


def _plant(project: Path, case: str) -> str:
    """Make what ``case`` needs on disk; return the ``source:`` value a hostile pull request would write."""
    seeds = project / "seeds"
    outside = project.parent / "secret.txt"
    if case == "absolute":
        return str(outside)
    if case == "dot-dot":
        return "../secret.txt"
    if case == "seeds-dot-dot":
        return "seeds/../../secret.txt"
    if case == "inside-not-seeds":
        return ".git/config"
    if case == "symlink-to-git":
        (seeds / "link.txt").symlink_to(project / ".git" / "config")
        return "seeds/link.txt"
    if case == "symlink-outside":
        (seeds / "link.txt").symlink_to(outside)
        return "seeds/link.txt"
    if case == "symlinked-folder":
        (seeds / "elsewhere").symlink_to(project.parent, target_is_directory=True)
        return "seeds/elsewhere/secret.txt"
    if case == "fifo":
        os.mkfifo(seeds / "pipe.txt")
        return "seeds/pipe.txt"
    if case == "device":
        return "/dev/zero"
    if case == "too-large":
        with (seeds / "huge.txt").open("wb") as handle:  # sparse: costs no disk
            handle.write(f"Huge\n\n{SECRET}\n".encode())
            handle.truncate(MAX_READ_BYTES + 1)
        return "seeds/huge.txt"
    raise AssertionError(case)


CASES = ["absolute", "dot-dot", "seeds-dot-dot", "inside-not-seeds", "symlink-to-git", "symlink-outside",
         "symlinked-folder", "fifo", "device", "too-large"]


def _with_source(project: Path, source: str) -> tuple[str, int]:
    """Set the page's ``source:`` to ``source``; the page's new text and the line of its ``source:`` key."""
    page = project / PAGE
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^source: .*$", lambda _m: f"source: {source}", text, count=1)
    page.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("source:"))
    return text, line


def _located(err: str, line: int, code: str) -> None:
    rows = [row for row in err.splitlines() if row.strip()]
    assert len(rows) == 1, err
    assert re.fullmatch(rf"{re.escape(PAGE)}:{line}:1: error: .+ \[{code}\]", rows[0]), rows[0]
    assert SECRET not in err


@pytest.mark.parametrize("case", CASES)
def test_annotations_import_reads_no_file_outside_the_seeds(imported: Path, case: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    text, line = _with_source(imported, _plant(imported, case))
    capsys.readouterr()
    code = main(["--project", str(imported), "annotations", "import", "--reading", SEED_SLUG, str(HYPOTHESIS)])
    out, err = capsys.readouterr()
    assert code == 1, out
    _located(err, line, "bad-source")
    assert (imported / PAGE).read_text(encoding="utf-8") == text
    assert not any(SECRET in p.read_text(encoding="utf-8") for p in (imported / "docs").rglob("*.md"))


@pytest.mark.parametrize("case", CASES)
def test_check_refuses_a_source_outside_the_seeds(imported: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    _text, line = _with_source(imported, _plant(imported, case))
    capsys.readouterr()
    assert main(["--project", str(imported), "check", PAGE]) == 1
    out, err = capsys.readouterr()
    found = [row for row in (out + err).splitlines() if "[bad-source]" in row]
    assert len(found) == 1 and found[0].startswith(f"{PAGE}:{line}:1: error: "), out + err
    assert SECRET not in out + err


@pytest.mark.parametrize(("companion", "code"), [(".capture.json", "bad-record"), (".extraction.yaml", "bad-override")])
@pytest.mark.parametrize("how", ["symlink-outside", "fifo", "too-large"])
def test_a_seeds_companion_file_is_read_only_from_inside(imported: Path, companion: str, code: str, how: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A capture record or extraction override beside a seed that points outside, blocks or is huge: one line."""
    target = imported / "seeds" / (SEED_NAME + companion)
    if how == "symlink-outside":
        shutil.copy(imported.parent / "secret.txt", imported.parent / f"secret{companion}")
        target.symlink_to(imported.parent / f"secret{companion}")
    elif how == "fifo":
        os.mkfifo(target)
    else:
        with target.open("wb") as handle:
            handle.truncate(MAX_READ_BYTES + 1)
    before = {p: p.read_bytes() for p in (imported / "docs").rglob("*.md")}
    capsys.readouterr()
    assert main(["--project", str(imported), "import", "--relink", f"seeds/{SEED_NAME}"]) == 1
    _out, err = capsys.readouterr()
    rows = [row for row in err.splitlines() if row.strip()]
    assert len(rows) == 1 and re.fullmatch(rf"seeds/{re.escape(SEED_NAME + companion)}:1:1: error: .+ \[{code}\]", rows[0]), err
    assert SECRET not in err
    assert {p: p.read_bytes() for p in (imported / "docs").rglob("*.md")} == before


@pytest.mark.parametrize("how", ["symlink-outside", "fifo"])
def test_the_bibliography_is_read_only_from_inside(imported: Path, how: str) -> None:
    target = imported / "docs" / "sources.yaml"
    target.unlink()
    if how == "symlink-outside":
        (imported.parent / "secret.yaml").write_text(f"- id: secret\n  title: {SECRET}\n  author: X\n  issued: 2017\n",
                                                     encoding="utf-8")
        target.symlink_to(imported.parent / "secret.yaml")
    else:
        os.mkfifo(target)
    found, problems = bibliography.load(Project.at(imported))
    assert found.entries == {} and [(p.path, p.line, p.code) for p in problems] == [("docs/sources.yaml", 1, "bad-bibliography")]
    assert bibliography.load_file(target, "docs/sources.yaml").entries == {}
