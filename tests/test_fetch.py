"""``readings fetch`` against a local HTTP server the test starts on 127.0.0.1: what is saved, what is refused.

Every failure leaves seeds/ and docs/ exactly as they were; a capture is saved
byte for byte with its record; fetching again changes nothing unless the page
changed, and then every note is carried over.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import ssl
import subprocess
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import make_project

from generator.cli import main
from generator.errors import InputError
from generator.fetching import seed_name
from generator.fetching.client import FetchOptions, fetch, pool
from generator.importers import record

ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour reopens after storm | Example News</title>
<link rel="canonical" href="https://news.example.org/2026/harbour-reopens">
<meta name="author" content="Ana Lima"><meta property="og:site_name" content="Example News"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Tuesday after a storm closed it for four days, the port authority said in a statement.</p>
<p>Fishing boats returned to their moorings by the afternoon, and the ferry to the islands resumed its timetable.</p>
<p>Repairs to the outer breakwater will take until the spring, according to the authority's engineers, who
inspected it on Monday.</p>
<p>Traders at the fish market said the closure had cost them most of a week's sales {extra}.</p>
</article><footer>Copyright Example News</footer></body></html>
"""
# Bytes in UTF-8, while the page's own <meta> claims Latin-1: the server's header must win, as in browsers.
CHARSET_PAGE = ARTICLE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">').format(
    extra="in the café and the crêperie beside it").encode("utf-8")


def _bomb() -> bytes:
    inflater = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    return b"".join([inflater.compress(block) for _ in range(64)] + [inflater.flush()])  # 64 MB of zeros, ~64 KB sent


BOMB = _bomb()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers: a redirect's connection is reused for the next hop
    pages: ClassVar[dict[str, bytes]] = {}
    seen_agents: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/article":
            self._send(200, self.pages.get("article", ARTICLE.format(extra="").encode()), {**html, "ETag": '"v1"',
                       "Last-Modified": "Tue, 24 Nov 2026 10:00:00 GMT"})
        elif path == "/gzipped":
            self._send(200, gzip.compress(ARTICLE.format(extra="").encode()), {**html, "Content-Encoding": "gzip"})
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self._send(302, b"", {"Location": f"/hop/{left - 1}" if left else "/article"})
        elif path == "/loop":
            self._send(301, b"", {"Location": "/loop"})
        elif path == "/to-ftp":
            self._send(302, b"", {"Location": "ftp://127.0.0.1/file"})
        elif path == "/missing":
            self._send(404, b"not here", {"Content-Type": "text/plain", "Reason": "x"})
        elif path == "/broken":
            self._send(500, b"oops", {"Content-Type": "text/plain"})
        elif path == "/slow":
            time.sleep(2)
            self._send(200, ARTICLE.format(extra="").encode(), html)
        elif path == "/big":
            self._send(200, b"<!doctype html><p>" + b"x" * (3 * 1024 * 1024), html)
        elif path == "/big-unannounced":  # no Content-Length: measured as it arrives
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(3 * 16):
                self.wfile.write(b"y" * 65536)
            self.close_connection = True
        elif path == "/bomb":
            self._send(200, BOMB, {**html, "Content-Encoding": "gzip"})
        elif path == "/charset":
            self._send(200, CHARSET_PAGE, html)
        elif path == "/paper.pdf":
            self._send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", {"Content-Type": "application/pdf"})
        elif path == "/picture":
            self._send(200, b"\x89PNG\r\n\x1a\n", {"Content-Type": "image/png"})
        elif path == "/trickle":  # one byte at a time, each well within the read timeout: only a deadline stops it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/bad-location":
            self._send(302, b"", {"Location": "http://[::1/x"})
        elif path == "/gzip-truncated":
            self._send(200, gzip.compress(ARTICLE.format(extra="").encode())[:-20], {**html, "Content-Encoding": "gzip"})
        elif path == "/gzip-members":
            half = len(ARTICLE) // 2
            body = gzip.compress(ARTICLE.format(extra="")[:half].encode()) + gzip.compress(ARTICLE.format(extra="")[half:].encode())
            self._send(200, body, {**html, "Content-Encoding": "gzip"})
        elif path == "/lying-pdf":
            self._send(200, b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", html)
        elif path == "/two-types":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "4")
            self.end_headers()
            self.wfile.write(b"%PDF")
        elif path == "/canonical-same":  # the page's own canonical address, on the site it was fetched from
            host = self.headers.get("Host", "")
            self._send(200, ARTICLE.format(extra="").replace("https://news.example.org/2026/harbour-reopens",
                                                             f"http://{host}/2026/harbour-reopens").encode(), html)
        elif path == "/canonical-elsewhere":
            self._send(200, ARTICLE.format(extra="").replace("https://news.example.org/2026/harbour-reopens",
                                                             "https://elsewhere.example/fake").encode(), html)
        elif path == "/utf7":
            self._send(200, ARTICLE.format(extra="+ADw-b+AD4-bold+ADw-/b+AD4-").encode(), {"Content-Type": "text/html; charset=utf-7"})
        elif path == "/empty-page":
            self._send(200, b"<!doctype html><html><head><title>x</title></head><body><script>var a = 1;</script></body></html>", html)
        else:
            self._send(404, b"", {})


class Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that stops reading (the size cap) breaks the pipe: expected, not worth a traceback


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project under git, with no readings yet."""
    project = make_project(tmp_path, with_docs=False)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "init"]):
        subprocess.run(["git", *args], cwd=project, check=True)
    return project


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for folder in ("seeds", "docs") for p in (project / folder).rglob("*")
            if p.is_file()}


def run(project: Path, *args: str) -> int:
    return main(["--project", str(project), "fetch", "--allow-private", "--timeout", "1", *args])


def test_a_page_is_saved_byte_for_byte_with_its_record_and_imported(repo: Path, server: str,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, f"{server}/hop/2") == 0
    seed = repo / "seeds" / "127-0-0-1-article.html"
    assert seed.read_bytes() == ARTICLE.format(extra="").encode()
    data = json.loads(record.record_path(seed).read_text(encoding="utf-8"))
    assert data["requested_url"] == f"{server}/hop/2" and data["final_url"] == f"{server}/article"
    assert data["redirects"] == [{"status": 302, "url": f"{server}/hop/{n}"} for n in (2, 1, 0)]
    assert data["status"] == 200 and data["content_type"] == "text/html; charset=utf-8"
    assert data["etag"] == '"v1"' and data["last_modified"] == "Tue, 24 Nov 2026 10:00:00 GMT"
    assert data["sha256"] == hashlib.sha256(seed.read_bytes()).hexdigest()
    assert data["retrieved"].endswith("Z") and data["user_agent"].startswith("AnnotatedReadings/")
    assert Handler.seen_agents[-1] == data["user_agent"]
    page = (repo / "docs" / "readings" / "harbour-reopens-after-storm.md").read_text(encoding="utf-8")
    assert f"url: {server}/article" in page  # the canonical address is on another site: the fetched one is kept
    assert f"retrieved: {data['retrieved'][:10]}" in page
    assert "The harbour reopened on Tuesday" in page
    out = capsys.readouterr().out
    assert "seeds/127-0-0-1-article.html: new capture of" in out
    assert main(["--project", str(repo), "check"]) == 0


def test_a_gzip_body_is_saved_inflated(repo: Path, server: str) -> None:
    assert run(repo, "--no-import", f"{server}/gzipped") == 0
    seed = repo / "seeds" / "127-0-0-1-gzipped.html"
    assert seed.read_bytes() == ARTICLE.format(extra="").encode()
    assert not (repo / "docs" / "readings").exists() or not list((repo / "docs" / "readings").glob("*.md"))


def test_the_servers_charset_wins_over_the_pages_meta(repo: Path, server: str) -> None:
    assert run(repo, f"{server}/charset") == 0
    page = (repo / "docs" / "readings" / "harbour-reopens-after-storm.md").read_text(encoding="utf-8")
    assert "in the café and the crêperie beside it" in page


@pytest.mark.parametrize(("path", "code", "words"), [
    ("/missing", "http-error", "HTTP 404"),
    ("/broken", "http-error", "HTTP 500"),
    ("/slow", "timeout", "read timeout"),
    ("/big", "too-large", "over the 1 MB limit"),
    ("/big-unannounced", "too-large", "over the 1 MB limit"),
    ("/bomb", "too-large", "once decompressed"),
    ("/paper.pdf", "unsupported-type", "PDF support may come later"),
    ("/picture", "unsupported-type", "image/png"),
    ("/loop", "too-many-redirects", "more than 10 redirects"),
    ("/hop/11", "too-many-redirects", "more than 10 redirects"),
    ("/to-ftp", "bad-url", "only http and https"),
    ("/empty-page", "no-body", "fetched, but no article text"),
    ("/trickle", "timeout", "did not arrive in full within 4 s"),
    ("/bad-location", "bad-url", "redirected to an address that is not valid"),
    ("/gzip-truncated", "bad-encoding", "arrived truncated"),
    ("/lying-pdf", "unsupported-type", "PDF support may come later"),
    ("/two-types", "unsupported-type", "conflicting Content-Type headers"),
])
def test_a_failed_fetch_is_one_located_line_and_leaves_nothing_behind(repo: Path, server: str, path: str, code: str, words: str,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(repo)
    started = time.monotonic()
    assert main(["--project", str(repo), "fetch", "--allow-private", "--timeout", "1", "--max-size", "1", f"{server}/article", f"{server}{path}"]) == 1
    assert time.monotonic() - started < 15
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(f"{server}{path}:1:1: error: ") and words in err[0] and err[0].endswith(f"[{code}]"), err
    assert snapshot(repo) == before  # not even the page that was fetched fine: all or nothing


@pytest.mark.parametrize(("url", "code"), [("ftp://127.0.0.1/x", "bad-url"), ("file:///etc/passwd", "bad-url"),
                                           ("http://nonexistent.invalid/x", "dns-error"), ("http://127.0.0.1:1/x", "connection-error")])
def test_addresses_that_cannot_be_fetched(url: str, code: str) -> None:
    got = fetch(pool(1), url, FetchOptions(timeout=2, allow_private=True))
    assert not isinstance(got, bytes) and getattr(got, "code", None) == code, got


def test_a_certificate_that_cannot_be_verified_is_a_tls_error(tmp_path: Path) -> None:
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
                    "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    httpd = Server(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        got = fetch(pool(1), f"https://127.0.0.1:{httpd.server_address[1]}/article", FetchOptions(timeout=2, allow_private=True))
    finally:
        httpd.shutdown()
    assert getattr(got, "code", None) == "tls-error", got


def test_fetching_again_changes_nothing_then_carries_notes_onto_a_changed_page(repo: Path, server: str,
                                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, f"{server}/article") == 0
    page = repo / "docs" / "readings" / "harbour-reopens-after-storm.md"
    text = page.read_text(encoding="utf-8").replace("for four days", "for ==four days==[^claim-days]", 1)
    page.write_text(text + "\n[^claim-days]: The authority's statement gives the dates: check them.\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "fetched"], cwd=repo, check=True)
    before = snapshot(repo)
    capsys.readouterr()
    assert run(repo, f"{server}/article") == 0
    assert "unchanged" in capsys.readouterr().out and snapshot(repo) == before
    Handler.pages["article"] = ARTICLE.format(extra="(the market reopened on Wednesday)").encode()
    try:
        assert run(repo, f"{server}/article") == 0
    finally:
        Handler.pages.clear()
    out = capsys.readouterr().out
    assert "changed capture" in out and "1 kept in place" in out
    text = page.read_text(encoding="utf-8")
    assert "==four days==[^claim-days]" in text and "the market reopened on Wednesday" in text
    old = subprocess.run(["git", "show", "HEAD:seeds/127-0-0-1-article.html"], cwd=repo, capture_output=True, check=True).stdout
    assert old == ARTICLE.format(extra="").encode()  # the old capture is in git's history


def test_a_changed_page_does_not_replace_a_capture_git_does_not_hold(repo: Path, server: str,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, f"{server}/article") == 0  # saved, not committed
    before = snapshot(repo)
    Handler.pages["article"] = ARTICLE.format(extra="(updated)").encode()
    try:
        assert run(repo, f"{server}/article") == 1
    finally:
        Handler.pages.clear()
    assert "[uncommitted-capture]" in capsys.readouterr().err and snapshot(repo) == before


def test_a_record_is_checked_and_must_describe_its_seed(repo: Path, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, "--no-import", f"{server}/article") == 0
    seed = repo / "seeds" / "127-0-0-1-article.html"
    path = record.record_path(seed)
    good = path.read_text(encoding="utf-8")
    capsys.readouterr()
    path.write_text(good.replace('"etag"', '"e_tag"'), encoding="utf-8")
    assert main(["--project", str(repo), "import", "seeds/127-0-0-1-article.html"]) == 1
    assert "unknown key 'e_tag' in the capture record (did you mean 'etag'?) [bad-record]" in capsys.readouterr().err
    path.write_text(good, encoding="utf-8")
    seed.write_bytes(seed.read_bytes().replace(b"Tuesday", b"Monday"))
    assert main(["--project", str(repo), "import", "seeds"]) == 1  # a folder: the record is read with its seed, not as one
    err = capsys.readouterr().err
    assert "seeds/127-0-0-1-article.html.capture.json:1:1: error:" in err and "[bad-record]" in err


def test_import_copies_a_file_from_outside_the_project(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    page = downloads / "harbour.html"
    page.write_text(ARTICLE.format(extra=""), encoding="utf-8")
    assert main(["--project", str(repo), "import", "--dry-run", str(page)]) == 0
    assert not (repo / "seeds" / "harbour.html").exists()
    assert main(["--project", str(repo), "import", str(page)]) == 0
    assert (repo / "seeds" / "harbour.html").read_bytes() == page.read_bytes()
    assert "copied into the project as seeds/harbour.html" in capsys.readouterr().out
    assert (repo / "docs" / "readings" / "harbour-reopens-after-storm.md").is_file()
    other = downloads / "sub"
    other.mkdir()
    (other / "harbour.html").write_text("<!doctype html><html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    before = snapshot(repo)
    assert main(["--project", str(repo), "import", str(other / "harbour.html")]) == 1  # no article: the copy goes again
    assert snapshot(repo) == before


@pytest.mark.parametrize(("url", "name"), [
    ("https://www.example.org/news/2026/11/harbour-reopens.html", "example-org-harbour-reopens.html"),
    ("https://example.org/world/harbour-reopens/index.html", "example-org-harbour-reopens.html"),
    ("https://example.org/", "example-org.html"),
    ("https://example.org/a?id=3", "example-org-a.html"),
])
def test_seed_names_are_readable(url: str, name: str) -> None:
    assert seed_name(url, ".html") == name


def test_a_gzip_body_in_several_members_is_saved_whole(repo: Path, server: str) -> None:
    assert run(repo, "--no-import", f"{server}/gzip-members") == 0
    assert (repo / "seeds" / "127-0-0-1-gzip-members.html").read_bytes() == ARTICLE.format(extra="").encode()


def test_a_page_does_not_vouch_for_another_site(repo: Path, server: str) -> None:
    assert run(repo, f"{server}/canonical-elsewhere") == 0
    page = (repo / "docs" / "readings" / "harbour-reopens-after-storm.md").read_text(encoding="utf-8")
    assert f"url: {server}/canonical-elsewhere" in page and "elsewhere.example" not in page.split("\n---", 1)[0]


def test_a_pages_own_canonical_address_is_its_url(repo: Path, server: str) -> None:
    assert run(repo, f"{server}/canonical-same") == 0
    page = (repo / "docs" / "readings" / "harbour-reopens-after-storm.md").read_text(encoding="utf-8")
    assert f"url: {server}/2026/harbour-reopens" in page


def test_a_charset_browsers_do_not_know_is_ignored(repo: Path, server: str) -> None:
    assert run(repo, f"{server}/utf7") == 0  # UTF-7 would turn "+ADw-b+AD4-" into a tag
    assert "+ADw-b+AD4-bold" in (repo / "docs" / "readings" / "harbour-reopens-after-storm.md").read_text(encoding="utf-8")


def test_check_sees_a_record_that_disagrees_with_its_page(repo: Path, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, f"{server}/article") == 0
    path = record.record_path(repo / "seeds" / "127-0-0-1-article.html")
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "retrieved": "2020-01-01T00:00:00Z"}), encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(repo), "check"]) == 1
    assert "the capture record says the seed was retrieved on 2020-01-01" in capsys.readouterr().err


@pytest.mark.parametrize(("change", "words"), [
    ({"retrieved": "2026-11-26T23:30:00-05:00"}, "ending in Z"),
    ({"retrieved": "2099-01-01T00:00:00Z"}, "in the future"),
    ({"status": 404}, "must be 200"),
    ({"redirects": [{"status": 302, "url": "javascript:alert(1)"}]}, "list of {status, url}"),
    ({"final_url": "https://evil.example/\"><script>"}, "without spaces or quotes"),
    ({"final_url": "http://"}, "with a host"),
])
def test_a_capture_record_is_validated_strictly(change: dict[str, object], words: str) -> None:
    good = {"requested_url": "https://example.org/a", "final_url": "https://example.org/a", "redirects": [],
            "retrieved": "2026-11-26T10:00:00Z", "status": 200, "content_type": "text/html", "date": "", "last_modified": "",
            "etag": "", "sha256": "0" * 64, "user_agent": "x"}
    record.parse(json.dumps(good), "r.json")
    with pytest.raises(InputError, match=re.escape(words)):
        record.parse(json.dumps({**good, **change}), "r.json")


def test_import_brings_a_fetched_seeds_record_along(repo: Path, server: str, tmp_path: Path) -> None:
    elsewhere = make_project(tmp_path / "other", with_docs=False) if (tmp_path / "other").mkdir() is None else None
    assert elsewhere is not None and run(elsewhere, "--no-import", f"{server}/article") == 0
    downloads = tmp_path / "dl"
    downloads.mkdir()
    for name in ("127-0-0-1-article.html", "127-0-0-1-article.html.capture.json"):
        shutil.copy(elsewhere / "seeds" / name, downloads / name)
    assert main(["--project", str(repo), "import", str(downloads / "127-0-0-1-article.html.capture.json")]) == 0
    assert (repo / "seeds" / "127-0-0-1-article.html.capture.json").is_file()
    page = (repo / "docs" / "readings" / "harbour-reopens-after-storm.md").read_text(encoding="utf-8")
    assert "retrieved: " in page and f"url: {server}/article" in page
