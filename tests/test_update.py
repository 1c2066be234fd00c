"""`readings import --update`: a changed seed never costs a note."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import SEED, SEED_SLUG, make_project, parse_annotations

from generator.cli import main
from generator.document import read
from generator.document.page import read_page

PAGE = f"docs/readings/{SEED_SLUG}.md"


def change_seed(project: Path, *pairs: tuple[str, str]) -> None:
    seed = project / "seeds" / SEED.name
    text = seed.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new, 1)
    seed.write_text(text, encoding="utf-8")


def ids(project: Path) -> set[str]:
    page = read_page(project / PAGE, PAGE)
    return {a.id for a in parse_annotations(page.body)[0].annotations}


def test_update_carries_every_note(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = ids(repo)
    change_seed(repo, ("Tartous", "Tartus"),
                ("The European services revealed that at least one Frenchman was arrested in Tajikistan in July who intended to join"
                 " ISIS in Afghanistan. ", ""))
    assert main(["--project", str(repo), "import", "--update", "seeds"]) == 0
    out = capsys.readouterr().out
    contributors = [i for i in before if not i.startswith("capture-")]
    assert f"notes {len(contributors) - 2} kept in place, 0 moved, 1 text-changed, 1 detached" in out
    assert "detached [^source-european-services]" in out
    page = (repo / PAGE).read_text(encoding="utf-8")
    assert '[Tartus](../context/tartus.md "' in page
    assert '!!! detached "Detached notes"' in page
    assert "    - `source-european-services` (Source). Last passage: “The European services revealed”. Note: " in page
    assert ids(repo) == before - {"source-european-services"}
    assert '!!! editorial "Editor\'s introduction"' in page  # editorial blocks carried over
    # The page is valid and faithful to the new seed; the detached note is a warning, not an error.
    assert main(["--project", str(repo), "check"]) == 0
    err = capsys.readouterr().err
    assert "[detached-note]" in err and ": error:" not in err

    # A second change keeps the detached note and re-anchors the rest again.
    change_seed(repo, ("potato-small", "potato small"))
    assert main(["--project", str(repo), "import", "--update", "seeds"]) == 0
    page = (repo / PAGE).read_text(encoding="utf-8")
    assert page.count("`source-european-services` (Source)") == 1
    assert "==potato small number of [ISIS](../context/isis-k.md" not in page
    assert "==potato small number of ISIS fanatics==[^rhetoric-potato-small]" in page


def test_dry_run_prints_a_diff_and_writes_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / PAGE).read_bytes()
    change_seed(repo, ("Tartous", "Tartus"))
    assert main(["--project", str(repo), "import", "--update", "--dry-run", "seeds"]) == 0
    out = capsys.readouterr().out
    assert f"--- a/{PAGE}" in out and "+Earlier this month" in out and "[dry run: nothing written]" in out
    assert (repo / PAGE).read_bytes() == before


def test_front_matter_edits_carry_over(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = repo / PAGE
    text = page.read_text(encoding="utf-8").replace("publisher: Global Research\n", "publisher: Global Research (CRG)\n")
    page.write_text(text.replace("title: ISIS", "status: new\ntitle: ISIS"), encoding="utf-8")
    change_seed(repo, ("Tartous", "Tartus"), ("Region: [Asia](#)", "Region: [Asia](#), [Middle East](#)"))
    assert main(["--project", str(repo), "import", "--update", "seeds"]) == 0
    meta = read_page(page, PAGE).meta
    assert meta["publisher"] == "Global Research (CRG)"  # the contributor's edit
    assert meta["regions"] == ["Asia", "Middle East"]  # the seed's change
    assert meta["status"] == "new"
    assert "front-matter 'publisher': kept the page's value 'Global Research (CRG)' (a contributor's edit)" in capsys.readouterr().out


def test_without_update_an_edited_page_is_refused(repo: Path) -> None:
    change_seed(repo, ("Tartous", "Tartus"))
    assert main(["--project", str(repo), "import", "seeds"]) == 1


def test_generated_notes_of_an_html_seed_are_regenerated_not_detached(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An HTML seed with an image (a generated `capture` note), a contributor's note, an edited seed, `--update`:
    the generated notes are made afresh, never treated as a contributor's (no detached note, no new capture-N)."""
    from test_formats import PAGE as HTML_PAGE

    project = make_project(tmp_path, with_docs=False)
    (project / "seeds" / SEED.name).unlink()
    seed = project / "seeds" / "page.html"
    seed.write_text(HTML_PAGE, encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0
    page = next((project / "docs" / "readings").glob("*.md"))
    rel = page.relative_to(project).as_posix()
    generated = ids_of(project, rel)
    assert {"capture-1", "capture-2"} <= generated  # the page's images and the javascript: link
    text = page.read_text(encoding="utf-8").replace(
        "cited two residents", "cited ==two residents==[^question-residents]", 1)
    page.write_text(text.replace("\n\nThe report, published", "\n\nThe report, published", 1).replace(
        "It gave no dates for the flights and no photographs of the aircraft that residents described.",
        "It gave no dates for the flights and no photographs of the aircraft that residents described.\n\n"
        "[^question-residents]: Who are they, and how did the website reach them?", 1), encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0  # the seed is unchanged: only the listings are refreshed
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "import"]):
        subprocess.run(["git", *args], cwd=project, check=True)
    assert main(["--project", str(project), "check"]) == 0
    capsys.readouterr()

    seed.write_text(HTML_PAGE.replace("three times in one month", "four times in one month"), encoding="utf-8")
    assert main(["--project", str(project), "import", "--update", "seeds"]) == 0
    out = capsys.readouterr().out
    assert "0 detached" in out and "detached [^" not in out, out
    after = page.read_text(encoding="utf-8")
    assert "Detached notes" not in after and "four times" in after
    assert ids_of(project, rel) == generated | {"question-residents"}
    assert main(["--project", str(project), "check"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().err


def ids_of(project: Path, rel: str) -> set[str]:
    page = read_page(project / rel, rel)
    return {a.id for a in read.parse(page.body).annotations}
