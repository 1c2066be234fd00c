"""`readings import`: golden page, idempotence, slugs, and refusing to lose contributors' edits."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED, SEED_SLUG

from generator.cli import main
from generator.importers import load_seed
from generator.reading.compose import compose_page as render_page
from generator.slug import disambiguate, slugify

GOLDEN = FIXTURES / "golden" / f"{SEED_SLUG}.md"


def test_golden_page(regenerate: bool) -> None:
    """The generated page for the seed, byte for byte. Regenerate with `pytest --regenerate`."""
    text = render_page(load_seed(SEED, ROOT))
    if regenerate:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), "no golden file: run `pytest --regenerate` once and review it"
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_import_writes_page_and_listings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(project), "import", "seeds/000_6332c615e978acc2.txt"]) == 0
    page = project / "docs" / "readings" / f"{SEED_SLUG}.md"
    assert page.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
    for listing in ("index.md", "themes/index.md", "themes/terrorism.md", "themes/media-disinformation.md",
                    "regions/index.md", "regions/asia.md"):
        assert (project / "docs" / listing).is_file(), listing
    assert f"{SEED_SLUG}.md: new" in capsys.readouterr().out


def test_import_is_idempotent(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--project", str(project), "import", "seeds"]
    assert main(args) == 0
    snapshot = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "docs").rglob("*.md")}
    assert main(args) == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "docs").rglob("*.md")} == snapshot
    assert "unchanged" in capsys.readouterr().out


def test_unchanged_seed_keeps_contributors_edits(project: Path) -> None:
    """The repository's edited page, with its seed unchanged: import leaves it alone."""
    edited = ROOT / "docs" / "readings" / f"{SEED_SLUG}.md"
    target = project / "docs" / "readings" / edited.name
    target.parent.mkdir(parents=True)
    shutil.copy(edited, target)
    assert main(["--project", str(project), "import", "seeds/000_6332c615e978acc2.txt"]) == 0
    assert target.read_bytes() == edited.read_bytes()


def _change_seed(project: Path) -> None:
    seed = project / "seeds" / SEED.name
    seed.write_text(seed.read_text(encoding="utf-8").replace("Tartous", "Tartus"), encoding="utf-8")


def test_changed_seed_with_edits_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edited = ROOT / "docs" / "readings" / f"{SEED_SLUG}.md"
    target = project / "docs" / "readings" / edited.name
    target.parent.mkdir(parents=True)
    shutil.copy(edited, target)
    _change_seed(project)
    assert main(["--project", str(project), "import", "seeds/000_6332c615e978acc2.txt"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"docs/readings/{SEED_SLUG}.md:1:1: error: 'seeds/000_6332c615e978acc2.txt' changed")
    assert "readings import --update" in err[0] and err[0].endswith("[edited-page]")
    assert target.read_bytes() == edited.read_bytes()


def test_changed_seed_without_edits_is_replaced(project: Path) -> None:
    assert main(["--project", str(project), "import", "seeds"]) == 0
    _change_seed(project)
    assert main(["--project", str(project), "import", "seeds"]) == 0
    page = (project / "docs" / "readings" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")
    assert "naval facility at Tartus on" in page


def test_reimport_keeps_slug_when_title_changes(project: Path) -> None:
    assert main(["--project", str(project), "import", "seeds"]) == 0
    seed = project / "seeds" / SEED.name
    seed.write_text(seed.read_text(encoding="utf-8").replace("# ISIS-Daesh Is", "# Daesh Is", 1), encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0
    assert sorted(p.name for p in (project / "docs" / "readings").iterdir()) == [f"{SEED_SLUG}.md"]


def test_same_title_gets_distinct_deterministic_slugs(project: Path) -> None:
    second = project / "seeds" / "001_copy.txt"
    second.write_bytes(SEED.read_bytes().replace(b"Afghan Government officials", b"Afghan officials"))
    assert main(["--project", str(project), "import", "seeds"]) == 0
    names = sorted(p.name for p in (project / "docs" / "readings").iterdir())
    assert names == sorted([f"{SEED_SLUG}.md", f"{disambiguate(SEED_SLUG, 'seeds/001_copy.txt')}.md"])


def test_nothing_written_when_one_seed_is_bad(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "seeds" / "002_empty.txt").write_bytes(b"")
    assert main(["--project", str(project), "import", "seeds"]) == 1
    assert capsys.readouterr().err.strip() == "seeds/002_empty.txt:1:1: error: the file is empty [empty-seed]"
    assert not (project / "docs" / "readings").exists()
    assert not (project / "docs" / "index.md").exists()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("ISIS-Daesh Is on the Rise in Afghanistan. Why? Who's Supporting Them? Afghanistan's Rare Earth Elements", SEED_SLUG),
        ("Ça va? Élysée à Zürich", "ca-va-elysee-a-zurich"),
        ("../../etc/passwd", "etc-passwd"),
        ("CON", "con-page"),
        ("???", "reading-" ),
        ("a" * 80, "a" * 60),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    result = slugify(title)
    assert result.startswith(slug) if slug.endswith("-") else result == slug
    assert len(result) <= 60 and result.isascii() and "/" not in result


def test_python_m_generator(project: Path) -> None:
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "generator", "--project", str(project), "import", "seeds"],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
