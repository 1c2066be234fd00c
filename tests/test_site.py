"""A strict build of the repository's docs/ in a temporary folder, and what the HTML holds."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, make_project

from generator.cli import main
from generator.document.kinds import KINDS
from generator.errors import BuildError
from generator.project import Project
from generator.site.mkdocs import mkdocs_build
from generator.site.search import SearchEntries, note_entries

pytestmark = pytest.mark.slow


class Collector(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(path: Path) -> list[tuple[str, dict[str, str | None]]]:
    collector = Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.tags


def reading_html(site: Path) -> Path:
    return site / "readings" / SEED_SLUG / "index.html"


def test_annotation_elements(built_site: Path) -> None:
    marks = [a for t, a in tags_of(reading_html(built_site)) if t == "mark" and a.get("class") == "annotation"]
    assert len(marks) >= 17
    ids = [a["id"] for a in marks]
    assert len(ids) == len(set(ids))
    kinds = {a["data-kind"] for a in marks}
    assert kinds <= {k.name for k in KINDS} and len(kinds) >= 5
    notes = {a["id"] for t, a in tags_of(reading_html(built_site)) if t == "li" and (a.get("id") or "").startswith("note-")}
    assert {a["aria-describedby"] for a in marks} == notes


def test_reading_header_and_legend(built_site: Path) -> None:
    html = reading_html(built_site).read_text(encoding="utf-8")
    assert ('<span class="reading-authors">By <bdi id="reading-author-1">Sami Karimi</bdi></span> · <bdi class="reading-publisher"'
            ' id="reading-publisher">Global Research</bdi>') in html
    assert '<time datetime="2017-12-18">18 December 2017</time>' in html
    assert "Copyright © Sami Karimi, Global Research, 2017" in html
    assert "seeds/000_6332c615e978acc2.txt" in html and "The publisher's themes" in html
    assert "6 min read" in html
    legend = re.findall(r'<span class="kind-chip" data-kind="(\w+)"', html)
    assert legend and legend == [k.name for k in KINDS if k.name in legend]  # the kinds present, in their order
    assert html.index('class="annotation-legend"') < html.index('<mark')
    assert 'class="removed"' in html and "Removed from the capture" in html
    assert "Become a Member of Global Research" in html  # kept verbatim, collapsed


def test_home_and_listing_pages(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="readings/{SEED_SLUG}/"' in home
    assert "<bdi>Sami Karimi</bdi> · <bdi>Global Research</bdi> · 18 December 2017" in home  # each value isolated
    assert re.search(r"Annotations: \d+ \(\d+ claim, \d+ source, \d+ context, \d+ rhetoric, \d+ correction, \d+ capture, \d+ question\)", home)
    assert "The publisher's themes:" in home
    for page in ("themes/terrorism", "themes/media-disinformation", "regions/asia"):
        assert f'href="../../readings/{SEED_SLUG}/"' in (built_site / page / "index.html").read_text(encoding="utf-8")
    tags = (built_site / "tags" / "index.html").read_text(encoding="utf-8")
    for tag in ("Asia", "Media Disinformation", "Terrorism"):
        assert tag in tags


def test_readings_are_not_in_the_sidebar(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    assert SEED_SLUG not in nav


def test_search_index_holds_article_and_notes(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["lang"] == ["en"]  # the entries live in the sharded index
    pages = [json.loads(re.fullmatch(r'readingsSearch\("page",\d+,(.*),"[0-9a-f]{12}"\);\n', p.read_text(encoding="utf-8"), re.S).group(1))  # type: ignore[union-attr]
             for p in (built_site / "search" / "readings").glob("page-*.js")]
    docs = {d[0]: d for page in pages for d in page if d[0].startswith(f"readings/{SEED_SLUG}/")}
    text = " ".join(d[2] + " " + d[1] for d in docs.values())
    assert "helicopters" in text and "Dawar" in text and "Zamir Kabulov" in text  # the article and its notes
    # Each note is its own entry, at its passage; the Notes list as a whole is not one.
    assert f"readings/{SEED_SLUG}/#notes" not in docs
    note = docs[f"readings/{SEED_SLUG}/#rhetoric-potato-small"]
    assert note[1].startswith("Rhetoric note ") and "potato-small number of ISIS fanatics" in note[1]
    assert note[2].startswith("A dismissive image")


NOTES_HTML = ('<p><mark id="claim-a" data-kind="claim">the sky is <b>green</b></mark></p>'
              '<section class="annotation-notes"><h2 id="notes">Notes</h2><ol>'
              '<li id="note-claim-a" data-kind="claim"><span class="annotation-label">Claim</span> '
              '<span class="annotation-text">It is blue &lt;script&gt; here.</span> <a href="#claim-a">↩</a></li>'
              '<li id="note-orphan" data-kind="question"><span class="annotation-text">No passage.</span></li></ol></section>')


def test_note_entries_and_a_safe_index() -> None:
    entries = note_entries(NOTES_HTML, "r/x/")
    assert entries == [
        {"location": "r/x/#claim-a", "title": "Claim note 1: “the sky is green”", "text": "<p>It is blue &lt;script&gt; here.</p>"},
        {"location": "r/x/#note-orphan", "title": "Question note 2", "text": "<p>No passage.</p>"},
    ]
    material = [  # Material's index of a full build
        {"location": "r/x/", "title": "X", "text": "<p>article</p>"},
        {"location": "r/x/#notes", "title": "Notes", "text": "<ol><li>all the notes</li></ol>"},
        {"location": "r/x/#claim-a", "title": "stale", "text": "from a previous build"},
        {"location": "y/", "title": "<img src=x onerror=alert(1)>", "text": "<p onclick=x>a</p><script>alert(1)</script>",
         "tags": ["<b>t</b>"]},
    ]
    docs = SearchEntries().update(material, {"r/x/": entries}, {"r/x/", "y/"}, ["r/x/", "y/"], full=True)
    assert [d["location"] for d in docs] == ["r/x/", "r/x/#claim-a", "r/x/#note-orphan", "y/"]
    assert docs[-1] == {"location": "y/", "title": "", "text": "<p>a</p>", "tags": ["&lt;b&gt;t&lt;/b&gt;"]}


def test_nothing_loads_from_outside(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        for tag, attrs in tags_of(page):
            loads = tag in ("script", "img", "iframe", "source", "video", "audio") or (
                tag == "link" and attrs.get("rel") not in ("canonical", "alternate", "prev", "next"))
            for attr in ("src", "href") if loads else ():
                value = attrs.get(attr) or ""
                assert not re.match(r"(https?:)?//", value), f"{page}: <{tag} {attr}={value}>"


def test_the_kinds_are_declared_once() -> None:
    """generator/document/kinds.py is the only list of kinds: the legend is generated from it, not from mkdocs.yml."""
    assert "annotation_kinds" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_strict_build_fails_on_broken_link(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nSee [nowhere](missing.md).\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"missing\.md"):
        mkdocs_build(Project.at(project), project / "site")


def test_build_refuses_bad_front_matter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    page = project / "docs" / "readings" / f"{SEED_SLUG}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("published: 2017-12-18", "published: [oops"), encoding="utf-8")
    assert main(["--project", str(project), "build"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"docs/readings/{SEED_SLUG}.md:") and "front-matter is not valid YAML" in err
    assert "Traceback" not in err
    assert not (project / "site").exists()


def test_build_is_deterministic(tmp_path: Path, built_site: Path) -> None:
    project = make_project(tmp_path)
    assert main(["--project", str(project), "build"]) == 0
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
