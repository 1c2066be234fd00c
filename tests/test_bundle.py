"""The offline bundle: layout, determinism, and no reference to anything outside it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, make_project

from generator.cli import main
from generator.outputs.offline import localise
from generator.outputs.scan import outside_references
from generator.outputs.single import self_contained

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("bundle-project"))
    assert main(["--project", str(project), "bundle"]) == 0
    assert main(["--project", str(project), "bundle", "--single", SEED_SLUG]) == 0
    return project, project / "dist" / "annotated-readings-offline.zip"


def test_zip_layout(bundled: tuple[Path, Path]) -> None:
    _, archive = bundled
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        infos = zf.infolist()
    assert {n.split("/", 1)[0] for n in names} == {"annotated-readings-offline"}
    assert "annotated-readings-offline/index.html" in names
    assert f"annotated-readings-offline/readings/{SEED_SLUG}.html" in names  # no directory URLs offline
    assert "annotated-readings-offline/search/search_index.js" in names
    assert "annotated-readings-offline/assets/javascripts/vendor/iframe-worker/shim.js" in names
    assert "annotated-readings-offline/assets/javascripts/vendor/iframe-worker/LICENSE" in names
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_bundle_is_byte_identical(bundled: tuple[Path, Path], tmp_path: Path) -> None:
    project, archive = bundled
    assert main(["--project", str(project), "bundle", "--dist", str(tmp_path)]) == 0
    assert (tmp_path / archive.name).read_bytes() == archive.read_bytes()


def test_every_file_stays_inside(bundled: tuple[Path, Path], tmp_path: Path) -> None:
    _, archive = bundled
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path)
    assert outside_references(tmp_path) == []
    html = (tmp_path / "annotated-readings-offline" / "index.html").read_text(encoding="utf-8")
    assert "vendor/iframe-worker/shim-csp.js" in html and "unpkg.com" not in html


def test_single_file_is_self_contained(bundled: tuple[Path, Path]) -> None:
    project, _ = bundled
    single = project / "dist" / f"{SEED_SLUG}.html"
    html = single.read_text(encoding="utf-8")
    assert '<link rel="stylesheet"' not in html and '<script src="' not in html
    assert 'class="annotation"' in html and "annotation-popover" in html
    assert outside_references(single.parent) == []
    assert not re.search(r'class="[^"]*\bmd-sidebar--primary\b', html) and re.search(r'<body[^>]*class="[^"]*\bar-single\b', html)


PAGE = ('<html><head></head><body><div class="md-sidebar md-sidebar--primary"><a href="../index.html">Home</a></div>'
        '<a class="md-header__button md-logo" href="../index.html">logo</a>'
        '<p><a class="context-link" href="../context/rt.html" title="RT is…">RT</a>, <a href="#note-x">1</a>,'
        ' <a href="x.html#a">self</a>, <a href="https://example.org/">out</a>, <a href="mailto:a@b.c">mail</a>,'
        ' <a href="../tags.html#tag:asia">Asia</a></p><footer><div class="md-footer__inner"><a href="y.html">next</a></div></footer>'
        '</body></html>')


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("", ['<span class="context-link">RT</span>', '<a href="#note-x">1</a>', '<a href="#a">self</a>',
              '<a href="https://example.org/">out</a>', '<a href="mailto:a@b.c">mail</a>', "<span>Asia</span>"]),
        ("https://readings.example/", ['<a class="context-link" href="https://readings.example/context/rt/" title="RT is…">RT</a>',
                                       '<a href="https://readings.example/tags/#tag:asia">Asia</a>']),
    ],
)
def test_single_file_links_stay_inside_or_go_to_the_site(site_url: str, expected: list[str]) -> None:
    html = self_contained(PAGE, "readings/x.html", site_url)
    for piece in expected:
        assert piece in html
    assert "Home" not in html and "logo" not in html and "next" not in html  # the site's navigation is gone
    assert '<body class="ar-single">' in html


@pytest.mark.parametrize(
    ("name", "content", "count"),
    [
        ("a.html", '<script src="https://cdn.example.com/x.js"></script>', 1),
        ("b.html", '<link rel="stylesheet" href="//fonts.example.com/css">', 1),
        ("c.html", '<img srcset="a.png 1x, https://x.example/b.png 2x">', 1),
        ("d.html", '<div style="background: url(https://x.example/i.png)"></div>', 1),
        ("e.html", '<a href="https://example.org/">a link a reader clicks</a><link rel="canonical" href="https://x.example/">', 0),
        ("f.html", '<img src="data:image/png;base64,AAAA"><script src="assets/x.js"></script>', 0),
        ("g.css", "@import 'https://x.example/a.css'; .x { background: url(//x.example/b.png) }", 2),
        ("h.js", 'var s = "https://unpkg.com/mermaid"; var ns = "http://www.w3.org/2000/svg"; // see https://docs', 1),
        ("i.html", "<script>fetch('https://api.example.com/')</script>", 1),
    ],
)
def test_outside_reference_table(tmp_path: Path, name: str, content: str, count: int) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    problems = outside_references(tmp_path)
    assert len(problems) == count, problems
    assert all(p.path == name and p.code == "outside-reference" for p in problems)


def test_localise_neutralises_script_urls(tmp_path: Path) -> None:
    (tmp_path / "m.js").write_text('load("https://unpkg.com/mermaid@11/dist/mermaid.min.js");x="http://www.w3.org/2000/svg"', encoding="utf-8")
    localise(tmp_path)
    assert outside_references(tmp_path) == []
    assert (tmp_path / "m.js").read_text(encoding="utf-8").startswith('load("offline-unavailable:unpkg.com/mermaid')


def test_csp_shim_is_the_vendored_shim_with_its_inline_script_moved_to_a_file() -> None:
    """shim-csp.js is iframe-worker 1.0.4's shim.js with exactly one change, and inner.js holds the functions it inlined."""
    folder = ROOT / "overrides" / "assets" / "javascripts" / "vendor" / "iframe-worker"
    original, patched = (folder / "shim.js").read_text(encoding="utf-8"), (folder / "shim-csp.js").read_text(encoding="utf-8")
    inline = ('<script>postMessage=${c};importScripts=${d};addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent('
              '"error",{filename:"${e}",error}))})<\\/script>')
    assert inline in original
    expected = original.replace(inline, '<script src="${INNER}" data-worker="${e}"><\\/script>').replace(
        '"use strict";(()=>{', '"use strict";(()=>{const INNER=new URL("inner.js",document.currentScript.src).href;', 1)
    assert patched == expected
    inner = (folder / "inner.js").read_text(encoding="utf-8")
    for function in ('parent.postMessage(s, n || "*")', 'document.createElement("script")', 'new ErrorEvent("error", { filename: worker, error })'):
        assert function in inner
