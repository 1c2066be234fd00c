"""Faithfulness: every reading, stripped of annotations and editorial blocks, is its seed's article text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, parse_annotations

from generator.checks.faithful import check_faithful
from generator.document import read
from generator.document.page import parse_page, read_page
from generator.importers import load_seed
from generator.project import Project

READINGS = sorted((ROOT / "docs" / "readings").glob("*.md"))


@pytest.mark.parametrize("path", READINGS, ids=[p.stem for p in READINGS])
def test_reading_reproduces_its_seed(path: Path) -> None:
    page = read_page(path, path.name)
    capture = load_seed(ROOT / page.meta["source"], ROOT)
    assert read.article_text(page.body) == capture.article_text()


def test_seed_reading_has_a_real_editorial_layer() -> None:
    page = read_page(ROOT / "docs" / "readings" / f"{SEED_SLUG}.md", "seed")
    doc, problems = parse_annotations(page.body)
    assert problems == []
    editorial = [a for a in doc.annotations if not a.id.startswith("capture-") or a.id == "capture-unit"]
    assert len(editorial) >= 15
    assert len({a.kind for a in doc.annotations}) >= 5
    assert '!!! editorial "Editor\'s introduction"' in page.body
    # The moments the editorial brief asks for are annotated.
    passages = " | ".join(a.passage for a in doc.annotations)
    for moment in ("widely held opinion", "potato-small", "dollar-fueled Jihad", "80", "supplying weapons to Daesh",
                   "Zakharova", "Karzai", "al-Abadi", "Jawzjan", "Tartous", "Dostum", "Hajji"):
        assert moment in passages, moment


def test_a_changed_word_is_reported_at_its_line() -> None:
    path = ROOT / "docs" / "readings" / f"{SEED_SLUG}.md"
    text = path.read_text(encoding="utf-8").replace("dressed in military clothing", "dressed in civilian clothing")
    page = parse_page(text, "docs/readings/x.md")
    problems = check_faithful(page, Project.at(ROOT))
    assert len(problems) == 1
    line = next(i for i, row in enumerate(text.split("\n"), start=1) if "civilian clothing" in row)
    assert problems[0].line == line and problems[0].code == "unfaithful"
    assert "“" in problems[0].message and "correction" in problems[0].message


def test_added_sentence_outside_editorial_block_is_reported() -> None:
    path = ROOT / "docs" / "readings" / f"{SEED_SLUG}.md"
    text = path.read_text(encoding="utf-8").rstrip("\n").replace("??? removed", "An editor's aside.\n\n??? removed")
    problems = check_faithful(parse_page(text, "x.md"), Project.at(ROOT))
    assert [p.code for p in problems] == ["unfaithful"]
    assert "An editor's aside." in problems[0].message
