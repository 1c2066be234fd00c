"""Cost bounds and link safety (issue 24).

- YAML (front-matter, the bibliography, extraction overrides, mkdocs.yml) is read with a budget: aliases are
  counted by the size they expand to, and no message quotes more than a few dozen characters of a value.
- Import and check stay linear in their input on pathological seeds (unclosed links, images, footnotes, brackets).
- A link looks like a context link only if it points to one of our context pages; outside links are marked as
  outside; protocol-relative links are refused; look-alike hosts of the site are warned about.
"""

from __future__ import annotations

import re
import time
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import markdown
import pytest
from conftest import make_project

from generator.bibliography import parse as parse_bibliography
from generator.checks.links import look_alike, outside_link_problems
from generator.cli import main
from generator.context.backlinks import page_references
from generator.context.entities import Entity
from generator.document.capture import RepairCode
from generator.document.page import parse_page
from generator.document.schema import ReadingMeta
from generator.errors import InputError, quoted
from generator.importers.common import repair_links
from generator.importers.override import parse as parse_override
from generator.project import SiteConfig
from generator.reading.plan import scan_sources
from generator.site.mdext import MAX_UNCLOSED_LINKS
from generator.site.sanitize import sanitize

READING = "isis-daesh-is-on-the-rise-in-afghanistan-why-whos-supporting.md"


def alias_bomb(levels: int = 7, width: int = 7, leaf: str = "lol" * 100, indent: str = "") -> str:
    """``levels`` × ``width`` aliases (49: under the old limit of 50) expanding to width**levels copies of ``leaf``."""
    lines = [f"{indent}x0: &a0 [" + ", ".join([f'"{leaf}"'] * width) + "]"]
    lines += [f"{indent}x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines)


def run(*args: str) -> tuple[int, str]:
    out = StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = main(list(args))
    return code, out.getvalue()


# --- YAML with a budget -------------------------------------------------------------------------------------

def _front_matter(body: str) -> None:
    parse_page(f"---\n{body}\n---\n\nText.\n", "page.md")


def _bibliography(body: str) -> None:
    _bibliography_result, problems = parse_bibliography(body, "sources.yaml")
    if problems:
        raise InputError(problems)


def _override(body: str) -> None:
    parse_override(body, "seed.html.extraction.yaml")


def _config(body: str, tmp: Path) -> None:
    (tmp / "mkdocs.yml").write_text(body, encoding="utf-8")
    SiteConfig.read(tmp / "mkdocs.yml")


@pytest.mark.parametrize(("reader", "document", "lines"), [
    (_front_matter, alias_bomb() + "\ntitle: *a6", range(2, 9)),  # front-matter starts on line 2
    (_front_matter, "title: &t [*t]", range(2, 3)),  # refers to itself
    (_bibliography, alias_bomb() + "\nreferences: *a6", range(1, 8)),
    (_override, alias_bomb() + "\nreason: *a6", range(1, 8)),
    (_config, alias_bomb() + "\nsite_name: *a6", range(1, 8)),
])
def test_an_alias_bomb_is_refused_where_it_grows_quickly_and_briefly(reader: object, document: str, lines: range,
                                                                      tmp_path: Path) -> None:
    """Located at the first value whose expansion passes the budget (a line of the bomb), in one short line."""
    start = time.perf_counter()
    with pytest.raises(InputError) as caught:
        reader(document, tmp_path) if reader is _config else reader(document)  # type: ignore[operator]
    assert time.perf_counter() - start < 2
    (problem,) = caught.value.problems
    assert problem.line in lines and len(problem.message) < 300, problem
    assert "alias" in problem.message


def test_aliases_that_stay_small_are_read() -> None:
    page = parse_page("---\ntitle: &t A title\nsubtitle: *t\n---\n\nText.\n", "page.md")
    assert page.meta == {"title": "A title", "subtitle": "A title"}


@pytest.mark.parametrize("value", ["x" * 100_000, ["y" * 1000] * 1000, {f"k{i}": ["z"] * 100 for i in range(1000)}])
def test_a_message_quotes_a_value_briefly(value: object) -> None:
    shown = quoted(value)
    assert len(shown) <= 80 and shown[:2] in ("'x", "['", "{'")


def test_a_wrong_value_in_front_matter_is_quoted_briefly() -> None:
    page = parse_page("---\ntitle: [" + ", ".join(['"' + "w" * 5000 + '"'] * 40) + "]\n---\n\nText.\n", "page.md")
    _meta, problems = page.typed(ReadingMeta)
    (bad,) = [p for p in problems if p.code == "bad-value"]
    assert len(bad.format()) < 300 and bad.line == 2


def test_check_on_a_reading_with_an_alias_bomb_is_quick_and_says_one_short_line(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    page = project / "docs" / "readings" / READING
    page.write_text(page.read_text(encoding="utf-8").replace("title: ", alias_bomb() + "\ntitle: *a6\nold_title: ", 1),
                    encoding="utf-8")
    start = time.perf_counter()
    code, out = run("--project", str(project), "check")
    assert time.perf_counter() - start < 20
    assert code == 1 and len(out) < 2000, out[:500]
    assert f"readings/{READING}:" in out and "aliases are expanded" in out


@pytest.mark.parametrize("line", ["source: *nothing", "source: 'unclosed", "source: &a [*a]"])
def test_a_hand_edited_source_line_is_read_in_full_not_a_traceback(line: str, tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(f"---\ntitle: T\n{line}\nsource_sha256: {'0' * 64}\n---\n\nText.\n", encoding="utf-8")
    found, unmatched, _overridden = scan_sources(tmp_path)
    assert found == {} and unmatched == [tmp_path / "page.md"]


# --- Import and check stay linear ---------------------------------------------------------------------------

def _text_seed(unit: str, n: int) -> tuple[str, str]:
    return "seed.txt", "A title\n\n" + unit * n + "\n"


def _html_seed(unit: str, n: int) -> tuple[str, str]:
    return "seed.html", ("<html><head><title>A title</title></head><body><article><h1>A title</h1><p>Words first.</p>"
                         f"<p>{unit * n}</p></article></body></html>")


def _import_and_check(tmp: Path, name: str, text: str) -> float:
    tmp.mkdir()
    project = make_project(tmp, with_docs=False)
    (project / "seeds" / name).write_text(text, encoding="utf-8")
    start = time.perf_counter()
    imported, out = run("--project", str(project), "import", f"seeds/{name}")
    assert imported == 0, out[-500:]
    checked, out = run("--project", str(project), "check")
    assert checked == 0, out[-500:]
    return time.perf_counter() - start


@pytest.mark.parametrize(("seed", "unit", "size"), [
    (_text_seed, "[a](", 20_000), (_text_seed, "![", 20_000), (_text_seed, "[^", 20_000), (_text_seed, "[a](b (", 20_000),
    (_text_seed, "[@", 20_000),
    # The page of 30,000 "[" (each escaped): Python-Markdown's inline processing rebuilds a run of text once per
    # construct in it (escapes included), quadratic with a small constant: 30 KB is measured, not 80.
    (_html_seed, "[", 7_500),
])
def test_import_and_check_stay_linear_on_unclosed_links(seed: object, unit: str, size: int, tmp_path: Path) -> None:
    """n and 4n characters (20 KB and 80 KB of "[a]("): well under quadratic, and 80 KB in seconds (it took minutes)."""
    n = size // len(unit)
    small = _import_and_check(tmp_path / "small", *seed(unit, n))  # type: ignore[operator]
    large = _import_and_check(tmp_path / "large", *seed(unit, 4 * n))  # type: ignore[operator]
    assert large < 8 * small + 1 and large < 20, (small, large)


@pytest.mark.parametrize(("text", "html"), [
    ("[a](x)", '<a href="x">a</a>'),
    ("[b](c(d))", '<a href="c(d)">b</a>'),
    ('[t](https://example.org "title")', '<a class="outside-link" href="https://example.org" rel="noopener noreferrer" title="title">t</a>'),
    ("[a](" * (MAX_UNCLOSED_LINKS - 1) + "[z](y)", '<a href="y">z</a>'),  # within the budget of unclosed links
    ("[a](" * MAX_UNCLOSED_LINKS + "[z](y)", "[a](" * MAX_UNCLOSED_LINKS + "[z](y)"),  # past it: text, no scan
    ("![i](p.png)", '<img alt="i" src="p.png">'),
])
def test_links_render_as_python_markdown_renders_them(text: str, html: str) -> None:
    rendered = markdown.Markdown(extensions=["generator.site.mdext"]).convert(text)
    assert html in rendered


# --- Links: context links are ours, outside links say so -----------------------------------------------------

SITE_URL = "https://annotated-readings.github.io/annotated-readings/"
LOOK_ALIKE = ("annotated-readings", "look-alike-host")
NO_HOST = ("", "protocol-relative-url")


@pytest.mark.parametrize(("address", "check", "classes"), [
    ("../context/rt.md", None, "context-link"),
    ("../context/rt.md#history", None, "context-link"),
    ("https://evil.example/context/rt.md", None, "outside-link"),  # styled as ours it would phish
    ("http://evil.example/docs/context/rt.md", None, "outside-link"),
    ("/context/rt.md", None, ""),  # the root: offline it is the reader's disk, so never a context link
    ("https://example.org/news", None, "outside-link"),
    ("https://annotated-readings.github.io/annotated-readings/readings/", None, "outside-link"),  # our own host
    ("//evil.example/context/rt.md", NO_HOST, "outside-link"),
    ("\\\\\\\\evil.example/x", NO_HOST, None),  # Markdown "\\\\" is a backslash each: the browser reads "\\evil.example"
    ("/\\\\evil.example", NO_HOST, None),
    ("https://annotated-readings.github.io.evil.com/", LOOK_ALIKE, "outside-link"),
    ("https://annotated-readings.example.evil.com/", LOOK_ALIKE, "outside-link"),
    ("https://evil-annotated-readings.github.io/", LOOK_ALIKE, "outside-link"),
    ("https://annotated-readlngs.github.io/", LOOK_ALIKE, "outside-link"),  # one letter changed
    ("https://xn--nnotated-readings-r4n.github.io/", LOOK_ALIKE, "outside-link"),  # a Cyrillic "а"
    ("https://github.io/", None, "outside-link"),
    ("https://readings.example.org/", None, "outside-link"),
])
def test_a_link_is_styled_and_checked_by_where_it_goes(address: str, check: tuple[str, str] | None, classes: str | None) -> None:
    body = f"Text with [RT]({address}) in it.\n"
    page = parse_page(f"---\ntitle: T\n---\n\n{body}", "docs/readings/x.md")
    problems = outside_link_problems(page, SITE_URL)
    assert [(p.line, p.code) for p in problems] == ([(5, check[1])] if check else [])
    if check:
        assert problems[0].col == body.index("](") + 3 and check[0] in problems[0].message
    rendered = markdown.Markdown(extensions=["generator.site.mdext"]).convert(body)
    link = re.search(r"<a [^>]*>", rendered)
    assert link is not None
    if classes is not None:
        assert re.search(r'class="([^"]*)"', link.group(0)) is None if not classes else f'class="{classes}"' in link.group(0)
    assert ('rel="noopener noreferrer"' in link.group(0)) is bool(re.match(r"(?:https?:)?[/\\]{2}", address.replace("\\\\", "\\")))


@pytest.mark.parametrize(("host", "alike"), [
    ("annotated-readings.github.io", False), ("www.annotated-readings.github.io", False), ("example.org", False),
    ("annotated-reading.github.io", True), ("annotated-readings.github.io.", False), ("ANNOTATED-READINGS.GITHUB.IO", False),
    ("annotated-readings-github.io", True), ("annotated-readings.evil", True), ("github.com", False),
])
def test_look_alike_hosts(host: str, alike: bool) -> None:
    assert look_alike(host, "annotated-readings.github.io") is alike


def test_a_note_linking_an_outside_page_named_like_a_context_page_is_not_mentioned_in(tmp_path: Path) -> None:
    rt = Entity("rt", "RT", "organisation", "RT is a Russian state-funded broadcaster.")
    body = ("The ==report==[^source-x] and ==the other==[^source-y] said so.\n\n"
            "[^source-x]: See [this](https://evil.example/context/rt.md).\n"
            "[^source-y]: See [our page](../context/rt.md).\n")
    page = parse_page(f"---\ntitle: T\n---\n\n{body}", "docs/readings/x.md")
    references = page_references("x", page, [rt])
    assert [(slug, ref.anchor) for slug, ref in references] == [("rt", "source-y")]


OUTSIDE_NOTE = " See [the report](https://example.org/report) and [this page](https://evil.example/context/rt.md)."


def with_outside_links(project: Path) -> Path:
    """The sample reading with two outside links added to a note (notes are the contributors', not the article)."""
    page = project / "docs" / "readings" / READING
    text = page.read_text(encoding="utf-8")
    marker = "[^source-opinion]: Widely held by whom?"
    assert marker in text
    page.write_text(text.replace(marker, marker + OUTSIDE_NOTE, 1), encoding="utf-8")
    return page


@pytest.mark.slow
def test_a_strict_build_marks_outside_links_and_lists_only_context_links(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with_outside_links(project)
    code, out = run("--project", str(project), "build")
    assert code == 0, out[-2000:]
    html = (project / "site" / "readings" / READING.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a [^>]*href="https://(?:example\.org/report|evil\.example/context/rt\.md)"[^>]*>', html)
    assert len(links) >= 2 and all('class="outside-link"' in a and 'rel="noopener noreferrer"' in a for a in links), links
    assert not any("context-link" in a for a in links)
    rt = (project / "docs" / "context" / "rt.md").read_text(encoding="utf-8")  # its "Mentioned in", refreshed by the build
    assert "source-opinion" not in rt and "evil.example" not in rt
    css = (project / "site" / "assets" / "stylesheets" / "readings.css").read_text(encoding="utf-8")
    assert "a.outside-link::after" in css and "(external link)" in css


@pytest.mark.parametrize("address", ["//evil.example/x", "\\\\evil.example/x", "/\\evil.example", "https:\\\\evil.example",
                                     " //evil.example"])
def test_import_turns_a_link_without_a_scheme_into_its_text(address: str) -> None:
    text, spans = repair_links(f"Read [the report]({address}) today.")
    # "https:\\evil.example" has a web scheme, written in a form not kept: its note says that, not "not a web page".
    expected = RepairCode.UNKEPT_LINK if address.startswith("https:") else RepairCode.UNSAFE_LINK
    assert text == "Read the report today." and [code for _s, _e, code in spans] == [expected]


@pytest.mark.parametrize(("html", "rel"), [
    ('<a href="https://example.org/">x</a>', True),
    ('<a rel="opener" href="//evil.example">x</a>', True),  # a contributor's rel is not kept; ours is set
    ('<a title="a &quot;href=&quot;https://x" href="../context/rt.md">x</a>', False),
    ('<a href="../readings/x.md" rel="opener">x</a>', False),
    ('<a href="mailto:a@example.org">x</a>', False),
])
def test_the_sanitiser_sets_rel_on_links_to_other_hosts_only(html: str, rel: bool) -> None:
    cleaned = sanitize(html)
    assert cleaned.count("rel=") == rel and ('rel="noopener noreferrer"' in cleaned) is rel, cleaned
