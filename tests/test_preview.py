"""Dirty builds, as `readings serve` runs them: only what a change reaches is rendered again, nothing stale is served,
and the search index stays whole (byte for byte what a full build writes)."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SEED_SLUG, make_project

from generator.project import Project
from generator.search import index as search_index
from generator.site.mkdocs import mkdocs_build
from generator.site.preview import Inputs, Rebuild, plan, stale_outputs
from generator.site.search import SearchEntries, write_sharded

# -- the plan: what a change reaches -------------------------------------------------------------------------------


def snapshot(project: Project) -> Inputs:
    return Inputs.snapshot(project, [project.config_file])


def bump(path: Path, text: str = "\n") -> None:
    """Change a file and make sure its modification time moves on (coarse clocks)."""
    stamp = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + text, encoding="utf-8")
    os.utime(path, ns=(stamp + 2_000_000_000, stamp + 2_000_000_000))


@pytest.fixture
def small(tmp_path: Path) -> Project:
    root = make_project(tmp_path)
    return Project.at(root)


SOURCES = {"readings/a.md": "See [Tartus](../context/tartus.md \"Tartus\") and [@smith2017].",
           "readings/b.md": "Nothing cited.", "context/index.md": "[Tartus](tartus.md)", "context/tartus.md": "# Tartus"}


def test_nothing_before_the_first_build(small: Project) -> None:
    assert plan(None, snapshot(small), small, lambda: SOURCES) == Rebuild()


def test_nothing_changed_reads_no_page(small: Project) -> None:
    def unread() -> dict[str, str]:
        raise AssertionError("no change needs the pages' Markdown")

    assert plan(snapshot(small), snapshot(small), small, unread) == Rebuild()


@pytest.mark.parametrize("changed", ["overrides/main.html", "mkdocs.yml"])
def test_templates_and_configuration_reach_every_page(small: Project, changed: str) -> None:
    before = snapshot(small)
    bump(small.root / changed, "\n")
    rebuild = plan(before, snapshot(small), small, lambda: SOURCES)
    assert rebuild.everything and rebuild.reasons == [f"{changed} changed: every page is rebuilt"]


def test_a_new_template_reaches_every_page(small: Project) -> None:
    before = snapshot(small)
    (small.overrides / "partials").mkdir(exist_ok=True)
    bump(small.overrides / "partials" / "new.html")
    assert plan(before, snapshot(small), small, lambda: SOURCES).everything


def test_the_bibliography_reaches_the_pages_that_cite(small: Project) -> None:
    before = snapshot(small)
    bump(small.bibliography_file)
    rebuild = plan(before, snapshot(small), small, lambda: SOURCES)
    assert rebuild.pages == {"readings/a.md"} and not rebuild.everything
    assert rebuild.reasons == ["docs/sources.yaml changed: the 1 page(s) that may cite it are rebuilt"]


def test_a_context_page_reaches_no_other_page(small: Project) -> None:
    """Its summary is in the readings' own Markdown (their links' titles): MkDocs sees the context page itself change."""
    before = snapshot(small)
    bump(small.context / "tartus.md")
    assert plan(before, snapshot(small), small, lambda: SOURCES) == Rebuild()


def test_stale_outputs() -> None:
    outputs = {"a.md": Path("/s/a/index.html"), "b.md": Path("/s/b/index.html")}
    assert stale_outputs(Rebuild(), outputs, []) == []
    assert stale_outputs(Rebuild(pages=frozenset({"b.md", "gone.md"})), outputs, [Path("/s/c/index.html")]) == [
        Path("/s/b/index.html"), Path("/s/c/index.html")]
    assert stale_outputs(Rebuild(everything=True), outputs, []) == sorted(outputs.values())


# -- the search entries kept between builds ------------------------------------------------------------------------

def entry(location: str, text: str = "text") -> dict[str, str]:
    return {"location": location, "title": location or "Home", "text": f"<p>{text}</p>"}


def test_search_entries_keep_every_page_and_replace_the_built_ones() -> None:
    entries = SearchEntries()
    full = [entry(""), entry("#intro"), entry("a/"), entry("a/#notes"), entry("b/")]
    notes = {"a/": [entry("a/#claim-1", "a note")]}
    first = entries.update(full, notes, {"", "a/", "b/"}, ["", "a/", "b/"], full=True)
    assert [e["location"] for e in first] == ["", "#intro", "a/", "a/#claim-1", "b/"]
    # A dirty build of the home page only: Material's merged index is whatever it kept; the home page's location ""
    # is a prefix of every location (Material's own merge drops every other page's entries on it).
    after = entries.update([entry("", "new home")], notes, {""}, ["", "a/", "b/"], full=False)
    assert [e["location"] for e in after] == ["", "a/", "a/#claim-1", "b/"]
    assert after[0]["text"] == "<p>new home</p>"
    # b/ is gone: its entries go with it.
    assert [e["location"] for e in entries.update([], notes, set(), ["", "a/"], full=False)] == ["", "a/", "a/#claim-1"]
    # A new page takes its place in MkDocs' order, as in a full build (not at the end).
    new = entries.update([entry("0/")], notes, {"0/"}, ["", "0/", "a/"], full=False)
    assert [e["location"] for e in new] == ["", "0/", "a/", "a/#claim-1"]


def test_unchanged_search_files_are_not_rewritten(tmp_path: Path) -> None:
    docs = [entry("a/", "alpha words"), entry("b/", "beta words")]
    written: dict[str, int] = {}
    write_sharded(tmp_path, docs, written=written)
    page_b = tmp_path / search_index.FOLDER / "page-1.js"
    old = page_b.stat().st_mtime_ns - 5_000_000_000
    os.utime(page_b, ns=(old, old))
    write_sharded(tmp_path, [entry("a/", "alpha words changed"), entry("b/", "beta words")], written=written)
    assert page_b.stat().st_mtime_ns == old  # page-1.js did not change
    write_sharded(tmp_path, docs[:1], written=written)
    assert not page_b.exists() and set(written) == {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.js")}


def test_a_cancelled_index_build_returns_nothing_and_the_next_one_is_whole() -> None:
    docs = [entry(f"p{i}/", f"words of page {i}") for i in range(1200)]
    analysis = search_index.Analysis()
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # stop in the middle

    with pytest.raises(search_index.CancelledError):
        search_index.build(docs, analysis, cancelled)
    assert search_index.build(docs, analysis) == search_index.build(docs)


def test_a_newer_index_job_cancels_the_older() -> None:
    from generator.site.plugin import IndexJob

    job, events = IndexJob(), []

    def slow(cancelled: Callable[[], bool]) -> None:
        while not cancelled():
            time.sleep(0.01)
        events.append("first cancelled")
        raise search_index.CancelledError

    job.start(slow)
    job.start(lambda cancelled: events.append("second ran"))
    job.wait()
    assert events == ["first cancelled", "second ran"]


def test_analysis_reads_only_changed_docs(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [entry(f"p{i}/", f"words of page {i}") for i in range(5)]
    analysis = search_index.Analysis()
    assert search_index.build(docs, analysis) == search_index.build(docs)
    read: list[str] = []
    real = search_index.terms
    monkeypatch.setattr(search_index, "terms", lambda text, key: read.append(text) or real(text, key))
    docs[2] = entry("p2/", "other words")
    files = search_index.build(docs, analysis)
    assert read == ["other words", "p2/"]  # the changed doc's text and title, nothing else
    assert files == search_index.build(docs, search_index.Analysis())


# -- a sample site built as `readings serve` builds it ------------------------------------------------------------

@pytest.fixture
def serve_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Project, Path, Callable[[], None]]]:
    """The repository's docs in a temporary project, and a function that runs one dirty build as `mkdocs serve --dirty`
    does: the same plugin instances from build to build (MkDocs keeps those with ``on_startup``)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (tmp_path / "p").mkdir()
    project = Project.at(make_project(tmp_path / "p"))
    monkeypatch.chdir(project.root)  # as MkDocs runs: the Markdown extension finds the bibliography from here
    site = tmp_path / "preview"

    def config() -> object:
        return load_config(str(project.config_file), site_dir=str(site))

    def run() -> None:
        current = config()
        build(current, dirty=True)  # type: ignore[arg-type]
        current.plugins["readings"].index_job.wait()  # type: ignore[attr-defined]  # the index is written in a thread

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)  # type: ignore[attr-defined]
    try:
        yield project, site, run
    finally:
        first.plugins.on_shutdown()  # type: ignore[attr-defined]


def stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def search_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / search_index.FOLDER).rglob("*.js")}


def full_build(project: Project, into: Path) -> dict[str, bytes]:
    mkdocs_build(project, into)
    return search_files(into)


@pytest.mark.slow
def test_a_saved_reading_renders_that_page_only_and_the_index_stays_whole(serve_builds: tuple[Project, Path, Callable[[], None]],
                                                                         tmp_path: Path) -> None:
    project, site, build = serve_builds
    build()
    before = stamps(site)
    reading = project.reading_path(SEED_SLUG)
    text = reading.read_text(encoding="utf-8")
    note = next(line for line in text.splitlines() if line.startswith("[^"))
    reading.write_text(text.replace(note, note + " Zebrafinch.", 1), encoding="utf-8")
    build()
    after = stamps(site)
    changed = sorted(p for p in after if after[p] != before.get(p))
    assert f"readings/{SEED_SLUG}/index.html" in changed
    assert not [p for p in changed if p.startswith(("context/", "about/", "themes/"))], changed
    assert "Zebrafinch." in (site / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert search_files(site) == full_build(project, tmp_path / "full")  # as if everything had been built


@pytest.mark.slow
def test_what_reaches_many_pages_renders_them(serve_builds: tuple[Project, Path, Callable[[], None]],
                                               caplog: pytest.LogCaptureFixture) -> None:
    project, site, build = serve_builds
    build()
    page = f"readings/{SEED_SLUG}/index.html"
    # The bibliography: the readings that cite it show its entries.
    before = stamps(site)
    bibliography = project.bibliography_file
    bibliography.write_text(bibliography.read_text(encoding="utf-8").replace(
        "title: French fighters appear with Daesh in Afghanistan", "title: Zebrafinch fighters", 1), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.readings"):
        build()
    after = stamps(site)
    assert after[page] != before[page] and after["about/index.html"] == before["about/index.html"]
    assert "Zebrafinch fighters" in (site / page).read_text(encoding="utf-8")
    assert any("docs/sources.yaml changed" in r.getMessage() for r in caplog.records)
    # A template: every page.
    before = stamps(site)
    bump(project.overrides / "main.html", "{# changed #}\n")
    build()
    assert all(stamp != before[path] for path, stamp in stamps(site).items())


@pytest.mark.slow
def test_a_page_restored_with_an_older_time_is_rendered(serve_builds: tuple[Project, Path, Callable[[], None]]) -> None:
    project, site, build = serve_builds
    build()
    reading = project.reading_path(SEED_SLUG)
    old = reading.stat().st_mtime_ns - 10**12  # as `cp -p` or `mv backup.md page.md` would leave it
    text = reading.read_text(encoding="utf-8")
    note = next(line for line in text.splitlines() if line.startswith("[^"))
    reading.write_text(text.replace(note, note + " Restoredword.", 1), encoding="utf-8")
    os.utime(reading, ns=(old, old))
    build()
    assert "Restoredword." in (site / "readings" / SEED_SLUG / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_dirty_build_scans_what_it_wrote(serve_builds: tuple[Project, Path, Callable[[], None]],
                                           caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    project, _site, build = serve_builds
    build()
    (project.docs / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                              encoding="utf-8")
    with pytest.raises(Abort):
        build()
    assert any("drawing.svg:1:" in r.getMessage() and "<script>" in r.getMessage() for r in caplog.records)  # read as XML, namespace and all


@pytest.mark.slow
def test_a_removed_page_is_no_longer_served_or_found(serve_builds: tuple[Project, Path, Callable[[], None]]) -> None:
    project, site, build = serve_builds
    extra = project.docs / "scratch.md"
    extra.write_text("---\ntitle: Scratch\n---\n\n# Scratch\n\nQuokkaword here.\n", encoding="utf-8")
    image = project.docs / "scratch.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    build()
    assert (site / "scratch" / "index.html").is_file() and (site / "scratch.png").is_file()
    assert any(b"quokkaword" in data for data in search_files(site).values())
    extra.unlink()
    image.unlink()
    build()
    assert not (site / "scratch" / "index.html").exists() and not (site / "scratch.png").exists()
    assert not any(b"quokkaword" in data for data in search_files(site).values())


def test_the_preview_watches_changes_not_reads(tmp_path: Path) -> None:
    """Each build reads every page: were a read an event, every build would start the next one."""
    import watchdog.events

    from generator.site.mkdocs_serve import ChangesObserver

    page = tmp_path / "page.md"
    page.write_text("before\n", encoding="utf-8")
    seen: list[str] = []
    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = lambda event: seen.append(type(event).__name__)  # type: ignore[method-assign]
    observer = ChangesObserver(timeout=0.05)
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        time.sleep(0.3)
        page.read_text(encoding="utf-8")
        time.sleep(0.5)
        assert seen == []
        page.write_text("after\n", encoding="utf-8")
        deadline = time.monotonic() + 5
        while "FileModifiedEvent" not in seen and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "FileModifiedEvent" in seen
    finally:
        observer.stop()
        observer.join()
