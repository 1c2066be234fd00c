"""Context notes: matching, first-mention links, back-links, the index, and check's rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, copy_context, make_project

from generator.checks import check
from generator.cli import main
from generator.context import entities as context
from generator.context.entities import Entity
from generator.context.mentions import find_mentions, plan_links
from generator.document import read
from generator.document.page import read_page
from generator.document.read import LinkSpan
from generator.importers import load_seed
from generator.project import Project

PAGE = f"docs/readings/{SEED_SLUG}.md"
ENTITIES = [
    Entity("isis-k", "ISIS-K", "organisation", "S1.", ["ISKP"]),
    Entity("rt", "RT", "organisation", "S2.", ["Russia Today"]),
    Entity("hamid-karzai", "Hamid Karzai", "person", "S3.", ["Karzai"]),
    Entity("tartus", "Tartus", "place", "S4.", ["Tartous"]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ISIS-K's fighters", ["ISIS-K"]),
        ("ISIS alone is not ISIS-K", ["ISIS-K"]),
        ("isis-k in lower case", []),  # acronyms match case-sensitively
        ("RT said; an art critic; rt.", ["RT"]),
        ("Former president Hamid Karzai, then Karzai again", ["Hamid Karzai", "Karzai"]),
        ("karzai in lower case", ["karzai"]),  # names match case-insensitively
        ("Tartous and Tartus", ["Tartous", "Tartus"]),
        ("Startus is not a word boundary", []),
    ],
)
def test_mention_table(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e, _ in find_mentions(text, ENTITIES)] == expected


def test_first_mention_only_and_opt_out() -> None:
    paragraphs = ["Karzai met RT.", "Hamid Karzai spoke to RT again, near Tartus."]
    links = plan_links(paragraphs, ENTITIES, [], {"tartus"}, [])
    text = "\n\n".join(paragraphs)
    assert [(slug, text[s:e]) for slug, s, e in links] == [("hamid-karzai", "Karzai"), ("rt", "RT")]


def test_hand_link_is_respected() -> None:
    paragraphs = ["Karzai met RT.", "Hamid Karzai spoke."]
    text = "\n\n".join(paragraphs)
    hand = LinkSpan("hamid-karzai", text.index("Hamid Karzai"), text.index("Hamid Karzai") + len("Hamid Karzai"))
    links = plan_links(paragraphs, ENTITIES, [hand], set(), [])
    assert ("hamid-karzai", *hand[1:]) in links and sum(1 for link in links if link[0] == "hamid-karzai") == 1


def test_mentions_inside_links_and_across_passage_edges_are_skipped() -> None:
    paragraphs = ["See [RT coverage](https://example.org/RT) and Karzai then Karzai."]
    text = paragraphs[0]
    first = text.index("Karzai")
    blocked = [(first - 4, first + 3)]  # a passage that ends inside the first mention
    links = plan_links(paragraphs, ENTITIES, [], set(), blocked)
    assert [(slug, s) for slug, s, _ in links] == [("hamid-karzai", text.index("Karzai", first + 1))]


def test_seed_reading_links_first_mentions_faithfully() -> None:
    page = read_page(ROOT / PAGE, PAGE)
    layer = read.locate(page.body)
    slugs = [slug for slug, _s, _e in layer.links]
    assert len(slugs) == len(set(slugs)) >= 12
    for slug in ("isis-k", "rt", "abdul-rashid-dostum", "hamid-karzai", "maria-zakharova", "haider-al-abadi", "jawzjan",
                 "nangarhar", "kunar", "helmand", "hmeymim-air-base", "tartus"):
        assert slug in slugs, slug
    # Each link is the entity's first mention in the article text.
    entities, _ = context.load(Project.at(ROOT))
    first = {}
    for start, _end, slug in find_mentions(layer.text, entities):
        first.setdefault(slug, start)
    assert all(first[slug] == start for slug, start, _e in layer.links)
    assert layer.text == load_seed(ROOT / page.meta["source"], ROOT).article_text()
    assert page.meta["about_source"]["page"] == "global-research"


def test_context_pages_meet_the_brief() -> None:
    entities, problems = context.load(Project.at(ROOT))
    assert problems == []
    assert len(entities) >= 12
    assert {e.kind for e in entities} >= {"person", "place", "organisation", "publisher"}
    for entity in entities:
        assert entity.summary.endswith(".") and "http" not in entity.summary


def test_backlinks_and_index_are_current() -> None:
    from generator.site.generated import generated_pages

    pages, _problems = generated_pages(Project.at(ROOT))
    for rel, text in pages.items():
        assert (ROOT / "docs" / rel).read_text(encoding="utf-8") == text, f"{rel} is stale: run `readings build`"
    zakharova = pages["context/maria-zakharova.md"]
    assert f"../readings/{SEED_SLUG}.md#mention-maria-zakharova" in zakharova
    assert f"../readings/{SEED_SLUG}.md#context-zakharova" in zakharova
    assert "Readings it published:" in pages["context/global-research.md"]
    index = pages["context/index.md"]
    assert index.index("## People") < index.index("## Places") < index.index("## Organisations") < index.index("## Publishers")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_check_alias_conflict_missing_page_and_unused(project: Path) -> None:
    rt = project / "docs" / "context" / "rt.md"
    rt.write_text(rt.read_text(encoding="utf-8").replace("- Russia Today", "- Russia Today\n- Karzai"), encoding="utf-8")
    shutil.copy(project / "docs" / "context" / "kunar.md", project / "docs" / "context" / "unused-place.md")
    text = (project / "docs" / "context" / "unused-place.md").read_text(encoding="utf-8")
    (project / "docs" / "context" / "unused-place.md").write_text(text.replace("name: Kunar", "name: Nowhere Land")
                                                                  .replace("# Kunar", "# Nowhere"), encoding="utf-8")
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("../context/kunar.md", "../context/kunarr.md"), encoding="utf-8")
    found = {(p.path, p.code, p.severity.value) for p in check([*sorted((project / "docs" / "readings").glob("*.md")),
                                                               *sorted((project / "docs" / "context").glob("*.md"))], Project.at(project))}
    assert ("docs/context/rt.md", "alias-conflict", "error") in found
    assert (PAGE, "missing-context", "error") in found
    assert ("docs/context/unused-place.md", "unused-context", "warning") in found


def test_built_html_links_and_backlinks(built_site: Path) -> None:
    reading = (built_site / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert 'id="mention-maria-zakharova"' in reading
    # Outside a passage a context link carries its summary as a tooltip; inside one, the note says "More about …".
    assert 'class="context-link" href="../../context/kunar/" id="mention-kunar" title="Kunar is a province' in reading
    assert 'More about <a class="context-link" href="../../context/maria-zakharova/">Maria Zakharova</a> →' in reading
    assert '<span class="context-summary"> Maria Zakharova became the spokeswoman' in reading
    assert "About the source" in reading and 'href="../../context/global-research/"' in reading
    zakharova = (built_site / "context" / "maria-zakharova" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../readings/{SEED_SLUG}/#mention-maria-zakharova"' in zakharova
    index = (built_site / "context" / "index.html").read_text(encoding="utf-8")
    assert 'href="isis-k/"' in index


def test_import_links_and_update_relinks(tmp_path: Path) -> None:
    project = make_project(tmp_path, with_docs=False)
    copy_context(project)
    assert main(["--project", str(project), "import", "seeds"]) == 0
    layer = read.locate(read_page(project / PAGE, PAGE).body)
    assert "isis-k" in {slug for slug, _s, _e in layer.links}
    # A new context page is linked by `import --relink`, with nothing else changed.
    (project / "docs" / "context" / "kabul.md").write_text(
        "---\nname: Kabul\nkind: place\nsummary: Kabul is the capital of Afghanistan.\n---\n\n# Kabul\n", encoding="utf-8")
    assert main(["--project", str(project), "import", "--update", "seeds"]) == 0
    assert "[Kabul](../context/kabul.md" not in read_page(project / PAGE, PAGE).body  # the seed did not change
    assert main(["--project", str(project), "import", "--relink", "seeds"]) == 0
    page = read_page(project / PAGE, PAGE)
    assert "[Kabul](../context/kabul.md" in page.body
    assert read.article_text(page.body) == load_seed(project / "seeds" / page.meta["source"].split("/")[-1], project).article_text()
