"""Review fixes (cost and escaping): regexes that scanned to the end of the line from every start are linear, an EPUB
holds each image once and within a budget, and the ``language`` front-matter value is a BCP 47 tag.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import make_project

from generator.bibliography import cite
from generator.document import read, schema
from generator.importers import html as html_importer
from generator.importers import parse_text
from generator.outputs import epub
from generator.project import Project


def _seconds(work: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    work(text)
    return time.perf_counter() - start


# (what, the work, the repeated unit, n): the time for 4n stays within 8× the time for n (quadratic is 16×).
LINEAR_CASES = [
    ("html tags stripped on runs of '<'", html_importer._strip_tags, "&lt;a <a ", 2_000),
    ("images dropped on runs of '![a]('", html_importer._images, "![a](", 1_000),
    ("images dropped on runs of '!['", html_importer._images, "![", 1_000),
    ("footnote references on runs of '[^'", read.parse, "[^", 2_000),
    ("citation items on runs of spaces", lambda text: cite.parse(text + "x @key, p." + " " * len(text) + "4"), " ", 2_000),
]


@pytest.mark.parametrize(("what", "work", "unit", "n"), LINEAR_CASES, ids=[c[0] for c in LINEAR_CASES])
def test_scans_stay_linear(what: str, work: Callable[[str], object], unit: str, n: int) -> None:
    small = min(_seconds(work, "x " + unit * n) for _ in range(3))
    large = min(_seconds(work, "x " + unit * 4 * n) for _ in range(3))
    assert large < max(8 * small, 0.05), (what, small, large)


@pytest.mark.parametrize(("paragraph", "stripped"), [
    ("a <b>bold</b> word", "a bold word"),
    ('a <a href="x">link</a>', "a link"),
    ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
    ("a <span\nclass='x'>word</span>", "a word"),
    ("a <b\n> and < a>", "a <b\n> and < a>"),
])
def test_tags_are_stripped_as_before(paragraph: str, stripped: str) -> None:
    assert html_importer._strip_tags(paragraph) == stripped


# --- language is a BCP 47 tag ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "ok"), [
    ("en", True), ("en-GB", True), ("zh-Hant-TW", True), ("es-419", True), ("sgn-BE-FR", True), ("x-private", True),
    ('en" dir="rtl" xml:base="javascript:alert(1)//', False), ("en us", False), ("e", False), ("en-", False),
    ("en-toolongsubtag", False), ("en&amp", False), ("'en'", False),
])
def test_language_is_a_bcp47_tag(language: str, ok: bool) -> None:
    raw = {"title": "T", "language": language, "source": "seeds/a.html", "source_sha256": "0" * 64}
    meta, problems = schema.load(schema.ReadingMeta, raw, "docs/readings/a.md", {"language": 3})
    if ok:
        # A tag in another than its canonical form ('sgn-BE-FR' is 'sfb') is a warning only (language-form).
        assert (meta.language, [p for p in problems if p.is_error]) == (language, [])
    else:
        assert [(p.line, p.code) for p in problems] == [(3, "bad-value")] and "language" in problems[0].message


# --- EPUB images: once each, within a budget ------------------------------------------------------------------

def _pages_with_image(tmp_path: Path, size: int) -> tuple[epub._Pages, Path]:
    project = Project.at(make_project(tmp_path))
    image = project.docs / "big.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * size)
    return epub._Pages(project, set()), project.docs / "page.md"


def test_an_image_referenced_many_times_is_encoded_once(tmp_path: Path) -> None:
    pages, page = _pages_with_image(tmp_path, 1_000_000)
    first, second = pages.images(page)("big.png"), pages.images(page)("./big.png")
    assert first is not None and first is second


def test_images_beyond_the_book_budget_become_their_alt_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(epub, "MAX_BOOK_IMAGE_BYTES", 2_500_000)
    pages, page = _pages_with_image(tmp_path, 1_000_000)
    for name in ("a.png", "b.png", "c.png"):
        (page.parent / name).write_bytes((page.parent / "big.png").read_bytes())
    found = [pages.images(page)(name) for name in ("a.png", "b.png", "c.png", "a.png")]
    assert [uri is not None for uri in found] == [True, True, False, True]
    assert [(p.path, p.code, "'c.png'" in p.message) for p in pages.over_budget] == [("docs/page.md", "epub-image-budget", True)]


def test_memory_stays_flat_when_one_image_is_shown_many_times(tmp_path: Path) -> None:
    pages, page = _pages_with_image(tmp_path, 2_000_000)
    image = pages.images(page)
    tracemalloc.start()
    try:
        shown = [image("big.png") for _ in range(20)]  # the converter keeps every address it is given
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert all(shown) and peak < 3 * 2_700_000 * 2, peak  # one encoding (about 2.7 MB as text), not twenty


@pytest.mark.parametrize(("language", "kept"), [("en-GB", "en-GB"), ('en" dir="rtl', None), ("en us", None)])
def test_a_markdown_seed_keeps_only_a_well_formed_language(language: str, kept: str | None) -> None:
    # The importer hands the tag on as written; the import chooses (document.language.choose): a malformed tag is
    # named in language_basis, never kept, and "Some text." is too short to identify.
    capture = parse_text(f"---\ntitle: T\nlang: {language!r}\n---\n\nSome text.\n".encode(), "seeds/a.md")
    assert capture.meta.language == (kept or "")
    assert (kept is None) == ("no valid language tag" in capture.meta.language_basis)
