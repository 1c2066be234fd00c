"""What the published site and books promise to search engines and to readers' assistive technology.

The sitemap lists the published pages and no draft (a draft is ``noindex``: listing it would contradict that).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SEED_SLUG, make_project

from generator.cli import main

pytestmark = pytest.mark.slow

DRAFT_SLUG = "a-reading-still-in-draft"
DRAFT_SEED = """# A Reading Still in Draft

By Ann Writer

Example News, March 3, 2020

The council met on Tuesday and agreed the budget.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site (its reading is reviewed) with a second reading, marked a draft, built strictly."""
    project = make_project(tmp_path_factory.mktemp("sitemap-project"))
    (project / "seeds" / "001_draft.txt").write_text(DRAFT_SEED, encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0
    page = project / "docs" / "readings" / f"{DRAFT_SLUG}.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\nreading_time: 1\n", "\nreading_time: 1\nreview:\n  status: draft\n", 1), encoding="utf-8")
    assert "status: draft" in page.read_text(encoding="utf-8")
    assert main(["--project", str(project), "build"]) == 0
    return project / "site"


def sitemap_paths(site: Path) -> list[str]:
    locs = re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    return [re.sub(r"^https?://[^/]+/[^/]+/", "", loc) for loc in locs]


@pytest.mark.parametrize(("slug", "listed", "robots"), [
    (SEED_SLUG, True, False),  # reviewed: listed and indexable
    (DRAFT_SLUG, False, True),  # a draft: noindex, and so not in the sitemap
])
def test_the_sitemap_lists_published_readings_only(site: Path, slug: str, listed: bool, robots: bool) -> None:
    html = (site / "readings" / slug / "index.html").read_text(encoding="utf-8")
    assert ('<meta name="robots" content="noindex">' in html) is robots
    assert (f"readings/{slug}/" in sitemap_paths(site)) is listed


def test_the_sitemap_keeps_the_other_pages(site: Path) -> None:
    paths = sitemap_paths(site)
    assert "" in paths and "about/" in paths and "context/hamid-karzai/" in paths
    assert len(paths) == len(set(paths)) and not any("lastmod" in line for line in (site / "sitemap.xml").read_text().splitlines())
