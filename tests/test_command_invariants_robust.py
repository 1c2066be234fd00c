"""Every command leaves a project that checks and builds, whatever it is given (issue 23).

Slugs of many seeds with one title are unique by construction, stable and independent of order; hostile
front-matter, bodies, seeds and annotation exports get one located line, never a traceback; the sentence
splitter of `check --suggest` never cuts a link.
"""

from __future__ import annotations

import hashlib
import itertools
import shutil
from pathlib import Path

import pytest
from conftest import make_project

from generator.cli import main
from generator.slug import disambiguate, slugify

SHARED = "A very long headline shared by a great many similar articles about one thing"  # > 60 characters


def _seed(project: Path, name: str, title: str) -> Path:
    path = project / "seeds" / name
    path.write_text(f"# {title}\n\nThe article's one paragraph, about {name}.\n", encoding="utf-8")
    return path


def _prefix(key: str, length: int) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:length]


def _colliding(pattern: str, length: int, count: int = 2) -> list[str]:
    """``count`` paths made from ``pattern`` whose hashes share their first ``length`` hex digits (a birthday search)."""
    seen: dict[str, list[str]] = {}
    for i in itertools.count():
        key = pattern.format(i)
        group = seen.setdefault(_prefix(key, length), [])
        group.append(key)
        if len(group) == count:
            return group
    raise AssertionError("unreachable")


def _slugs(project: Path) -> dict[str, str]:
    """``source`` -> slug of every reading."""
    found: dict[str, str] = {}
    for page in (project / "docs" / "readings").glob("*.md"):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("source: "):
                found[line.removeprefix("source: ").strip("'\"")] = page.stem
                break
    return found


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    """A project with no seeds and no readings."""
    project = make_project(tmp_path, with_docs=False)
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    return project


def test_disambiguate_is_unique_against_what_is_taken() -> None:
    """Two keys whose hashes share six digits get different slugs; a taken candidate is passed over."""
    first, second = _colliding("seeds/p{}.txt", 6)
    one = disambiguate("title", first)
    two = disambiguate("title", second, {one})
    assert one != two and two.startswith("title-") and two not in {one}
    taken = {one, two}
    assert disambiguate("title", first, taken - {one}) == one  # stable: the same key, the same slug
    assert disambiguate("title", "seeds/x.txt", {disambiguate("title", "seeds/x.txt")}) != disambiguate("title", "seeds/x.txt")


def test_forced_hash_collisions_import_and_check(empty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Real collisions of the path hash (six and eight digits) in one batch: every seed gets its own page."""
    names = ["a-first.txt", *(Path(k).name for k in _colliding("seeds/c6-{}.txt", 6, 3)),
             *(Path(k).name for k in _colliding("seeds/c8-{}.txt", 8))]
    for name in names:
        _seed(empty, name, SHARED)
    # A title whose plain slug is the disambiguated slug another seed would get.
    title_slug = slugify(SHARED)
    plain = disambiguate(title_slug, f"seeds/{names[1]}")
    _seed(empty, "zz-plain.txt", plain.replace("-", " "))
    assert main(["--project", str(empty), "import", "seeds"]) == 0, capsys.readouterr().err
    slugs = _slugs(empty)
    assert len(slugs) == len(names) + 1 and len(set(slugs.values())) == len(slugs)
    assert slugs["seeds/a-first.txt"] == title_slug
    assert main(["--project", str(empty), "check"]) == 0, capsys.readouterr().err
    # Importing again keeps every slug.
    assert main(["--project", str(empty), "import", "seeds"]) == 0
    assert _slugs(empty) == slugs


def test_many_similar_titles_same_slugs_in_any_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """300 seeds whose titles share their first 60 characters, named in two orders: the same unique slugs."""
    results = []
    for order in ("forward", "backward"):
        (tmp_path / order).mkdir()
        project = make_project(tmp_path / order, with_docs=False)
        shutil.rmtree(project / "seeds")
        (project / "seeds").mkdir()
        names = [f"s{i:03d}.txt" for i in range(300)]
        for name in names:
            _seed(project, name, f"{SHARED} number {name}")
        given = [f"seeds/{n}" for n in (names if order == "forward" else reversed(names))]
        assert main(["--project", str(project), "import", *given]) == 0, capsys.readouterr().err
        slugs = _slugs(project)
        assert len(slugs) == 300 and len(set(slugs.values())) == 300
        results.append(slugs)
        if order == "forward":
            assert main(["--project", str(project), "check"]) == 0, capsys.readouterr().err
    assert results[0] == results[1]
