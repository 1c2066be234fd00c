"""The Python-Markdown extension: the built-HTML contract that styles and tests rely on."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET

import markdown
import pytest

EXTENSIONS = ["generator.site.mdext", "footnotes", "admonition", "pymdownx.details", "pymdownx.superfences", "toc"]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def tree(text: str) -> ET.Element:
    return ET.fromstring(f"<root>{render(text)}</root>".replace("&nbsp;", "\u00a0"))


def test_passage_element_contract() -> None:
    root = tree("A ==loaded *phrase*==[^rhetoric-x] here.\n\n[^rhetoric-x]: Who says so?\n")
    marks = root.findall(".//mark")
    assert len(marks) == 1
    mark = marks[0]
    assert mark.get("class") == "annotation"
    assert mark.get("data-kind") == "rhetoric"
    assert mark.get("id") == "rhetoric-x"
    assert mark.get("tabindex") == "0"
    assert mark.get("aria-describedby") == "note-rhetoric-x"
    assert mark.find("em").text == "phrase"  # Markdown inside a passage still renders
    sup = root.find(".//sup[@class='annotation-ref']/a")
    assert sup.get("href") == "#note-rhetoric-x" and sup[0].get("class") == "kind-badge" and sup[0].get("data-badge") == "R" and sup[0].tail == "1"


def test_notes_list_is_numbered_in_reading_order() -> None:
    text = ("==b==[^claim-b] then ==a==[^source-a].\n\n"
            "[^source-a]: note A with a [link](https://example.org/).\n[^claim-b]: note B\n")
    root = tree(text)
    items = root.findall(".//section[@class='annotation-notes']/ol/li")
    assert [li.get("id") for li in items] == ["note-claim-b", "note-source-a"]
    assert [li.get("data-kind") for li in items] == ["claim", "source"]
    assert items[0].find("span[@class='annotation-label']")[0].tail == "Claim"
    assert items[1].find(".//a").get("href") == "https://example.org/"
    assert [a[0].tail for a in root.findall(".//sup/a")] == ["1", "2"]
    legend = root.find(".//div[@class='annotation-legend']")
    assert [chip.get("data-kind") for chip in legend.findall("span[@class='kind-chip']")] == ["claim", "source"]
    assert root.find(".//h2").get("id") == "notes"


def test_notes_go_before_the_removed_block() -> None:
    text = ('Text ==x==[^capture-1].\n\n[^capture-1]: n\n\n??? removed "Removed from the capture"\n\n    kept\n')
    tags = [el.tag for el in tree(text)]
    assert tags == ["div", "p", "section", "details"]  # the legend, the text, the notes, the removed block


def test_ordinary_footnotes_still_work() -> None:
    html = render("Text[^1].\n\n[^1]: A plain footnote.\n")
    assert 'class="footnote"' in html and "annotation" not in html


def test_unknown_kind_is_left_alone() -> None:
    assert "<mark" not in render("==x==[^bogus-a]\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("==x==[^claim-a]\n", "has no note"),
        ("Text.\n\n[^claim-a]: n\n", "not attached"),
        ("==x==[^claim-a] ==y==[^claim-a]\n\n[^claim-a]: n\n", "used twice"),
    ],
)
def test_problems_are_logged_as_warnings(text: str, message: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.extensions.readings"):
        render(text)
    assert any(message in r.getMessage() for r in caplog.records)


def test_state_does_not_leak_between_documents() -> None:
    md = markdown.Markdown(extensions=EXTENSIONS)
    md.convert("==x==[^claim-a]\n\n[^claim-a]: first\n")
    md.reset()
    html = md.convert("Nothing here.\n")
    assert "annotation-notes" not in html


def test_badges_are_one_character_each_and_distinct() -> None:
    from generator.document.kinds import KINDS

    badges = [k.badge for k in KINDS]
    assert all(len(b) == 1 for b in badges) and len(set(badges)) == len(badges)


def test_a_context_link_inside_a_passage_moves_into_its_note() -> None:
    root = tree('A ==passage on [Karzai](../context/hamid-karzai.md "He led Afghanistan.")==[^claim-x].\n\n[^claim-x]: A note.\n')
    link = root.find(".//mark//a")
    assert link.get("title") is None  # one box at a time: no tooltip of its own
    more = root.find(".//li[@id='note-claim-x']/span[@class='annotation-context']")
    assert "".join(more.itertext()) == "More about Karzai → He led Afghanistan."
