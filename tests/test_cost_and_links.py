"""Cost bounds and link safety (issue 24).

- YAML (front-matter, the bibliography, extraction overrides, mkdocs.yml) is read with a budget: aliases are
  counted by the size they expand to, and no message quotes more than a few dozen characters of a value.
- Import and check stay linear in their input on pathological seeds (unclosed links, images, footnotes, brackets).
- A link looks like a context link only if it points to one of our context pages; outside links are marked as
  outside; protocol-relative links are refused; look-alike hosts of the site are warned about.
"""

from __future__ import annotations

import time
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import pytest
from conftest import make_project

from generator.bibliography import parse as parse_bibliography
from generator.cli import main
from generator.document.page import parse_page
from generator.document.schema import ReadingMeta
from generator.errors import InputError, quoted
from generator.importers.override import parse as parse_override
from generator.project import SiteConfig
from generator.reading.plan import scan_sources

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
