"""Search in every language: each reading analysed by its language's analyser, the same in Python and the browser.

Python side: folding, stemming and segmentation per language (``generator.search.languages``), the index recording the
analysers of a mixed collection, and an English collection's index byte for byte what it was. Browser side (Chromium):
the worker's analysers agree with Python's on word lists of every supported language, and a collection with readings
in nine languages is searched by inflected and in-sentence forms over http and from the offline bundle (file://).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import browser, serve
from conftest import ROOT, make_project
from test_browser_search import WORKER, Tab, opened

from generator.cli import main
from generator.search import index
from generator.search.languages import STEMMERS, analysed, analyser_for, fold, terms

VENDOR = ROOT / "overrides" / "assets" / "javascripts" / "vendor" / "snowball"

# (analyser, text a reading holds, a query by another form of its words): the query's terms are all in the text's.
FORMS = [
    ("ru", "Москва: пробки у моста", "Москвы"), ("ru", "Москва: пробки у моста", "пробка мосту"),
    ("ru", "ёлка", "Елки"), ("de", "Straßen mit Radwegen", "Strassen"), ("de", "Straßen mit Radwegen", "Radweg"),
    ("de", "STRASSE", "straße"), ("fr", "Les élèves des écoles", "eleve ecole"), ("es", "las elecciones", "elección"),
    ("ar", "افتتحت المدينة مَكْتَبَةٌ جديدة", "المكتبـــة"), ("ar", "٢٠٢٤", "2024"), ("fa", "کتابخانه‌های شهر", "كتابخانه"),
    ("und", "上海市从下个月起推行新的垃圾分类规定", "垃圾"), ("und", "東京都は来年から自転車専用道路を整備する", "自転車"),
    ("und", "ＡＢＣ　ｄｅｆ", "abc DEF"), ("en", "Ferries resumed", "ferry"),
]


@pytest.mark.parametrize(("key", "text", "query"), FORMS)
def test_an_inflected_or_folded_form_gives_the_same_terms(key: str, text: str, query: str) -> None:
    wanted = list(terms(query, key))
    assert wanted and set(wanted) <= set(terms(text, key)), (wanted, list(terms(text, key)))


def test_stop_words_are_the_languages_own() -> None:
    assert list(terms("die Straßen und die Wege", "de")) == ["strass", "weg"]
    assert list(terms("и в Москве", "ru")) == ["москв"]
    assert list(terms("the harbour", "en")) == ["harbour"]


def test_unspaced_scripts_are_cut_into_bigrams_and_kept_whole_in_english() -> None:
    assert list(terms("垃圾分类", "und")) == ["垃圾", "圾分", "分类"]
    assert list(terms("垃", "und")) == ["垃"]
    assert list(terms("垃圾分类", "en")) == ["垃圾分类"]  # English keeps today's analysis, figures and bytes


@pytest.mark.parametrize(("tag", "key"), [("ru-RU", "ru"), ("de", "de"), ("zh-Hant-TW", "und"), ("ja", "und"),
                                          ("th", "und"), ("EN-gb", "en"), ("nb", "no"), ("xx-bogus", "und"), ("", "en")])
def test_a_tag_chooses_the_analyser_by_its_primary_subtag(tag: str, key: str) -> None:
    assert analyser_for(tag) == key


def test_folding_follows_each_language() -> None:
    assert fold("Straße ЁЖ ＡＢＣ") == "strasse еж abc"
    assert fold("عَرَبِيّـــة") == "عربية"  # tashkeel and tatweel removed
    assert fold("كي", "fa") == "کی" and fold("كي", "ar") == "كي"  # Arabic kaf and yeh are Persian ones only in Persian


def _english_corpus() -> list[dict[str, object]]:
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    rng = random.Random(27)
    vocabulary = seed.split()
    entries: list[dict[str, object]] = [{"location": "", "title": "Home", "text": "<p>" + seed[:2000] + "</p>"}]
    for i in range(120):
        entries.append({"location": f"readings/r{i}/", "title": " ".join(rng.choice(vocabulary) for _ in range(6)),
                        "text": "<p>" + " ".join(rng.choice(vocabulary) for _ in range(400)) + "</p>", "tags": ["Tag", "Café"]})
        entries.append({"location": f"readings/r{i}/#n{i}", "title": f"Claim note {i}",
                        "text": "<p>" + " ".join(rng.choice(vocabulary) for _ in range(40)) + "</p>"})
    return entries


def _digest(files: dict[str, str]) -> str:
    return hashlib.sha256("".join(f"{name}\n{text}" for name, text in sorted(files.items())).encode()).hexdigest()


# The digest of _english_corpus()'s index as the code before languages wrote it (commit 6f53ff3, generator/search).
ENGLISH_DIGEST = "19749eebb953b997c45a4a046b5833d66e133368f600e5b37224cee5fa426651"


def test_an_english_collection_gives_the_same_bytes_as_before() -> None:
    entries = _english_corpus()
    assert _digest(index.build(entries)) == ENGLISH_DIGEST
    tagged = {str(e["location"]).split("#")[0]: "en-GB" for e in entries}
    assert _digest(index.build(entries, languages=tagged, default="en")) == ENGLISH_DIGEST


def test_a_mixed_collection_says_which_analysers_it_holds() -> None:
    entries = [{"location": "a/", "title": "Пробки", "text": "<p>Москва</p>"}, {"location": "b/", "title": "垃圾", "text": "<p>分类</p>"},
               {"location": "c/", "title": "Harbour", "text": "<p>Ferries</p>"}]
    files = index.build(entries, languages={"a/": "ru-RU", "b/": "zh"}, default="en")
    manifest = json.loads(re.fullmatch(r'readingsSearch\("manifest",null,(.*)\);\n', files["search/readings/manifest.js"],
                                       re.DOTALL).group(1))  # type: ignore[union-attr]
    assert sorted(manifest["languages"]) == ["en", "ru", "und"]
    assert manifest["languages"]["ru"]["stemmer"] == "russian" and "и" in manifest["languages"]["ru"]["stop"]
    assert manifest["languages"]["und"] == {"stemmer": None, "stop": []}
    shards = "".join(text for name, text in files.items() if "shard-" in name)
    assert '"москв"' in shards and '"垃圾"' in shards and '"ferri"' in shards
    assert index.build(entries, languages={"a/": "ru"}) != index.build(entries, languages={"a/": "de"})


def test_a_hostile_language_value_reaches_the_index_only_as_a_known_key() -> None:
    entries = [{"location": "a/", "title": "T", "text": "<p>Москва</p>"}]
    hostile = '"</script><img src=x onerror=alert(1)>'
    files = index.build(entries, languages={"a/": hostile}, default=hostile)
    assert "onerror" not in "".join(files.values()) and "script>" not in "".join(files.values())
    manifest = files["search/readings/manifest.js"]
    assert '"languages":{"und":' in manifest


# ---- in Chromium ----

WORD_LISTS = {
    "ru": "Москва Москвы Москве москвой пробка пробки пробок мост моста мосту мостами ёлка ЁЛКИ город городов "
          "сообщили сообщает ремонт ремонта реки рекой и в на не что он объявила объявили жителей жители новая новые",
    "ar": "المدينة مدينة مدن المكتبة مَكْتَبَةٌ مكتبات المكتبـــة الكتاب كتب كاتب والمدارس بالمدرسة مدرسة ٢٠٢٤ "
          "افتتحت يفتتح الجديدة جديد وزارة الوزارات سيارات السيارة",
    "fa": "کتابخانه کتابخانه‌های كتابخانه شهر شهرها شهرداری ایران ايران می‌خواهم خواهند كتاب کتاب‌ها ۱۴۰۳ "
          "دانشگاه دانشگاه‌ها مدرسه مدارس",
    "zh": "上海市从下个月起推行新的垃圾分类规定，居民需要按时投放垃圾。北京地铁票价调整。ＡＢＣ１２３",
    "ja": "東京都は来年から新しい自転車専用道路を整備すると発表した。カタカナのニュース、ｶﾀｶﾅ、ひらがな。",
    "de": "Straßen Strassen STRASSE Radwegen Radweg Radwege Mädchen Ärger Häuser Hauses die der und nicht "
          "Bürgermeisterin Verkehrsberuhigung Fußgänger",
    "fr": "Les élèves des écoles école ÉCOLE eleve bibliothèques bibliothèque nationale municipalité publiées "
          "publier français Noël naïve être",
    "es": "las elecciones elección eleccion mercados mercado autobuses autobús niños niño ciudades ciudad "
          "inundaciones inundación puentes",
    "en": "Reports of the Café: governments REPORTED reporting, happy lay try yesterday generalization ferries",
    "th": "ภาษาไทยง่ายมาก กรุงเทพมหานคร",
    "it": "città cittadini elezioni elezione", "pt": "eleições eleição cidades cidade", "tr": "şehirler şehir İstanbul",
}


def _parity_samples() -> list[tuple[str, str]]:
    keys = {"zh": "und", "ja": "und", "th": "und"}
    samples = [(text, keys.get(language, analyser_for(language))) for language, text in WORD_LISTS.items()]
    samples += [(text, key) for key in ("und", "ru", "ar", "fa", "de") for text in WORD_LISTS.values()]  # every script
    return samples


@pytest.mark.browser
@pytest.mark.slow
def test_the_browser_analysers_agree_with_python(collection: tuple[Path, Path, dict[str, str]]) -> None:
    samples = _parity_samples()
    languages = index._analysers({"en", "und", *(analyser_for(tag) for tag in STEMMERS)})
    with browser() as chromium, serve(collection[0]) as url:
        context = chromium.new_context(bypass_csp=True)  # the test injects the worker's scripts into a page
        page = context.new_page()
        page.goto(url)
        page.add_script_tag(path=str(VENDOR / "base-stemmer.js"))
        for algorithm in sorted(set(STEMMERS.values())):
            page.add_script_tag(path=str(VENDOR / f"{algorithm}-stemmer.js"))
        page.add_script_tag(path=str(WORKER))
        got = page.evaluate("""([languages, samples]) => {
            readingsSearchWords.configure(languages);
            return samples.map(([text, key]) => readingsSearchWords.analyse(text, key));
        }""", [languages, samples])
        context.close()
    for (text, key), js in zip(samples, got, strict=True):
        assert js == [list(t) for t in analysed(text, key)], (key, text)
    assert sum(len(js) for js in got) > 400


ARTICLES = {  # seed name -> (language, title, text): short articles written for this test
    "ru": ("ru", "Ремонт моста в центре",
           "Утром в центре образовались большие пробки у моста через реку. Москва начинает ремонт моста, "
           "сообщили городские службы. Ремонт продлится неделю."),
    "de": ("de", "Neue Radwege in der Altstadt",
           "Die Stadt baut neue Radwege. Mehrere Straßen der Altstadt werden dafür im Sommer gesperrt, teilte "
           "die Verwaltung mit."),
    "zh": ("zh-CN", "上海新规",
           "上海市从下个月起推行新的垃圾分类规定居民需要按时投放并接受社区志愿者的检查和指导"),
    "ja": ("ja", "東京の新しい道路", "東京都は来年から新しい自転車専用道路を整備すると発表した"),
    "ar": ("ar", "افتتاح مكتبة", "افتتحت المدينة مَكْتَبَةً جديدة في وسط المدينة، وقالت البلدية إن المكتبـــة تفتح كل يوم."),
    "fa": ("fa", "کتابخانه‌های تازه", "شهرداری دو کتابخانه‌ی تازه در شهر باز کرد و ساعت کار آنها را اعلام کرد."),
    "fr": ("fr", "Rentrée scolaire", "Les élèves des écoles de la ville ont repris les cours lundi, selon la mairie."),
    "es": ("es", "Resultados municipales", "Las elecciones municipales se celebraron el domingo con una participación alta."),
    "en": ("en", "Ferry timetable", "Ferries resumed on Monday after the storm, the harbour office said."),
}
QUERIES = [("ru", "Москвы"), ("ru", "пробка"), ("ru", "мосту"), ("de", "Strassen"), ("de", "Radwegen"), ("zh", "垃圾"),
           ("zh", "志愿者"), ("ja", "自転車"), ("ar", "مكتبة"), ("fa", "كتابخانه"), ("fr", "ecole"), ("es", "elección"),
           ("en", "ferry")]


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """The built site, the unpacked offline bundle, and each article's page slug."""
    project = make_project(tmp_path_factory.mktemp("languages-project"), with_docs=False)
    for name, (language, title, text) in ARTICLES.items():
        (project / "seeds" / f"lang-{name}.md").write_text(
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nauthor: A. Writer\nlanguage: {language}\n---\n\n{text}\n",
            encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0
    slugs = {}
    for reading in (project / "docs" / "readings").glob("*.md"):
        if found := re.search(r"^source: seeds/lang-(\w+)\.md$", reading.read_text(encoding="utf-8"), re.MULTILINE):
            slugs[found.group(1)] = reading.stem
    assert sorted(slugs) == sorted(ARTICLES)
    assert main(["--project", str(project), "build"]) == 0
    assert main(["--project", str(project), "bundle"]) == 0
    unpacked = project / "unpacked"
    with zipfile.ZipFile(project / "dist" / "annotated-readings-offline.zip") as archive:
        archive.extractall(unpacked)
    return project / "site", next(unpacked.iterdir()), slugs


@pytest.mark.slow
def test_the_collection_index_holds_each_readings_language(collection: tuple[Path, Path, dict[str, str]]) -> None:
    manifest = (collection[0] / "search" / "readings" / "manifest.js").read_text(encoding="utf-8")
    for key in ("ru", "de", "ar", "fa", "fr", "es", "en", "und"):
        assert f'"{key}":' in manifest


@pytest.fixture(params=["http", "file"])
def tab(request: pytest.FixtureRequest, collection: tuple[Path, Path, dict[str, str]]) -> Iterator[Tab]:
    site, bundle, _slugs = collection
    yield from opened(request.param, site, bundle)


@pytest.mark.browser
@pytest.mark.slow
def test_each_reading_is_found_by_inflected_and_in_sentence_forms(tab: Tab, collection: tuple[Path, Path, dict[str, str]]) -> None:
    slugs = collection[2]
    for name, query in QUERIES:
        links = tab.search(query + " ")
        assert links and slugs[name] in links[0], (query, links[:3])
        text = tab.page.locator(".md-search-result__item").first.inner_text()
        assert "<" not in text  # shown as text


@pytest.mark.browser
@pytest.mark.slow
def test_a_word_inside_a_chinese_sentence_is_highlighted(tab: Tab, collection: tuple[Path, Path, dict[str, str]]) -> None:
    tab.search("垃圾 ")
    marks = tab.page.locator(".md-search-result__item mark").all_inner_texts()
    assert "垃圾" in marks
