"""The Global Research importer on the real seed: every value checked exactly."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from conftest import ROOT, SEED

from generator.document.schema import dump as dump_meta
from generator.errors import InputError
from generator.importers import decode, load_seed
from generator.importers.common import blocks, link_texts, repair_paragraphs
from generator.importers.globalresearch import detect


@pytest.fixture(scope="module")
def capture():
    return load_seed(SEED, ROOT)


def test_front_matter_values(capture) -> None:
    assert dump_meta(capture.meta) == {
        "title": "ISIS-Daesh Is on the Rise in Afghanistan. Why? Who's Supporting Them? Afghanistan's Rare Earth Elements",
        "authors": ["Sami Karimi"],
        "publisher": "Global Research",
        "published": dt.date(2017, 12, 18),
        "regions": ["Asia"],
        "themes": ["Media Disinformation", "Terrorism"],
        "reports": ["AFGHANISTAN"],
        "description": (
            "It has long been since many residents and the Afghan Government officials first vocalized fear over buzzing and landing"
            " of mysterious helicopters in parts of Afghanistan where the ISIS-K is reported to have been stepping up efforts for a"
            " battle. The ISIS first surfaced in eastern Nangarhar province and then spilled over into the neighboring Kunar province."
            " And now months later the alarming reports uncover the arrival of French and Algerian ISIS loyalists in Darzab district"
            " of northern Jawzjan province."
        ),
        "rights": "Copyright © Sami Karimi, Global Research, 2017",
        "permission": (
            "The Centre of Research on Globalization grants permission to cross-post Global Research articles on community internet"
            " sites as long the source and copyright are acknowledged together with a hyperlink to the original Global Research"
            " article. For publication of Global Research articles in print or other forms including commercial internet sites,"
            " contact: publications@globalresearch.ca"
        ),
        # The export declares no language: the text's, identified (document.language).
        "language": "en",
        "language_basis": "identified from the article text by py3langid (en, confidence 1.00)",
        "words": 1122,
        "reading_time": 6,
    }
    assert capture.source == "seeds/000_6332c615e978acc2.txt"
    assert capture.sha256 == hashlib.sha256(SEED.read_bytes()).hexdigest()


def test_article_paragraphs(capture) -> None:
    assert len(capture.paragraphs) == 18
    assert capture.paragraphs[0].startswith("*It has long been since") and capture.paragraphs[0].endswith("Jawzjan province.*")
    assert capture.paragraphs[-1].endswith("naval facility at Tartous on a permanent basis.")
    assert "“They ride their motor bikes, go to the border and come back, but they talk to nobody”" in capture.paragraphs
    # Bold emphasis is kept as Markdown.
    assert "**Maria Zakharova**" in capture.paragraphs[12]
    # Nothing of the boilerplate is in the article.
    text = capture.article_text()
    for boilerplate in ("Facebook", "Become a Member", "Articles by", "Disclaimer", "fair use", "media inquiries", "Copyright"):
        assert boilerplate not in text


def test_repairs(capture) -> None:
    spans = [(r.paragraph, capture.paragraphs[r.paragraph][r.start:r.end], r.note) for r in capture.repairs]
    assert spans == [
        (5, "supreme authorities", "The capture broke this paragraph in two after “supreme”; the two parts are joined here."),
        (13, "supplying weapons to Daesh",
         "In the source this text was a link, but the capture lost its target, so it is shown as plain text."),
    ]
    assert "awaiting orders from supreme authorities in Kabul" in capture.paragraphs[5]
    assert "](#)" not in capture.article_text()


def test_removed_text_is_verbatim(capture) -> None:
    seed = SEED.read_text(encoding="utf-8")
    assert [r.label for r in capture.removed] == ["Header of the capture (its values are in this page's metadata)", "After the article"]
    for part in capture.removed:
        assert part.text in seed
    footer = capture.removed[1].text
    assert footer.startswith("The original source of this article is Global Research  \nCopyright © [Sami Karimi](#)")
    assert footer.endswith("For media inquiries: [publications@globalresearch.ca](mailto:publications@globalresearch.ca)")
    # Header, article and footer account for every block of the seed: the
    # article is the 18 paragraphs, one of which the capture split in two.
    assert len(blocks(seed)) - sum(len(blocks(r.text)) for r in capture.removed) == 19


@pytest.mark.parametrize(
    ("raw", "expected", "notes"),
    [
        (["A sentence that ends", "mid-way here."], ["A sentence that ends mid-way here."], 1),
        (["Ends with a period.", "lowercase start stays apart."], ["Ends with a period.", "lowercase start stays apart."], 0),
        (["No period", "Capital Start"], ["No period", "Capital Start"], 0),
        (["A [lost](#) link."], ["A lost link."], 1),
        (["A [kept](https://example.org/) link."], ["A [kept](https://example.org/) link."], 0),
        (["An [unsafe](javascript:alert(1)) link."], ["An unsafe link."], 1),
        (["Raw <script>alert(1)</script> HTML."], ["Raw &lt;script>alert(1)&lt;/script> HTML."], 0),
        (["!!! note injected"], ["\\!!! note injected"], 0),
    ],
)
def test_repair_table(raw: list[str], expected: list[str], notes: int) -> None:
    from generator.importers.common import Block

    paragraphs, repairs = repair_paragraphs([Block(i + 1, t) for i, t in enumerate(raw)])
    assert paragraphs == expected
    assert len(repairs) == notes


def test_link_texts() -> None:
    assert link_texts("[A](#), [B](#) and C") == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "empty-seed"), (b"  \n\n", "empty-seed"), (b"\x89PNG\x00\x00", "binary-seed"), (b"abc\x00def", "binary-seed"),
     (b'<html><meta charset="utf-8"><p>declared UTF-8, but \xff', "encoding")],
)
def test_bad_bytes(data: bytes, code: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "seeds/x.txt")
    assert [p.code for p in info.value.problems] == [code]
    assert info.value.problems[0].format().startswith("seeds/x.txt:")


def test_bom_and_crlf() -> None:
    assert decode(b"\xef\xbb\xbf# T\r\nx", "s") == "# T\nx"


def test_detect() -> None:
    assert detect(SEED.read_text(encoding="utf-8"))
    assert not detect("just some text\nwith lines")
