"""The per-page cache changes speed, never output: with or without it, after edits, the same pages."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import SEED_SLUG, make_project

from generator.cli import main
from generator.document.page import parse_page
from generator.project import CACHE_NAME, Project
from generator.site.generated import generated_pages


def test_generated_pages_are_the_same_with_a_warm_or_cold_cache(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    docs = project / "docs"
    cold, _ = generated_pages(Project.at(project))
    assert (project / CACHE_NAME).exists()
    warm, _ = generated_pages(Project.at(project))
    assert warm == cold
    # An edit is seen: one more annotation changes the home page's counts.
    page = docs / "readings" / f"{SEED_SLUG}.md"
    text = page.read_text(encoding="utf-8").replace("He added:", "He ==added==[^claim-added]:\n\n[^claim-added]: A new note.\n", 1)
    page.write_text(text, encoding="utf-8")
    edited, _ = generated_pages(Project.at(project))
    claims = int(re.search(r"(\d+) claim", cold["index.md"]).group(1))  # type: ignore[union-attr]
    assert edited["index.md"] != cold["index.md"] and f"{claims + 1} claim" in edited["index.md"]
    (project / CACHE_NAME).unlink()
    assert generated_pages(Project.at(project))[0] == edited


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / CACHE_NAME).write_text("{not json", encoding="utf-8")
    assert main(["--project", str(project), "check"]) == 0
    assert main(["--project", str(project), "build"]) == 0


def test_every_page_in_docs_has_valid_front_matter() -> None:
    """MkDocs silently ignores invalid front-matter (Zensical refuses it): every page must parse."""
    from conftest import ROOT

    for path in sorted((ROOT / "docs").rglob("*.md")):
        page = parse_page(path.read_text(encoding="utf-8"), path.name)
        assert isinstance(page.meta.get("title", ""), str), path
