"""The ``readings`` MkDocs plugin (``plugins: [readings]`` in mkdocs.yml): the build's own safety checks.

Before the build it drops the Markdown extensions that let text set attributes
(Material's tags plugin adds ``attr_list``), refuses symbolic links anywhere in
the docs folder (MkDocs would publish what they point to, even outside the
project), file names that are not safe in an address, pages without YAML
front-matter and pages that choose their own template (which could skip the
site's head); generated pages lose their edit link; and it works out
who wrote each note from git (``site.provenance``), which each page's notes then
show, linked to the writer's entry on the people page (``docs/people.yaml``, whose entries'
anchors it sets there: ``site.people``); it gives each note its own search entry (``site.search``) and, unless
``search: material`` is set, replaces Material's whole-index search with the
sharded index of ``generator.search`` (our worker, in Material's UI); shows each rated
note's verdict, and has ``annotations.publish`` add each reading's W3C annotation
collection (linked from its head, written to ``annotations/``) and its ClaimReview
markup; after the build it
scans every HTML and SVG file it wrote (``site.scan``) and fails the build on
anything executable or on a page without the site's Content Security Policy.
A plain ``mkdocs build`` and ``readings build`` therefore agree.

Under ``mkdocs serve --dirty`` (what ``readings serve`` runs) the instance lives
from one build to the next (it defines ``on_startup``): MkDocs renders only the
pages whose Markdown changed, and this plugin renders the pages a template,
the configuration, the bibliography or a commit (the notes' provenance) reaches
(``site.preview``, saying why) and pages restored with an older time, removes
what deleted files left, keeps every page's search entries
(``site.search.SearchEntries``) and each doc's terms (``search.index.Analysis``),
writes the search index in a background job after the build (only the files
that changed; a newer build cancels it), and scans only the files the build
wrote (everything after a failed build). A dirty build outside ``mkdocs serve``
has no earlier build in memory and renders every page.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import jinja2
import jinja2.bccache
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.annotations.claimreview import with_verdicts
from generator.annotations.publish import Publisher, collection_path
from generator.bibliography import load as load_bibliography
from generator.bibliography.cite import CitationError, configured_style, prepare
from generator.cache import Cache
from generator.document import correction_refs, read
from generator.document.counts import LENGTH_META, measure
from generator.document.direction import LANGUAGES_META, languages
from generator.document.page import Page as DocPage
from generator.document.page import parse_page
from generator.document.schema import DRAFT_META, NOINDEX_META, ReadingMeta, is_draft
from generator.document.syntax import GENERATED_MARK, is_generated
from generator.errors import InputError
from generator.people import PEOPLE_PAGE
from generator.people import load as load_people
from generator.project import ARCHIVED_PAGES_DIR, READINGS_DIR, STALE_AFTER_YEARS, Project, unsafe_name
from generator.search.index import Analysis, CancelledError
from generator.site.archived import ArchiveLink, archive_links, with_archive_links
from generator.site.direction import with_languages
from generator.site.generated import archived_page, archived_pages
from generator.site.mkdocs import LOCK_HELD_ENV
from generator.site.people import rename_anchors
from generator.site.preview import Inputs, Rebuild, plan, stale_outputs
from generator.site.provenance import NoteProvenance, history_key, imported, note_provenance, with_provenance
from generator.site.report import Report, report_html, with_report_links
from generator.site.scan import scan_site
from generator.site.search import Entry, SearchEntries, note_entries, write_sharded

ATTRIBUTE_EXTENSIONS = {"attr_list", "md_in_html", "abbr"}


def symlinks(folder: Path) -> list[Path]:
    """Every symbolic link under ``folder`` (not followed)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found.append(path)
    return found


log = logging.getLogger("mkdocs.plugins.readings")

SEARCH_WORKER = "assets/javascripts/readings-search.js"  # overrides/: answers Material's search UI from the sharded index


class ReadingsConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
    """The plugin's options."""

    #: "sharded" (default): the search index is cut into pieces the browser loads as a query needs them
    #: (``generator.search``), answered by our worker in Material's search UI; "material": Material's own lunr
    #: search over the whole index, as without this plugin.
    search = config_options.Choice(("sharded", "material"), default="sharded")
    #: Years after which a present-tense fact about something that changes ("is run by", "is active"), when all its
    #: sources are older, is warned about by ``readings check`` unless dated ("as of …"). Read by ``SiteConfig`` too.
    stale_after_years = config_options.Type(int, default=STALE_AFTER_YEARS)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory from one build to the next (a template whose source changed compiles again)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class IndexJob:
    """A dirty build's sharded index, written in a thread: the build returns, and the browser reloads the edited page,
    before the index is done (seconds, at thousands of readings). A newer build's job cancels an older one."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self, work: Callable[[Callable[[], bool]], None]) -> None:
        self.stop()
        stop = self._stop = threading.Event()

        def run() -> None:
            try:
                work(stop.is_set)
            except CancelledError:
                pass
            except Exception as exc:  # a thread's error would vanish: say it where the preview's messages go
                log.error(f"readings: the search index was not updated: {type(exc).__name__}: {exc}")

        self._thread = threading.Thread(target=run, name="readings-search-index", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def stop(self) -> None:
        self._stop.set()
        self.wait()


def _stamp(path: Path) -> tuple[int, int]:
    """A file's modification time and size ((0, 0) when it is gone)."""
    try:
        info = path.stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    # MkDocs warns on every dirty build that other pages may be stale (a warning fails a strict build); the plugin
    # rebuilds the pages that a change reaches and says so instead.
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class ReadingsPlugin(BasePlugin[ReadingsConfig]):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
    provenance: dict[str, dict[str, NoteProvenance]]
    repository: str = ""
    publisher: Publisher
    project: Project
    readings: dict[str, DocPage]  # each reading page of this build, as the page format reads it
    built: set[str]  # the URLs of the pages this build rendered
    present: list[str]  # the URLs of every page of this build, in MkDocs' order
    archives: dict[str, list[ArchiveLink]]  # each bibliography entry's archived copies (site.archived)

    def __init__(self) -> None:
        super().__init__()
        self.serving = False
        self.dirty = False
        self.built_for: tuple[str, str] | None = None
        self.index_job = IndexJob()
        self.archives = {}
        self.pending: Callable[[Callable[[], bool]], None] | None = None  # the index job of the build under way
        self._forget()

    def _forget(self) -> None:  # (the index job is stopped first: it uses what is forgotten here)
        """Start afresh: what is kept from one build to the next under `mkdocs serve` (on_startup keeps the instance,
        for the whole process: a build of another configuration or into another folder must not inherit it)."""
        self.notes: dict[str, list[Entry]] = {}  # each reading's note entries, by page URL
        self.languages: dict[str, str] = {}  # each page's language (front-matter ``language``), by page URL: search
        self.site_language = "en"  # theme.language: the language of the pages that declare none
        self.entries = SearchEntries()
        self.analysis = Analysis()
        self.written: dict[str, int] = {}  # the search files the last dirty build wrote
        self.inputs: Inputs | None = None
        self.outputs: dict[str, Path] = {}  # each page's built file, by docs-relative path
        self.writing: set[Path] = set()  # what this dirty build writes (its pages and copied files)
        self.scan_all = True  # the next dirty build's scan reads the whole site (the first, or one after a failure)
        self.history: str | None = None  # the commit the provenance was worked out at
        self.everything = True  # this dirty build renders every page
        self.rendering: set[str] = set()  # the pages this dirty build renders
        self.rendered: dict[str, tuple[int, int]] = {}  # each page's Markdown (time, size) when last rendered
        self.copied: set[Path] = set()  # the files the last build copied (not pages)
        self.reattributed: frozenset[str] = frozenset()  # pages whose notes' provenance a commit changed
        self.provenance = {}
        self.bytecode = MemoryBytecodeCache()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        if dirty and self.serving:
            logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)

    def on_shutdown(self) -> None:
        self.index_job.stop()
        logging.getLogger("mkdocs.commands.build").removeFilter(_not_the_dirty_warning)
        self.serving = self.dirty = False
        self.built_for = None
        self._forget()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.config.search == "sharded":
            config.extra["readings_search_worker"] = SEARCH_WORKER  # read by overrides/base.html's #__config
        # Extensions that let page text set attributes and ids ({: onclick=…}, {#"><…}): Material's tags plugin
        # adds attr_list by itself. The sanitiser would strip what they add; better that they add nothing.
        config.markdown_extensions = [name for name in config.markdown_extensions
                                      if str(name).rsplit(".", 1)[-1] not in ATTRIBUTE_EXTENSIONS]
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        docs = Path(config.docs_dir).name
        bad = [(f.src_uri, unsafe_name(f.src_uri)) for f in files if unsafe_name(f.src_uri)]
        if bad:
            raise PluginError("\n".join(f"{docs}/{uri}:1:1: error: the name '{part}' has characters a page address cannot"
                                        " carry safely: use letters, digits, '-', '_' and '.' only [bad-file-name]"
                                        for uri, part in bad))
        pages = files.documentation_pages()
        self.present = [f.url for f in pages]
        self.built = set()
        outputs = {f.src_uri: Path(f.abs_dest_path) for f in pages}
        copied = {Path(f.abs_dest_path) for f in files if f.src_uri not in outputs}
        if self.dirty:
            gone = [path for uri, path in self.outputs.items() if uri not in outputs] + sorted(self.copied - copied)
            self._invalidate(config, outputs, gone, lambda: {f.src_uri: f.content_string for f in pages})
            self.rendering, self.writing = set(), set()
            for file in files:
                self._decide(file, file.src_uri in outputs)
        self.outputs, self.copied = outputs, copied
        self._prepare_citations([f.content_string for f in pages if not self.dirty or f.is_modified()])
        return files

    def _prepare_citations(self, texts: list[str]) -> None:
        """Every page's citations formatted before the pages render: one pandoc process per build (not one per page),
        and none for pages whose citations the project's cache holds."""
        project = self.project
        bibliography, _problems = load_bibliography(project)
        cache = Cache(project.cache_file)
        try:
            prepare(texts, bibliography, configured_style(project.config.markdown_extensions), cache)
        except CitationError as exc:  # the style named in mkdocs.yml: one located line, nothing built
            raise PluginError(f"{project.rel(project.config_file)}:1:1: error: {exc} [csl-style]") from exc
        if os.environ.get(LOCK_HELD_ENV):
            cache.save()
        else:
            cache.save_unlocked(project)

    def _decide(self, file: File, page: bool) -> None:
        """Whether a dirty build renders the page (or copies the file), decided once. MkDocs asks twice for a page (to
        read it, then to write it): a page saved between the two would be written unread and fail the build. MkDocs
        renders a page whose Markdown is newer than its HTML; a page restored from a copy (an older time) differs from
        what was rendered last, and is rendered too."""
        stamp = _stamp(Path(str(file.abs_src_path))) if page else None
        modified = file.is_modified() or (page and self.rendered.get(file.src_uri, stamp) != stamp)
        file.is_modified = lambda: modified  # type: ignore[method-assign]  # this instance answers, not the class
        if modified:
            self.writing.add(Path(file.abs_dest_path))
        if modified and stamp is not None:
            self.rendering.add(file.src_uri)
            self.rendered[file.src_uri] = stamp

    def _saved_meanwhile(self) -> None:
        """A page saved while this build rendered an older version of it: remove its HTML, so that the build that
        the save triggers renders it again (its HTML is newer than the save, and would be taken as current)."""
        for uri in self.rendering:
            if _stamp(self.project.docs / uri) != self.rendered[uri]:
                self.outputs[uri].unlink(missing_ok=True)

    def _invalidate(self, config: MkDocsConfig, outputs: dict[str, Path], gone: list[Path],
                    sources: Callable[[], dict[str, str]]) -> None:
        """Remove the HTML of the pages a dirty build must render although their Markdown did not change (and what
        files that are ``gone`` left in the site)."""
        inputs = Inputs.snapshot(self.project, sorted({Path(str(config.config_file_path)), self.project.config_file}))
        if self.serving:
            rebuild = plan(self.inputs, inputs, self.project, sources)
        else:
            rebuild = Rebuild(everything=True, reasons=["a dirty build outside `mkdocs serve` knows no earlier build:"
                                                        " every page is rebuilt"])
        if self.reattributed:  # a commit changed who wrote some notes: their pages show it
            rebuild = Rebuild(rebuild.everything, rebuild.pages | self.reattributed,
                              [*rebuild.reasons, f"a commit changed the notes' history: {len(self.reattributed)} page(s) rebuilt"])
        for path in stale_outputs(rebuild, outputs, gone):
            path.unlink(missing_ok=True)
        for reason in rebuild.reasons:
            log.info(f"readings: {reason}")
        self.everything = rebuild.everything or self.inputs is None
        self.inputs = inputs

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        if self.dirty:
            # Each build of `mkdocs serve` makes a new environment: keep the compiled templates (Jinja recompiles a
            # template whose source changed), and leave the pages that only templates change (404.html, the
            # sitemap) as they are unless every page is rebuilt.
            env.bytecode_cache = self.bytecode
            if not self.everything:
                config.theme.static_templates.clear()
        return env

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        project = self.project = Project.at(Path(str(config.config_file_path)).parent)
        self.index_job.stop()  # a newer build is wanted: its own job will write the index
        self.pending = None
        self.reattributed = frozenset()
        if self.built_for != (str(config.config_file_path), str(config.site_dir)):
            self._forget()
            self.built_for = (str(config.config_file_path), str(config.site_dir))
        bibliography, _problems = load_bibliography(project)  # its problems are readings check's to report
        self.people, _people_problems = load_people(project)  # its problems are readings check's to report
        self.publisher = Publisher(project, bibliography, self.people)
        # The review line of a reading (overrides/partials/reading-header.html) links each reviewer named by id to
        # their entry: the name and the anchor, by id (the template escapes both).
        config.extra["readings_people"] = {p.id: {"name": p.name, "anchor": p.anchor} for p in self.people.entries.values()}
        archive_cache = Cache(project.cache_file)
        copies, _problems = archived_pages(project, bibliography, archive_cache)  # (readings check reports them too)
        self.archives = {key: copies_of for key, entry in bibliography.entries.items()
                         if (copies_of := archive_links(entry, copies[key][0] if key in copies else None,
                                                    archived_page(key)))}
        if os.environ.get(LOCK_HELD_ENV):
            archive_cache.save()
        else:
            archive_cache.save_unlocked(project)
        self.readings = {}
        history = history_key(project) if self.dirty else None
        if history is None or history != self.history:  # only a commit changes who wrote which note
            cache = Cache(project.cache_file)
            before = self.provenance if self.history is not None else None
            self.provenance = note_provenance(project, cache)
            self.reattributed = frozenset() if before is None else frozenset(
                uri for uri in before.keys() | self.provenance.keys() if before.get(uri) != self.provenance.get(uri))
            if os.environ.get(LOCK_HELD_ENV):
                cache.save()  # `readings build` holds the project's lock for this build
            else:
                cache.save_unlocked(project)
            self.history = history
        self.repository = project.config.repository  # extra.repository, read and checked once (project.SiteConfig)
        docs = Path(config.docs_dir)
        links = symlinks(docs)
        if links:
            raise PluginError("\n".join(f"{docs.name}/{p.relative_to(docs).as_posix()}:1:1: error: a symbolic link in the docs"
                                        " folder would publish what it points to; replace it with the file itself [symlink]"
                                        for p in links))

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        # A page that picks its own template (Material's redirect.html, or a bare partial) could skip the site's head.
        if "template" in page.meta:
            raise PluginError(f"{Path(config.docs_dir).name}/{page.file.src_uri}:1:1: error: 'template' is not allowed in"
                              " front-matter: every page is built with the site's templates [unknown-key]")
        if not page.file.content_string.startswith("---"):
            raise PluginError(f"{Path(config.docs_dir).name}/{page.file.src_uri}:1:1: error: a page starts with YAML"
                              " front-matter between '---' lines: without it, MkDocs reads 'Key: value' lines at the top"
                              " as metadata [front-matter]")
        if is_generated(markdown):
            page.edit_url = None  # "edit the readings, not this page": no pencil leading to it
        is_reading = page.file.src_uri.startswith(f"{READINGS_DIR}/") and page.file.src_uri.count("/") == 1
        if is_reading:
            with contextlib.suppress(InputError):  # readings check reports it; the page still builds as MkDocs reads it
                self.readings[page.file.src_uri] = parse_page(page.file.content_string, page.file.src_uri)
        # The templates' one source for "draft" (banner, noindex, sitemap), set on every page so front-matter cannot
        # set it: a reading is a draft by ``is_draft``, a reading whose front-matter cannot be read is one too.
        reading = self.readings.get(page.file.src_uri)
        page.meta[DRAFT_META] = is_reading and (reading is None or is_draft(reading.typed(ReadingMeta)[0]))
        page.meta[NOINDEX_META] = page.meta[DRAFT_META] or page.file.src_uri.startswith(f"{ARCHIVED_PAGES_DIR}/")
        # The lang/dir of the article text and of the desk's words (document.direction), set on every page from the
        # checked front-matter so that front-matter cannot set it: templates print only these.
        reading_language = reading.typed(ReadingMeta)[0].language if reading is not None else ""
        page.meta[LANGUAGES_META] = languages(reading_language, self.project.config.language).as_meta()
        # "1122 words", "155 characters": the unit follows the script, as the count does (document.counts).
        page.meta[LENGTH_META] = measure(read.article_text(reading.body)).label if reading is not None else ""
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        notes = dict(self.provenance.get(page.file.src_uri, {}))
        reading = self.readings.get(page.file.src_uri)
        meta = reading.typed(ReadingMeta)[0] if reading is not None else None
        if meta is not None:  # an imported note's author and date, not the committer's
            notes.update(imported({i: (o.by, o.date.isoformat(), o.via) for i, o in meta.note_origins.items()}))
        people_page = files.get_file_from_path(PEOPLE_PAGE)
        links = {}
        if people_page is not None:
            base = get_relative_url(people_page.url, page.url)
            links = {name: f"{base}#{person.anchor}" for name, person in self.people.by_git_name().items()}
        html = with_provenance(html, notes, self.repository, links)
        html = with_archive_links(html, self._archive_hrefs(page, files))
        if page.file.src_uri == PEOPLE_PAGE and GENERATED_MARK in page.file.content_string:
            html = rename_anchors(html, page.toc, self.people)
        if meta is not None and reading is not None:
            html = with_verdicts(html, meta.ratings, read.page_notes(reading.body), meta.authors)
            # "Report an error" on every note, and on the reading (its template prints page.report_error: our HTML).
            slug = Path(page.file.src_uri).stem
            address = self.project.reading_url(slug) or f"{READINGS_DIR}/{slug}/"
            contact = self.project.config.publisher.contact
            html = with_report_links(html, meta.title, address, self.repository, contact)
            page.report_error = report_html(Report(meta.title, address), self.repository, contact)  # type: ignore[attr-defined]
            html = with_languages(html, languages(meta.language, self.project.config.language))
            # A correction's text, with its [^id] references linked to the notes (correction_refs): escaped HTML the
            # template prints in place of the raw text.
            known = correction_refs.numbers(reading)
            page.corrections_html = [correction_refs.as_html(c.text, known) for c in meta.corrections]  # type: ignore[attr-defined]
        self.built.add(page.url)
        language = meta.language if meta is not None else page.meta.get("language")
        if isinstance(language, str) and language:
            self.languages[page.url] = language  # its search analyser (``search.languages``)
        else:
            self.languages.pop(page.url, None)
        self.notes.pop(page.url, None)
        entries = note_entries(html, page.url)
        if entries:
            self.notes[page.url] = entries
        return html

    def _archive_hrefs(self, page: Page, files: Files) -> dict[str, list[tuple[str, str]]]:
        """Each entry's archived copies as (href relative to ``page``, label); a readable copy only if it is built."""
        hrefs: dict[str, list[tuple[str, str]]] = {}
        for key, links in self.archives.items():
            for link in links:
                if link.local:
                    built = files.get_file_from_path(link.target)
                    if built is None:
                        continue
                    hrefs.setdefault(key, []).append((get_relative_url(built.url, page.url), link.label))
                else:
                    hrefs.setdefault(key, []).append((link.target, link.label))
        return hrefs

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        reading = self.readings.get(page.file.src_uri)
        if reading is None or "</head>" not in output:
            return output
        slug = Path(page.file.src_uri).stem
        link = get_relative_url(collection_path(slug), page.url)
        head = self.publisher.page(slug, reading, self.provenance.get(page.file.src_uri, {}), link)
        return output.replace("</head>", head + "</head>", 1)

    def on_build_error(self, *, error: Exception) -> None:
        self.scan_all = True  # what this build wrote before it failed was never scanned
        self.rendered = {}  # nor is it known which pages were written

    @event_priority(50)  # before Material's search plugin writes its index
    def _only_this_build(self, *, config: MkDocsConfig) -> None:
        # Under dirty builds Material's search plugin writes every entry it has seen (tens of MB at thousands of
        # readings, each build); this plugin keeps every page's entries itself and takes only the built pages'.
        search = config.plugins.get("material/search")
        if self.dirty and search is not None and hasattr(search, "search_index_prev"):
            search.search_index_prev = None

    @event_priority(-50)  # after Material's search plugin has written its index, before the offline plugin inlines it
    def _write_outputs(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        if self.dirty:
            self._saved_meanwhile()
        self.publisher.write(site)
        present = set(self.present)
        self.notes = {url: entries for url, entries in self.notes.items() if url in present}
        self.languages = {url: language for url, language in self.languages.items() if url in present}
        self.site_language = str(config.theme.get("language") or "en")
        index = site / "search" / "search_index.json"
        if index.is_file():
            data = json.loads(index.read_text(encoding="utf-8"))
            docs = self.entries.update(data.get("docs", []), self.notes, self.built, self.present, full=not self.dirty)
            if self.config.search == "sharded":
                if self.dirty and self.serving:
                    self.pending = functools.partial(self._update_index, site, docs, dict(self.languages),
                                                     self.site_language)  # started once the build is done
                else:
                    write_sharded(site, docs, self.analysis, self.written if self.dirty else None,
                                  languages=dict(self.languages), default=self.site_language)
                docs = []  # the page still loads Material's index for its configuration; the worker loads the pieces
            data["docs"] = docs
            index.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")

    def _update_index(self, site: Path, docs: list[Entry], languages: dict[str, str], default: str,
                      cancelled: Callable[[], bool]) -> None:
        start = time.perf_counter()
        count = write_sharded(site, docs, self.analysis, self.written, cancelled, languages, default)
        log.info(f"readings: search index updated in {time.perf_counter() - start:.1f} s ({count} file(s) rewritten)")

    @event_priority(-200)  # last: what every other plugin wrote is scanned too
    def _scan(self, *, config: MkDocsConfig) -> None:
        policy = str(config.extra.get("content_security_policy") or "")
        site = Path(config.site_dir)
        only = None
        if self.dirty and not self.everything and not self.scan_all:
            # What this dirty build wrote: its pages, the files it copied, the search index. (A published site is
            # built whole, and scanned whole.)
            only = {*self.writing, site / "search" / "search_index.json"}
        self.scan_all = False
        problems = scan_site(site, policy, only=only)
        if problems:
            self.scan_all = True
            raise PluginError("the built site holds what must never reach a reader:\n" + "\n".join(p.format() for p in problems))

    @event_priority(-300)  # after the scan: a thread that computes would slow it down many times (Python's GIL)
    def _start_index(self, *, config: MkDocsConfig) -> None:
        if self.pending is not None:
            self.index_job.start(self.pending)
            self.pending = None

    on_post_build = CombinedEvent(_only_this_build, _write_outputs, _scan, _start_index)
