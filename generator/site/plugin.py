"""The ``readings`` MkDocs plugin (``plugins: [readings]`` in mkdocs.yml): the build's own safety checks.

Before the build it drops the Markdown extensions that let text set attributes
(Material's tags plugin adds ``attr_list``), refuses symbolic links anywhere in
the docs folder (MkDocs would publish what they point to, even outside the
project), file names that are not safe in an address, pages without YAML
front-matter and pages that choose their own template (which could skip the
site's head); generated pages lose their edit link; and it works out
who wrote each note from git (``site.provenance``), which each page's notes then
show; it gives each note its own search entry (``site.search``); after the build it
scans every HTML and SVG file it wrote (``site.scan``) and fails the build on
anything executable or on a page without the site's Content Security Policy.
A plain ``mkdocs build`` and ``readings build`` therefore agree.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.cache import Cache
from generator.document.syntax import GENERATED_MARK
from generator.project import Project, unsafe_name
from generator.site.mkdocs import LOCK_HELD_ENV
from generator.site.provenance import NoteProvenance, note_provenance, with_provenance
from generator.site.scan import scan_site
from generator.site.search import Entry, note_entries, with_notes

ATTRIBUTE_EXTENSIONS = {"attr_list", "md_in_html", "abbr"}


def symlinks(folder: Path) -> list[Path]:
    """Every symbolic link under ``folder`` (not followed)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found.append(path)
    return found


class ReadingsConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
    """The plugin takes no options."""


class ReadingsPlugin(BasePlugin[ReadingsConfig]):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
    provenance: dict[str, dict[str, NoteProvenance]]
    repository: str = ""
    notes: dict[str, list[Entry]]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.notes = {}  # kept between `mkdocs serve` builds, like Material's own index
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
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        html = with_provenance(html, self.provenance.get(page.file.src_uri, {}), self.repository)
        self.notes.pop(page.url, None)
        entries = note_entries(html, page.url)
        if entries:
            self.notes[page.url] = entries
        return html

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            index.write_text(with_notes(index.read_text(encoding="utf-8"), self.notes), encoding="utf-8")
        policy = str(config.extra.get("content_security_policy") or "")
        problems = scan_site(Path(config.site_dir), policy)
        if problems:
            raise PluginError("the built site holds what must never reach a reader:\n" + "\n".join(p.format() for p in problems))
