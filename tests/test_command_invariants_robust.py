"""Every command leaves a project that checks and builds, whatever it is given (issue 23).

Slugs of many seeds with one title are unique by construction, stable and independent of order; hostile
front-matter, bodies, seeds and annotation exports get one located line, never a traceback; the sentence
splitter of `check --suggest` never cuts a link.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.annotations.incoming import Incoming, read_document
from generator.checks.suggest import sentences
from generator.cli import main
from generator.document.schema import MATERIAL_KEYS, EntityMeta, PageMeta, ReadingMeta, load, specs
from generator.errors import Problem
from generator.outputs.scan import outside_references
from generator.site.scan import scan_html
from generator.slug import disambiguate, slugify

LOCATED_RE = re.compile(r"^[^:\n]+:\d+:\d+: (?:error|warning): .+")
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


# --- Front-matter of every shape: validates, or one located line; never a traceback -------------------------------

SHAPES: dict[str, Any] = {
    "scalar": "text", "empty string": "", "null": None, "bool": True, "int": 7, "negative": -3, "float": 1.5,
    "nan": float("nan"), "date": dt.date(2020, 2, 29), "datetime": dt.datetime(2020, 2, 29, 12, 0),
    "list of strings": ["navigation", "toc"], "list of lists": [["navigation"]], "list of mappings": [{"a": "b"}],
    "list of null": [None], "mapping": {"a": "b"}, "mapping of lists": {"a": [1, 2]}, "empty list": [], "empty mapping": {},
    "nested": {"a": [{"b": [{"c": None}]}]}, "mapping of mappings": {"page": {"x": 1}, "summary": {"y": 2}},
    "status mapping": {"status": ["reviewed"], "by": [["x"]], "date": {"d": 1}},
    "corrections": [{"date": [1], "text": {"t": 1}}], "origins": {"claim-x": {"by": ["a"], "date": [2020]}},
}
UNKNOWN_KEY = "hidden"  # close to a Material key: the "did you mean" hint sees it too


def _keys(cls: type[ReadingMeta] | type[EntityMeta] | type[PageMeta]) -> list[str]:
    keys = [spec.name for spec in specs(cls)] + [UNKNOWN_KEY]
    return keys + list(MATERIAL_KEYS) if cls is ReadingMeta else keys


def _located(line: str) -> bool:
    return bool(LOCATED_RE.match(line))


@pytest.mark.parametrize("cls", [ReadingMeta, EntityMeta, PageMeta], ids=lambda c: c.__name__)
def test_schema_load_is_total(cls: type[ReadingMeta] | type[EntityMeta] | type[PageMeta]) -> None:
    """Every key × every shape: a typed value or a located problem naming the key, never an exception."""
    for key, (shape, value) in itertools.product(_keys(cls), SHAPES.items()):
        _meta, problems = load(cls, {key: value}, "page.md", {key: 4})
        named = [p for p in problems if f"'{key}'" in p.message]
        assert all(p.line >= 1 and p.col >= 1 for p in problems), (key, shape)
        assert named or key in {spec.name for spec in specs(cls)} or key in MATERIAL_KEYS, (key, shape, problems)


def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | st.dates(),
                           _containers, max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.sampled_from(sorted({*_keys(ReadingMeta), *_keys(EntityMeta), *_keys(PageMeta)})), value=JSON_VALUES)
def test_schema_load_never_raises(key: str, value: Any) -> None:
    for cls in (ReadingMeta, EntityMeta, PageMeta):
        _meta, problems = load(cls, {key: value}, "page.md", {key: 2})
        assert all(p.line >= 1 for p in problems)


def _with_key(text: str, key: str, value: Any) -> str:
    """A page's text with one front-matter key set to ``value``."""
    _start, head, body = text.split("---\n", 2)
    meta = yaml.safe_load(head)
    meta[key] = value
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n" + body


def test_every_front_matter_shape_checks_and_builds_with_located_lines(empty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Pages with every key × shape (readings, context pages, other pages): check and build each give located lines and
    fail, never raise; every page whose front-matter does not load is named."""
    _seed(empty, "one.txt", "One plain article")
    assert main(["--project", str(empty), "import", "seeds"]) == 0
    docs = empty / "docs"
    reading = next((docs / "readings").glob("*.md")).read_text(encoding="utf-8")
    context = (ROOT / "docs" / "context" / "darzab.md").read_text(encoding="utf-8")
    other = (docs / "about.md").read_text(encoding="utf-8")
    (docs / "context").mkdir(exist_ok=True)
    bad: set[str] = set()
    number = 0
    for cls, folder, template in ((ReadingMeta, "readings", reading), (EntityMeta, "context", context), (PageMeta, "", other)):
        for key, value in itertools.product(_keys(cls), SHAPES.values()):
            number += 1
            path = docs / folder / f"fuzz-{number}.md"
            path.write_text(_with_key(template, key, value), encoding="utf-8")
            if load(cls, yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]), "x")[1]:
                bad.add(path.relative_to(empty).as_posix())
    for command in ("check", "build"):
        capsys.readouterr()
        assert main(["--project", str(empty), command]) != 0
        err = capsys.readouterr().err
        errors = [line for line in err.splitlines() if ": error: " in line]
        assert errors and all(_located(line) for line in errors), err[-2000:]
        assert "Traceback" not in err
        assert bad <= {line.split(":", 1)[0] for line in errors}, sorted(bad - {line.split(":", 1)[0] for line in errors})[:5]


# --- Hostile bodies and seeds ----------------------------------------------------------------------------------------

MARKED_SECTIONS = ['<![><img src="]>', "<![ x", "<![>", "<![]]>", '<![if !IE]><img src="x" onerror="alert(1)">', "<![CDATA[x]]>"]


@pytest.mark.parametrize("markup", MARKED_SECTIONS)
def test_malformed_marked_sections_are_one_located_line(empty: Path, markup: str, capsys: pytest.CaptureFixture[str]) -> None:
    """In a page's body, `check` refuses a marked section with one located line; the scanners of built HTML read it
    as a browser does (a bogus comment up to the first '>'), so the markup after it is still scanned."""
    _seed(empty, "one.txt", "One plain article")
    assert main(["--project", str(empty), "import", "seeds"]) == 0
    page = next((empty / "docs" / "readings").glob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + f"\n{markup}\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(empty), "check"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert errors and all(_located(line) for line in errors)
    assert any(line.startswith(page.relative_to(empty).as_posix() + ":") and "[unsafe-html]" in line for line in errors)
    scan_html(f"<p>{markup}</p>", "page.html")  # the scanners of built HTML do not raise either
    assert isinstance(outside_references_in(f"<p>{markup}</p>", empty), list)


@pytest.mark.parametrize("markup", ["<![>", "<![ x>", "<![if !IE]>", "<![endif]>"])
def test_scanners_read_a_bogus_marked_section_as_a_browser_does(markup: str, tmp_path: Path) -> None:
    """A browser ends a malformed marked section at the first '>': what follows is markup, and is scanned."""
    assert any("onerror" in p.message for p in scan_html(f'<p>{markup}<img src="x" onerror="alert(1)"></p>', "page.html"))
    assert outside_references_in(f'<p>{markup}<img src="https://example.org/x.png"></p>', tmp_path)


def outside_references_in(html: str, folder: Path) -> list[Problem]:
    (folder / "scanned").mkdir(exist_ok=True)
    (folder / "scanned" / "page.html").write_text(html, encoding="utf-8")
    return outside_references(folder / "scanned")


FORM_FEED_PAGE = ("<!doctype html><html><head><title>Form\x0cfeed\x0b title</title>"
                  '<meta name="description" content="a\x0cb"></head><body><nav>Home\x0c News</nav><article>'
                  "<h1>Form\x0cfeed title</h1><p>The first\x0c paragraph of the article, long enough to be one, says a"
                  " good deal about the harbour.\x01</p><p>Another\x0c paragraph\x1f follows it, about the boats.</p>"
                  "</article><footer>\x0cCopyright</footer></body></html>")


def test_control_characters_in_an_html_seed_do_not_stop_the_batch(empty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A form feed (and other characters XML forbids) in an HTML seed: the seed imports, and so does the rest of the batch."""
    (empty / "seeds" / "a-form-feed.html").write_text(FORM_FEED_PAGE, encoding="utf-8")
    _seed(empty, "b-plain.txt", "A plain article")
    capsys.readouterr()
    assert main(["--project", str(empty), "import", "seeds"]) == 0, capsys.readouterr().err
    assert set(_slugs(empty)) == {"seeds/a-form-feed.html", "seeds/b-plain.txt"}
    assert main(["--project", str(empty), "check"]) == 0, capsys.readouterr().err


class _Pages(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = (FORM_FEED_PAGE if self.path == "/form-feed" else FORM_FEED_PAGE.replace("\x0c", " ").replace("Form", "Plain")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_control_characters_in_a_fetched_page_do_not_stop_the_batch(empty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "init"]):
        subprocess.run(["git", *args], cwd=empty, check=True)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        capsys.readouterr()
        assert main(["--project", str(empty), "fetch", "--allow-private", "--timeout", "2", f"{base}/form-feed", f"{base}/plain"]) == 0, \
            capsys.readouterr().err
    finally:
        httpd.shutdown()
    assert len(_slugs(empty)) == 2
    assert main(["--project", str(empty), "check"]) == 0, capsys.readouterr().err


# --- Incoming annotations of any shape: listed, skipped with a reason, or one located line -------------------------

MALFORMED_ANNOTATIONS: list[tuple[str, Any]] = [
    ("selector is an empty list", {"annotations": [{"uri": "u", "target": [{"selector": []}]}]}),
    ("selector is a string", {"annotations": [{"uri": "u", "target": [{"selector": "TextQuoteSelector"}]}]}),
    ("selector items are not objects", {"annotations": [{"uri": "u", "target": [{"selector": [1, [], None, "x"]}]}]}),
    ("target is an empty list", {"annotations": [{"uri": "u", "target": []}]}),
    ("target items are not objects", {"annotations": [{"uri": "u", "target": [[], 3, "t"]}]}),
    ("target is a number", {"rows": [{"uri": "u", "target": 3}]}),
    ("tags is a number", {"annotations": [{"uri": "u", "tags": 4.5, "target": [{"selector": []}]}]}),
    ("tags holds lists", {"annotations": [{"uri": "u", "tags": [["claim"]], "target": []}]}),
    ("exact is an object", {"annotations": [{"uri": "u", "target": [{"selector": [{"type": "TextQuoteSelector", "exact": {"a": 1}}]}]}]}),
    ("user_info is a list", {"annotations": [{"uri": ["u"], "user_info": [1], "user": {"a": 1}, "text": ["t"], "target": []}]}),
    ("positions are not numbers", {"annotations": [{"uri": "u", "target": [{"selector": [
        {"type": "TextQuoteSelector", "exact": "One"}, {"type": "TextPositionSelector", "start": True, "end": [1]}]}]}]}),
    ("item is not an object", {"annotations": [3, "x", None, []]}),
    ("W3C body and target of odd shapes", {"type": "AnnotationPage", "items": [
        {"type": "Annotation", "body": [1, {"value": ["x"], "purpose": {"p": 1}}], "target": [None, 2], "motivation": {"m": 1},
         "creator": ["x"], "created": ["2020-01-01"]}, 5]}),
    ("W3C target a string", [{"type": "Annotation", "target": "u", "body": "text"}]),
    ("an impossible date", {"annotations": [{"uri": "u", "created": "2020-13-45T00:00", "target": []}]}),
    ("an id over several lines", {"annotations": [{"uri": "u", "id": "a\nb\r\nc" * 40, "target": []}]}),
]


@pytest.mark.parametrize(("case", "data"), MALFORMED_ANNOTATIONS, ids=[case for case, _data in MALFORMED_ANNOTATIONS])
def test_malformed_annotations_are_listed_as_skipped(case: str, data: Any) -> None:
    """Each annotation of a malformed shape is an ``Incoming`` skipped with its reason; nothing raises, nothing is lost."""
    incoming, problems = read_document(data, "notes.json")
    assert not problems, case
    items = data.get("annotations") or data.get("rows") or data.get("items") if isinstance(data, dict) else data
    assert len(incoming) == len(items)
    for item in incoming:
        assert item.skipped or item.exact.strip(), case
        assert "\n" not in item.key and len(item.key) <= 80
        assert item.date == "" or dt.date.fromisoformat(item.date)
        assert all(isinstance(getattr(item, name), str) for name in ("uri", "exact", "prefix", "suffix", "text", "by"))


EXPORT_KEYS = ["annotations", "rows", "items", "first", "type", "target", "selector", "exact", "prefix", "suffix", "start",
               "end", "tags", "text", "user", "user_info", "references", "id", "body", "value", "purpose", "format",
               "motivation", "creator", "created", "uri", "source", "display_name", "name"]


def _export_containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(EXPORT_KEYS), inner, max_size=6)


EXPORT_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
                             | st.sampled_from(["TextQuoteSelector", "TextPositionSelector", "Annotation", "AnnotationPage",
                                                "AnnotationCollection", "tagging", "kind:claim"]),
                             _export_containers, max_leaves=30)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPORT_VALUES)
def test_any_json_reads_as_annotations_or_one_located_problem(data: Any) -> None:
    incoming, problems = read_document(data, "notes.json")
    assert all(isinstance(item, Incoming) and isinstance(item.exact, str) for item in incoming)
    assert all(p.path == "notes.json" and p.line >= 1 for p in problems)
    assert not (incoming and problems)


@pytest.mark.parametrize(("case", "text"), [
    ("nested past the recursion limit", "[" * 100_000 + "]" * 100_000),
    ("a number of 5,000 digits", '{"rows": [{"id": ' + "1" * 5000 + "}]}"),
    ("not JSON", "{'a': 1}"),
    ("not an export", '{"a": 1}'),
    *((case, json.dumps(data)) for case, data in MALFORMED_ANNOTATIONS[:4]),
])
def test_annotations_import_gives_located_lines(empty: Path, case: str, text: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The command on a malformed file: it ends with a result or located lines, never a traceback."""
    _seed(empty, "one.txt", "One plain article")
    assert main(["--project", str(empty), "import", "seeds"]) == 0
    slug = next((empty / "docs" / "readings").glob("*.md")).stem
    notes = empty / "notes.json"
    notes.write_text(text, encoding="utf-8")
    capsys.readouterr()
    code = main(["--project", str(empty), "annotations", "import", str(notes), "--reading", slug])
    out, err = capsys.readouterr()
    assert code in (0, 1), case
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert (code == 0 and "skipped" in out) or (errors and all(_located(line) for line in errors)), (case, out, err)
    assert main(["--project", str(empty), "check"]) == 0


# --- `check --suggest`: a sentence never ends inside a link -------------------------------------------------------

SENTENCES: list[tuple[str, list[str]]] = [
    ("See [the report](https://example.org/a.b/c.html). Then more.", ["See [the report](https://example.org/a.b/c.html).", "Then more."]),
    ("[Gen. Smith said. More](https://x.org/p.html?q=1.2) after. End.", ["[Gen. Smith said. More](https://x.org/p.html?q=1.2) after.", "End."]),
    ('A [titled](https://x.org/a.html "The title. Here.") link. End.', ['A [titled](https://x.org/a.html "The title. Here.") link.', "End."]),
    ("Link [w](https://en.wikipedia.org/wiki/A_(b.c)) here. Next.", ["Link [w](https://en.wikipedia.org/wiki/A_(b.c)) here.", "Next."]),
    ("![A map. Of Kabul.](https://x.org/i.v2.png) shown. Next.", ["![A map. Of Kabul.](https://x.org/i.v2.png) shown.", "Next."]),
    ("Read https://example.org/x.y/z.html. Next one.", ["Read https://example.org/x.y/z.html.", "Next one."]),
    ("Read www.example.org/a.b today! Next?", ["Read www.example.org/a.b today!", "Next?"]),
    ("<https://a.example/c.d?x=1.5> says so. Yes.", ["<https://a.example/c.d?x=1.5> says so.", "Yes."]),
    ("Growth was 3.5 percent in 2017. Done.", ["Growth was 3.5 percent in 2017.", "Done."]),
    ("Gen. Dostum spoke on Dec. 9 in Kabul. Then.", ["Gen. Dostum spoke on Dec. 9 in Kabul.", "Then."]),
    ("She said “no.” Then he left! Why? Because.", ["She said “no.”", "Then he left!", "Why?", "Because."]),
    ("A line\nand another. Last", ["A line\n", "and another.", "Last"]),
    ("An [unclosed link. Here](https://x.org/a. Next.", ["An [unclosed link.", "Here](https://x.org/a.", "Next."]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[text[:30] for text, _expected in SENTENCES])
def test_sentences_never_end_inside_a_link(text: str, expected: list[str]) -> None:
    found = sentences(text)
    assert [s.strip(" ") for _at, s in found] == expected
    assert all(text[at:at + len(s)] == s for at, s in found)


def test_suggest_quotes_whole_sentences_around_links(empty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """End to end: the hints' snippets start where sentences start, never inside an address."""
    (empty / "seeds" / "one.txt").write_text(
        "# One article\n\nThe minister cited [a report](https://example.org/2017/a.b.c/report.v2.html) of 300 deaths."
        " Officials said https://gov.example/x.y/z.html was wrong in 2016.\n", encoding="utf-8")
    assert main(["--project", str(empty), "import", "seeds"]) == 0
    capsys.readouterr()
    assert main(["--project", str(empty), "check", "--suggest"]) == 0
    out, err = capsys.readouterr()
    hints = [line for line in (out + err).splitlines() if "[suggest]" in line]
    snippets = [line.split("“", 1)[1].rsplit("”", 1)[0] for line in hints]
    assert snippets and all(s.startswith(("The minister", "Officials said")) for s in snippets), hints


def test_a_removed_context_page_leaves_a_project_that_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found by the state machine: deleting a context page no reading names left the context index and the Sources
    page linking to it, and check and build refused with 'broken-link' although build itself refreshes them. Check
    reads a stale generated page as build will write it: one 'stale-generated' error, healed by build."""
    project = make_project(tmp_path)
    page = project / "docs" / "context" / "aldric-fenwright.md"
    page.write_text("---\nname: Aldric Fenwright\nkind: person\naliases: []\nsummary: A harbour master.\nas_of: 2026-12-01\n---\n\n"
                    "# Aldric Fenwright\n\nA harbour master.\n", encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0
    assert "aldric-fenwright.md" in (project / "docs" / "context" / "index.md").read_text(encoding="utf-8")
    page.unlink()
    capsys.readouterr()
    assert main(["--project", str(project), "check"]) == 1
    captured = capsys.readouterr()
    errors = [line for line in (captured.out + captured.err).splitlines() if ": error: " in line]
    assert errors and all(line.endswith("[stale-generated]") for line in errors), errors
    assert main(["--project", str(project), "build"]) == 0
    assert main(["--project", str(project), "check"]) == 0
