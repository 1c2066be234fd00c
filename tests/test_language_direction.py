"""The language and direction of every output: a reading's ``lang``/``dir`` on its article and title, the desk's
(the site's ``theme.language``) on notes and editorial blocks, byline values isolated, right-to-left readings laid
out right to left (measured in Chromium), listings, the single file and the EPUB.

The sample readings are short articles written for these tests (tests/fixtures/languages/), one per language.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project

from generator.cli import main

LANGUAGES = {"ar": "rtl", "fa": "rtl", "he": "rtl", "zh": "ltr", "ja": "ltr", "ru": "ltr", "de": "ltr", "fr": "ltr",
             "es": "ltr", "en": "ltr"}
TAGS = {"zh": "zh-Hans"}  # the fixture's own tag where it is not the file's name


def reading_page(project: Path, seed: str) -> Path:
    """The reading imported from tests/fixtures/languages/<seed>.md (found by its source: slugs are not ours to fix)."""
    for path in sorted((project / "docs" / "readings").glob("*.md")):
        if f"\nsource: seeds/languages/{seed}.md\n" in path.read_text(encoding="utf-8"):
            return path
    raise AssertionError(f"no reading from {seed}.md")


def annotate(page: Path, passage: str, ident: str, note: str) -> None:
    """Mark ``passage`` (its first occurrence) with the note ``ident`` and put the note below its paragraph."""
    head, sep, body = page.read_text(encoding="utf-8").partition("\n---\n")
    paragraphs = body.split("\n\n")
    for i, paragraph in enumerate(paragraphs):
        if passage in paragraph:
            paragraphs[i] = paragraph.replace(passage, f"=={passage}==[^{ident}]", 1).rstrip("\n") + f"\n\n[^{ident}]: {note}\n"
            break
    else:
        raise AssertionError(f"{passage!r} is not in {page.name}")
    page.write_text(head + sep + "\n\n".join(paragraphs), encoding="utf-8")


def editorial(page: Path, text: str) -> None:
    head, sep, body = page.read_text(encoding="utf-8").partition("\n---\n")
    page.write_text(f'{head}{sep}\n!!! editorial "Editor\'s introduction"\n\n    {text}\n\n{body.lstrip()}', encoding="utf-8")


def sample_project(dest: Path) -> Path:
    """A project holding the ten sample readings, the Arabic and Chinese ones with notes and an editorial block."""
    project = make_project(dest, with_docs=False)
    shutil.copytree(FIXTURES / "languages", project / "seeds" / "languages")
    assert main(["--project", str(project), "import", str(project / "seeds" / "languages")]) == 0
    arabic = reading_page(project, "ar")
    editorial(arabic, "A short local news article in Arabic: the desk's introduction and notes are in English.")
    annotate(arabic, "هل سيزيد عدد القراء في الحي؟", "question-readers",
             "The article gives no figure for the number of readers expected.")
    annotate(arabic, "خدمة Wi-Fi مجانية", "question-wifi", "The article does not say who pays for the service.")
    chinese = reading_page(project, "zh")
    annotate(chinese, "全市居民需要把生活垃圾分成四类投放", "question-sorting", "The article does not name the four categories.")
    return project


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = sample_project(tmp_path_factory.mktemp("languages"))
    assert main(["--project", str(project), "build"]) == 0
    return project
