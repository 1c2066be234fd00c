"""The language and direction of every output: a reading's ``lang``/``dir`` on its article and title, the desk's
(the site's ``theme.language``) on notes and editorial blocks, byline values isolated, right-to-left readings laid
out right to left (measured in Chromium), listings, the single file and the EPUB.

The sample readings are short articles written for these tests (tests/fixtures/languages/), one per language.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project

from generator.cli import main
from generator.document.direction import direction, languages, same_language
from generator.site.direction import attributes, with_languages
from generator.site.listings import ReadingInfo, listings

LANGUAGES = {"ar": "rtl", "fa": "rtl", "he": "rtl", "zh": "ltr", "ja": "ltr", "ru": "ltr", "de": "ltr", "fr": "ltr",
             "es": "ltr", "en": "ltr"}
TAGS = {"zh": "zh-Hans"}  # the fixture's own tag where it is not the file's name


def reading_page(project: Path, seed: str) -> Path:
    """The reading imported from tests/fixtures/languages/<seed>.md (found by its source: slugs are not ours to fix)."""
    for path in sorted((project / "docs" / "readings").glob("*.md")):
        if f"\nsource: seeds/languages/{seed}.md\n" in path.read_text(encoding="utf-8"):
            return path
    raise AssertionError(f"no reading from {seed}.md")


def annotate(page: Path, passage: str, ident: str, note: str) -> None:
    """Mark ``passage`` (its first occurrence) with the note ``ident`` and put the note below its paragraph."""
    head, sep, body = page.read_text(encoding="utf-8").partition("\n---\n")
    paragraphs = body.split("\n\n")
    for i, paragraph in enumerate(paragraphs):
        if passage in paragraph:
            paragraphs[i] = paragraph.replace(passage, f"=={passage}==[^{ident}]", 1).rstrip("\n") + f"\n\n[^{ident}]: {note}\n"
            break
    else:
        raise AssertionError(f"{passage!r} is not in {page.name}")
    page.write_text(head + sep + "\n\n".join(paragraphs), encoding="utf-8")


def editorial(page: Path, text: str) -> None:
    head, sep, body = page.read_text(encoding="utf-8").partition("\n---\n")
    page.write_text(f'{head}{sep}\n!!! editorial "Editor\'s introduction"\n\n    {text}\n\n{body.lstrip()}', encoding="utf-8")


def sample_project(dest: Path) -> Path:
    """A project holding the ten sample readings, the Arabic and Chinese ones with notes and an editorial block."""
    project = make_project(dest, with_docs=False)
    shutil.copytree(FIXTURES / "languages", project / "seeds" / "languages")
    assert main(["--project", str(project), "import", str(project / "seeds" / "languages")]) == 0
    arabic = reading_page(project, "ar")
    editorial(arabic, "A short local news article in Arabic: the desk's introduction and notes are in English.")
    annotate(arabic, "هل سيزيد عدد القراء في الحي؟", "question-readers",
             "The article gives no figure for the number of readers expected.")
    annotate(arabic, "خدمة Wi-Fi مجانية", "question-wifi", "The article does not say who pays for the service.")
    # A publisher with quotes and an ampersand (front-matter comes from captures and pull requests; "<" and ">" the
    # schema refuses): escaped in attributes' neighbourhood and text alike.
    spanish = reading_page(project, "es")
    spanish.write_text(spanish.read_text(encoding="utf-8").replace("publisher: Diario de la Ciudad",
                       "publisher: 'Diario \" dir=\"rtl\" & la Ciudad'", 1), encoding="utf-8")
    # A note the desk wrote in the article's language says so: {lang=ar}. ("The article does not give the
    # neighbourhood's population.")
    annotate(arabic, "ويأمل سكان الحي", "question-residents", "{lang=ar} لا يذكر المقال عدد سكان الحي.")
    chinese = reading_page(project, "zh")
    annotate(chinese, "全市居民需要把生活垃圾分成四类投放", "question-sorting", "The article does not name the four categories.")
    return project


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = sample_project(tmp_path_factory.mktemp("languages"))
    assert main(["--project", str(project), "build"]) == 0
    return project


def site_page(project: Path, seed: str) -> str:
    return (project / "site" / "readings" / reading_page(project, seed).stem / "index.html").read_text(encoding="utf-8")


def tag_attrs(html: str, pattern: str) -> list[str]:
    """The opening tags matching ``pattern`` (a regular expression for the tag's start)."""
    return re.findall(pattern + r"[^>]*>", html)


# --- The one rule: a tag's direction -------------------------------------------------------------------------------

@pytest.mark.parametrize(("tag", "expected"), [
    ("ar", "rtl"), ("ar-EG", "rtl"), ("AR", "rtl"), ("fa", "rtl"), ("fa-IR", "rtl"), ("prs", "rtl"), ("he", "rtl"),
    ("iw", "rtl"), ("yi", "rtl"), ("ur", "rtl"), ("ps", "rtl"), ("ckb", "rtl"), ("dv", "rtl"), ("sd", "rtl"), ("ug", "rtl"),
    ("az-Arab", "rtl"), ("pa-Arab-PK", "rtl"), ("ff-Adlm", "rtl"), ("sd-Deva", "ltr"), ("ku", "ltr"), ("ku-Arab", "rtl"),
    ("az", "ltr"), ("en", "ltr"), ("en-GB", "ltr"), ("zh-Hans", "ltr"), ("ja", "ltr"), ("ru", "ltr"), ("de", "ltr"),
    ("ar-Latn", "ltr"), ("en-x-arab", "ltr"), ("", "ltr"), ("not a tag", "ltr"),
])
def test_direction_from_the_script_or_the_language(tag: str, expected: str) -> None:
    assert direction(tag) == expected


def test_same_language_ignores_regions_not_scripts() -> None:
    assert same_language("en", "en-GB") and same_language("EN-us", "en")
    assert not same_language("en", "ar") and not same_language("sr", "sr-Latn")
    assert not languages("en-GB", "en").mixed and languages("ar", "en").mixed and languages("", "en").text_lang == "en"
    assert languages("ar", "ar").mixed is False and languages("en", "ar").desk_dir == "rtl"


def test_attributes_are_escaped() -> None:
    assert attributes('x" onmouseover="alert(1)', "rtl") == ' lang="x&quot; onmouseover=&quot;alert(1)" dir="rtl"'


def test_the_desks_blocks_get_the_sites_language() -> None:
    body = ('<div class="admonition editorial"><p>Intro</p></div><p>نص</p><section aria-labelledby="notes" '
            'class="annotation-notes"><ol><li>note</li></ol></section><details class="removed"><summary>Removed</summary>'
            '<pre class="highlight"><code>نص</code></pre></details>')
    out = with_languages(body, languages("ar", "en"))
    assert '<div class="admonition editorial" lang="en" dir="ltr">' in out
    assert '<section aria-labelledby="notes" class="annotation-notes" lang="en" dir="ltr">' in out
    assert '<details class="removed" lang="en" dir="ltr">' in out and '<pre lang="ar" dir="auto" class="highlight">' in out
    assert "<p>نص</p>" in out  # the article's text inherits the article's language
    assert with_languages(body, languages("en-GB", "en")) == body


def test_listing_values_are_isolated_and_escaped() -> None:
    hostile = ReadingInfo("s", "</span><script>alert(1)</script>", ("<img src=x onerror=alert(1)>",), "Pub", "2024-06-09",
                          ("ثقافة",), (), {}, "ar")
    page = listings([hostile], "en")["index.md"]
    assert '- <span lang="ar" dir="rtl">**[\\</span\\>\\<script\\>alert(1)\\</script\\>](readings/s.md)**</span>' in page
    assert '<bdi lang="ar">\\<img src\\=x onerror\\=alert(1)\\></bdi> · <bdi lang="ar">Pub</bdi> · 9 June 2024' in page
    english = listings([ReadingInfo("e", "Title", ("A",), "P", "", (), (), {}, "en-GB")], "en")["index.md"]
    assert "- **[Title](readings/e.md)**" in english and "lang=" not in english


# --- The built site ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", sorted(LANGUAGES))
def test_each_reading_has_its_lang_and_dir_on_title_and_article(sample: Path, seed: str) -> None:
    html = site_page(sample, seed)
    tag, way = TAGS.get(seed, seed), LANGUAGES[seed]
    assert '<html lang="en" class="no-js">' in html  # Material's, from theme.language: the site's chrome
    assert '<body dir="ltr"' in html
    assert tag_attrs(html, "<h1 ") == [f'<h1 lang="{tag}" dir="{way}">']
    assert tag_attrs(html, '<div class="reading-body"') == [f'<div class="reading-body" lang="{tag}" dir="{way}">']


def test_notes_and_editorial_blocks_are_in_the_sites_language(sample: Path) -> None:
    html = site_page(sample, "ar")
    assert '<div class="admonition editorial" lang="en" dir="ltr">' in html
    assert '<div class="annotation-legend" data-search-exclude="" lang="en" dir="ltr">' in html  # not searched: site.mdext
    assert '<section aria-labelledby="notes" class="annotation-notes" lang="en" dir="ltr">' in html
    assert '<details class="removed" lang="en" dir="ltr">' in html
    # The header (the desk's words) stays in the site's language; the article's values in it are isolated.
    assert ('<span class="reading-authors">By <bdi id="reading-author-1" lang="ar">سارة الخطيب</bdi></span> · '
            '<bdi class="reading-publisher" id="reading-publisher" lang="ar">أخبار المدينة</bdi> · '
            '<bdi><time datetime="2024-06-09">9 June 2024</time></bdi> · <bdi class="reading-time">') in html
    assert '<dd><bdi lang="ar">ثقافة</bdi></dd>' in html
    english = site_page(sample, "en")
    body = english.split('<div class="reading-body" lang="en" dir="ltr">')[1]
    assert ' lang="' not in body.split('<p class="reading-policies">')[0]  # one language: nothing inside to mark
    assert '<bdi id="reading-author-1">Sam Taylor</bdi>' in english


def test_a_note_in_its_own_language(sample: Path) -> None:
    html = site_page(sample, "ar")
    # Its text in its language; the label and the links around it (the desk's) and the list item as every other.
    assert ('<li data-kind="question" id="note-question-residents"><span class="annotation-label"><span aria-hidden="true"'
            ' class="kind-badge" data-badge="?"></span>Question</span> <span class="annotation-text" dir="rtl" lang="ar">'
            'لا يذكر المقال عدد سكان الحي.</span>') in html
    assert "{lang=" not in html
    assert html.count('Report an error in this note:') == 3
    other = re.search(r'<li [^>]*id="note-question-readers"[^>]*>', html)
    assert other and " lang=" not in other.group(0)  # the desk's: the notes' section says en


def test_a_notes_language_goes_into_the_w3c_export(sample: Path) -> None:
    from generator.annotations import w3c
    from generator.document.page import read_page

    path = reading_page(sample, "ar")
    data = w3c.collection(path.stem, read_page(path, "r.md"), w3c.Site(language="en"))
    items = {item["id"].rsplit(":", 1)[-1]: item for item in data["first"]["items"]}
    assert {t["language"] for t in items["question-readers"]["target"]} == {"ar"}  # the passage: the article's
    assert {b["language"] for b in items["question-readers"]["body"] if "language" in b} == {"en"}  # the desk's note
    bodies = [b for b in items["question-residents"]["body"] if b.get("format") == "text/markdown"]
    assert bodies == [{**bodies[0], "language": "ar", "value": "لا يذكر المقال عدد سكان الحي."}]


@pytest.mark.parametrize("marker", ["{lang=}", "{lang=not a tag}", "{lang=ar", '{lang=ar"}'])
def test_a_bad_language_marker_is_one_located_line(marker: str) -> None:
    from conftest import parse_annotations

    body = f"Text ==here==[^question-a].\n\n[^question-a]: {marker} note\n"
    _doc, problems = parse_annotations(body, "r.md")
    found = [p.format() for p in problems if p.code == "note-language"]
    assert len(found) == 1 and found[0].startswith("r.md:3:1: error: note [^question-a] starts with a language marker")


def test_hostile_values_stay_text(sample: Path) -> None:
    html = site_page(sample, "es")
    assert '<bdi class="reading-publisher" id="reading-publisher" lang="es">Diario &#34; dir=&#34;rtl&#34; &amp; la Ciudad</bdi>' in html
    home = (sample / "site" / "index.html").read_text(encoding="utf-8")
    assert '<bdi lang="es">Diario " dir="rtl" &amp; la Ciudad</bdi>' in home  # text, not an attribute


def test_listing_titles_and_bylines(sample: Path) -> None:
    home = (sample / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en" class="no-js">' in home
    assert re.search(r'<span lang="ar" dir="rtl"><strong><a href="readings/[^"]+/">افتتاح مكتبة عامة جديدة في وسط المدينة</a>'
                     r"</strong></span>", home)
    assert '<bdi lang="ar">سارة الخطيب</bdi> · <bdi lang="ar">أخبار المدينة</bdi> · 9 June 2024' in home
    assert re.search(r'<span lang="zh-Hans" dir="ltr"><strong><a [^>]+>市政府宣布新的垃圾分类规定</a>', home)
    assert re.search(r'<span lang="he" dir="rtl">', home) and re.search(r'<span lang="fa" dir="rtl">', home)
    assert "<strong><a href=\"readings/city-opens-a-new-public-library/\">City opens a new public library</a></strong>" in home
    theme = next((sample / "site" / "themes").glob("*/index.html"))
    assert "<bdi" in theme.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_single_file_keeps_lang_and_dir(sample: Path) -> None:
    slug = reading_page(sample, "ar").stem
    assert main(["--project", str(sample), "bundle", "--single", slug]) == 0
    html = (sample / "dist" / f"{slug}.html").read_text(encoding="utf-8")
    assert '<div class="reading-body" lang="ar" dir="rtl">' in html and '<h1 lang="ar" dir="rtl">' in html
    assert 'class="annotation-notes" lang="en" dir="ltr">' in html


# --- The EPUB ---------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_epub_chapters_carry_their_language_and_an_arabic_book_turns_right_to_left(sample: Path) -> None:
    from test_epub import epubcheck

    checker = epubcheck()
    slug = reading_page(sample, "ar").stem
    assert main(["--project", str(sample), "bundle", "--epub", slug]) == 0
    assert main(["--project", str(sample), "bundle", "--epub"]) == 0
    single, collection = sample / "dist" / f"{slug}.epub", sample / "dist" / "annotated-readings.epub"
    for book in (single, collection):
        result = subprocess.run([*checker, str(book)], capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(single) as book:
        package = book.read("EPUB/content.opf").decode()
        chapter = book.read("EPUB/text/ch001.xhtml").decode()
    assert "<dc:language>ar</dc:language>" in package and 'page-progression-direction="rtl"' in package
    assert f'<section id="reading-{slug}" class="level1" lang="ar" dir="rtl">' in chapter
    assert '<aside epub:type="footnote" role="doc-footnote" id="fn1">\n<div lang="en" dir="ltr">' in chapter  # the desk's note
    assert '<span lang="ar" dir="auto">سارة الخطيب</span>' in chapter  # the byline's values isolated
    assert '<p><strong>Question.</strong> <span lang="ar" dir="rtl">لا يذكر المقال' in chapter  # a note in its own language
    with zipfile.ZipFile(collection) as book:
        package = book.read("EPUB/content.opf").decode()
        sections = "".join(book.read(n).decode() for n in book.namelist() if n.startswith("EPUB/text/ch"))
    assert "<dc:language>en</dc:language>" in package and 'page-progression-direction="ltr"' in package
    for seed, way in LANGUAGES.items():
        tag = TAGS.get(seed, seed)
        assert re.search(rf'<section id="reading-{re.escape(reading_page(sample, seed).stem)}" class="level1" lang="{tag}"'
                         rf' dir="{way}">', sections), seed


# --- In Chromium: laid out right to left ------------------------------------------------------------------------

LAYOUT = """() => {
  const body = document.querySelector('.reading-body');
  const para = [...body.querySelectorAll(':scope > p')].find(p => p.textContent.includes('ويأمل'));
  const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) if (walker.currentNode.textContent.trim().length > 6) texts.push(walker.currentNode);
  const range = document.createRange();
  const start = texts[0], end = texts[texts.length - 1];
  range.setStart(start, 0); range.setEnd(start, 5);
  const first = range.getBoundingClientRect();
  range.setStart(end, end.length - 6); range.setEnd(end, end.length - 1);
  const last = range.getBoundingClientRect();
  const pr = para.getBoundingClientRect();
  const note = document.querySelector('.annotation-notes li');
  const byline = ['#reading-author-1', '#reading-publisher', '.reading-byline time'].map(s => document.querySelector(s).getBoundingClientRect().left);
  const side = document.querySelector('.sidenote');
  return {direction: getComputedStyle(para).direction, align: getComputedStyle(para).textAlign, first: first.left, last: last.left,
          paraRight: pr.right, firstRight: first.right, noteDirection: getComputedStyle(note).direction, byline,
          bdi: getComputedStyle(document.querySelector('#reading-publisher')).unicodeBidi,
          side: side ? {left: side.getBoundingClientRect().left, dir: side.getAttribute('dir'), lang: side.getAttribute('lang')} : null,
          paraLeft: pr.left};
}"""


@pytest.mark.browser
def test_an_arabic_reading_is_laid_out_right_to_left_in_chromium(sample: Path) -> None:
    from browser import browser, serve

    with serve(sample / "site") as url, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{url}readings/{reading_page(sample, 'ar').stem}/")
        page.wait_for_selector(".sidenote")
        found = page.evaluate(LAYOUT)
        page.close()
    assert found["direction"] == "rtl" and found["align"] in ("start", "right")
    assert found["first"] > found["last"]  # the first word is on the right of the last one
    assert abs(found["paraRight"] - found["firstRight"]) < 2  # and the line starts at the right edge
    assert found["noteDirection"] == "ltr"  # the desk's English note
    assert found["bdi"] == "isolate"
    assert found["byline"] == sorted(found["byline"])  # "By name · publisher · date", in this order, left to right
    side = found["side"]
    assert side is not None and side["left"] < found["paraLeft"]  # the notes' column is mirrored: on the left
    assert side["lang"] == "en" and side["dir"] == "ltr"


def test_the_templates_escape_the_language_they_print() -> None:
    """The plugin sets page.meta.readings_languages from checked tags; the templates escape it all the same."""
    import jinja2
    from conftest import ROOT

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=False)
    hostile = {"text_lang": 'x" onclick="alert(1)', "text_dir": '"><script>', "desk_lang": "en", "desk_dir": "ltr", "mixed": True}
    meta = {"authors": ["A"], "publisher": "P", "source": "s", "source_sha256": "0", "title": "T", "readings_languages": hostile}
    header = env.get_template("partials/reading-header.html").render(page={"meta": meta}, config={})
    assert '<bdi id="reading-author-1" lang="x&#34; onclick=&#34;alert(1)">A</bdi>' in header
    assert "onclick=\"" not in header
