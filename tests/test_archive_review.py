"""The archived-sources review's findings: a WARC file read back within fixed bounds (decompression bombs, endless
header lines, records this tool does not write), a copy captured from another address than its entry's, keys holding
':' (file names, stale readable copies), the readable copy's own generated mark, and how References name the copies."""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import types
import zlib
from pathlib import Path
from typing import Any

import pytest

from generator.bibliography import archive as archive_module
from generator.bibliography.archive import file_stem, read_warc, to_warc, warc_name
from generator.cli import main
from generator.document.syntax import ARCHIVED_MARK, GENERATED_MARK, is_generated
from generator.errors import InputError
from generator.project import Project
from generator.site.archived import archive_links
from generator.site.generated import generated_pages, write_generated
from tests.conftest import make_project
from tests.test_archive import KEY, _download, _point, archive, server  # noqa: F401  (server: the fixture)

SHOWN = "seeds/sources/k.warc.gz"
ARTICLE_BODY = (b"<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1><p>The first paragraph of the"
                b" article says something ordinary about a harbour and its ferries today, at some length.</p><p>The last"
                b" paragraph of the article ends the text with a sentence long enough to be kept by extraction.</p>"
                b"</article></body></html>")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _member(header: bytes, fill: bytes, size: int, tail: bytes = b"\r\n\r\n") -> bytes:
    """One gzip member: ``header``, then ``size`` bytes of ``fill`` repeated, then ``tail`` (small on disk, huge inflated)."""
    out = io.BytesIO()
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    out.write(packer.compress(header))
    chunk = fill * (1 << 20)
    left = size
    while left > 0:
        out.write(packer.compress(chunk[:min(left, len(chunk))]))
        left -= len(chunk)
    out.write(packer.compress(tail) + packer.flush())
    return out.getvalue()


class _Counting:
    """zlib's decompressor, counting the bytes it makes: how far a read went, without timing it."""

    made = 0

    def __init__(self, wbits: int) -> None:
        self.inner = zlib.decompressobj(wbits)

    def decompress(self, data: Any, max_length: int = 0) -> bytes:
        out = self.inner.decompress(data, max_length)
        _Counting.made += len(out)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> type[_Counting]:
    _Counting.made = 0
    monkeypatch.setattr(archive_module, "zlib", types.SimpleNamespace(decompressobj=_Counting))
    return _Counting


def _refused(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        read_warc(data, "k", SHOWN)
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.code) == (SHOWN, 1, "bad-archive")
    return problem.message


GOOD = to_warc("k", _download(ARTICLE_BODY))


def test_an_endless_header_line_is_refused_after_a_bounded_read(counted: type[_Counting]) -> None:
    bomb = _member(b"WARC/1.1\r\nWARC-Type: response\r\nX-Long: ", b"A", 300 << 20, b"\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
    assert len(bomb) < 1 << 20  # under a megabyte on disk, 300 MB inflated
    assert "header of at most 32 KB" in _refused(bomb + GOOD)
    assert counted.made <= archive_module.MAX_HEADER_BYTES + archive_module.INFLATE_STEP


def test_a_huge_record_of_another_type_is_refused_at_its_header(counted: type[_Counting]) -> None:
    size = 1 << 30  # the reviewer's was 2 GB: any size is refused on its header alone
    header = (b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: http://x/\r\nContent-Type: application/octet-stream\r\n"
              b"Content-Length: %d\r\n\r\n" % size)
    bomb = _member(header, b"\0", 64 << 20)  # the record is cut short: the reader must stop long before
    assert "'resource' record where the response record is expected" in _refused(bomb + GOOD)
    assert counted.made <= 2 * archive_module.INFLATE_STEP


def test_a_response_that_inflates_past_the_cap_is_refused_at_the_cap(counted: type[_Counting],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_module, "MAX_BODY_BYTES", 1 << 20)
    header = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: %d\r\n\r\nHTTP/1.1 200 OK\r\n\r\n" % (1 << 30)
    assert "larger than 1 MB once decompressed" in _refused(_member(header, b"\0", 64 << 20))  # its length says so
    assert counted.made <= 2 * archive_module.INFLATE_STEP
    counted.made = 0
    # a length within the cap, then a third member inflating without end: read no further than the cap allows
    first, second = GOOD[:GOOD.index(b"\x1f\x8b", 10)], GOOD[GOOD.index(b"\x1f\x8b", 10):]
    message = _refused(first + second + _member(b"WARC/1.1\r\n", b"\0", 64 << 20))
    assert "more than 2 gzip members" in message or "more follows" in message
    assert counted.made <= (1 << 20) + archive_module.record.RECORD_MAX_BYTES + 6 * archive_module.MAX_HEADER_BYTES


def test_only_the_two_records_this_tool_writes_are_read() -> None:
    first, second = GOOD[:GOOD.index(b"\x1f\x8b", 10)], GOOD[GOOD.index(b"\x1f\x8b", 10):]
    assert read_warc(first + second, "k", SHOWN).body == ARTICLE_BODY
    assert "where the response record is expected" in _refused(second + first)  # metadata first
    assert "more than 2 gzip members" in _refused(first + second + second)  # an extra record
    assert "ends before" in _refused(first + second[:-10])  # cut short
    assert "lacks" not in _refused(first)  # no capture record
    many = gzip.compress(b"")  # empty members: each costs a decompressor, so they are refused at the third
    assert "more than 2 gzip members" in _refused(many * 100_000)


def test_a_bomb_in_seeds_sources_is_one_located_line_from_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    folder = project / "seeds" / "sources"
    folder.mkdir()
    (folder / warc_name(KEY)).write_bytes(_member(b"WARC/1.1\r\nWARC-Type: resource\r\nX-Long: ", b"A", 100 << 20) + GOOD)
    capsys.readouterr()
    assert main(["--project", str(project), "check"]) == 1
    rows = [row for row in capsys.readouterr().err.splitlines() if row.startswith("seeds/sources/")]
    assert len(rows) == 1 and rows[0].startswith(f"seeds/sources/{KEY}.warc.gz:1:1: error: not a readable WARC file")
    assert rows[0].endswith("[bad-archive]")


def test_a_copy_captured_from_another_address_is_not_that_entrys_copy(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    _point(project, KEY, "https://www.arabnews.com/node/1206126/world")
    folder = project / "seeds" / "sources"
    folder.mkdir()
    warc = folder / warc_name(KEY)
    warc.write_bytes(to_warc(KEY, _download(ARTICLE_BODY, "https://evil.example/other")))
    pages, problems = generated_pages(Project.at(project))
    assert f"archived/{KEY}.md" not in pages and f"(archived/{KEY}.md)" not in pages["sources.md"]
    [problem] = [p for p in problems if p.path.startswith("seeds/sources/")]
    assert (problem.path, problem.code) == (f"seeds/sources/{KEY}.warc.gz", "archive-elsewhere")
    assert "captured from https://evil.example/other, not from its entry's URL" in problem.message
    capsys.readouterr()
    assert main(["--project", str(project), "check"]) == 1
    assert f"seeds/sources/{KEY}.warc.gz:1:1: error: the archived copy of [{KEY}] was captured from" in capsys.readouterr().err
    # the same address written otherwise (scheme, www, a trailing slash, a fragment) is the entry's own
    warc.write_bytes(to_warc(KEY, _download(ARTICLE_BODY, "http://arabnews.com/node/1206126/world/#top")))
    pages, problems = generated_pages(Project.at(project))
    assert f"archived/{KEY}.md" in pages and not [p for p in problems if p.path.startswith("seeds/sources/")]


def _add_entry(project: Path, key: str, url: str) -> None:
    path = project / "docs" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"- id: {key}\n  type: webpage\n  title: Colon key\n  publisher: News\n"
                    f"  issued: {{date-parts: [[2017, 1, 2]]}}\n  URL: {url}\n",
                    encoding="utf-8")


def test_a_key_with_a_colon_gets_safe_file_names_and_its_stale_copy_goes(tmp_path: Path, server: str,  # noqa: F811
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert file_stem("smith:2017") == "smith--2017" and file_stem(KEY) == KEY
    project = make_project(tmp_path)
    _add_entry(project, "smith:2017", f"{server}/article")
    assert archive(project, "smith:2017") == 0
    warc = project / "seeds" / "sources" / "smith--2017.warc.gz"
    page = project / "docs" / "archived" / "smith--2017.md"
    assert warc.is_file() and page.is_file() and "The harbour reopened on Tuesday" in page.read_text(encoding="utf-8")
    assert "(archived/smith--2017.md)" in (project / "docs" / "sources.md").read_text(encoding="utf-8")
    capsys.readouterr()
    main(["--project", str(project), "check"])
    err = capsys.readouterr().err
    assert "bad-file-name" not in err and "stale-generated" not in err and "seeds/sources/" not in err
    warc.unlink()  # the WARC file gone: its readable copy goes at the next refresh of the generated pages
    pages, _problems = generated_pages(Project.at(project))
    write_generated(Project.at(project), pages)
    assert not page.exists()


def test_keys_that_would_share_a_file_name_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    _add_entry(project, "a:b", "https://news.example.org/1")
    _add_entry(project, "a--b", "https://news.example.org/2")
    capsys.readouterr()
    assert main(["--project", str(project), "check"]) == 1
    rows = [row for row in capsys.readouterr().err.splitlines() if "[key-file-clash]" in row]
    assert len(rows) == 1 and re.match(r"docs/sources\.yaml:\d+:1: error: \[a--b\] would have the same archived copy file"
                                       r" as \[a:b\] \(a--b\.warc\.gz", rows[0])
    assert archive(project, "a--b") == 1  # refused before anything is fetched
    assert not (project / "seeds" / "sources").exists()


def test_a_readable_copy_has_its_own_generated_mark() -> None:
    from generator.bibliography import parse as parse_bibliography
    from generator.site.archived import readable_page

    bibliography, _problems = parse_bibliography("- id: k\n  type: webpage\n  title: T\n  URL: https://news.example.org/a\n",
                                                 "docs/sources.yaml")
    page = readable_page(bibliography.entries["k"], read_warc(GOOD, "k", SHOWN), SHOWN, "../sources.md")
    assert ARCHIVED_MARK in page and GENERATED_MARK not in page and is_generated(page)
    assert "seeds/sources/" in ARCHIVED_MARK and "edit the readings" not in ARCHIVED_MARK
    # the capture's digest and file are code spans the stylesheet lets break anywhere (a phone's width)
    assert f'<p class="archived-capture">Retrieved 2026-12-01T10:00:00Z, HTTP 200. SHA-256: <code>{sha256(ARTICLE_BODY)}</code>.' \
        f" File: <code>{SHOWN}</code>.</p>" in page
    css = (Path(__file__).parent.parent / "overrides" / "assets" / "stylesheets" / "readings.css").read_text(encoding="utf-8")
    assert re.search(r"\.archived-capture code[^{]*\{[^}]*overflow-wrap:\s*anywhere", css)


def test_references_name_the_copies_without_nested_parentheses() -> None:
    from generator.bibliography import parse as parse_bibliography

    bibliography, _problems = parse_bibliography(
        "- id: k\n  type: webpage\n  title: T\n  URL: https://news.example.org/a\n  archive: Internet Archive\n"
        "  archive_location: https://web.archive.org/web/20171211120000/https://news.example.org/a\n", "docs/sources.yaml")
    links = archive_links(bibliography.entries["k"], "2026-12-07", "archived/k.md")
    assert [link.label for link in links] == ["archived copy, captured 7 December 2026",
                                              "archived at Internet Archive, 11 December 2017"]
    assert all("(" not in link.label for link in links)


def test_the_readable_copy_keeps_escaped_markup_as_words_and_survives_a_control_character() -> None:
    from generator.importers import parse_text

    def paragraphs(body: bytes) -> list[str]:
        return [p for p in parse_text(body, "k.html", _download(body).record).paragraphs if p.strip()]

    escaped = ARTICLE_BODY.replace(b"</p><p>The last", b" Words before &lt;img src=x onerror=alert(1)&gt; words after.</p>"
                                   b"<p>The last")
    [first, _last] = paragraphs(escaped)
    assert first.endswith("Words before &lt;img src=x onerror=alert(1)> words after.")  # "<img …>" as text, not a stray "\"
    control = ARTICLE_BODY.replace(b"harbour", b"harbour &#x1;")  # one control character used to empty the extraction
    assert "ferries today" in paragraphs(control)[0]
