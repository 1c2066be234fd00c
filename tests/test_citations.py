"""Citations are formatted by pandoc's citeproc: the site's rendered page is compared with pandoc run directly.

The oracle is pandoc itself (``--citeproc --csl STYLE --bibliography docs/sources.yaml``) on the page's citation
groups as written, so any bug in our glue (the JSON AST, the per-page Lua filter, the HTML taken apart, the
sanitiser, the bibliography as we read it) shows as a difference.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import lxml.html
import markdown
import pypandoc
import pytest
import yaml
from conftest import ROOT, SEED_SLUG, make_project

from generator.annotations import w3c
from generator.bibliography import CSL_SCHEMA_FILE, cite, load_file, parse, schema_problems
from generator.bibliography.cite import EXTENSION, STYLES, groups_in
from generator.cache import Cache
from generator.cli import main
from generator.project import Project

SOURCES = ROOT / "docs" / "sources.yaml"
READING = ROOT / "docs" / "readings" / f"{SEED_SLUG}.md"
EDTF_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")  # the EDTF dates the bibliography uses (the schema allows more)


def _body() -> str:
    return re.sub(r"\A---\n.*?\n---\n", "", READING.read_text(encoding="utf-8"), count=1, flags=re.DOTALL)


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _plain(text: str) -> str:
    """Without the typographic quotes pandoc puts in, lower-cased (APA re-cases titles in sentence case)."""
    return re.sub("[‘’“”'\"]", "", text).lower()


def _site(style: str) -> lxml.html.HtmlElement:
    """The reading's body as the site renders it (sanitised), with the style configured as mkdocs.yml would."""
    project = Project.at(ROOT)
    names = [name for name, _options in project.config.markdown_extensions]
    configs = {name: dict(options) for name, options in project.config.markdown_extensions}
    configs[EXTENSION] = {**configs.get(EXTENSION, {}), "bibliography": str(SOURCES), "csl": style}
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    return lxml.html.fragment_fromstring(md.convert(_body()), create_parent="div")


def _pandoc(style: str) -> lxml.html.HtmlElement:
    """Pandoc run directly on the page's citation groups, as written, one paragraph each."""
    text = "\n\n".join(group.source for group in groups_in(_body()))
    out = subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "html", "--wrap=none", "--citeproc",
                          "--csl", str(STYLES / f"{style}.csl"), "--bibliography", str(SOURCES), "-M", "link-citations=true"],
                         input=text.encode(), capture_output=True, check=True).stdout.decode()
    return lxml.html.fragment_fromstring(out, create_parent="div")


@pytest.fixture(scope="module", params=["apa", "chicago-author-date"])
def rendered(request: pytest.FixtureRequest) -> tuple[str, lxml.html.HtmlElement, lxml.html.HtmlElement]:
    return request.param, _site(request.param), _pandoc(request.param)


def test_in_text_citations_match_pandoc(rendered: tuple[str, lxml.html.HtmlElement, lxml.html.HtmlElement]) -> None:
    _style, site, oracle = rendered
    ours = Counter(_text(span) for span in site.iter("span") if span.get("class") == "citation-group")
    theirs = Counter(_text(span) for span in oracle.iter("span") if span.get("class") == "citation")
    assert sum(theirs.values()) == len(groups_in(_body())) > 30
    assert ours == theirs


def test_references_match_pandoc(rendered: tuple[str, lxml.html.HtmlElement, lxml.html.HtmlElement]) -> None:
    _style, site, oracle = rendered
    ours = [(li.get("id"), _text(li)) for ul in site.iter("ul") if ul.get("class") == "references-list" for li in ul]
    theirs = [(div.get("id"), _text(div)) for div in oracle.iter("div") if "csl-entry" in (div.get("class") or "")]
    assert len(theirs) > 30
    assert ours == theirs


def test_no_two_sources_share_an_in_text_label(rendered: tuple[str, lxml.html.HtmlElement, lxml.html.HtmlElement]) -> None:
    _style, site, _oracle = rendered
    by_label: dict[str, set[str]] = {}
    for link in site.iter("a"):
        if link.get("class") == "citation":
            label = re.sub(r",? (p|pp)\. .*$", "", _text(link))
            by_label.setdefault(label, set()).add(link.get("href") or "")
    assert len(by_label) > 20
    assert {label: hrefs for label, hrefs in by_label.items() if len(hrefs) > 1} == {}


def test_title_only_entries_print_their_title_once() -> None:
    site = _site("apa")
    bibliography = load_file(SOURCES, "docs/sources.yaml")
    titled = [(e.key, e.title) for e in bibliography.entries.values() if "author" not in e.csl]
    references = {li.get("id"): _text(li) for li in site.iter("li") if (li.get("id") or "").startswith("ref-")}
    checked = [(key, _plain(references[f"ref-{key}"]).count(_plain(title)[:30])) for key, title in titled
               if f"ref-{key}" in references]
    assert len(checked) > 5
    assert [c for c in checked if c[1] != 1] == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [("[@afp-2017-darzab-arabnews, p. 4]", ", p. 4"), ("[see @afp-2017-darzab-arabnews, pp. 4-6]", "(see "), ("[-@afp-2017-darzab-arabnews]", "(2017")],
)
def test_locators_prefixes_and_suppressed_authors_as_pandoc_writes_them(body: str, expected: str) -> None:
    md = markdown.Markdown(extensions=[EXTENSION], extension_configs={EXTENSION: {"bibliography": str(SOURCES)}})
    ours = _text(lxml.html.fragment_fromstring(md.convert(body), create_parent="div").find(".//span"))
    direct = subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "plain", "--citeproc", "--csl",
                             str(STYLES / "apa.csl"), "--bibliography", str(SOURCES), "-M", "suppress-bibliography=true"],
                            input=body.encode(), capture_output=True, check=True).stdout.decode()
    assert expected in ours
    assert ours == " ".join(direct.split())


@pytest.mark.parametrize(
    ("entry", "line", "code"),
    [
        ("- id: a\n  title: T\n  author: [{literal: X}]\n  issued: '2017-02-30'", 4, "bad-source-entry"),
        ("- id: a\n  title: T\n  author: [{literal: X}]\n  issued: 2017-02-30", 4, "bad-source-entry"),
        ("- id: a\n  type: newspaper\n  title: T\n  author: [{literal: X}]\n  issued: '2017'", 2, "bad-source-entry"),
        ("- id: a\n  title: T\n  author: [{literal: X}]\n  issued: 2017-12-18", 4, "not-csl-json"),
        ("- id: a\n  title: T\n  author: [{literal: X}]\n  issued: 2017", 4, "not-csl-json"),
    ],
)
def test_an_entry_that_is_no_csl_json_is_one_located_line(entry: str, line: int, code: str) -> None:
    _bibliography, problems = parse("references:\n" + entry.replace("\n", "\n") + "\n", "docs/sources.yaml")
    assert [(p.line - 1, p.code) for p in problems] == [(line, code)]


def test_an_unknown_style_is_refused_with_the_names_it_knows() -> None:
    md = markdown.Markdown(extensions=[EXTENSION], extension_configs={EXTENSION: {"bibliography": str(SOURCES), "csl": "nope"}})
    with pytest.raises(Exception, match="apa, chicago-author-date"):
        raise_on_warning(md)


def raise_on_warning(md: markdown.Markdown) -> None:
    import logging

    class Raise(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            raise RuntimeError(record.getMessage())

    logger = logging.getLogger("mkdocs.extensions.readings")
    handler = Raise()
    logger.addHandler(handler)
    try:
        md.convert("[@afp-2017-darzab-arabnews]")
    finally:
        logger.removeHandler(handler)


def test_styles_ship_with_their_licence() -> None:
    notice = (STYLES / "NOTICE").read_text(encoding="utf-8")
    for style in sorted(STYLES.glob("*.csl")):
        assert style.name in notice and "creativecommons.org/licenses/by-sa/3.0" in style.read_text(encoding="utf-8")
    assert "CC BY-SA 3.0" in notice or "Attribution-ShareAlike 3.0" in notice
    assert Path(STYLES).is_dir()


def test_one_pandoc_process_formats_many_pages_each_disambiguated_on_its_own(monkeypatch: pytest.MonkeyPatch,
                                                                             tmp_path: Path) -> None:
    """prepare: one pandoc run for every page; year suffixes only where the page itself needs them; the project's
    cache then spares pandoc altogether."""
    bibliography = load_file(SOURCES, "docs/sources.yaml")
    two = "[@afp-2017-darzab-arabnews; @afp-2017-darzab-aina] and [@nie-2017]"
    pages = [two, "[@afp-2017-darzab-arabnews]", "[@upi-2017] and [@afp-2017-darzab-aina]", "no citation"]
    runs: list[list[str]] = []
    real = subprocess.run

    def counting(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        runs.append(command)
        return real(command, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(cite.subprocess, "run", counting)
    monkeypatch.setattr(cite, "_MEMO", {})
    store = Cache(tmp_path / "cache.json")
    cite.prepare(pages, bibliography, "apa", store)
    assert len(runs) == 1
    rendered = [cite.format_pages([cite.groups_in(page)], bibliography)[0] for page in pages[:3]]
    assert len(runs) == 1  # all memoised
    first = " ".join(_text(lxml.html.fragment_fromstring(h, create_parent="div")) for h in rendered[0].groups.values())
    assert re.search(r"2017[a-c]\b", first)
    assert [_text(lxml.html.fragment_fromstring(h, create_parent="div")) for h in rendered[1].groups.values()] == \
        ["(Agence France-Presse, 2017)"]
    store.save()
    monkeypatch.setattr(cite, "_MEMO", {})
    cite.prepare(pages, bibliography, "apa", Cache(tmp_path / "cache.json"))
    assert len(runs) == 1


def test_a_note_exported_reads_the_label_its_page_shows() -> None:
    """The W3C export formats a note's citations with its page's, so its year suffix is the page's."""
    site = _site("apa")
    shown = {_text(a) for a in site.iter("a") if a.get("href") == "#ref-afp-2017-darzab-arabnews"}
    label = next(text for text in shown if text.startswith("Agence"))
    assert re.fullmatch(r"Agence France-Presse, 2017[a-f]", label)
    bibliography = load_file(SOURCES, "docs/sources.yaml")
    note = {"n": "As reported [@afp-2017-darzab-arabnews]."}
    assert label in w3c.cited_markdown(note, bibliography, "apa", page=_body())["n"]
    assert label not in w3c.cited_markdown(note, bibliography, "apa")["n"]  # alone, the source needs no suffix


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [("issued: {date-parts: [[2017, 12, 18]]}", "issued: {date-parts: [[2017, 2, 30]]}", "must be a date"),
     ("type: article\n  title: \"ISIS-Daesh", "type: newspaper-article\n  title: \"ISIS-Daesh", "unknown CSL type")],
)
def test_check_gives_one_located_line_for_a_bad_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str,
                                                      new: str, says: str) -> None:
    project = make_project(tmp_path)
    sources = project / "docs" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    assert text.count(old) == 1
    sources.write_text(text.replace(old, new), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    capsys.readouterr()
    assert main(["--project", str(project), "check", "--publish"]) != 0
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("docs/sources.yaml:")
             and not x.endswith("[unarchived-source]")]  # (--publish also warns of each cited address not archived)
    assert len(lines) == 1 and says in lines[0] and ": error: " in lines[0]
    assert lines[0].startswith(f"docs/sources.yaml:{line}:")


def test_a_build_with_an_unknown_style_is_one_located_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - generator.site.mdext\n" in text
    config.write_text(text.replace("  - generator.site.mdext\n", "  - generator.site.mdext:\n      csl: nope\n"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")], cwd=project,
                          capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode != 0
    assert "mkdocs.yml:1:1: error: no CSL style 'nope': name one of apa, chicago-author-date" in done.stderr
    assert "Traceback" not in done.stderr
    capsys.readouterr()
    assert main(["--project", str(project), "check"]) != 0
    assert [line for line in capsys.readouterr().err.splitlines() if "[csl-style]" in line] == [
        "mkdocs.yml:1:1: error: no CSL style 'nope': name one of apa, chicago-author-date, or give the path of a .csl"
        " file [csl-style]"]


@pytest.mark.parametrize(
    ("title", "kept", "problems"),
    [('US forces aiding <span class="nocase">IS</span> in Afghanistan', "Aiding IS in Afghanistan", 0),
     ("The <i>Daily</i> report", "Daily", 0),
     ('A <span class="x">title</span>', "", 1),
     ("A <script>x</script>", "", 1), ("An <i>open italic", "", 1), ('<span class="nocase"><i>x</i></span> y', "x", 0)],
)
def test_csl_rich_text_keeps_case_and_nothing_else_passes(title: str, kept: str, problems: int, tmp_path: Path) -> None:
    """<span class="nocase"> protects a word from a style's title case, as in pandoc; other markup is refused."""
    entry = f"references:\n- id: t\n  type: article-newspaper\n  title: '{title}'\n  container-title: X\n  issued: '2017'\n"
    _bibliography, found = parse(entry, "docs/sources.yaml")
    assert len(found) == problems
    if problems:
        return
    (tmp_path / "s.yaml").write_text(entry, encoding="utf-8")
    md = markdown.Markdown(extensions=[EXTENSION], extension_configs={EXTENSION: {"bibliography": str(tmp_path / "s.yaml")}})
    ours = _text(lxml.html.fragment_fromstring(md.convert("[@t]"), create_parent="div"))
    direct = subprocess.run([pypandoc.get_pandoc_path(), "-f", "markdown", "-t", "plain", "--citeproc", "--csl",
                             str(STYLES / "apa.csl"), "--bibliography", str(tmp_path / "s.yaml"), "-M",
                             "suppress-bibliography=true"], input=b"[@t]", capture_output=True, check=True).stdout.decode()
    assert kept in ours
    assert ours.startswith(" ".join(direct.split()))


def test_the_bibliography_as_written_is_csl_json() -> None:
    """docs/sources.yaml read as plain YAML (no loader of ours) and converted to JSON validates against the vendored
    CSL-JSON schema: every date a quoted string, every type and variable CSL's (it gave 100 date errors)."""
    raw = yaml.safe_load((ROOT / "docs" / "sources.yaml").read_text(encoding="utf-8"))["references"]
    schema = json.loads(CSL_SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(json.dumps(raw)))]
    assert len(raw) == 71 and errors == []


@pytest.mark.parametrize(
    ("csl", "where"),
    [
        ({"id": "x", "type": "article", "title": "T"}, []),
        ({"id": "x", "type": "articel", "title": "T"}, ["type"]),
        ({"id": "x", "type": "article", "author": [{"literal": 3}]}, ["author"]),
        ({"id": "x", "type": "article", "issued": "2017-12-18", "title": ["T"]}, ["issued", "title"]),  # a string date: not in this schema
        ({"id": "x", "type": "article", "issued": {"date-parts": "2017"}}, ["issued"]),
    ],
)
def test_entries_are_checked_against_the_csl_json_schema(csl: dict[str, object], where: list[str]) -> None:
    assert [name for name, _message in schema_problems(csl)] == where
