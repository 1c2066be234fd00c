"""The ``readings`` MkDocs plugin (``plugins: [readings]`` in mkdocs.yml): the build's own safety checks.

Before the build it drops the Markdown extensions that let text set attributes
(Material's tags plugin adds ``attr_list``), refuses symbolic links anywhere in
the docs folder (MkDocs would publish what they point to, even outside the
project), file names that are not safe in an address, pages without YAML
front-matter and pages that choose their own template (which could skip the
site's head); generated pages lose their edit link; and it works out
who wrote each note from git (``site.provenance``), which each page's notes then
show; it gives each note its own search entry (``site.search``) and, unless
``search: material`` is set, replaces Material's whole-index search with the
sharded index of ``generator.search`` (our worker, in Material's UI); shows each rated
note's verdict, and has ``annotations.publish`` add each reading's W3C annotation
collection (linked from its head, written to ``annotations/``) and its ClaimReview
markup; after the build it
scans every HTML and SVG file it wrote (``site.scan``) and fails the build on
anything executable or on a page without the site's Content Security Policy.
A plain ``mkdocs build`` and ``readings build`` therefore agree.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.annotations.claimreview import with_verdicts
from generator.annotations.publish import Publisher, collection_path
from generator.bibliography import load as load_bibliography
from generator.cache import Cache
from generator.document.page import Page as DocPage
from generator.document.page import parse_page
from generator.document.schema import ReadingMeta
from generator.document.syntax import GENERATED_MARK
from generator.errors import InputError
from generator.project import READINGS_DIR, Project, unsafe_name
from generator.site.mkdocs import LOCK_HELD_ENV
from generator.site.provenance import NoteProvenance, imported, note_provenance, with_provenance
from generator.site.scan import scan_site
from generator.site.search import Entry, note_entries, with_notes, write_sharded

ATTRIBUTE_EXTENSIONS = {"attr_list", "md_in_html", "abbr"}


def symlinks(folder: Path) -> list[Path]:
    """Every symbolic link under ``folder`` (not followed)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found.append(path)
    return found


SEARCH_WORKER = "assets/javascripts/readings-search.js"  # overrides/: answers Material's search UI from the sharded index


class ReadingsConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
    """The plugin's options."""

    #: "sharded" (default): the search index is cut into pieces the browser loads as a query needs them
    #: (``generator.search``), answered by our worker in Material's search UI; "material": Material's own lunr
    #: search over the whole index, as without this plugin.
    search = config_options.Choice(("sharded", "material"), default="sharded")


class ReadingsPlugin(BasePlugin[ReadingsConfig]):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
    provenance: dict[str, dict[str, NoteProvenance]]
    repository: str = ""
    notes: dict[str, list[Entry]]
    publisher: Publisher
    readings: dict[str, DocPage]  # each reading page of this build, as the page format reads it

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.notes = {}  # kept between `mkdocs serve` builds, like Material's own index
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
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        project = Project.at(Path(str(config.config_file_path)).parent)
        bibliography, _problems = load_bibliography(project)  # its problems are readings check's to report
        self.publisher = Publisher(project, bibliography)
        self.readings = {}
        cache = Cache(project.cache_file)
        self.provenance = note_provenance(project, cache)
        if os.environ.get(LOCK_HELD_ENV):
            cache.save()  # `readings build` holds the project's lock for this build
        else:
            cache.save_unlocked(project)
        self.repository = str(config.extra.get("repository") or "").rstrip("/")
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
        if GENERATED_MARK in markdown:
            page.edit_url = None  # "edit the readings, not this page": no pencil leading to it
        if page.file.src_uri.startswith(f"{READINGS_DIR}/") and page.file.src_uri.count("/") == 1:
            with contextlib.suppress(InputError):  # readings check reports it; the page still builds as MkDocs reads it
                self.readings[page.file.src_uri] = parse_page(page.file.content_string, page.file.src_uri)
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        notes = dict(self.provenance.get(page.file.src_uri, {}))
        reading = self.readings.get(page.file.src_uri)
        meta = reading.typed(ReadingMeta)[0] if reading is not None else None
        if meta is not None:  # an imported note's author and date, not the committer's
            notes.update(imported({i: (o.by, o.date.isoformat(), o.via) for i, o in meta.note_origins.items()}))
        html = with_provenance(html, notes, self.repository)
        if meta is not None:
            html = with_verdicts(html, meta.ratings)
        self.notes.pop(page.url, None)
        entries = note_entries(html, page.url)
        if entries:
            self.notes[page.url] = entries
        return html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        reading = self.readings.get(page.file.src_uri)
        if reading is None or "</head>" not in output:
            return output
        slug = Path(page.file.src_uri).stem
        link = get_relative_url(collection_path(slug), page.url)
        head = self.publisher.page(slug, reading, self.provenance.get(page.file.src_uri, {}), link)
        return output.replace("</head>", head + "</head>", 1)

    @event_priority(-50)  # after Material's search plugin has written its index, before the offline plugin inlines it
    def _write_outputs(self, *, config: MkDocsConfig) -> None:
        self.publisher.write(Path(config.site_dir))
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            text = with_notes(index.read_text(encoding="utf-8"), self.notes)
            if self.config.search == "sharded":
                text = write_sharded(Path(config.site_dir), text)
            index.write_text(text, encoding="utf-8")

    @event_priority(-200)  # last: what every other plugin wrote is scanned too
    def _scan(self, *, config: MkDocsConfig) -> None:
        policy = str(config.extra.get("content_security_policy") or "")
        problems = scan_site(Path(config.site_dir), policy)
        if problems:
            raise PluginError("the built site holds what must never reach a reader:\n" + "\n".join(p.format() for p in problems))

    on_post_build = CombinedEvent(_write_outputs, _scan)
