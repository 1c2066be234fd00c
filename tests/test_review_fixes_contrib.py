"""Review fixes (contributor's view): no command silently drops a contributor's text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, SEED_SLUG, make_project

from generator.cli import main
from generator.context import backlinks
from generator.context.entities import Entity
from generator.document.page import parse_page, read_page
from generator.document.schema import ReadingMeta
from generator.site.listings import ReadingInfo, listings

ENTITY = Entity("kunar", "Kunar", "place", "A province.", [])
REF = backlinks.Reference("a-reading", "A reading", "", "mention")
HYPOTHESIS = FIXTURES / "hypothesis" / "export.json"
HEAD = "---\nname: Kunar\n---\n\n# Kunar\n\nEditor text.\n"


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        # text appended after the generated section survives regeneration
        (HEAD + "\n" + backlinks.backlinks_section(ENTITY, []) + "\n## Further reading\n\nA contributor paragraph.\n",
         ["Editor text.", "## Further reading", "A contributor paragraph."]),
        # a heading that merely starts with "Mentioned in" is the contributor's
        (HEAD + "\n## Mentioned in the press\n\nPress text.\n\n" + backlinks.backlinks_section(ENTITY, [])
         + "\n## Later\n\nLater text.\n",
         ["Editor text.", "## Mentioned in the press", "Press text.", "## Later", "Later text."]),
        # no generated section yet
        (HEAD + "\n## Mentioned in the press\n\nPress text.\n", ["## Mentioned in the press", "Press text."]),
    ],
)
def test_context_page_regeneration_keeps_contributor_text(page: str, kept: list[str]) -> None:
    once = backlinks.context_page_text(page, ENTITY, [REF])
    for text in kept:
        assert text in once, text
    assert once.count("## Mentioned in\n") == 1 and "(../readings/a-reading.md)" in once
    assert backlinks.context_page_text(once, ENTITY, [REF]) == once  # stable
    assert backlinks.context_page_text(once, ENTITY, []).count("No reading mentions it yet.") == 1


# --- 2. theme and region labels that slugify alike are one listing; "index" is reserved --------------------------

def test_listing_labels_never_overwrite_each_other() -> None:
    old = ReadingInfo("old", "Old", published="2017-01-01", themes=("Media Disinformation",), regions=("Asia",))
    new = ReadingInfo("new", "New", published="2018-01-01", themes=("Index", "Media-Disinformation", "media disinformation"),
                      regions=("Index",))
    pages = listings([old, new])
    for folder, label in (("themes", "Themes"), ("regions", "Regions")):
        assert f"# {label}\n" in pages[f"{folder}/index.md"]
    merged = pages["themes/media-disinformation.md"]
    assert "(../readings/old.md)" in merged and "(../readings/new.md)" in merged
    assert merged.count("(../readings/new.md)") == 1
    index_pages = [rel for rel, text in pages.items() if "Theme: Index" in text]
    assert len(index_pages) == 1 and index_pages[0] != "themes/index.md"
    assert f"({index_pages[0].split('/')[1]})" in pages["themes/index.md"]  # the All themes page links to it
    # every link from a listing entry leads to a page that exists
    for text in pages.values():
        for target in re.findall(r"\]\(\.\./((?:themes|regions)/[^)#]+)\)", text):
            assert target in pages, target
    assert pages == listings([old, new])  # deterministic


# --- 3. an unquoted verdict YAML reads as a boolean (no, off, false) is refused, never published as "false" ---------

@pytest.mark.parametrize("verdict", ["no", "off", "false", "yes", "true", "{verdict: no}"])
def test_an_unquoted_boolean_verdict_is_a_located_error(verdict: str) -> None:
    page = parse_page(f"---\ntitle: T\nratings:\n  claim-x: {verdict}\n---\n\nText.\n", "docs/readings/t.md")
    meta, problems = page.typed(ReadingMeta)
    problems = [p for p in problems if p.code != "missing-key"]  # the page is a sketch: only its ratings matter
    assert meta.ratings == {}
    assert [(p.line, p.code) for p in problems] == [(4, "bad-value")] and "quote the verdict" in problems[0].message


def test_a_quoted_false_verdict_is_accepted() -> None:
    page = parse_page("---\ntitle: T\nratings:\n  claim-x: 'false'\n---\n\nText.\n", "docs/readings/t.md")
    meta, problems = page.typed(ReadingMeta)
    assert [p for p in problems if p.code != "missing-key"] == [] and meta.ratings["claim-x"].verdict == "false"


# --- 4. importing the same export twice adds nothing the second time -----------------------------------------------

def test_importing_a_hypothesis_export_twice_adds_no_duplicate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    page = project / f"docs/readings/{SEED_SLUG}.md"
    assert main(["--project", str(project), "annotations", "import", str(HYPOTHESIS)]) == 0
    once = page.read_text(encoding="utf-8")
    meta, _problems = read_page(page, "p.md").typed(ReadingMeta)
    assert any(origin.source_id == "hX01aBcDeF" for origin in meta.note_origins.values())
    capsys.readouterr()
    assert main(["--project", str(project), "annotations", "import", str(HYPOTHESIS)]) == 0
    out = capsys.readouterr().out
    assert page.read_text(encoding="utf-8") == once
    assert "annotations: 0 placed, 0 detached" in out and "already imported" in out


# --- 5. an author's name or a note's text from elsewhere is neutralised, not a refusal that blames the page ---------

def _hypothesis_file(folder: Path, user: str, text: str) -> Path:
    data = json.loads(HYPOTHESIS.read_text(encoding="utf-8"))
    item = dict(data["annotations"][0], id="hXhostile01", user=user, text=text)
    path = folder / "hostile.json"
    path.write_text(json.dumps({"annotations": [item]}), encoding="utf-8")
    return path


def _w3c_file(folder: Path, creator: str, text: str) -> Path:
    first = json.loads(HYPOTHESIS.read_text(encoding="utf-8"))["annotations"][0]
    quote = next(s for s in first["target"][0]["selector"] if s["type"] == "TextQuoteSelector")
    item = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://example.org/anno/1", "type": "Annotation",
            "creator": {"type": "Person", "name": creator}, "created": "2026-11-20T09:15:02Z",
            "body": {"type": "TextualBody", "value": text, "format": "text/plain"},
            "target": {"source": first["uri"], "selector": quote}}
    path = folder / "hostile.jsonld"
    path.write_text(json.dumps(item), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "author", "shown"),
    [
        (_hypothesis_file, "acct:eve<script>@hypothes.is", "eve‹script›@hypothes.is"),
        (_w3c_file, "Jane <jane@x.org>", "Jane ‹jane@x.org›"),
        (_w3c_file, "Jane\u202e evil", "Jane evil"),
    ],
)
def test_a_hostile_author_or_note_text_is_neutralised(tmp_path: Path, make: Any, author: str, shown: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    page = project / f"docs/readings/{SEED_SLUG}.md"
    (tmp_path / "in").mkdir()
    source = make(tmp_path / "in", author, "Who\u202e says\x00 so?")
    assert main(["--project", str(project), "annotations", "import", str(source)]) == 0, capsys.readouterr().err
    meta, problems = read_page(page, "p.md").typed(ReadingMeta)
    assert [p for p in problems if p.is_error] == []
    assert [o.by for o in meta.note_origins.values() if o.by.startswith(shown)] != []
    text = page.read_text(encoding="utf-8")
    assert "\u202e" not in text and "\x00" not in text and "Who says so?" in text


# --- 1 and 2 through the commands: an import keeps a context page's added text and writes one page per label -------

def test_an_import_keeps_context_text_and_label_pages_apart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    kunar = project / "docs/context/kunar.md"
    kunar.write_text(kunar.read_text(encoding="utf-8") + "\n## Further reading\n\nA contributor paragraph.\n", encoding="utf-8")
    seed = (project / "seeds/000_6332c615e978acc2.txt").read_text(encoding="utf-8")
    assert "Region: [Asia](#)" in seed and "Theme: [Media Disinformation](#), [Terrorism](#)" in seed
    (project / "seeds/001_labels.txt").write_text(
        seed.replace("# ISIS-Daesh Is on the Rise", "# Labels That Collide: ISIS-Daesh Is on the Rise", 1)
        .replace("Region: [Asia](#)", "Region: [Index](#)", 1)
        .replace("Theme: [Media Disinformation](#), [Terrorism](#)",
                 "Theme: [Index](#), [Media-Disinformation](#), [media disinformation](#)", 1), encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0, capsys.readouterr().err
    assert "A contributor paragraph." in kunar.read_text(encoding="utf-8")
    for folder, label in (("themes", "Themes"), ("regions", "Regions")):
        assert f"# {label}\n" in (project / "docs" / folder / "index.md").read_text(encoding="utf-8")
        assert "Index" in (project / "docs" / folder / "index-label.md").read_text(encoding="utf-8")
    media = (project / "docs/themes/media-disinformation.md").read_text(encoding="utf-8")
    assert len(re.findall(r"\]\(\.\./readings/", media)) == 2
    assert main(["--project", str(project), "check"]) == 0, capsys.readouterr().err
