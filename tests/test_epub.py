"""EPUB books: a reading and the collection pass epubcheck, notes are EPUB notes labelled with their kind, the
article text is the source's, links stay inside the book, and builds are byte-stable.

epubcheck is Debian's package (a Java program); without it these tests skip with a reason, and with
READINGS_REQUIRE_EPUBCHECK=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import SEED_SLUG, make_project

from generator.cli import main
from generator.document import read
from generator.document.page import read_page

pytestmark = pytest.mark.slow


def epubcheck() -> list[str]:
    found = shutil.which("epubcheck")
    if found is None:
        if os.environ.get("READINGS_REQUIRE_EPUBCHECK"):
            pytest.fail("READINGS_REQUIRE_EPUBCHECK is set but epubcheck is not installed (apt-get install epubcheck)")
        pytest.skip("epubcheck is not installed (apt-get install epubcheck)")
    real = Path(found).resolve()
    return ["java", "-jar", str(real)] if real.suffix == ".jar" else [found]  # Debian links the command to its jar


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    project = make_project(tmp_path_factory.mktemp("epub-project"))
    assert main(["--project", str(project), "bundle", "--epub", SEED_SLUG]) == 0
    assert main(["--project", str(project), "bundle", "--epub"]) == 0
    return {"project": project, "reading": project / "dist" / f"{SEED_SLUG}.epub", "collection": project / "dist" / "annotated-readings.epub"}


def chapters(book: Path) -> dict[str, str]:
    with zipfile.ZipFile(book) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xhtml")}


@pytest.mark.parametrize("which", ["reading", "collection"])
def test_epubcheck_finds_nothing(books: dict[str, Path], which: str) -> None:
    result = subprocess.run([*epubcheck(), str(books[which])], capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in result.stdout, result.stdout


def test_notes_are_epub_notes_labelled_with_their_kind(books: dict[str, Path]) -> None:
    text = "\n".join(chapters(books["reading"]).values())
    page = read_page(books["project"] / "docs" / "readings" / f"{SEED_SLUG}.md", "page")
    count = len(read.parse(page.body).annotations)
    assert len(re.findall(r'epub:type="noteref" role="doc-noteref"', text)) == count
    notes = re.findall(r'<aside epub:type="footnote" role="doc-footnote" id="fn\d+">\s*<p><strong>([^<]+)</strong>', text)
    assert len(notes) == count
    assert "Correction (verdict: false)." in notes and "Source." in notes and "Question." in notes
    assert '<span class="annotation correction">Uranium and other rare earth elements</span>' in text


def test_the_article_text_is_the_sources(books: dict[str, Path]) -> None:
    text = "\n".join(chapters(books["reading"]).values())
    # Straight quotes, as the source has them: no typographic "smartening" of the article.
    assert "The ISIS's stationing in Afghanistan's north could carry more than one reason." in text
    assert "Editor's introduction" in text and "Removed from the capture" in text


def test_links_stay_inside_the_book(books: dict[str, Path]) -> None:
    files = chapters(books["collection"])
    ids = {(name.rsplit("/", 1)[-1], match) for name, body in files.items() for match in re.findall(r'\bid="([^"]+)"', body)}
    for name, body in files.items():
        for target in re.findall(r'href="([^"]+)"', body):
            if target.startswith(("http://", "https://", "mailto:")) or target.endswith(".css"):
                continue
            file, _, anchor = target.partition("#")
            assert ((file or name).rsplit("/", 1)[-1], anchor) in ids or not anchor, (name, target)
    assert any('id="ctx-hamid-karzai"' in body for body in files.values())


def test_books_are_byte_stable(books: dict[str, Path], tmp_path: Path) -> None:
    assert main(["--project", str(books["project"]), "bundle", "--epub", SEED_SLUG, "--dist", str(tmp_path)]) == 0
    assert (tmp_path / f"{SEED_SLUG}.epub").read_bytes() == books["reading"].read_bytes()


def test_an_unknown_slug_is_one_located_line(books: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(books["project"]), "bundle", "--epub", "../nowhere"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["docs/readings:1:1: error: no reading with the slug '../nowhere' [unknown-slug]"]
