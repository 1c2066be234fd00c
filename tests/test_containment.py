"""Containment: what the tool reads from project data stays inside the project, what it fetches stays on the public
web, and the built site's scan sees every file a server would run script from (issue 24).

- **Files**: a page's ``source:``, a seed's capture record and extraction override, the bibliography: a path outside
  the project (absolute, ``..``, a symbolic link on the way), a file that is no regular file (a FIFO, a device) or one
  over the size cap is one located line, and nothing is written.
- **Fetch**: an address that resolves to a loopback, private, link-local, shared, multicast, unspecified or reserved
  address is refused at every hop (the first request and each redirect), checked after DNS and pinned for the
  connection (a second answer from DNS cannot swap it), unless ``--allow-private``. Two local servers stand in for
  the public site (127.0.0.2, let through by a patched policy) and the internal one (127.0.0.1); fake host names
  resolve through a patched ``socket.getaddrinfo``.
- **Scan**: every file a server may serve as HTML, XHTML, XML or SVG (by its extension, or by its content when the
  extension says nothing) is scanned; XML-family files are parsed as XML with namespaces, so a script in any prefix,
  a handler in any namespace, a ``javascript:`` link and every outside reference are found. Check and scan share
  one list of extensions.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import shutil
import socket
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from browser import browser
from conftest import FIXTURES, SEED, SEED_SLUG, copy_context, make_project

from generator import bibliography
from generator.cli import main
from generator.errors import BuildError
from generator.fetching import client
from generator.fetching.client import FetchOptions, fetch, pool
from generator.fsutil import MAX_READ_BYTES
from generator.project import IMAGE_SUFFIXES, MARKUP_SUFFIXES, PUBLISHED_SUFFIXES, Project
from generator.site.mkdocs import mkdocs_build
from generator.site.scan import scan_site

PAGE = f"docs/readings/{SEED_SLUG}.md"
HYPOTHESIS = FIXTURES / "hypothesis" / "export.json"
SECRET = "hunter2-secret-words"
SEED_NAME = SEED.name


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """A project (in ``tmp_path/project``) with its seed imported; a secret file beside it, outside the project."""
    project = tmp_path / "project"
    project.mkdir()
    make_project(project, with_docs=False)
    copy_context(project)
    assert main(["--project", str(project), "import", "seeds"]) == 0
    (tmp_path / "secret.txt").write_text(f"Secret title\n\nThe password is {SECRET}, said the file.\n", encoding="utf-8")
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f"Git configuration\n\nurl = https://user:{SECRET}@example.org/repo\n",
                                             encoding="utf-8")
    return project


def _plant(project: Path, case: str) -> str:
    """Make what ``case`` needs on disk; return the ``source:`` value a hostile pull request would write."""
    seeds = project / "seeds"
    outside = project.parent / "secret.txt"
    if case == "absolute":
        return str(outside)
    if case == "dot-dot":
        return "../secret.txt"
    if case == "seeds-dot-dot":
        return "seeds/../../secret.txt"
    if case == "inside-not-seeds":
        return ".git/config"
    if case == "symlink-to-git":
        (seeds / "link.txt").symlink_to(project / ".git" / "config")
        return "seeds/link.txt"
    if case == "symlink-outside":
        (seeds / "link.txt").symlink_to(outside)
        return "seeds/link.txt"
    if case == "symlinked-folder":
        (seeds / "elsewhere").symlink_to(project.parent, target_is_directory=True)
        return "seeds/elsewhere/secret.txt"
    if case == "fifo":
        os.mkfifo(seeds / "pipe.txt")
        return "seeds/pipe.txt"
    if case == "device":
        return "/dev/zero"
    if case == "too-large":
        with (seeds / "huge.txt").open("wb") as handle:  # sparse: costs no disk
            handle.write(f"Huge\n\n{SECRET}\n".encode())
            handle.truncate(MAX_READ_BYTES + 1)
        return "seeds/huge.txt"
    raise AssertionError(case)


CASES = ["absolute", "dot-dot", "seeds-dot-dot", "inside-not-seeds", "symlink-to-git", "symlink-outside",
         "symlinked-folder", "fifo", "device", "too-large"]


def _with_source(project: Path, source: str) -> tuple[str, int]:
    """Set the page's ``source:`` to ``source``; the page's new text and the line of its ``source:`` key."""
    page = project / PAGE
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^source: .*$", lambda _m: f"source: {source}", text, count=1)
    page.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("source:"))
    return text, line


def _located(err: str, line: int, code: str) -> None:
    rows = [row for row in err.splitlines() if row.strip()]
    assert len(rows) == 1, err
    assert re.fullmatch(rf"{re.escape(PAGE)}:{line}:1: error: .+ \[{code}\]", rows[0]), rows[0]
    assert SECRET not in err


@pytest.mark.parametrize("case", CASES)
def test_annotations_import_reads_no_file_outside_the_seeds(imported: Path, case: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    text, line = _with_source(imported, _plant(imported, case))
    capsys.readouterr()
    code = main(["--project", str(imported), "annotations", "import", "--reading", SEED_SLUG, str(HYPOTHESIS)])
    out, err = capsys.readouterr()
    assert code == 1, out
    _located(err, line, "bad-source")
    assert (imported / PAGE).read_text(encoding="utf-8") == text
    assert not any(SECRET in p.read_text(encoding="utf-8") for p in (imported / "docs").rglob("*.md"))


@pytest.mark.parametrize("case", CASES)
def test_check_refuses_a_source_outside_the_seeds(imported: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    _text, line = _with_source(imported, _plant(imported, case))
    capsys.readouterr()
    assert main(["--project", str(imported), "check", PAGE]) == 1
    out, err = capsys.readouterr()
    found = [row for row in (out + err).splitlines() if "[bad-source]" in row]
    assert len(found) == 1 and found[0].startswith(f"{PAGE}:{line}:1: error: "), out + err
    assert SECRET not in out + err


@pytest.mark.parametrize(("companion", "code"), [(".capture.json", "bad-record"), (".extraction.yaml", "bad-override")])
@pytest.mark.parametrize("how", ["symlink-outside", "fifo", "too-large"])
def test_a_seeds_companion_file_is_read_only_from_inside(imported: Path, companion: str, code: str, how: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A capture record or extraction override beside a seed that points outside, blocks or is huge: one line."""
    target = imported / "seeds" / (SEED_NAME + companion)
    if how == "symlink-outside":
        shutil.copy(imported.parent / "secret.txt", imported.parent / f"secret{companion}")
        target.symlink_to(imported.parent / f"secret{companion}")
    elif how == "fifo":
        os.mkfifo(target)
    else:
        with target.open("wb") as handle:
            handle.truncate(MAX_READ_BYTES + 1)
    before = {p: p.read_bytes() for p in (imported / "docs").rglob("*.md")}
    capsys.readouterr()
    assert main(["--project", str(imported), "import", "--relink", f"seeds/{SEED_NAME}"]) == 1
    _out, err = capsys.readouterr()
    rows = [row for row in err.splitlines() if row.strip()]
    assert len(rows) == 1 and re.fullmatch(rf"seeds/{re.escape(SEED_NAME + companion)}:1:1: error: .+ \[{code}\]", rows[0]), err
    assert SECRET not in err
    assert {p: p.read_bytes() for p in (imported / "docs").rglob("*.md")} == before


def test_an_image_path_in_a_page_packs_nothing_into_the_epub(imported: Path) -> None:
    """pandoc reads image paths (and raw <img>) while it writes an EPUB: a page naming a file outside gets its words
    into the book, never the file's bytes (pandoc gets images only as ``data:`` addresses of files docs/ publishes)."""
    secret = imported.parent / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode() * 4)
    page = imported / PAGE
    text = page.read_text(encoding="utf-8")
    start = text.index("\n---\n", 4) + 5
    page.write_text(text[:start] + f'\n!!! editorial "Editor\'s introduction"\n\n    A picture: ![the leak]({secret}) and'
                    f' <img src="{secret}">, ![remote](http://127.0.0.1:9/x.png).\n' + text[start:], encoding="utf-8")
    assert main(["--project", str(imported), "bundle", "--epub", SEED_SLUG]) == 0
    with zipfile.ZipFile(imported / "dist" / f"{SEED_SLUG}.epub") as book:
        names = book.namelist()
        chapters = "".join(book.read(n).decode("utf-8", "replace") for n in names if n.endswith(".xhtml"))
        assert not any(SECRET.encode() in book.read(n) for n in names)
    # The book shows what the site shows: the image's description; the raw <img> is dropped by the site's sanitiser.
    assert not [n for n in names if "/media/" in n] and "the leak" in chapters and str(secret) not in chapters


@pytest.mark.parametrize("how", ["symlink-outside", "fifo"])
def test_a_page_that_is_a_link_or_a_fifo_is_refused_not_followed(imported: Path, how: str,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Import glances at every page's front-matter: a page that is a FIFO would block it, a link would read elsewhere."""
    target = imported / "docs" / "readings" / "planted.md"
    if how == "symlink-outside":
        (imported.parent / "secret.md").write_text(f"---\ntitle: {SECRET}\nsource: seeds/x.txt\n---\n\nText.\n", encoding="utf-8")
        target.symlink_to(imported.parent / "secret.md")
    else:
        os.mkfifo(target)
    capsys.readouterr()
    assert main(["--project", str(imported), "import", "seeds"]) == 1
    _out, err = capsys.readouterr()
    assert "planted.md:1:1: error: refused to read" in err and "[unreadable]" in err and SECRET not in err, err


@pytest.mark.parametrize("how", ["symlink-outside", "fifo"])
def test_the_bibliography_is_read_only_from_inside(imported: Path, how: str) -> None:
    target = imported / "docs" / "sources.yaml"
    target.unlink()
    if how == "symlink-outside":
        (imported.parent / "secret.yaml").write_text(f"- id: secret\n  title: {SECRET}\n  author: X\n  issued: 2017\n",
                                                     encoding="utf-8")
        target.symlink_to(imported.parent / "secret.yaml")
    else:
        os.mkfifo(target)
    found, problems = bibliography.load(Project.at(imported))
    assert found.entries == {} and [(p.path, p.line, p.code) for p in problems] == [("docs/sources.yaml", 1, "bad-bibliography")]
    assert bibliography.load_file(target, "docs/sources.yaml").entries == {}


# --- fetch ----------------------------------------------------------------------------------------------------------

ARTICLE = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{who} page</title></head><body><article>"
           "<h1>{who} page</h1><p>This is the {who} server answering, with a paragraph long enough to be an article"
           " for the extractor to keep.</p><p>A second paragraph of the {who} page, so the article has some body.</p>"
           "</article></body></html>")


def _handler(who: str, internal_port: list[int]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        hits: ClassVar[list[str]] = []

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.hits.append(self.path)
            port = internal_port[0]
            targets = {"/to-loopback": f"http://127.0.0.1:{port}/secret", "/to-name": f"http://internal.test:{port}/secret",
                       "/to-mapped": f"http://[::ffff:127.0.0.1]:{port}/secret", "/to-zero": f"http://0.0.0.0:{port}/secret"}
            if self.path in targets:
                status, body, headers = 302, b"", {"Location": targets[self.path]}
            else:
                status, body, headers = 200, ARTICLE.format(who=who).encode(), {"Content-Type": "text/html; charset=utf-8"}
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[int, Any, Any]]:
    """(port, public handler, internal handler): the "public" site on 127.0.0.2 and the internal one on 127.0.0.1, on
    the same port (so a host name that DNS swaps between them reaches one or the other)."""
    port = [0]
    public, internal = _handler("public", port), _handler("internal", port)
    inner = ThreadingHTTPServer(("127.0.0.1", 0), internal)
    port[0] = inner.server_address[1]
    outer = ThreadingHTTPServer(("127.0.0.2", port[0]), public)
    for httpd in (inner, outer):
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield port[0], public, internal
    inner.shutdown()
    outer.shutdown()


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch, servers: tuple[int, Any, Any]) -> dict[str, list[str]]:
    """Fake names in DNS (each a list of answers, one taken per lookup) and a policy that lets 127.0.0.2 pass as public."""
    answers: dict[str, list[str]] = {"public.test": ["127.0.0.2"], "internal.test": ["127.0.0.1"]}
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, str) and host in answers:
            queue = answers[host]
            address = queue.pop(0) if len(queue) > 1 else queue[0]
            return real(address, port, *args, **kwargs)
        if isinstance(host, str) and host.endswith(".test"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, port, *args, **kwargs)

    policy = client.address_refusal
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(client, "address_refusal", lambda address: None if address == "127.0.0.2" else policy(address))
    servers[1].hits.clear()
    servers[2].hits.clear()
    return answers


@pytest.mark.parametrize(
    ("address", "refused"),
    [("8.8.8.8", False), ("93.184.215.14", False), ("2606:4700:4700::1111", False), ("1.1.1.1", False),
     ("127.0.0.1", True), ("127.255.255.254", True), ("10.0.0.1", True), ("172.16.5.4", True), ("192.168.1.1", True),
     ("169.254.169.254", True), ("100.64.0.1", True), ("100.127.255.254", True), ("0.0.0.0", True), ("0.1.2.3", True),
     ("224.0.0.1", True), ("239.255.255.250", True), ("240.0.0.1", True), ("255.255.255.255", True),
     ("192.0.0.8", True), ("192.0.2.1", True), ("198.18.0.1", True), ("198.51.100.7", True), ("203.0.113.9", True),
     ("::1", True), ("::", True), ("fe80::1", True), ("fc00::1", True), ("fd12:3456::1", True), ("ff02::1", True),
     ("::ffff:127.0.0.1", True), ("::ffff:10.1.2.3", True), ("::ffff:169.254.169.254", True), ("::ffff:8.8.8.8", False),
     ("64:ff9b::7f00:1", True), ("64:ff9b::808:808", False), ("2002:7f00:1::", True), ("2002:c0a8:101::1", True),
     ("2001:db8::1", True), ("fec0::1", True), ("::127.0.0.1", True), ("fe80::1%eth0", True), ("not an address", True)],
)
def test_the_address_policy(address: str, refused: bool) -> None:
    assert (client.address_refusal(address) is not None) is refused


@pytest.mark.parametrize("path", ["/to-loopback", "/to-name", "/to-mapped", "/to-zero"])
def test_a_redirect_to_an_internal_address_is_refused_and_nothing_is_written(
        tmp_path: Path, servers: tuple[int, Any, Any], network: dict[str, list[str]], path: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    port, public, internal = servers
    project = make_project(tmp_path, with_docs=False)
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    url = f"http://public.test:{port}{path}"
    capsys.readouterr()
    assert main(["--project", str(project), "fetch", "--timeout", "2", url]) == 1
    _out, err = capsys.readouterr()
    rows = [row for row in err.splitlines() if row.strip()]
    assert len(rows) == 1 and rows[0].startswith(f"{url}:1:1: error: ") and rows[0].endswith("[private-address]"), err
    assert public.hits == [path] and internal.hits == []  # the first hop was fetched; the internal server never asked
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


@pytest.mark.parametrize("host", ["internal.test", "127.0.0.1", "localhost", "[::1]", "0.0.0.0"])
def test_a_first_address_that_is_internal_is_refused(servers: tuple[int, Any, Any], network: dict[str, list[str]],
                                                      host: str) -> None:
    port, _public, internal = servers
    got = fetch(pool(1), f"http://{host}:{port}/secret", FetchOptions(timeout=2))
    assert getattr(got, "code", None) == "private-address", got
    assert internal.hits == []


def test_dns_cannot_swap_the_checked_address_for_another(servers: tuple[int, Any, Any], network: dict[str, list[str]]) -> None:
    """DNS rebinding: the name answers a public address when checked, then the internal one; the connection goes to
    the address that was checked."""
    port, public, internal = servers
    network["rebind.test"] = ["127.0.0.2", "127.0.0.1", "127.0.0.1"]
    got = fetch(pool(1), f"http://rebind.test:{port}/article", FetchOptions(timeout=2))
    assert not hasattr(got, "code"), got
    assert b"public server" in got.body and public.hits == ["/article"] and internal.hits == []  # type: ignore[union-attr]


def test_a_name_with_any_internal_answer_is_refused(servers: tuple[int, Any, Any], network: dict[str, list[str]],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Every address DNS gives is checked, not only the first."""
    port, _public, _internal = servers
    real = socket.getaddrinfo

    def both(host: Any, port_: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "mixed.test":
            return real("127.0.0.2", port_, *args, **kwargs) + real("127.0.0.1", port_, *args, **kwargs)
        return real(host, port_, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", both)
    got = fetch(pool(1), f"http://mixed.test:{port}/article", FetchOptions(timeout=2))
    assert getattr(got, "code", None) == "private-address", got


def test_allow_private_lets_a_local_server_be_fetched(servers: tuple[int, Any, Any], network: dict[str, list[str]]) -> None:
    port, _public, internal = servers
    got = fetch(pool(1), f"http://internal.test:{port}/article", FetchOptions(timeout=2, allow_private=True))
    assert not hasattr(got, "code") and internal.hits == ["/article"], got


# --- scan -----------------------------------------------------------------------------------------------------------

SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
XHTML = "http://www.w3.org/1999/xhtml"
SCRIPT_HTML = "<!doctype html><html><head><title>x</title></head><body><p>x</p><script>alert(1)</script></body></html>"
HOSTILE: dict[str, tuple[str | bytes, int]] = {  # file name: (content, how many problems at least)
    "page.shtml": (SCRIPT_HTML, 1),
    "page.shtm": (SCRIPT_HTML, 1),
    "page.xht": (f'<html xmlns="{XHTML}"><body><x:script xmlns:x="{XHTML}">alert(1)</x:script></body></html>', 1),
    "page.xhtml": (f'<?xml version="1.0"?><html xmlns="{XHTML}"><body><p>x</p><h:script xmlns:h="{XHTML}">alert(1)'
                   "</h:script></body></html>", 1),
    "feed.xml": (f'<?xml version="1.0"?><root xmlns:h="{XHTML}"><h:script>alert(1)</h:script></root>', 1),
    "prefixed.svg": (f'<svg {SVG}><s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script></svg>', 1),
    "cdata.svg": (f"<svg {SVG}><script><![CDATA[alert(1)]]></script></svg>", 1),
    "handler.svg": (f'<svg {SVG} xmlns:e="urn:e"><rect e:onload="alert(1)"/><rect onclick="alert(2)"/></svg>', 2),
    "link.svg": (f'<svg {SVG}><a xlink:href="java&#9;script:alert(1)"><text>x</text></a></svg>', 1),
    "animate.svg": (f'<svg {SVG}><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>', 1),
    "loads.svg": (f'<svg {SVG}><image href="https://evil.example/x.png"/><use xlink:href="//evil.example/s.svg#a"/></svg>', 2),
    "import.svg": (f"<svg {SVG}><style>@import url(https://evil.example/x.css);</style></svg>", 1),
    "stylesheet.svg": (f'<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.xsl" type="text/xsl"?><svg {SVG}/>', 1),
    "foreign.svg": (f'<svg {SVG}><foreignObject><div xmlns="{XHTML}"><iframe src="x.html"/></div></foreignObject></svg>', 1),
    "zipped.svgz": (gzip.compress(f"<svg {SVG}><script>alert(1)</script></svg>".encode(), mtime=0), 1),
    "style.xsl": ('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">'
                  "<script>alert(1)</script></xsl:template></xsl:stylesheet>", 1),
    "entity.xml": ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY s "&#60;script&#62;">]><r>&s;</r>', 1),
    "broken.xhtml": (f'<html xmlns="{XHTML}"><body><script>alert(1)</script></body>', 1),
    "archive.mhtml": ("MIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>", 1),
    "no-extension": (SCRIPT_HTML, 1),
    "looks-like.txt": ("  <svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", 1),
}
CLEAN: dict[str, str | bytes] = {
    "icon.svg": f'<svg {SVG} viewBox="0 0 1 1"><use href="#p"/><path id="p" d="M0 0h1v1z"/><a href="https://example.org/">'
                "<text>a link to follow is no load</text></a></svg>",
    "sitemap.xml": '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   "<url><loc>https://example.org/</loc></url></urlset>",
    "notes.txt": "plain text < with a bracket",
    "data.json": '{"a": "<b>"}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_scan_finds_script_in_every_file_a_server_would_run(tmp_path: Path, name: str) -> None:
    content, least = HOSTILE[name]
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    target = site / "sub" / name
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    problems = scan_site(site)
    assert len(problems) >= least and all(p.path == f"site/sub/{name}" and p.code == "unsafe-output" for p in problems), problems


def test_the_scan_lets_clean_files_be(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for name, content in CLEAN.items():
        (site / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    assert scan_site(site) == []


def test_check_and_scan_share_one_list_of_extensions(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What check lets into docs/ is never a file the scan treats as markup; every markup extension is refused."""
    assert not (PUBLISHED_SUFFIXES & MARKUP_SUFFIXES) and IMAGE_SUFFIXES <= PUBLISHED_SUFFIXES
    assert {".shtml", ".xht", ".xhtml", ".xml", ".svg", ".svgz", ".mhtml", ".xsl"} <= MARKUP_SUFFIXES
    for suffix in sorted(MARKUP_SUFFIXES):
        (imported / "docs" / f"page{suffix}").write_text(SCRIPT_HTML, encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(imported), "check"]) == 1
    out, err = capsys.readouterr()
    refused = {row.split(":", 1)[0] for row in (out + err).splitlines() if row.endswith("[unpublishable-file]")}
    assert refused == {f"docs/page{suffix}" for suffix in MARKUP_SUFFIXES}, out + err


def test_the_build_fails_on_each_document_that_got_past_check(tmp_path: Path) -> None:
    """End to end: files planted in docs/ (check would refuse them), copied by MkDocs as they are, fail the build."""
    project = make_project(tmp_path)
    planted = ["page.shtml", "page.xht", "prefixed.svg", "loads.svg", "zipped.svgz", "no-extension"]
    for name in planted:
        content = HOSTILE[name][0]
        (project / "docs" / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(BuildError) as caught:
        mkdocs_build(Project.at(project), project / "site")
    told = str(caught.value)
    assert all(f"/{name}:" in told for name in planted) and "[unsafe-output]" in told, told


class _TypedHandler(http.server.SimpleHTTPRequestHandler):
    """Serves each extension with the type common servers give it (nginx's and Apache's mime.types)."""

    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".shtml": "text/html", ".shtm": "text/html",
                                                ".xht": "application/xhtml+xml", ".xhtml": "application/xhtml+xml",
                                                ".xml": "text/xml", ".svg": "image/svg+xml"}

    def log_message(self, format: str, *args: Any) -> None:
        pass


RUNS_IN_CHROMIUM = ["page.shtml", "page.shtm", "page.xht", "page.xhtml", "feed.xml", "prefixed.svg", "cdata.svg"]
LOADS_IN_CHROMIUM = ["loads.svg", "import.svg"]  # (a cross-origin <use> is blocked by Chromium itself: the scan refuses it all the same)


def test_the_vectors_the_scan_finds_do_run_in_a_browser(tmp_path: Path) -> None:
    """Positive control: each scanned vector, served with its usual type, runs script (or loads from outside) in
    Chromium on the site's origin: the scan is looking at what matters."""
    for name in [*RUNS_IN_CHROMIUM, *LOADS_IN_CHROMIUM]:
        content = HOSTILE[name][0]
        (tmp_path / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_TypedHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    ran: dict[str, bool] = {}
    outside: list[str] = []
    try:
        with browser() as chromium:
            context = chromium.new_context()
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                          else (outside.append(route.request.url), route.abort()))
            for name in [*RUNS_IN_CHROMIUM, *LOADS_IN_CHROMIUM]:
                page = context.new_page()
                page.on("dialog", lambda dialog, name=name: (ran.__setitem__(name, True), dialog.dismiss()))
                page.goto(base + name)
                page.wait_for_timeout(300)
                page.close()
            context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert sorted(ran) == sorted(RUNS_IN_CHROMIUM)
    assert sorted(outside) == ["https://evil.example/x.css", "https://evil.example/x.png"], outside
