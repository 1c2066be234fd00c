"""Rules across reading pages: one page per seed, and slugs that stay distinct on every file system. Pure."""

from __future__ import annotations

from pathlib import Path

from generator.document.page import Page
from generator.errors import Problem, error


def check_collection(pages: list[tuple[Path, Page]]) -> list[Problem]:
    """Two pages for one seed, or slugs that differ only in case."""
    problems: list[Problem] = []
    sources: dict[str, str] = {}
    slugs: dict[str, str] = {}
    for path, page in pages:
        source = page.meta.get("source")
        if isinstance(source, str):
            if source in sources:
                problems.append(error(page.path, page.key_lines.get("source", 1), 1, f"'{source}' is also imported as {sources[source]}",
                                      "duplicate-source"))
            sources.setdefault(source, page.path)
        key = path.stem.lower()
        if key in slugs:
            problems.append(error(page.path, 1, 1, f"slug clashes with {slugs[key]} on case-insensitive file systems", "duplicate-slug"))
        slugs.setdefault(key, page.path)
    return problems
