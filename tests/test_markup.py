"""The annotation syntax: a table of pages and the problems each must produce."""

from __future__ import annotations

import pytest
from conftest import parse_annotations

from generator.document import read

OK = """Intro ==a claim==[^claim-one] and ==a source==[^source-two].

[^claim-one]: First note.
[^source-two]: Second note,
    continued on an indented line.
"""


def codes(body: str) -> list[str]:
    return [p.code for p in parse_annotations(body, "p.md")[1]]


def test_well_formed() -> None:
    doc, problems = parse_annotations(OK, "p.md", line_offset=10)
    assert problems == []
    assert [(a.id, a.kind, a.passage, a.line, a.col, a.note_line) for a in doc.annotations] == [
        ("claim-one", "claim", "a claim", 11, 7, 13),
        ("source-two", "source", "a source", 11, 35, 14),
    ]
    assert doc.annotations[1].note == "Second note, continued on an indented line."
    assert doc.counts() == {"claim": 1, "source": 1}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("==x==[^claim-a]\n", ["missing-note"]),
        ("Text.\n\n[^claim-a]: orphan\n", ["orphan-note"]),
        ("==x==[^bogus-a]\n\n[^bogus-a]: n\n", ["unknown-kind", "footnote"]),
        ("==x==[^claim-a] ==y==[^claim-a]\n\n[^claim-a]: n\n", ["duplicate-id"]),
        ("==x==[^claim-a]\n\n[^claim-a]: n\n[^claim-a]: again\n", ["duplicate-note"]),
        ("==x==[^claim-a]\n\n[^claim-a]:\n", ["empty-note"]),
        ("Plain [^claim-a] ref.\n\n[^claim-a]: n\n", ["unmarked-reference", "orphan-note"]),
        ("A ==stray mark without ref.\n", ["stray-mark"]),
        ("==one\n\ntwo==[^claim-a]\n\n[^claim-a]: n\n", ["passage-spans-paragraphs", "stray-mark", "orphan-note"]),
        ("Empty ====[^claim-a] passage.\n\n[^claim-a]: n\n", ["empty-passage", "orphan-note", "stray-mark"]),
        ("==a ==b==[^claim-b] c==[^claim-a]\n\n[^claim-a]: n\n[^claim-b]: m\n", ["passage-spans-paragraphs", "orphan-note", "stray-mark"]),
        ("Ordinary footnote[^1].\n\n[^1]: not rendered\n", ["footnote"]),
        ("```\n==x==[^claim-a]\n```\n", []),
    ],
)
def test_problem_table(body: str, expected: list[str]) -> None:
    assert sorted(codes(body)) == sorted(expected)


def test_problem_locations() -> None:
    problems = parse_annotations("Line one.\n\nSee ==x==[^claim-a] here.\n", "docs/r.md", line_offset=5)[1]
    assert [p.format() for p in problems] == [
        "docs/r.md:8:5: error: passage [^claim-a] has no note: add a line '[^claim-a]: ...' below the paragraph [missing-note]"
    ]


def test_article_text_strips_markup_and_editorial_blocks() -> None:
    body = (
        '!!! editorial "Editor\'s introduction"\n\n    Not the article.\n\n'
        "First ==passage==[^claim-a] here.\n\n[^claim-a]: A note.\n\nSecond paragraph.\n\n"
        '??? removed "Removed from the capture"\n\n    ```text\n    boilerplate\n    ```\n'
    )
    assert read.article_text(body) == "First passage here.\n\nSecond paragraph."
    assert [line for line, _ in read.article_paragraphs(body, 3)] == [8, 12]
