"""Shared fixtures. Locale, time zone and hash seed are pinned for every test.

``--regenerate`` rewrites the golden files in tests/fixtures/ instead of
comparing against them; it is never done implicitly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from generator.checks.annotations import annotation_problems
from generator.document import read
from generator.document.read import Document
from generator.errors import Problem
from generator.project import Project
from generator.site.policies import DISCLOSURE, disclosure_page

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "seeds" / "000_6332c615e978acc2.txt"
SEED_SLUG = "isis-daesh-is-on-the-rise-in-afghanistan-why-whos-supporting"
# The desk checks' warnings (generator/checks/desk.py), which the seed's reading and context pages give until they are
# revised for #26 (tests/test_desk_checks.py bounds them): tests that expect the seed to pass silently set them aside.
DESK_CODES = ("[off-claim-rating]", "[unsettled-verdict]", "[rated-twice]", "[unnamed-claimant]", "[undated-present]")

# In CI every property test draws the same examples (a submission lands or not on its own code, not on chance);
# on a developer's machine they draw new ones each run, and what they find is added as a fixed case.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

os.environ["TZ"] = "UTC"
os.environ["LANG"] = os.environ["LC_ALL"] = "C.UTF-8"
os.environ["NO_MKDOCS_2_WARNING"] = "1"
time.tzset()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regenerate", action="store_true", help="rewrite golden files in tests/fixtures/")


@pytest.fixture
def regenerate(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regenerate"))


PUBLISHER_AS_IN_REPOSITORY = "  publisher:\n    name: Annotated Readings\n"
PUBLISHER_OF_SAMPLES = ("  publisher:\n    name: Annotated Readings\n    ownership: A sample project (test fixture)\n"
                        "    funding: None (test fixture)\n    contact: desk@example.org\n")


def make_project(dest: Path, *, with_docs: bool = True) -> Path:
    """A copy of the project's site set-up (config, overrides, seeds, docs) in ``dest``."""
    for config in ("mkdocs.yml", "mkdocs.offline.yml"):
        shutil.copy(ROOT / config, dest / config)
    # The repository's own mkdocs.yml gives only the publisher's name (the maintainers must state the rest), so
    # `check --publish` refuses it; a sample project states the disclosures, clearly as a fixture's, to pass.
    config_file = dest / "mkdocs.yml"
    config_text = config_file.read_text(encoding="utf-8")
    assert PUBLISHER_AS_IN_REPOSITORY in config_text
    config_file.write_text(config_text.replace(PUBLISHER_AS_IN_REPOSITORY, PUBLISHER_OF_SAMPLES, 1), encoding="utf-8")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    if with_docs:
        shutil.copytree(ROOT / "docs", dest / "docs")
    else:
        (dest / "docs").mkdir()
        for name in ("about.md", "contributing.md"):
            shutil.copy(ROOT / "docs" / name, dest / "docs" / name)
    if with_docs:  # the page generated from those disclosures, as `readings build` would write it
        config = Project.at(dest).config
        (dest / "docs" / DISCLOSURE).write_text(disclosure_page(config.publisher, config.repository, config.site_name),
                                                encoding="utf-8")
    return dest


def copy_context(project: Path) -> None:
    """The repository's context pages, with the bibliography they cite, into a project made ``with_docs=False``."""
    shutil.copytree(ROOT / "docs" / "context", project / "docs" / "context")
    shutil.copy(ROOT / "docs" / "sources.yaml", project / "docs" / "sources.yaml")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project copy under git, as contributors have it: the previous seed is in history."""
    project = make_project(tmp_path)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "init"]):
        subprocess.run(["git", *args], cwd=project, check=True)
    return project


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A fresh project with the seed but no reading pages yet."""
    yield make_project(tmp_path, with_docs=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own docs/, built strictly once per session in a temporary copy."""
    from generator.cli import main

    dest = make_project(tmp_path_factory.mktemp("site-project"))
    assert main(["--project", str(dest), "build"]) == 0
    return dest / "site"


def parse_annotations(body: str, path: str = "<page>", line_offset: int = 0) -> tuple[Document, list[Problem]]:
    """The annotation layer of a body and its problems, as ``readings check`` reports them."""
    doc = read.parse(body, line_offset)
    return doc, annotation_problems(doc, path)
