"""EPUB books built from hostile seeds and contributions: nothing runs, nothing is read from disk or the network.

Pandoc reads Markdown our site never sees (bracketed spans, link attributes, raw attributes and blocks, autolinks
of any scheme) and, reading the book's metadata, Markdown there too; it embeds the images a document names. Each
case below puts the same vectors in one channel (a note, an editorial block, a context page, a seed's title,
authors or site name, a Hypothesis note, a bibliography author) and builds the book; every chapter must parse as
XML and hold no script, handler or script address, no byte of a file outside the project, and the build must make
no request to a local server named as an image's address. A browser test opens the chapters in Chromium.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser import browser
from conftest import FIXTURES, SEED_SLUG, make_project
from lxml import etree

from generator.cli import main
from generator.outputs import epub

pytestmark = pytest.mark.slow

PAYLOAD = "document.title='PWNED'"
SECRET = "ar-epub-secret-3f9c1d"  # the marker file's content: it must never reach a book
XHTML = "http://www.w3.org/1999/xhtml"
EXECUTABLE_URL_RE = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "background", "xlink:href"}


@dataclass(frozen=True)
class Env:
    secret_file: Path
    port: int
    requests: list[str]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    """A marker file outside every project, and a local server that records every request made to it."""
    outside = tmp_path_factory.mktemp("outside")
    secret_file = outside / "secret.txt"
    secret_file.write_text(SECRET + "\n", encoding="utf-8")
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(b"\x89PNG\r\n\x1a\n")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Env(secret_file, server.server_address[1], requests)
    finally:
        server.shutdown()
        server.server_close()


def inline_vectors(env: Env) -> list[str]:
    """What pandoc's Markdown honours and Python-Markdown shows as text, each on one line."""
    return [
        f'[span]{{onmouseover="{PAYLOAD}"}}',  # bracketed span with a handler
        f'[link](https://example.org/){{onclick="{PAYLOAD}"}}',  # link attributes
        f'`<img src="x" onerror="{PAYLOAD}">`{{=html}}',  # raw attribute on a code span
        f"<javascript:{PAYLOAD}>",  # an autolink with any scheme
        f"![x]( {env.secret_file})",  # a local file named as an image, behind a space
        f"![x](\t{env.secret_file})",  # ... behind a tab
        f"![x](http://127.0.0.1:{env.port}/img.png)",  # an image fetched at build time
    ]


def block_vectors(env: Env) -> list[str]:
    """Blocks: a fenced raw block holding a script in the XHTML namespace under another prefix, and an image whose
    alt text runs over two lines."""
    return [f'```{{=html}}\n<x:script xmlns:x="{XHTML}">{PAYLOAD}</x:script>\n```',
            f"![alt\ntext]({env.secret_file})",
            *inline_vectors(env)]


def _reading(project: Path) -> Path:
    return project / "docs" / "readings" / f"{SEED_SLUG}.md"


def in_note(project: Path, env: Env) -> str:
    page = _reading(project)
    text = page.read_text(encoding="utf-8")
    line = "[^question-scatter]: Where and when? The text gives no place, date or source for this success."
    assert line in text
    page.write_text(text.replace(line, line + " " + " ".join(inline_vectors(env))), encoding="utf-8")
    return SEED_SLUG


def in_editorial_block(project: Path, env: Env) -> str:
    page = _reading(project)
    text = page.read_text(encoding="utf-8")
    anchor = '!!! editorial "Editor\'s introduction"\n\n'
    assert anchor in text
    body = "".join("    " + "\n    ".join(v.split("\n")) + "\n\n" for v in block_vectors(env))
    page.write_text(text.replace(anchor, anchor + body), encoding="utf-8")
    return SEED_SLUG


def in_context_page(project: Path, env: Env) -> str:
    page = project / "docs" / "context" / "darzab.md"
    text = page.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n## ")  # before the generated "Mentioned in" part, if any
    page.write_text(head.rstrip("\n") + "\n\n" + "\n\n".join(block_vectors(env)) + "\n" + sep + rest, encoding="utf-8")
    return SEED_SLUG


def in_bibliography_author(project: Path, env: Env) -> str:
    sources = project / "docs" / "sources.yaml"
    author = " ".join(v for v in inline_vectors(env) if "{=html}" not in v)  # check refuses that one already
    entry = ("\n- id: hostile-2020\n  type: article\n  title: A hostile entry\n  author:\n  - literal: " + json.dumps(author)
             + "\n  issued: 2020-01-01\n")
    sources.write_text(sources.read_text(encoding="utf-8").rstrip("\n") + "\n" + entry, encoding="utf-8")
    page = _reading(project)
    line = "[^question-scatter]: Where and when? The text gives no place, date or source for this success."
    page.write_text(page.read_text(encoding="utf-8").replace(line, line + " [@hostile-2020]"), encoding="utf-8")
    return SEED_SLUG


def in_hypothesis_note(project: Path, env: Env) -> str:
    export = json.loads((FIXTURES / "hypothesis" / "export.json").read_text(encoding="utf-8"))
    first = export["annotations"][0]
    first["text"] = " ".join(inline_vectors(env))
    export["annotations"] = [first]
    path = project / "hostile-export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    assert main(["--project", str(project), "annotations", "import", str(path), "--reading", SEED_SLUG]) == 0
    return SEED_SLUG


def _hostile_words(env: Env) -> str:
    return (f'Hostile [t]{{onmouseover="{PAYLOAD}"}} `<img src="x" onerror="{PAYLOAD}">`{{=html}} ![x]( {env.secret_file})'
            f" ![y](http://127.0.0.1:{env.port}/img.png)")


def _imported(project: Path, seed: str, content: str) -> str:
    before = {p.name for p in (project / "docs" / "readings").glob("*.md")}
    (project / "seeds" / seed).write_text(content, encoding="utf-8")
    assert main(["--project", str(project), "import", f"seeds/{seed}"]) == 0
    new = sorted({p.name for p in (project / "docs" / "readings").glob("*.md")} - before)
    assert len(new) == 1, new
    return new[0].removesuffix(".md")


def in_text_seed(project: Path, env: Env) -> str:
    words = _hostile_words(env)
    return _imported(project, "hostile-title.txt", f"# {words}\n\nBy [{words}](#)\n\nGlobal Research, December 18, 2017\n\n"
                     "A paragraph of the article, long enough to be its text.\n")


def in_markdown_seed(project: Path, env: Env) -> str:
    words = _hostile_words(env)
    return _imported(project, "hostile-title.md", f"---\ntitle: {json.dumps(words)}\nauthor: {json.dumps(words)}\n---\n\n"
                     "A paragraph of the article, long enough to be its text.\n")


def in_html_seed(project: Path, env: Env) -> str:
    words = _hostile_words(env).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return _imported(project, "hostile-title.html", f'<!DOCTYPE html><html><head><title>{words}</title>'
                     f'<meta name="author" content="{words}"><meta property="og:site_name" content="{words}">'
                     f'<meta property="og:title" content="{words}"></head><body><article><h1>{words}</h1>'
                     "<p>An ordinary paragraph with enough words in it to count as the article's text for the extractor"
                     " and then some more.</p><p>A second, ordinary paragraph with enough words to be kept as the"
                     " article's text by the extractor here.</p></article></body></html>")


CHANNELS: dict[str, Callable[[Path, Env], str]] = {
    "note": in_note, "editorial-block": in_editorial_block, "context-page": in_context_page,
    "bibliography-author": in_bibliography_author, "hypothesis-note": in_hypothesis_note,
    "text-seed": in_text_seed, "markdown-seed": in_markdown_seed, "html-seed": in_html_seed,
}


def chapters(book: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.endswith((".xhtml", ".html", ".opf", ".ncx"))}


def executable(name: str, data: bytes) -> list[str]:
    """What in one chapter, parsed as XML with namespaces, could run: a script element in any namespace, an event
    handler, a script or data address. Raises if the chapter is not well-formed."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            found += [f"{name}: processing instruction"] if isinstance(element, etree._ProcessingInstruction) else []
            continue
        local = etree.QName(element).localname.lower()
        if local in ("script", "iframe", "object", "embed", "foreignobject"):
            found.append(f"{name}: <{element.tag}>")
        for attr, value in element.attrib.items():
            attr_local = etree.QName(attr).localname.lower()
            if attr_local.startswith("on"):
                found.append(f"{name}: {attr_local}= on <{local}>")
            if attr_local in URL_ATTRIBUTES | {"href"} and EXECUTABLE_URL_RE.match(re.sub(r"[\x00-\x20]", "", value)):
                found.append(f"{name}: {attr_local}={value[:40]!r}")
            if local in ("img", "image", "source", "link", "audio", "video") and attr_local in ("src", "href", "srcset") \
                    and re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", value, re.IGNORECASE):
                found.append(f"{name}: <{local} {attr_local}={value[:40]!r}> loads from outside the book")
    return found


def build(project: Path, slug: str, whole: bool) -> Path:
    args = ["--project", str(project), "bundle", "--epub"] + ([] if whole else [slug])
    assert main(args) == 0
    return project / "dist" / ("annotated-readings.epub" if whole else f"{slug}.epub")


def assert_safe(book: Path, env: Env) -> None:
    found: list[str] = []
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            assert SECRET.encode() not in data, f"{name} holds the content of a file outside the project"
            assert b"PATH=" not in data and b"root:x:0:0" not in data, name
    for name, data in chapters(book).items():
        found += executable(name, data)
    assert found == []
    assert env.requests == [], "the build fetched an image from the network"


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_no_vector_runs_reads_or_fetches(channel: str, env: Env, tmp_path: Path) -> None:
    project = make_project(tmp_path)
    slug = CHANNELS[channel](project, env)
    env.requests.clear()
    book = build(project, slug, whole=False)
    assert_safe(book, env)
    if channel.endswith("seed"):  # the collection: a seed's site name may be in its title page too
        assert_safe(build(project, slug, whole=True), env)


def test_the_harness_sees_what_runs() -> None:
    """Positive control: the scan finds a handler, a namespaced script and a script address, and refuses ill-formed XML."""
    doctored = (f'<html xmlns="{XHTML}" xmlns:x="{XHTML}"><body><p onclick="{PAYLOAD}">a</p><x:script>{PAYLOAD}</x:script>'
                '<a href=" java&#9;script:alert(1)">b</a><img src="http://127.0.0.1/x.png"/></body></html>').encode()
    assert len(executable("doctored.xhtml", doctored)) == 4
    with pytest.raises(etree.XMLSyntaxError):
        executable("broken.xhtml", b"<html><body><p>a</body></html>")


# --- In a browser ----------------------------------------------------------------------------------------------

FIRE_EVERYTHING = """() => {
  document.addEventListener('click', e => {
    const a = e.target.closest && e.target.closest('a');
    if (a && !/^\\s*javascript:/i.test(a.getAttribute('href') || '')) e.preventDefault();
  }, true);
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'click', 'load', 'error'])
      el.dispatchEvent(new Event(type, {bubbles: true}));
  }
}"""


def _ran(chapter: Path) -> bool:
    with browser() as instance:
        page = instance.new_page()
        page.goto(chapter.as_uri())
        page.wait_for_load_state("load")
        page.evaluate(FIRE_EVERYTHING)
        page.wait_for_timeout(200)
        return bool(page.evaluate("document.title") == "PWNED")


@pytest.fixture(scope="module")
def hostile_book(env: Env, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("browser-book"))
    in_editorial_block(project, env)
    in_note(project, env)
    in_context_page(project, env)
    book = build(project, SEED_SLUG, whole=False)
    out = tmp_path_factory.mktemp("browser-book-files")
    with zipfile.ZipFile(book) as archive:
        archive.extractall(out)
    return out


def test_no_payload_runs_in_chromium(hostile_book: Path) -> None:
    pages = sorted(hostile_book.rglob("*.xhtml"))
    assert len(pages) >= 3
    assert [p.name for p in pages if _ran(p)] == []


def test_chromium_harness_sees_a_payload_that_runs(hostile_book: Path, tmp_path: Path) -> None:
    """Positive control: a chapter doctored to hold a handler, as the attack found them, is seen to run."""
    chapter = sorted(hostile_book.rglob("ch*.xhtml"))[0]
    for payload in (f'<span onmouseover="{PAYLOAD}">x</span>', f'<x:script xmlns:x="{XHTML}">{PAYLOAD}</x:script>'):
        shutil.copytree(hostile_book, tmp_path / "book", dirs_exist_ok=True)
        doctored = tmp_path / "book" / chapter.relative_to(hostile_book)
        doctored.write_text(chapter.read_text(encoding="utf-8").replace("</body>", payload + "</body>"), encoding="utf-8")
        assert _ran(doctored), payload


# --- Well-formed chapters for the hostile seed corpus ----------------------------------------------------------

# Seed text that is HTML, not XML: void elements, HTML-only entities, unclosed and misnested tags, control characters.
NOT_XML = {
    "void.md": "A line<br>broken, an <img src=x> image and a rule <hr> in the text.",
    "entities.md": "Prices&nbsp;in&nbsp;euros &euro;5 &mdash; and &copy; marks.",
    "unclosed.md": "Some <b>bold and <i>italic</b> text, a <p>paragraph and a <span>span.",
    "controls.md": "A vertical tab \x0b, a form feed \x0c and an escape \x1b in the text.",
    "controls.txt": "A vertical tab \x0b, a form feed \x0c and an escape \x1b in the text.",
    "mixed.md": "A line<br>broken &nbsp; &euro; <b>bold <i>x</b> and \x0b a vertical tab.",
}


def test_hostile_seed_chapters_are_well_formed_xml(tmp_path: Path) -> None:
    project = make_project(tmp_path, with_docs=False)
    for seed in sorted((FIXTURES / "hostile").iterdir()):
        shutil.copy(seed, project / "seeds" / seed.name)
    for name, paragraph in NOT_XML.items():
        heading = f"---\ntitle: Not XML {name}\n---\n\n" if name.endswith(".md") else f"# Not XML: {name}\n\n"
        (project / "seeds" / name).write_text(f"{heading}{paragraph}\n\nA second paragraph, ordinary.\n", encoding="utf-8")
    assert main(["--project", str(project), "import", "seeds"]) == 0
    book = build(project, "", whole=True)
    problems = []
    for name, data in chapters(book).items():
        try:
            problems += executable(name, data)
        except etree.XMLSyntaxError as exc:
            problems.append(f"{name}: not well-formed XML: {exc}")
    assert len(chapters(book)) > 30
    assert problems == []
    # Every identifier once in the book: the table of contents and the notes point to them across chapters.
    ids = [i for name, data in chapters(book).items() if name.endswith(".xhtml") and not name.endswith("nav.xhtml")
           for i in etree.fromstring(data).xpath("//@id")]
    assert sorted({i for i in ids if ids.count(i) > 1 and not re.fullmatch(r"fn(?:ref)?\d+|footnotes", i)}) == []



# --- Images the site publishes, and nothing else ---------------------------------------------------------------

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000" "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def test_only_images_the_site_publishes_are_in_the_book(env: Env, tmp_path: Path) -> None:
    """An image in docs/ is in the book, byte for byte; one outside docs/, by a relative path, is its alt text."""
    project = make_project(tmp_path)
    (project / "docs" / "readings" / "figure.png").write_bytes(PNG)
    (project / "outside.png").write_bytes(PNG[:-4] + b"\x00\x00\x00\x01")  # in the project, not published
    page = _reading(project)
    anchor = '!!! editorial "Editor\'s introduction"\n\n'
    page.write_text(page.read_text(encoding="utf-8").replace(anchor, anchor + "    ![a figure](figure.png) ![not published](../../outside.png)\n\n"),
                    encoding="utf-8")
    book = build(project, SEED_SLUG, whole=False)
    with zipfile.ZipFile(book) as archive:
        media = {name: archive.read(name) for name in archive.namelist() if name.startswith("EPUB/media/")}
    assert list(media.values()) == [PNG]
    text = b"".join(chapters(book).values()).decode("utf-8")
    assert 'alt="a figure"' in text and "not published" in text and 'alt="not published"' not in text
    assert_safe(book, env)


def test_a_chapter_that_fails_the_scan_fails_the_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Were pandoc ever to write a script, the bundle says where, and writes nothing."""
    def doctored(_source: str, _to: str, *, outputfile: str, **_kwargs: Any) -> str:
        with zipfile.ZipFile(outputfile, "w") as archive:
            archive.writestr("mimetype", "application/epub+zip")
            archive.writestr("EPUB/styles/stylesheet1.css", "")
            archive.writestr("EPUB/text/ch001.xhtml", f'<html xmlns="{XHTML}" xmlns:x="{XHTML}"><body>\n'
                                                      f"<x:script>{PAYLOAD}</x:script></body></html>")
        return ""

    monkeypatch.setattr(epub.pypandoc, "convert_text", doctored)
    project = make_project(tmp_path)
    assert main(["--project", str(project), "bundle", "--epub", SEED_SLUG]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"^dist/{SEED_SLUG}\.epub!/EPUB/text/ch001\.xhtml:2:1: error: <script> \(in {re.escape(XHTML)}\) is not allowed"
                     r" \[unsafe-output\]$", err, re.MULTILINE), err
    assert not (project / "dist").exists() or list((project / "dist").iterdir()) == []
