"""A reading's language, counts and names on import: tables per language, seeds in tests/fixtures/language-seeds, and an
import -> check -> build of a sample project with readings in nine languages (issue 27)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, make_project
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.document import language
from generator.document.counts import Length, measure
from generator.document.page import read_page
from generator.document.schema import ReadingMeta
from generator.importers import parse_text, record
from generator.importers.html import without_site_name

FIXTURES = ROOT / "tests" / "fixtures" / "language-seeds"
LANGUAGES = ("ru", "ar", "fa", "zh", "ja", "de", "fr", "es", "en")


def _seed(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# -- tags ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "normalised"), [
    ("en-us", "en-US"), ("EN", "en"), ("en", "en"), ("ru-RU", "ru-RU"), ("ru-ru", "ru-RU"), ("zh-hans-cn", "zh-Hans-CN"),
    ("ZH-HANT", "zh-Hant"), ("iw", "he"), ("en_GB", "en-GB"), ("de-CH-1996", "de-CH-1996"), ("fa-ir", "fa-IR"),
    ("x-private", "x-private"),
])
def test_tags_are_normalised(written: str, normalised: str) -> None:
    assert language.normalise(written) == normalised
    assert language.tag_problem(written) is None


@pytest.mark.parametrize(("written", "hint"), [
    ("english", "en"), ("German", "de"), ("русский", "ru"), ("xx", None), ("en-", None), ("<b>", None), ("", None),
])
def test_an_unknown_or_malformed_tag_is_refused_with_a_did_you_mean(written: str, hint: str | None) -> None:
    assert language.normalise(written) is None
    why = language.tag_problem(written)
    assert why is not None and "BCP 47" in why
    if hint:
        assert f"did you mean '{hint}'?" in why


def test_a_bad_tag_in_a_page_is_one_located_error_and_an_unnormalised_one_a_warning() -> None:
    from generator.document.schema import load

    _meta, problems = load(ReadingMeta, {"title": "T", "source": "seeds/x.md", "source_sha256": "0" * 64, "language": "english"},
                           "docs/readings/x.md", {"language": 7})
    assert [(p.line, p.code, p.is_error) for p in problems] == [(7, "bad-value", True)]
    assert "did you mean 'en'?" in problems[0].message
    meta, problems = load(ReadingMeta, {"title": "T", "source": "seeds/x.md", "source_sha256": "0" * 64, "language": "en-us"},
                          "docs/readings/x.md", {"language": 4})
    assert meta.language == "en-us"
    assert [(p.line, p.code, p.is_error) for p in problems] == [(4, "language-form", False)]
    assert "'en-US'" in problems[0].message


# -- identification and the choice ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_identifier_reads_each_test_article_right(lang: str) -> None:
    capture = parse_text(_seed(f"{lang}.md"), f"seeds/{lang}.md")
    guess = language.identify(capture.article_text())
    assert guess is not None and guess.language == lang and guess.sure


GERMAN = " ".join(p for p in (FIXTURES / "de.md").read_text(encoding="utf-8").split("---", 2)[2].split("\n") if p)


@pytest.mark.parametrize(("declared", "text", "language_", "basis"), [
    ([("the server's Content-Language (capture record)", "de"), ("the page's html lang attribute", "en")], GERMAN, "de",
     "the server's Content-Language (capture record) (de)"),
    ([("the page's html lang attribute", "en")], GERMAN, "de",
     "identified from the article text by py3langid (de, confidence 1.00); the page's html lang attribute said en, which"
     " the text contradicts"),
    ([], GERMAN, "de", "identified from the article text by py3langid (de, confidence 1.00)"),
    ([("the page's html lang attribute", "de-de")], GERMAN, "de-DE", "the page's html lang attribute (de-DE)"),
    ([("the server's Content-Language (capture record)", "de, en")], GERMAN, "de",
     "the server's Content-Language (capture record) (de)"),
    # A headline is too short to overrule a declared tag, and too short to identify alone.
    ([("the seed's front-matter 'language'", "fr")], "Neue Radwege", "fr", "the seed's front-matter 'language' (fr)"),
    ([], "Neue Radwege", "", "not declared, and the text is too short for py3langid to tell"),
    ([("the page's html lang attribute", "<x>")], GERMAN, "de",
     "identified from the article text by py3langid (de, confidence 1.00); the page's html lang attribute said '?x?', which is"
     " no valid language tag"),
])
def test_the_language_is_chosen_in_order_and_the_choice_says_why(declared: list[tuple[str, str]], text: str, language_: str,
                                                                   basis: str) -> None:
    assert language.choose(declared, text) == language.Choice(language_, basis)


def test_siblings_are_no_wide_margin() -> None:
    assert language.same_language("zh-Hans", "wuu") and language.same_language("ms", "id")
    assert not language.same_language("en", "de")


@pytest.mark.parametrize(("title", "mixed"), [
    ("Пробки на мосту", False), ("iPhone 15 在中国发布", False), ("東京タワーの夜", False), ("NATO и Россия", False),
    ("Mоscow", True),  # a Cyrillic "о" inside a Latin word
    ("Москва — القاهرة", True), ("Neue Radwege in Köln", False),
])
def test_a_title_in_mixed_scripts_is_found(title: str, mixed: bool) -> None:
    assert (language.mixed_scripts(title) is not None) is mixed


# -- counts --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "length", "minutes"), [
    ("Hello world, it is 2024.", Length(words=5), 1),
    ("Пробки на мосту через реку", Length(words=5), 1),
    ("افتتاح مكتبة عامة جديدة", Length(words=4), 1),
    ("城市推行垃圾分类新规定。", Length(chinese=11), 1),
    ("市立図書館が夜九時まで開館へ", Length(japanese=14), 1),
    ("iPhone 15 在中国发布", Length(words=2, chinese=5), 1),
    ("ภาษาไทย", Length(southeast_asian=7), 1),
    ("서울 시청에서 열린", Length(words=3), 1),
    ("word " * 201, Length(words=201), 2),  # 200 words a minute, rounded up
    ("字" * 501, Length(chinese=501), 2),  # 500 Chinese characters a minute
    ("字か" * 200 + "字", Length(japanese=401), 2),  # 400 Japanese characters a minute
    ("", Length(), 0),
])
def test_counts_per_script(text: str, length: Length, minutes: int) -> None:
    assert measure(text) == length
    assert measure(text).minutes == minutes


def test_a_chinese_article_of_150_characters_is_150_words_not_3() -> None:
    meta = parse_text(_seed("zh.md"), "seeds/zh.md").meta
    assert meta.words == 155 and meta.reading_time == 1


# -- import of each language ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "lang", "author", "words"), [
    ("ru.md", "ru-RU", "Анна Смирнова", 79), ("ar.md", "ar", "سارة الخطيب", 72), ("fa.md", "fa-IR", "مریم احمدی", 76),
    ("zh.md", "zh-Hans", "李华", 155), ("ja.md", "ja", "山田花子", 167), ("de.md", "de", "Jonas Becker", 77),
    ("fr.md", "fr-FR", "Claire Dubois", 90), ("es.md", "es-ES", "Lucía Fernández", 87), ("en.md", "en-GB", "Sam Taylor", 94),
])
def test_markdown_seeds_in_each_language(name: str, lang: str, author: str, words: int) -> None:
    meta = parse_text(_seed(name), f"seeds/{name}").meta
    assert (meta.language, meta.authors, meta.words) == (lang, (author,), words)
    assert meta.language_basis == f"the seed's front-matter 'language' ({lang})"


def test_a_chinese_author_is_kept_from_the_meta_tag_and_the_byline_label_dropped() -> None:
    page = _seed("zh-byline.html").decode()
    meta = parse_text(page.encode(), "seeds/zh.html").meta
    assert (meta.title, meta.authors, meta.publisher, meta.language) == ("城市推行垃圾分类新规定", ("李华",), "城市日报", "zh-CN")
    # trafilatura drops a <meta name="author"> without a space (the bug in issue 27): the meta tag alone still gives it.
    alone = page.replace('<p class="byline">作者：<span class="author">李华</span> 2024年6月3日</p>', "")
    assert parse_text(alone.encode(), "seeds/zh.html").meta.authors == ("李华",)
    arabic = parse_text(_seed("ar-byline.html"), "seeds/ar.html").meta
    assert (arabic.title, arabic.authors, arabic.language) == ("افتتاح مكتبة عامة جديدة في وسط المدينة", ("سارة الخطيب",), "ar")


@pytest.mark.parametrize(("title", "site", "kept"), [
    ("城市推行垃圾分类新规定 - 新华网", "新华网", "城市推行垃圾分类新规定"), ("城市推行垃圾分类新规定_新华网", "新华网", "城市推行垃圾分类新规定"),
    ("A headline | Site name", "Site name", "A headline"), ("Site name – A headline", "Site name", "A headline"),
    ("Well-being - a guide", "Site name", "Well-being - a guide"), ("A - B - Site", "Site", "A - B"), ("Site", "Site", "Site"),
])
def test_site_names_stay_out_of_titles(title: str, site: str, kept: str) -> None:
    assert without_site_name(title, site) == kept


def test_a_page_whose_title_starts_with_the_site_name() -> None:
    page = _seed("zh-byline.html").decode().replace("<title>城市推行垃圾分类新规定 - 城市日报</title>",
                                                    "<title>城市日报 - 城市推行垃圾分类新规定</title>").replace("<h1>城市推行垃圾分类新规定</h1>", "")
    assert parse_text(page.encode(), "seeds/zh.html").meta.title == "城市推行垃圾分类新规定"


def test_a_lying_html_lang_is_overruled_by_the_text_and_said_in_the_basis() -> None:
    meta = parse_text(_seed("de-lying.html"), "seeds/de.html").meta
    assert meta.language == "de"
    assert "the page's html lang attribute said en, which the text contradicts" in meta.language_basis


def _record(data: bytes, content_language: str | None) -> record.CaptureRecord:
    values = {"requested_url": "https://example.org/a", "final_url": "https://example.org/a", "redirects": [],
              "retrieved": "2026-11-26T16:40:00Z", "status": 200, "content_type": "text/html; charset=utf-8", "date": "",
              "last_modified": "", "etag": "", "sha256": hashlib.sha256(data).hexdigest(), "user_agent": "test"}
    if content_language is not None:
        values["content_language"] = content_language
    return record.parse(json.dumps(values), "seeds/de.html.capture.json")


def test_the_capture_records_content_language_comes_first() -> None:
    data = _seed("de-lying.html")
    meta = parse_text(data, "seeds/de.html", _record(data, "de-DE")).meta
    assert (meta.language, meta.language_basis) == ("de-DE", "the server's Content-Language (capture record) (de-DE)")
    # A record from before Content-Language was kept is still whole: the page's lang and the text decide.
    old = _record(data, None)
    assert old.content_language == ""
    assert parse_text(data, "seeds/de.html", old).meta.language == "de"
    assert '"content_language": "de-DE"' in record.dumps(_record(data, "de-DE"))


def test_a_content_language_on_two_lines_is_a_bad_record() -> None:
    data = _seed("de-lying.html")
    with pytest.raises(Exception, match="content_language"):
        _record(data, "de\nen")


# -- import -> check -> build --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def languages_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("languages"), with_docs=False)
    for path in sorted(FIXTURES.iterdir()):
        shutil.copy(path, project / "seeds" / path.name)
    assert main(["--project", str(project), "import", "seeds"]) == 0
    return project


def _reading(project: Path, source: str) -> Path:
    for path in (project / "docs" / "readings").glob("*.md"):
        if read_page(path, path.name).meta.get("source") == f"seeds/{source}":
            return path
    raise AssertionError(source)


def test_import_then_check_is_clean_in_every_language(languages_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--project", str(languages_project), "check"]) == 0
    assert "warning" not in capsys.readouterr().err.replace("0 warning(s)", "")
    page = read_page(_reading(languages_project, "zh-byline.html"), "zh.md")
    assert page.meta["language"] == "zh-CN" and page.meta["authors"] == ["李华"]
    assert "language_basis" in page.meta


def test_check_warns_once_where_a_declared_language_contradicts_the_text(languages_project: Path, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    shutil.copytree(languages_project, project)
    path = _reading(project, "ru.md")
    text = path.read_text(encoding="utf-8")
    line = text.split("\n").index("language: ru-RU") + 1
    path.write_text(text.replace("language: ru-RU", "language: en"), encoding="utf-8")
    capsys.readouterr()
    main(["--project", str(project), "check", str(path)])
    err = capsys.readouterr().err
    found = [x for x in err.splitlines() if "[language-mismatch]" in x]
    assert len(found) == 1 and found[0].startswith(f"docs/readings/{path.name}:{line}:1: warning:")
    assert "English (en)" in found[0] and "Russian (ru)" in found[0]


def test_check_reports_a_bad_tag_and_a_mixed_title_on_one_line_each(languages_project: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    shutil.copytree(languages_project, project)
    path = _reading(project, "fr.md")
    text = path.read_text(encoding="utf-8")
    text = text.replace("language: fr-FR", "language: francais").replace("title: La ville ouvre", "title: La vіlle ouvre")
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(project), "check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    bad = [x for x in err.splitlines() if "[bad-value]" in x]
    mixed = [x for x in err.splitlines() if "[mixed-scripts]" in x]
    assert len(bad) == 1 and "did you mean 'fr'?" in bad[0] and ": error: " in bad[0]
    assert len(mixed) == 1 and ": warning: " in mixed[0] and "Cyrillic and Latin" in mixed[0]


def test_the_collection_builds(languages_project: Path) -> None:
    project = languages_project
    assert main(["--project", str(project), "build"]) == 0
    chinese = _reading(project, "zh.md").stem
    html = next((project / "site").rglob(f"{chinese}*/index.html"), None) or next((project / "site").rglob(f"{chinese}.html"))
    built = html.read_text(encoding="utf-8")
    assert "城市推行垃圾分类新规定" in built and "李华" in built
    assert '<dd class="reading-language"><code>zh-Hans</code>: the seed&#39;s front-matter &#39;language&#39; (zh-Hans)</dd>' in built
    # Hostile tags and bylines (tests/fixtures/language-seeds/hostile-lang.*) come out as text, the language identified.
    for source in ("hostile-lang.md", "hostile-lang.html"):
        stem = _reading(project, source).stem
        built = (project / "site" / "readings" / stem / "index.html").read_text(encoding="utf-8")
        assert "alert(1)" in built and "<script>alert" not in built and "<img src=x" not in built
        assert 'onload="alert' not in built and "onerror=alert(1)>" not in built
        assert "no valid language tag" in built or "which the text contradicts" in built


def test_meta_from_values_keeps_the_basis() -> None:
    capture = parse_text(_seed("ar.md"), "seeds/ar.md")
    assert dataclasses.asdict(capture.meta)["language_basis"] == "the seed's front-matter 'language' (ar)"


def test_an_arabic_slug_is_ascii_and_a_renamed_page_keeps_its_name(languages_project: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from generator.slug import SLUG_RE, slugify

    assert slugify("افتتاح مكتبة عامة جديدة في وسط المدينة") == "ftth-mktbh-mh-jdydh-fy-wst-lmdynh"
    project = tmp_path / "p"
    shutil.copytree(languages_project, project)
    page = _reading(project, "ar.md")
    assert SLUG_RE.match(page.stem)
    renamed = page.with_name("iftitah-maktaba-jadida.md")
    page.rename(renamed)
    assert main(["--project", str(project), "import", "seeds/ar.md"]) == 0
    assert renamed.exists() and not page.exists()
    assert _reading(project, "ar.md") == renamed


class _GermanPage(BaseHTTPRequestHandler):
    """A German article whose <html lang> says en, served with Content-Language: de (the page in issue 27)."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = _seed("de-lying.html")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Language", "de")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_fetch_keeps_content_language_and_import_takes_it(tmp_path: Path) -> None:
    project = make_project(tmp_path, with_docs=False)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _GermanPage)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/radwege"
        assert main(["--project", str(project), "fetch", "--allow-private", "--timeout", "2", url]) == 0
    finally:
        httpd.shutdown()
    records = list((project / "seeds").glob("*.capture.json"))
    assert len(records) == 1 and json.loads(records[0].read_text(encoding="utf-8"))["content_language"] == "de"
    seed = records[0].name.removesuffix(record.RECORD_SUFFIX)
    page = read_page(_reading(project, seed), "p.md")
    assert page.meta["language"] == "de"
    assert page.meta["language_basis"] == "the server's Content-Language (capture record) (de)"


def test_an_update_gives_a_page_from_before_languages_its_language() -> None:
    from generator.document.schema import replace
    from generator.reading.update import merge_front_matter

    new = parse_text(_seed("de.md"), "seeds/de.md").meta
    old_page = replace(new, language="", language_basis="")
    merged, messages = merge_front_matter(old_page, new, new)
    assert (merged.language, messages) == ("de", [])
    # A contributor's removal on a page that has its basis is kept, and said.
    edited = replace(new, language="")
    merged, messages = merge_front_matter(edited, new, new)
    assert merged.language == "" and "a contributor removed it" in messages[0]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=30), st.from_regex(r"[A-Za-z0-9_-]{0,20}", fullmatch=True)))
def test_any_value_gets_an_answer_never_an_exception(value: str) -> None:
    tag = language.normalise(value)
    assert (tag is None) == (language.tag_problem(value) is not None)
    language.mixed_scripts(value)
    choice = language.choose([("the page's html lang attribute", value)], value)
    assert "<" not in choice.basis and ">" not in choice.basis and '"' not in choice.basis


def test_an_undeclared_chinese_text_is_zh_not_a_spoken_variety() -> None:
    text = parse_text(_seed("zh.md"), "seeds/zh.md").article_text()
    assert language.choose([], text).language == "zh"
    guess = language.identify("城市推行垃圾分类新规定")
    assert guess is not None and guess.language == "zh" and not guess.sure  # a headline: too short to be sure


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The group surfaced in Nangarhar.", "5 words"),
        ("One", "1 word"),
        ("北京市政府宣布新的垃圾分类规定。", "15 characters"),
        ("ひらがなと漢字", "7 characters"),
        ("iPhone 15 在中国发布", "2 words and 5 characters"),
        ("", ""),
    ],
)
def test_a_length_is_told_in_the_unit_it_was_counted_in(text: str, label: str) -> None:
    """A reader is told "155 characters" for a Chinese text, not "155 words": the unit follows the count."""
    assert measure(text).label == label


def test_the_header_tells_the_length_in_its_unit(built_site: Path) -> None:
    html = (built_site / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert "<dt>Length</dt><dd>1122 words</dd>" in html
