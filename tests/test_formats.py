"""Seed formats and encodings: detection by content, the HTML, Markdown and plain-text importers."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest
from conftest import SEED

from generator.cli import main
from generator.document.schema import dump as dump_meta
from generator.errors import InputError
from generator.importers import IMPORTERS, decode, parse_text

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministry denies report on helicopters | The Example Times</title>
<meta property="og:title" content="Ministry denies report on helicopters">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2019-11-20T10:00:00Z">
<meta property="og:site_name" content="The Example Times">
<meta name="description" content="A ministry said on Wednesday that a report was wrong.">
<link rel="canonical" href="https://news.example.org/2019/11/helicopters">
<script>alert("page script")</script><style>body{color:red}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World news</a> <a href="/sport">Sport pages</a></nav>
<article>
<h1>Ministry denies report on helicopters</h1>
<p>The ministry said on Wednesday that the report about night flights over the northern province was <em>wrong</em>,
and that its officials had <strong>never</strong> confirmed it to any journalist from any newspaper.</p>
<h2>What the report said</h2>
<p>The report, published last week by a regional website, cited two residents and an official who asked not to be named.
It gave no dates for the flights and no photographs of the aircraft that residents described.</p>
<blockquote><p>We saw the helicopters land near the river three times in one month, always after midnight.</p></blockquote>
<ul><li>Two residents were quoted by their first names only.</li><li>One official was quoted without a name or title.</li></ul>
<p>Read the <a href="https://news.example.org/original-report">original report</a> or
<a href="javascript:alert(1)">click here for more</a> about the ministry's response to earlier claims.</p>
<figure><img src="https://img.example.org/helicopter.jpg" alt="A helicopter over hills"><figcaption>File photo.</figcaption></figure>
<p>The ministry's spokesman said a full statement would follow on Thursday, after officials had spoken to the governor.</p>
</article>
<footer>Copyright 2019 The Example Times. All rights reserved. Subscribe to our newsletter today.</footer>
</body></html>
"""


def importer_of(data: bytes) -> str:
    text = decode(data, "x")
    return next(i.__name__.rsplit(".", 1)[-1] for i in IMPORTERS if i.detect(text))


@pytest.mark.parametrize(
    ("data", "importer"),
    [
        (SEED.read_bytes(), "globalresearch"),
        (PAGE.encode(), "html"),
        (gzip.compress(PAGE.encode(), mtime=0), "html"),
        (b"---\ntitle: A capture\nauthor: Jane Doe\n---\n\nFirst paragraph.\n", "markdown"),
        (b"A plain title\n\nFirst paragraph of the text.\n", "plaintext"),
    ],
    ids=["global-research", "html", "html-gzip", "markdown", "plain"],
)
def test_detection_by_content(data: bytes, importer: str) -> None:
    assert importer_of(data) == importer


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty-seed"),
        (b"\x00\x01\x02binary", "binary-seed"),
        (b"Only a title line\n", "no-body"),
        (gzip.compress(b"")[:-4] + b"xx", "encoding"),
        ("x" * 400 + "\n\nbody", "unknown-format"),
    ],
)
def test_unusable_input_is_one_clear_error(data: bytes | str, code: str) -> None:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(InputError) as info:
        parse_text(raw, "seeds/bad.txt")
    assert [p.code for p in info.value.problems] == [code]
    assert info.value.problems[0].format().startswith("seeds/bad.txt:")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Café crème\n".encode("utf-8-sig"), "Café crème"),
        ("Café crème\n".encode("utf-16"), "Café crème"),
        ("Café crème\n".encode("utf-16-be").join([b"\xfe\xff", b""]), "Café crème"),
        ('<html><head><meta charset="iso-8859-1"></head><body>Café crème</body></html>'.encode("latin-1"), "Café crème"),
        ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>Привет мир</body></html>'
         .encode("cp1251"), "Привет мир"),
        (("Zürich. Größere Häuser stehen an der Straße, während die Bürger über Änderungen diskutieren. " * 3).encode("cp1252"),
         "Größere Häuser"),
    ],
    ids=["utf8-bom", "utf16", "utf16-be", "declared-latin1", "declared-cp1251", "detected-cp1252"],
)
def test_encodings(data: bytes, text: str) -> None:
    decoded = decode(data, "x")
    assert text in decoded
    assert "Ã" not in decoded  # no mojibake


def test_undecodable_bytes_are_refused_not_guessed() -> None:
    noise = bytes(range(128, 256)) * 4
    with pytest.raises(InputError) as info:
        decode(noise, "seeds/noise.txt")
    assert info.value.problems[0].code == "encoding"


def test_html_importer() -> None:
    capture = parse_text(PAGE.encode(), "seeds/page.html")
    meta = dump_meta(capture.meta)
    assert meta["title"] == "Ministry denies report on helicopters"
    assert meta["authors"] == ["Jane Doe"]
    assert meta["publisher"] == "The Example Times"
    assert meta["published"] == dt.date(2019, 11, 20)
    assert meta["url"] == "https://news.example.org/2019/11/helicopters"
    assert meta["language"] == "en"
    assert meta["description"] == "A ministry said on Wednesday that a report was wrong."
    text = capture.article_text()
    assert "## What the report said" in text
    assert "*wrong*" in text and "**never**" in text
    assert "We saw the helicopters land" in text  # trafilatura's Markdown does not mark quotations
    assert "- Two residents were quoted" in text
    assert "[original report](https://news.example.org/original-report)" in text
    assert "javascript:" not in text and "click here for more" in text
    assert "alert" not in text and "color:red" not in text
    notes = [r.note for r in capture.repairs]
    assert any("not a web page" in n or "lost its target" in n for n in notes)  # the javascript: link
    assert any("images" in n for n in notes)
    removed = {r.label: r.text for r in capture.removed}
    assert "A helicopter over hills: https://img.example.org/helicopter.jpg" in removed["Images on the page"]
    other = removed["Other text on the page"]
    assert "Subscribe to our newsletter" in other and "Sport pages" in other and "File photo." in other
    assert "The ministry said on Wednesday" not in other and "page script" not in other


def test_markdown_importer() -> None:
    data = (b"---\ntitle: A capture\nauthor: Jane Doe, John Roe\ndate: 2020-01-02\nsite_name: Example Post\n"
            b"url: https://example.org/a\nunknown: kept in the removed block\n---\n\n# A capture\n\nFirst *paragraph*.\n\nSecond.\n")
    capture = parse_text(data, "seeds/a.md")
    assert dump_meta(capture.meta)["title"] == "A capture" and dump_meta(capture.meta)["authors"] == ["Jane Doe", "John Roe"]
    assert dump_meta(capture.meta)["published"] == dt.date(2020, 1, 2) and dump_meta(capture.meta)["publisher"] == "Example Post"
    assert capture.paragraphs == ["First *paragraph*.", "Second."]
    assert "unknown: kept in the removed block" in capture.removed[0].text


def test_plain_text_importer() -> None:
    capture = parse_text(b"The title\n\nA paragraph that was split\n\nin two by the capture.\n", "seeds/p.txt")
    assert dump_meta(capture.meta)["title"] == "The title"
    assert capture.paragraphs == ["A paragraph that was split in two by the capture."]
    assert len(capture.repairs) == 1


def test_import_folder_of_mixed_formats(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "seeds" / "001_page.html.gz").write_bytes(gzip.compress(PAGE.encode(), mtime=0))
    (project / "seeds" / "002_note.md").write_text("---\ntitle: A capture\n---\n\nFirst paragraph.\n", encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0
    names = sorted(p.name for p in (project / "docs" / "readings").iterdir())
    assert "ministry-denies-report-on-helicopters.md" in names and "a-capture.md" in names and len(names) == 3
    assert main(["--project", str(project), "check"]) == 0
    assert main(["--project", str(project), "build"]) == 0
