"""No contributor's edit is ever dropped: every kind of edit, through a plain import (refused, page untouched)
and through `import --update` (carried over). The page starts as import wrote it, in a git repository."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED, SEED_SLUG, copy_context, make_project

from generator.cli import main
from generator.document import read
from generator.document.page import parse_page

PAGE = f"docs/readings/{SEED_SLUG}.md"
GIT = ["-c", "user.name=t", "-c", "user.email=t@example.org"]


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", *GIT, *args], cwd=project, check=True, capture_output=True)


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A project whose only reading is exactly what import wrote, committed."""
    project = make_project(tmp_path, with_docs=False)
    copy_context(project)
    assert main(["--project", str(project), "import", "seeds"]) == 0
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "import")
    return project


def replace_in(project: Path, old: str, new: str) -> None:
    page = project / PAGE
    text = page.read_text(encoding="utf-8")
    assert old in text, old
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


def change_seed(project: Path) -> None:
    seed = project / "seeds" / SEED.name
    seed.write_text(seed.read_text(encoding="utf-8").replace("Tartous", "Tartus"), encoding="utf-8")


EDIT_GENERATED_NOTE = ("[^capture-1]: The capture broke this paragraph in two after “supreme”; the two parts are joined here.",
                       "[^capture-1]: The capture broke this paragraph in two; we checked the original, which has one paragraph.")
ADD_LINK = ("the Central Asian states'", "the [Central Asian](../context/jawzjan.md) states'")

EDITS: dict[str, tuple[list[tuple[str, str]], Callable[[str], bool]]] = {
    "edited generated note": ([EDIT_GENERATED_NOTE], lambda page: "we checked the original, which has one paragraph." in page),
    "corrected published": ([("published: 2017-12-18", "published: 2017-12-19")], lambda page: "published: 2017-12-19" in page),
    "corrected authors": ([("- Sami Karimi", "- Sami Karimi (pseudonym)")], lambda page: "- Sami Karimi (pseudonym)" in page),
    "hand-added context link": ([ADD_LINK], lambda page: "[Central Asian](../context/jawzjan.md" in page),
    "annotation with a generated-looking id": (
        [("The ISIS's stationing in Afghanistan's north could carry", "The ISIS's ==stationing in Afghanistan's north==[^capture-7] could carry")],
        lambda page: "==stationing in Afghanistan's north==[^capture-7]" in page and "[^capture-7]: Our own note." in page),
    "block titled like a generated one": (
        [("\n??? removed \"Removed from the capture\"", "\n!!! note \"Removed from the capture: what we noticed\"\n\n"
          "    The boilerplate repeats the reprint terms.\n\n??? removed \"Removed from the capture\"")],
        lambda page: "The boilerplate repeats the reprint terms." in page),
}


def _apply(project: Path, name: str) -> None:
    pairs, _survived = EDITS[name]
    for old, new in pairs:
        replace_in(project, old, new)
    if name == "annotation with a generated-looking id":
        text = (project / PAGE).read_text(encoding="utf-8")
        paragraph_end = text.index("\n\n", text.index("[^capture-7]"))
        (project / PAGE).write_text(text[:paragraph_end] + "\n\n[^capture-7]: Our own note." + text[paragraph_end:], encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EDITS))
def test_plain_import_refuses_and_update_carries_the_edit(fresh: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    _apply(fresh, name)
    assert main(["--project", str(fresh), "import", "seeds"]) == 0  # refreshes the listings; the seed did not change
    assert main(["--project", str(fresh), "check"]) == 0, capsys.readouterr().err
    edited = (fresh / PAGE).read_bytes()
    change_seed(fresh)
    capsys.readouterr()
    assert main(["--project", str(fresh), "import", "seeds"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith("[edited-page]"), err
    assert (fresh / PAGE).read_bytes() == edited  # untouched
    assert main(["--project", str(fresh), "import", "--update", "seeds"]) == 0
    page = (fresh / PAGE).read_text(encoding="utf-8")
    assert EDITS[name][1](page), page
    assert "naval facility at Tartus on" in read.article_text(parse_page(page, PAGE).body)  # the seed's change arrived
    assert main(["--project", str(fresh), "check"]) == 0, capsys.readouterr().err


def test_an_untouched_page_is_replaced_by_a_plain_import(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change_seed(fresh)
    assert main(["--project", str(fresh), "import", "seeds"]) == 0
    assert f"{PAGE}: replaced" in capsys.readouterr().out


def test_reflowed_and_requoted_detached_notes_are_kept(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(fresh, "One local man named as Hajji said", "==One local man named as Hajji said==[^source-hajji]")
    replace_in(fresh, "and they were tall, aged in their late 20s and dressed in military clothing. He added:",
               "and they were tall, aged in their late 20s and dressed in military clothing. He added:\n\n"
               "[^source-hajji]: A single witness, named only by an honorific.")
    git(fresh, "commit", "-qam", "a note")
    seed = fresh / "seeds" / SEED.name
    seed.write_text(seed.read_text(encoding="utf-8").replace("One local man named as Hajji said", "A resident said"), encoding="utf-8")
    assert main(["--project", str(fresh), "import", "--update", "seeds"]) == 0
    assert "detached [^source-hajji]" in capsys.readouterr().out
    # A contributor reflows the detached entry over two lines and changes its quotation marks.
    page = (fresh / PAGE).read_text(encoding="utf-8")
    start = page.index("    - `source-hajji`")
    end = page.index("\n", start)
    entry = page[start:end].replace("“", '"').replace("”", '"')
    split = entry.index(" Note:")
    page = page[:start] + entry[:split] + "\n      " + entry[split + 1:] + page[end:]
    (fresh / PAGE).write_text(page, encoding="utf-8")
    git(fresh, "commit", "-qam", "reflowed")
    seed.write_text(seed.read_text(encoding="utf-8").replace("Tartous", "Tartus"), encoding="utf-8")
    assert main(["--project", str(fresh), "import", "--update", "seeds"]) == 0
    after = (fresh / PAGE).read_text(encoding="utf-8")
    assert "A single witness, named only by an honorific." in after and after.count("`source-hajji`") == 1
    main(["--project", str(fresh), "check"])
    assert "[detached-note]" in capsys.readouterr().err


def test_an_edited_removed_block_stops_the_update(fresh: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(fresh, "    After the article:", "    After the article (we trimmed it):")
    git(fresh, "commit", "-qam", "edited the generated block")
    edited = (fresh / PAGE).read_bytes()
    change_seed(fresh)
    assert main(["--project", str(fresh), "import", "--update", "seeds"]) == 1
    assert "[edited-page]" in capsys.readouterr().err
    assert (fresh / PAGE).read_bytes() == edited


@pytest.mark.parametrize(
    "block",
    ['!!! removed "My notes"', '??? note "Removed from the capture"', '!!! detached "Our detached thoughts"', '!!! note "Detached notes"'],
)
def test_reserved_block_types_and_titles(fresh: Path, block: str, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(fresh, "\n??? removed \"Removed from the capture\"", f"\n{block}\n\n    Text.\n\n??? removed \"Removed from the capture\"")
    assert main(["--project", str(fresh), "check"]) == 1
    assert "[reserved-block]" in capsys.readouterr().err
