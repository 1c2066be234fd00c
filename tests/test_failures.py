"""Every failure is one located line, never a traceback, and nothing is half-written: impossible dates, a full disk,
a read-only checkout, links and FIFOs given as seeds, and the smaller doors (slugs, names, encodings, paths)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import DESK_CODES, ROOT, SEED, SEED_SLUG, make_project

from generator import fsutil
from generator.cli import main
from generator.errors import Problem, Severity

PAGE = f"docs/readings/{SEED_SLUG}.md"


def run(project: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "--project", str(project), *args], capture_output=True, text=True,
                          timeout=timeout, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})


def one_line(result: subprocess.CompletedProcess[str], code: str) -> str:
    lines = [line for line in result.stderr.splitlines() if not line.startswith("checked ") and not line.endswith(DESK_CODES)]
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1 and len(lines) == 1 and lines[0].endswith(f"[{code}]"), result.stderr
    return lines[0]


@pytest.fixture
def site_project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.mark.parametrize(
    ("where", "old", "new"),
    [(PAGE, "published: 2017-12-18", "published: 2017-02-30"),
     ("docs/context/rt.md", "kind: organisation", "kind: organisation\nfounded: 2005-13-01")],
)
def test_impossible_dates_in_pages(site_project: Path, where: str, old: str, new: str) -> None:
    path = site_project / where
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    line = one_line(run(site_project, "check"), "front-matter")
    assert line.startswith(f"{where}:") and "impossible value" in line


def test_impossible_date_in_a_markdown_seed(tmp_path: Path) -> None:
    project = make_project(tmp_path, with_docs=False)
    (project / "seeds" / "bad.md").write_text("---\ntitle: A capture\ndate: 2020-02-31\n---\n\nSome text.\n", encoding="utf-8")
    line = one_line(run(project, "import", "seeds/bad.md"), "front-matter")
    assert line.startswith("seeds/bad.md:3:1:")
    assert not (project / "docs" / "readings").exists()


def test_a_full_disk_is_one_line_and_leaves_pages_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, with_docs=False)

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", full)
    assert main(["--project", str(project), "import", "seeds"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left on device" in err[0] and err[0].endswith("[write-failed]")
    assert not list((project / "docs" / "readings").glob("*"))  # no page, and no temporary file left behind


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` mounted read-only (root ignores file permissions, so a mount is the honest test)."""
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("needs root and mount to make a folder read-only for root")
    bind = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, check=False)
    if bind.returncode != 0:
        pytest.skip(f"mount is not permitted here: {bind.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True, capture_output=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=False, capture_output=True)


def test_a_read_only_checkout(site_project: Path) -> None:
    assert main(["--project", str(site_project), "import", "seeds"]) == 0  # listings current, cache written
    with read_only(site_project):
        result = run(site_project, "check")
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        line = one_line(run(site_project, "import", "--update", "seeds"), "locked")
        assert "read-only" in line


def test_a_lock_that_cannot_be_created_is_one_line(site_project: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    real_open = os.open

    def refuse(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".readings.lock"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, mode)

    monkeypatch.setattr(fsutil.os, "open", refuse)
    assert main(["--project", str(site_project), "import", "seeds"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith("[locked]") and "Read-only file system" in err[0]


@pytest.mark.parametrize("kind", ["loop", "dangling", "fifo", "outside-link"])
def test_seeds_that_are_not_regular_files_are_refused_before_the_lock(tmp_path: Path, kind: str) -> None:
    project = make_project(tmp_path, with_docs=False)
    target = project / "seeds" / "odd"
    if kind == "loop":
        os.symlink("odd", target)
    elif kind == "dangling":
        os.symlink("nowhere.txt", target)
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        os.symlink("/etc/hostname", target)
    for given in ("seeds/odd", "seeds"):
        line = one_line(run(project, "import", given, timeout=30), "bad-seed-path")
        assert line.startswith("seeds/odd:1:1: error: the seed ")
    assert not (project / ".readings.lock").exists() or (project / ".readings.lock").stat().st_size == 0


def test_wait_must_be_a_number_of_seconds(site_project: Path) -> None:
    result = run(site_project, "--wait", "nan", "import", "seeds")
    assert result.returncode == 2 and "not a number of seconds: 'nan'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("encoding", ["bom", "crlf", "cr"])
def test_pages_with_a_bom_or_other_line_ends_are_read(site_project: Path, encoding: str) -> None:
    page = site_project / PAGE
    text = page.read_text(encoding="utf-8")
    data = {"bom": b"\xef\xbb\xbf" + text.encode(), "crlf": text.replace("\n", "\r\n").encode(),
            "cr": text.replace("\n", "\r").encode()}[encoding]
    page.write_bytes(data)
    result = run(site_project, "check", PAGE)
    assert result.returncode == 0 and "missing title" not in result.stderr, result.stderr


def test_github_format_escapes_file_names() -> None:
    problem = Problem("docs/a,b\n::error file=x::pwned.md", 1, 2, Severity.ERROR, "100% wrong\nsecond", "code")
    line = problem.format_github()
    assert "\n" not in line and line.count("::") == 2
    assert line == "::error file=docs/a%2Cb%0A%3A%3Aerror file=x%3A%3Apwned.md,line=1,col=2,title=code::100%25 wrong%0Asecond"
    assert "\n" not in problem.format()


def test_slugs_do_not_depend_on_the_order_seeds_are_named(tmp_path: Path) -> None:
    slugs = []
    for order in (["seeds/a.txt", "seeds/b.txt"], ["seeds/b.txt", "seeds/a.txt"]):
        folder = tmp_path / str(len(slugs))
        folder.mkdir()
        project = make_project(folder, with_docs=False)
        (project / "seeds" / SEED.name).unlink()
        for name in ("a.txt", "b.txt"):
            (project / "seeds" / name).write_text(f"The same title\n\nText of {name}, which differs.\n", encoding="utf-8")
        assert main(["--project", str(project), "import", *order]) == 0
        slugs.append({p.read_text(encoding="utf-8").split("source: ")[1].split("\n")[0]: p.stem
                      for p in (project / "docs" / "readings").glob("*.md")})
    assert slugs[0] == slugs[1] and slugs[0]["seeds/a.txt"] == "the-same-title"


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Путин посетил Сирию", "putin-posetil-siriyu"), ("习近平会见", "xi-jin-ping-hui-jian"), ("Ελληνικά νέα", "ellinika-nea")],
)
def test_titles_in_other_scripts_are_transliterated(tmp_path: Path, title: str, slug: str) -> None:
    project = make_project(tmp_path, with_docs=False)
    (project / "seeds" / SEED.name).unlink()
    (project / "seeds" / "x.txt").write_text(f"{title}\n\nSome text.\n", encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0
    assert (project / "docs" / "readings" / f"{slug}.md").is_file()


@pytest.mark.parametrize("source", ["/etc/passwd", "../../etc/passwd", "seeds/../mkdocs.yml", "mkdocs.yml", "C:/x"])
def test_source_must_name_a_seed(site_project: Path, source: str) -> None:
    page = site_project / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("source: seeds/000_6332c615e978acc2.txt", f"source: {source}"),
                    encoding="utf-8")
    result = run(site_project, "check", PAGE)
    assert result.returncode == 1 and "[bad-source]" in result.stderr and "Traceback" not in result.stderr


def test_bidi_controls_in_titles_are_errors(site_project: Path) -> None:
    page = site_project / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("title: ISIS", "title: \u202eISIS", 1), encoding="utf-8")
    result = run(site_project, "check", PAGE)
    assert result.returncode == 1 and "bidirectional control" in result.stderr
