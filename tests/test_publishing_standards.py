"""What the published site and books promise to search engines and to readers' assistive technology.

The sitemap lists the published pages and no draft (a draft is ``noindex``: listing it would contradict that).
The EPUB books declare their accessibility in the package (schema.org accessMode, accessModeSufficient,
accessibilityFeature, accessibilityHazard, accessibilitySummary), their headings never skip a level, and DAISY Ace
reports no violation for the seed's reading and for the collection.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, make_project
from lxml import etree

from generator.cli import main
from generator.outputs.epub import accessibility

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


# EPUB accessibility ---------------------------------------------------------------------------------------------
# DAISY Ace (npm @daisy/ace-cli, pinned in .ci/run) installed under .tools/ace, or `ace` on the PATH; it drives
# Debian's Chromium through Puppeteer. Without it the Ace test skips with a reason; READINGS_REQUIRE_ACE=1 (set by
# .ci/run), or READINGS_REQUIRE_EPUBCHECK=1, turns the skip into a failure.
ACE_LOCAL = ROOT / ".tools" / "ace" / "node_modules" / ".bin" / "ace-cli"
OPF = "EPUB/content.opf"
NS = {"opf": "http://www.idpf.org/2007/opf", "x": "http://www.w3.org/1999/xhtml"}


def ace() -> tuple[list[str], dict[str, str]]:
    """The command that runs Ace and its environment, or a skip (a failure where CI requires Ace)."""
    command = str(ACE_LOCAL) if ACE_LOCAL.is_file() else shutil.which("ace")
    chromium = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    missing = [what for what, found in (("node", shutil.which("node")), ("DAISY Ace", command), ("Chromium", chromium)) if not found]
    if missing:
        reason = f"{' and '.join(missing)} not installed (.ci/run installs DAISY Ace: npm install @daisy/ace-cli into .tools/ace)"
        if os.environ.get("READINGS_REQUIRE_ACE") or os.environ.get("READINGS_REQUIRE_EPUBCHECK"):
            pytest.fail(f"READINGS_REQUIRE_ACE is set but {reason}")
        pytest.skip(reason)
    assert command is not None and chromium is not None
    return [command], {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium, "ACE_TIMEOUT_INITIAL": "60000"}


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    project = make_project(tmp_path_factory.mktemp("epub-a11y-project"))
    assert main(["--project", str(project), "bundle", "--epub", SEED_SLUG]) == 0
    assert main(["--project", str(project), "bundle", "--epub"]) == 0
    return {"reading": project / "dist" / f"{SEED_SLUG}.epub", "collection": project / "dist" / "annotated-readings.epub"}


def package_metadata(book: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(book) as archive:
        root = etree.fromstring(archive.read(OPF))
    found: dict[str, list[str]] = {}
    for item in root.iterfind("opf:metadata/opf:meta[@property]", NS):
        found.setdefault(item.get("property") or "", []).append(item.text or "")
    return found


@pytest.mark.parametrize("which", ["reading", "collection"])
def test_the_book_declares_its_accessibility(books: dict[str, Path], which: str) -> None:
    found = package_metadata(books[which])
    assert found["schema:accessMode"] == ["textual"] and found["schema:accessModeSufficient"] == ["textual"]
    assert found["schema:accessibilityHazard"] == ["none"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "ARIA"} <= set(found["schema:accessibilityFeature"])
    assert "alternativeText" not in found["schema:accessibilityFeature"]  # the book holds no image: nothing to describe
    [summary] = found["schema:accessibilitySummary"]
    assert "footnote" in summary and "table of contents" in summary and "no images" in summary
    assert "dcterms:conformsTo" not in found  # no conformance is claimed that no one has evaluated


@pytest.mark.parametrize("which", ["reading", "collection"])
def test_headings_never_skip_a_level(books: dict[str, Path], which: str) -> None:
    with zipfile.ZipFile(books[which]) as archive:
        for name in archive.namelist():
            if name.endswith(".xhtml") and name != "EPUB/nav.xhtml":
                levels = [int(h.tag[-1]) for h in etree.fromstring(archive.read(name)).iter()
                          if isinstance(h.tag, str) and re.fullmatch(r"\{[^}]*\}h[1-6]", h.tag)]
                assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (name, levels)


@pytest.mark.parametrize("which", ["reading", "collection"])
def test_ace_finds_no_violation(books: dict[str, Path], which: str, tmp_path: Path) -> None:
    command, env = ace()
    result = subprocess.run([*command, "--silent", "--force", "--outdir", str(tmp_path), str(books[which])],
                            capture_output=True, text=True, timeout=600, check=False, env=env)
    report = tmp_path / "report.json"
    assert result.returncode == 0 and report.is_file(), result.stdout + result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    violations = [(doc["earl:testSubject"]["url"], test["earl:test"]["dct:title"], test["earl:result"].get("dct:description", ""))
                  for doc in data["assertions"] for test in doc["assertions"] if test["earl:result"]["earl:outcome"] == "fail"]
    assert violations == []
    assert data["earl:result"]["earl:outcome"] == "pass"


def image(alt: str) -> dict[str, object]:
    return {"t": "Para", "c": [{"t": "Image", "c": [["", [], []], [{"t": "Str", "c": w} for w in alt.split()], ["data:image/png;base64,", ""]]}]}


@pytest.mark.parametrize(("blocks", "modes", "sufficient", "alternative", "sentence"), [
    ([], ["textual"], ["textual"], False, "It has no images."),
    ([image("A map of Jawzjan")], ["textual", "visual"], ["textual"], True, "Every image has a text alternative."),
    ([image("A map"), image("")], ["textual", "visual"], ["textual,visual"], False, "Some images have no text alternative."),
])
def test_the_accessibility_metadata_says_what_the_book_holds(blocks: list[dict[str, object]], modes: list[str],
                                                             sufficient: list[str], alternative: bool, sentence: str) -> None:
    found = accessibility(blocks, 1, appendix=False)
    assert found["accessModes"] == modes and found["accessModeSufficient"] == sufficient
    assert ("alternativeText" in found["accessibilityFeatures"]) is alternative  # type: ignore[operator]
    summary = str(found["accessibilitySummary"])
    assert summary.endswith(sentence) and "appendix" not in summary and summary.startswith("This book holds one annotated reading: the article's")
